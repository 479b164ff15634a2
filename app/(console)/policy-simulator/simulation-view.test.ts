import { describe, expect, it } from "vitest";
import { simulateCustomPolicy } from "@/lib/iam/policy";
import type { ListPoliciesForSimulationOutput } from "@/lib/iam/simulator";
import {
  contextEntriesFromRows,
  contextKeyType,
  customPolicies,
  exclusionsFor,
  highlightsByPolicy,
  mergeContextKeys,
  resourceArnsFromText,
  resultRows,
  type ContextKeyRow,
} from "./simulation-view";

describe("the form as request members", () => {
  it("reads resource ARNs one per line, * when none", () => {
    expect(resourceArnsFromText("  arn:aws:s3:::a\n\narn:aws:s3:::b/* , arn:aws:s3:::c ")).toEqual(["arn:aws:s3:::a", "arn:aws:s3:::b/*", "arn:aws:s3:::c"]);
    expect(resourceArnsFromText(" \n ")).toEqual(["*"]);
  });

  it("sends the context rows that have a key and values", () => {
    const rows: ContextKeyRow[] = [
      { key: " aws:SourceIp ", type: "ipList", values: "10.0.0.1, 192.0.2.0/24", referenced: true },
      { key: "aws:MultiFactorAuthPresent", type: "boolean", values: " ", referenced: true },
      { key: "", type: "string", values: "orphan", referenced: false },
    ];
    expect(contextEntriesFromRows(rows)).toEqual([
      { ContextKeyName: "aws:SourceIp", ContextKeyValues: ["10.0.0.1", "192.0.2.0/24"], ContextKeyType: "ipList" },
    ]);
  });

  it("types context keys from the catalog's types", () => {
    expect(contextKeyType("Bool")).toBe("boolean");
    expect(contextKeyType("ArrayOfARN")).toBe("stringList");
    expect(contextKeyType("IPAddress")).toBe("ip");
    expect(contextKeyType(undefined)).toBe("string");
  });
});

describe("mergeContextKeys", () => {
  const typeOf = (key: string) => (key === "aws:MultiFactorAuthPresent" ? "boolean" : "string");

  it("adds the new keys, keeps filled-in and hand-added rows, drops stale empty ones", () => {
    const rows: ContextKeyRow[] = [
      { key: "aws:username", type: "string", values: "", referenced: true },
      { key: "aws:SourceIp", type: "ip", values: "10.0.0.1", referenced: true },
      { key: "s3:prefix", type: "string", values: "", referenced: false },
      { key: "AWS:MultiFactorAuthPresent", type: "boolean", values: "true", referenced: true },
    ];
    expect(mergeContextKeys(rows, ["aws:MultiFactorAuthPresent", "aws:PrincipalTag/team"], typeOf)).toEqual([
      { key: "aws:SourceIp", type: "ip", values: "10.0.0.1", referenced: true },
      { key: "s3:prefix", type: "string", values: "", referenced: false },
      { key: "AWS:MultiFactorAuthPresent", type: "boolean", values: "true", referenced: true },
      { key: "aws:PrincipalTag/team", type: "string", values: "", referenced: true },
    ]);
  });

  it("marks a hand-added key as referenced once a policy uses it", () => {
    const rows: ContextKeyRow[] = [{ key: "aws:MultiFactorAuthPresent", type: "boolean", values: "", referenced: false }];
    expect(mergeContextKeys(rows, ["aws:MultiFactorAuthPresent"], typeOf)).toEqual([{ ...rows[0], referenced: true }]);
  });
});

