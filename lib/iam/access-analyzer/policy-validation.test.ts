import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { iamArn } from "../arns";
import { DEMO_ACCOUNT_ID } from "../bootstrap/demo-account";
import { putGroupPolicy, putRolePolicy, putUserPolicy } from "../inline-policies";
import { createPolicy } from "../policies";
import { createPolicyVersion } from "../policy-versions";
import { callerWithPolicies, expectError, implicitDeny, policyDocument, rootCaller, setupDemoAccount } from "../testing";
import { listPolicyValidationFindings, type PolicyValidationResult } from "./policy-validation";

// Policy validation findings over the account: every customer managed policy's default version
// and every inline policy, validated as Access Analyzer's ValidatePolicy does, with locations in
// the stored text; per-kind permissions, the finding type and policy type filters, and paging.

const ACCT = DEMO_ACCOUNT_ID;
let prisma: Db;

const doc = (statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements }, null, 2);

// A security warning (iam:PassRole on every role) on line 6 of the stored text.
const PASS_ANY_ROLE = doc([{ Sid: "Pass", Effect: "Allow", Action: "iam:PassRole", Resource: "*" }]);
// A suggestion: s3:GetObject is redundant beside s3:Get*.
const REDUNDANT = doc([{ Effect: "Allow", Action: ["s3:Get*", "s3:GetObject"], Resource: "*" }]);
// An error: no such service; IAM stores it anyway.
const NO_SUCH_SERVICE = doc([{ Effect: "Allow", Action: "nosuchservice:DoThings", Resource: "*" }]);
const CLEAN = doc([{ Effect: "Allow", Action: "s3:ListAllMyBuckets", Resource: "*" }]);

/** Access Analyzer's position of the first occurrence of `text` in `document`: line from 1, column and offset from 0. */
function positionOf(document: string, text: string, from = 0) {
  const offset = document.indexOf(text, from);
  const before = document.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - (before.lastIndexOf("\n") + 1), offset };
}

function spanOf(document: string, text: string) {
  const start = positionOf(document, text);
  return { start, end: { line: start.line, column: start.column + text.length, offset: start.offset + text.length } };
}

const find = (policies: PolicyValidationResult[], name: string) => policies.find((p) => p.policyName === name);

beforeAll(async () => {
  prisma = await setupDemoAccount();
  const root = rootCaller();
  await createPolicy(root, { PolicyName: "pv-pass-any-role", PolicyDocument: CLEAN });
  // The default version is the one validated: v2 here.
  await createPolicyVersion(root, { PolicyArn: iamArn(ACCT, "policy", "/", "pv-pass-any-role"), PolicyDocument: PASS_ANY_ROLE, SetAsDefault: true });
  await createPolicy(root, { PolicyName: "pv-clean", PolicyDocument: CLEAN });
  await putUserPolicy(root, { UserName: "bob", PolicyName: "pv-redundant", PolicyDocument: REDUNDANT });
  await putRolePolicy(root, { RoleName: "EC2AppRole", PolicyName: "pv-no-such-service", PolicyDocument: NO_SUCH_SERVICE });
  await putGroupPolicy(root, { GroupName: "Developers", PolicyName: "pv-group-clean", PolicyDocument: CLEAN });
});

describe("listPolicyValidationFindings", () => {
  it("reports a customer managed policy's security warning at its place in the default version", async () => {
    const { policies, unreadable } = await listPolicyValidationFindings(rootCaller());
    expect(unreadable).toEqual([]);
    expect(find(policies, "pv-pass-any-role")).toEqual({
      policyName: "pv-pass-any-role",
      policyType: "CUSTOMER_MANAGED",
      policyArn: iamArn(ACCT, "policy", "/", "pv-pass-any-role"),
      versionId: "v2",
      policyDocument: PASS_ANY_ROLE,
      findingCounts: { ERROR: 0, SECURITY_WARNING: 1, WARNING: 0, SUGGESTION: 0 },
      findings: [
        {
          findingType: "SECURITY_WARNING",
          issueCode: "PASS_ROLE_WITH_STAR_IN_RESOURCE",
          findingDetails: expect.stringContaining("iam:PassRole"),
          learnMoreLink: expect.stringContaining("access-analyzer-reference-policy-checks"),
          locations: [{ path: [{ value: "Statement" }, { index: 0 }, { value: "Resource" }], span: spanOf(PASS_ANY_ROLE, '"*"') }],
        },
      ],
    });
  });

  it("reports inline policies of users, groups and roles with their owners, and a clean policy with zero findings", async () => {
    const { policies } = await listPolicyValidationFindings(rootCaller());
    const redundant = find(policies, "pv-redundant");
    expect(redundant).toMatchObject({
      policyType: "INLINE",
      owner: { entityType: "User", name: "bob", arn: iamArn(ACCT, "user", "/", "bob") },
      findingCounts: { ERROR: 0, SECURITY_WARNING: 0, WARNING: 0, SUGGESTION: 1 },
    });
    expect(redundant?.policyArn).toBeUndefined();
    expect(redundant?.findings.map((f) => [f.issueCode, f.locations])).toEqual([
      ["REDUNDANT_ACTION", [{ path: [{ value: "Statement" }, { index: 0 }, { value: "Action" }, { index: 1 }], span: spanOf(REDUNDANT, '"s3:GetObject"') }]],
    ]);

    const noService = find(policies, "pv-no-such-service");
    expect(noService).toMatchObject({ owner: { entityType: "Role", name: "EC2AppRole" }, findingCounts: { ERROR: 1, SECURITY_WARNING: 0, WARNING: 0, SUGGESTION: 0 } });
    expect(noService?.findings.map((f) => [f.findingType, f.issueCode, f.locations[0].span])).toEqual([
      ["ERROR", "INVALID_SERVICE_IN_ACTION", spanOf(NO_SUCH_SERVICE, '"nosuchservice:DoThings"')],
    ]);

    for (const name of ["pv-clean", "pv-group-clean"]) {
      expect(find(policies, name)).toMatchObject({ findingCounts: { ERROR: 0, SECURITY_WARNING: 0, WARNING: 0, SUGGESTION: 0 }, findings: [] });
    }
    expect(find(policies, "pv-group-clean")?.owner).toEqual({ entityType: "Group", name: "Developers", arn: iamArn(ACCT, "group", "/", "Developers") });
  });

  it("validates every customer managed and inline policy of the account, and no AWS managed policy", async () => {
    const { policies, IsTruncated } = await listPolicyValidationFindings(rootCaller());
    const managed = await prisma.policy.count({ where: { accountId: ACCT } });
    const inline = await prisma.inlinePolicy.count({ where: { accountId: ACCT } });
    expect(IsTruncated).toBe(false);
    expect(policies.filter((p) => p.policyType === "CUSTOMER_MANAGED")).toHaveLength(managed);
    expect(policies.filter((p) => p.policyType === "INLINE")).toHaveLength(inline);
    expect(policies.map((p) => p.policyName)).not.toContain("AdministratorAccess");
  });

  it("with a findingType lists only the policies that have such findings, and only those findings", async () => {
    const { policies } = await listPolicyValidationFindings(rootCaller(), { findingType: "SECURITY_WARNING" });
    expect(policies.length).toBeGreaterThan(0);
    expect(policies.every((p) => p.findings.length > 0 && p.findings.every((f) => f.findingType === "SECURITY_WARNING"))).toBe(true);
    expect(policies.map((p) => p.policyName)).toContain("pv-pass-any-role");
    expect(policies.map((p) => p.policyName)).not.toContain("pv-redundant");

    const suggestions = await listPolicyValidationFindings(rootCaller(), { findingType: "SUGGESTION" });
    expect(find(suggestions.policies, "pv-redundant")?.findings).toHaveLength(1);
    expect(find(suggestions.policies, "pv-pass-any-role")).toBeUndefined();
  });

  it("with a policyType lists only customer managed or only inline policies", async () => {
    const managed = await listPolicyValidationFindings(rootCaller(), { policyType: "CUSTOMER_MANAGED" });
    expect(managed.policies.every((p) => p.policyType === "CUSTOMER_MANAGED")).toBe(true);
    expect(find(managed.policies, "pv-clean")).toBeDefined();
    const inline = await listPolicyValidationFindings(rootCaller(), { policyType: "INLINE" });
    expect(inline.policies.every((p) => p.policyType === "INLINE")).toBe(true);
    expect(find(inline.policies, "pv-redundant")).toBeDefined();
  });

  it("pages with MaxItems and Marker, in name order, to the same policies as one page", async () => {
    const all = (await listPolicyValidationFindings(rootCaller())).policies;
    const paged: PolicyValidationResult[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const out = await listPolicyValidationFindings(rootCaller(), { MaxItems: 2, ...(marker ? { Marker: marker } : {}) });
      expect(out.policies.length).toBeLessThanOrEqual(2);
      paged.push(...out.policies);
      marker = out.IsTruncated ? out.Marker : undefined;
      pages++;
    } while (marker);
    expect(pages).toBe(Math.ceil(all.length / 2));
    expect(paged).toEqual(all);
    const names = all.map((p) => p.policyName.toLowerCase());
    expect(names).toEqual([...names].sort());
  });

  it("refuses an unknown findingType or policyType with ValidationException, and a bad Marker", async () => {
    await expectError(
      listPolicyValidationFindings(rootCaller(), { findingType: "CRITICAL" as never }),
      "ValidationException",
      "Invalid findingType: CRITICAL. Valid values: ERROR, SECURITY_WARNING, WARNING, SUGGESTION.",
    );
    await expectError(
      listPolicyValidationFindings(rootCaller(), { policyType: "AWS_MANAGED" as never }),
      "ValidationException",
      "Invalid policyType: AWS_MANAGED. Valid values: CUSTOMER_MANAGED, INLINE.",
    );
    await expectError(listPolicyValidationFindings(rootCaller(), { Marker: "nonsense" }), "InvalidInput", "Invalid Marker.");
  });

  it("records one ValidatePolicy event of Access Analyzer", async () => {
    const root = rootCaller();
    await listPolicyValidationFindings(root, { findingType: "ERROR" });
    const event = await prisma.activityEvent.findFirstOrThrow({ where: { principalArn: root.principalArn }, orderBy: { id: "desc" } });
    expect(event).toMatchObject({
      eventName: "ValidatePolicy",
      eventSource: "access-analyzer.amazonaws.com",
      serviceNamespace: "access-analyzer",
      errorCode: null,
      requestParameters: { findingType: "ERROR" },
    });
  });
});