describe("exclusionsFor", () => {
  const listing: ListPoliciesForSimulationOutput = {
    PolicySourceArn: "arn:aws:iam::123456789012:user/bob",
    Policies: [
      {
        SourcePolicyId: "DeveloperAccess",
        PolicyName: "DeveloperAccess",
        PolicyType: "user-managed",
        PolicyArn: "arn:aws:iam::123456789012:policy/DeveloperAccess",
        AttachmentType: "group",
        AttachmentName: "Developers",
        Via: "Developers",
        Document: "{}",
        Exclusion: { PolicyArn: "arn:aws:iam::123456789012:policy/DeveloperAccess" },
      },
      {
        SourcePolicyId: "user_bob_Inline",
        PolicyName: "Inline",
        PolicyType: "inline",
        AttachmentType: "user",
        AttachmentName: "bob",
        Document: "{}",
        Exclusion: { InlinePolicyIdentifier: { PolicyName: "Inline", AttachmentType: "user", AttachmentName: "bob" } },
      },
    ],
    PermissionsBoundary: {
      SourcePolicyId: "Boundary",
      PolicyName: "Boundary",
      PolicyType: "user-managed",
      AttachmentType: "user",
      AttachmentName: "bob",
      Document: "{}",
      Exclusion: { PolicyType: "permission-boundary" },
    },
  };

  it("leaves out the policies not ticked, and the boundary unless ticked", () => {
    expect(exclusionsFor(listing, new Set(["DeveloperAccess", "user_bob_Inline"]), true)).toEqual([]);
    expect(exclusionsFor(listing, new Set(["user_bob_Inline"]), false)).toEqual([
      { PolicyArn: "arn:aws:iam::123456789012:policy/DeveloperAccess" },
      { PolicyType: "permission-boundary" },
    ]);
  });
});

describe("results", () => {
  const allowWithMfa =
    '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}\n  ]\n}';
  const denyDelete = '{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"}]}';
  const documents = [allowWithMfa, denyDelete];
  const response = simulateCustomPolicy(
    { PolicyInputList: documents, ActionNames: ["s3:GetObject", "s3:DeleteBucket"] },
    { accountId: "123456789012" },
  );

  it("gives one row per action and resource, with the decision and the missing keys", () => {
    const rows = resultRows(response);
    expect(rows.map((r) => [r.action, r.resource, r.decision])).toEqual([
      ["s3:GetObject", "*", "implicitDeny"],
      ["s3:DeleteBucket", "*", "explicitDeny"],
    ]);
    expect(rows[0]).toMatchObject({ id: "s3:GetObject\u0000*", service: "s3", missingContextValues: ["aws:MultiFactorAuthPresent"] });
    expect(rows[1].matchedStatements).toEqual([expect.objectContaining({ SourcePolicyId: "PolicyInputList.2", SourcePolicyType: "IAM Policy" })]);
  });

  it("gives one row per resource when ARNs are given", () => {
    const perResource = simulateCustomPolicy(
      { PolicyInputList: [denyDelete], ActionNames: ["s3:DeleteBucket"], ResourceArns: ["arn:aws:s3:::a", "arn:aws:s3:::b"] },
      { accountId: "123456789012" },
    );
    expect(resultRows(perResource).map((r) => [r.resource, r.decision])).toEqual([
      ["arn:aws:s3:::a", "explicitDeny"],
      ["arn:aws:s3:::b", "explicitDeny"],
    ]);
  });

  it("groups the statements to highlight by policy: the match, and the near miss with its failing element", () => {
    const [getObject, deleteBucket] = resultRows(response);
    const policies = customPolicies(documents);

    const denied = highlightsByPolicy(deleteBucket, policies);
    expect(denied.map((g) => g.policy.name)).toEqual(["Policy 2"]);
    expect(denied[0].highlights).toEqual([expect.objectContaining({ kind: "matched", sourcePolicyId: "PolicyInputList.2" })]);

    const nearly = highlightsByPolicy(getObject, policies);
    expect(nearly.map((g) => g.policy.name)).toEqual(["Policy 1"]);
    const [miss] = nearly[0].highlights;
    expect(miss.kind).toBe("nearMiss");
    if (miss.kind !== "nearMiss") return;
    expect(miss.statement.failed).toBe("condition");
    // The statement's own range in the document, for the editor.
    expect(miss.statement.range.start).toEqual({ line: 4, column: 5 });
  });
});