describe("listPolicyValidationFindings authorization", () => {
  it("needs access-analyzer:ValidatePolicy", async () => {
    const caller = await callerWithPolicies("pv-no-validate", [policyDocument("Allow", ["iam:List*", "iam:Get*"])]);
    await expectError(listPolicyValidationFindings(caller), "AccessDenied", implicitDeny(caller, "access-analyzer:ValidatePolicy", "*"));
  });

  it("leaves out the kinds of policy the caller may not read, naming the denied action for each", async () => {
    const caller = await callerWithPolicies("pv-managed-only", [
      policyDocument("Allow", ["access-analyzer:ValidatePolicy", "iam:ListPolicies", "iam:GetPolicyVersion"]),
    ]);
    const { policies, unreadable } = await listPolicyValidationFindings(caller);
    expect(policies.length).toBeGreaterThan(0);
    expect(policies.every((p) => p.policyType === "CUSTOMER_MANAGED")).toBe(true);
    expect(unreadable).toEqual([
      { source: "User", action: "iam:ListUsers", message: implicitDeny(caller, "iam:ListUsers", `arn:aws:iam::${ACCT}:user/`) },
      { source: "Group", action: "iam:ListGroups", message: implicitDeny(caller, "iam:ListGroups", `arn:aws:iam::${ACCT}:group/`) },
      { source: "Role", action: "iam:ListRoles", message: implicitDeny(caller, "iam:ListRoles", `arn:aws:iam::${ACCT}:role/`) },
    ]);
    // Only the kinds asked for are read, so only their permissions matter.
    expect((await listPolicyValidationFindings(caller, { policyType: "CUSTOMER_MANAGED" })).unreadable).toEqual([]);
  });

  it("leaves out the policies of an entity whose inline policies the caller may not read", async () => {
    const bob = iamArn(ACCT, "user", "/", "bob");
    const caller = await callerWithPolicies("pv-not-bob", [
      policyDocument("Allow", ["access-analyzer:ValidatePolicy", "iam:List*", "iam:Get*"]),
      policyDocument("Deny", "iam:GetUserPolicy", bob),
    ]);
    const { policies, unreadable } = await listPolicyValidationFindings(caller, { policyType: "INLINE" });
    expect(find(policies, "pv-redundant")).toBeUndefined();
    expect(find(policies, "pv-no-such-service")).toBeDefined();
    // The caller's own inline policies are readable.
    expect(policies.some((p) => p.owner?.name === "pv-not-bob")).toBe(true);
    expect(unreadable).toEqual([{ source: "User", action: "iam:GetUserPolicy", message: expect.stringContaining(`iam:GetUserPolicy on resource: ${bob}`) }]);
  });

  it("reads a customer managed policy only with iam:GetPolicyVersion on it", async () => {
    const arn = iamArn(ACCT, "policy", "/", "pv-pass-any-role");
    const caller = await callerWithPolicies("pv-not-pass", [
      policyDocument("Allow", ["access-analyzer:ValidatePolicy", "iam:ListPolicies", "iam:GetPolicyVersion"]),
      policyDocument("Deny", "iam:GetPolicyVersion", arn),
    ]);
    const { policies, unreadable } = await listPolicyValidationFindings(caller, { policyType: "CUSTOMER_MANAGED" });
    expect(find(policies, "pv-pass-any-role")).toBeUndefined();
    expect(find(policies, "pv-clean")).toBeDefined();
    expect(unreadable).toEqual([{ source: "CustomerManaged", action: "iam:GetPolicyVersion", message: expect.stringContaining(arn) }]);
  });
});
