import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { DEMO_ACCOUNT_ID } from "./bootstrap/demo-account";
import type { Caller } from "./caller";
import {
  getContextKeysForCustomPolicy,
  getContextKeysForPrincipalPolicy,
  listPoliciesForSimulation,
  simulateCustomPolicy,
  simulatePrincipalPolicy,
} from "./simulator";
import { iamError, rootCaller, setupDemoAccount, userCaller } from "./testing";

// The policy simulator over the demo account: alice (Admins: AdministratorAccess), bob
// (Developers: the customer managed DeveloperAccess), carol (Auditors: SecurityAudit), dave
// (nothing); roles EC2AppRole (AmazonS3ReadOnlyAccess) and AuditorRole (SecurityAudit).

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
});

const ACCT = DEMO_ACCOUNT_ID;
const arn = (kind: "user" | "group" | "role", name: string) => `arn:aws:iam::${ACCT}:${kind}/${name}`;
const doc = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

const eventsOf = (caller: Caller, eventName: string) =>
  prisma.activityEvent.findMany({ where: { principalArn: caller.principalArn, eventName }, orderBy: { id: "asc" } });

describe("SimulatePrincipalPolicy", () => {
  it("EC2AppRole may s3:GetObject through AmazonS3ReadOnlyAccess, named as AWS names it", async () => {
    const { EvaluationResults, IsTruncated } = await simulatePrincipalPolicy(rootCaller(), {
      PolicySourceArn: arn("role", "EC2AppRole"),
      ActionNames: ["s3:GetObject", "s3:PutObject"],
      ResourceArns: ["arn:aws:s3:::app-bucket/report.csv"],
    });
    expect(IsTruncated).toBe(false);
    const [get, put] = EvaluationResults;
    expect(get).toMatchObject({ EvalActionName: "s3:GetObject", EvalResourceName: "arn:aws:s3:::app-bucket/report.csv", EvalDecision: "allowed" });
    expect(get.MatchedStatements).toEqual([
      { SourcePolicyId: "AmazonS3ReadOnlyAccess", SourcePolicyType: "IAM Policy", StartPosition: expect.any(Object), EndPosition: expect.any(Object) },
    ]);
    // The console sees which policy that is.
    expect(get.explanation?.resources[0].matchedStatements[0].policy).toMatchObject({
      kind: "aws-managed",
      policyArn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
      attachedTo: { type: "role", name: "EC2AppRole" },
    });
    expect(put).toMatchObject({ EvalActionName: "s3:PutObject", EvalDecision: "implicitDeny", MatchedStatements: [], MissingContextValues: [] });
  });

  it("bob may not delete the audit trail: explicitDeny by DeveloperAccess's Deny statement only", async () => {
    const [result] = (await simulatePrincipalPolicy(rootCaller(), { PolicySourceArn: arn("user", "bob"), ActionNames: ["cloudtrail:DeleteTrail"] })).EvaluationResults;
    expect(result).toMatchObject({ EvalDecision: "explicitDeny", EvalResourceName: "*" });
    expect(result.MatchedStatements.map((s) => [s.SourcePolicyId, s.SourcePolicyType])).toEqual([["DeveloperAccess", "IAM Policy"]]);
    const [statement] = result.explanation!.resources[0].matchedStatements;
    expect([statement.sid, statement.effect, statement.policy.attachedTo]).toEqual(["NeverDeleteTheAuditTrail", "Deny", { type: "group", name: "Developers" }]);
  });

  it("a user's ARN is the default CallerArn: ${aws:username} resolves to bob", async () => {
    const [own, other] = (
      await simulatePrincipalPolicy(rootCaller(), { PolicySourceArn: arn("user", "bob"), ActionNames: ["iam:CreateAccessKey"], ResourceArns: [arn("user", "bob"), arn("user", "alice")] })
    ).EvaluationResults[0].ResourceSpecificResults!;
    expect([own.EvalResourceDecision, other.EvalResourceDecision]).toEqual(["allowed", "implicitDeny"]);
  });

  it("an explicit Deny added through PolicyInputList beats alice's AdministratorAccess", async () => {
    const input = { PolicySourceArn: arn("user", "alice"), ActionNames: ["iam:DeleteUser"], ResourceArns: [arn("user", "bob")] };
    const [before] = (await simulatePrincipalPolicy(rootCaller(), input)).EvaluationResults;
    expect(before.EvalDecision).toBe("allowed");
    expect(before.MatchedStatements.map((s) => s.SourcePolicyId)).toEqual(["AdministratorAccess"]);
    const [after] = (await simulatePrincipalPolicy(rootCaller(), { ...input, PolicyInputList: [doc({ Effect: "Deny", Action: "iam:Delete*", Resource: "*" })] })).EvaluationResults;
    expect(after.EvalDecision).toBe("explicitDeny");
    expect(after.MatchedStatements).toEqual([{ SourcePolicyId: "PolicyInputList.1", SourcePolicyType: "IAM Policy", StartPosition: { Line: 1, Column: 38 }, EndPosition: { Line: 1, Column: 93 } }]);
  });

  it("a condition on aws:MultiFactorAuthPresent decides once the context key is given", async () => {
    const requireMfa = doc({ Effect: "Deny", Action: "*", Resource: "*", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } });
    const simulateWith = async (mfa?: string) =>
      (
        await simulatePrincipalPolicy(rootCaller(), {
          PolicySourceArn: arn("user", "alice"),
          ActionNames: ["iam:CreateUser"],
          PolicyInputList: [requireMfa],
          ...(mfa ? { ContextEntries: [{ ContextKeyName: "aws:MultiFactorAuthPresent", ContextKeyValues: [mfa], ContextKeyType: "boolean" as const }] } : {}),
        })
      ).EvaluationResults[0];
    expect((await simulateWith("false")).EvalDecision).toBe("explicitDeny");
    expect((await simulateWith("true")).EvalDecision).toBe("allowed");
    // Absent: BoolIfExists holds, so the Deny applies; AWS reports the key it was not given.
    expect(await simulateWith()).toMatchObject({ EvalDecision: "explicitDeny", MissingContextValues: ["aws:MultiFactorAuthPresent"] });

    const allowWithMfa = doc({ Effect: "Allow", Action: "iam:ListUsers", Resource: "*", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } });
    const dave = async (entries?: { ContextKeyName: string; ContextKeyValues: string[]; ContextKeyType: "boolean" }[]) =>
      (await simulatePrincipalPolicy(rootCaller(), { PolicySourceArn: arn("user", "dave"), ActionNames: ["iam:ListUsers"], PolicyInputList: [allowWithMfa], ContextEntries: entries }))
        .EvaluationResults[0];
    expect(await dave()).toMatchObject({ EvalDecision: "implicitDeny", MissingContextValues: ["aws:MultiFactorAuthPresent"] });
    expect(await dave([{ ContextKeyName: "aws:MultiFactorAuthPresent", ContextKeyValues: ["true"], ContextKeyType: "boolean" }])).toMatchObject({ EvalDecision: "allowed" });
  });

  it("PolicyExclusionList leaves out the policies the console unticks", async () => {
    const input = { PolicySourceArn: arn("user", "alice"), ActionNames: ["iam:CreateUser"] };
    for (const exclusion of [{ PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }, { PolicyType: "aws-managed" as const }]) {
      const [result] = (await simulatePrincipalPolicy(rootCaller(), { ...input, PolicyExclusionList: [exclusion] })).EvaluationResults;
      expect(result.EvalDecision).toBe("implicitDeny");
    }
  });

  it("inline policies are named user_NAME_POLICY and group_NAME_POLICY; a group simulates its own policies", async () => {
    const carol = await prisma.user.findFirstOrThrow({ where: { name: "carol" } });
    const auditors = await prisma.group.findFirstOrThrow({ where: { name: "Auditors" } });
    await prisma.inlinePolicy.create({ data: { accountId: ACCT, name: "ReadReports", userId: carol.id, document: doc({ Effect: "Allow", Action: "reports:Read", Resource: "*" }) } });
    await prisma.inlinePolicy.create({ data: { accountId: ACCT, name: "WriteNotes", groupId: auditors.id, document: doc({ Effect: "Allow", Action: "notes:Write", Resource: "*" }) } });
    const results = (await simulatePrincipalPolicy(rootCaller(), { PolicySourceArn: arn("user", "carol"), ActionNames: ["reports:Read", "notes:Write"] })).EvaluationResults;
    expect(results.map((r) => r.MatchedStatements.map((s) => s.SourcePolicyId))).toEqual([["user_carol_ReadReports"], ["group_Auditors_WriteNotes"]]);

    const group = (await simulatePrincipalPolicy(rootCaller(), { PolicySourceArn: arn("group", "Auditors"), ActionNames: ["reports:Read", "notes:Write"] })).EvaluationResults;
    expect(group.map((r) => r.EvalDecision)).toEqual(["implicitDeny", "allowed"]);

    const excluded = (
      await simulatePrincipalPolicy(rootCaller(), {
        PolicySourceArn: arn("user", "carol"),
        ActionNames: ["notes:Write"],
        PolicyExclusionList: [{ InlinePolicyIdentifier: { PolicyName: "Write*", AttachmentType: "group", AttachmentName: "Auditors" } }],
      })
    ).EvaluationResults;
    expect(excluded[0].EvalDecision).toBe("implicitDeny");
  });

  it("the principal's permissions boundary applies, and PermissionsBoundaryPolicyInputList replaces it", async () => {
    const readOnly = await prisma.policy.findFirstOrThrow({ where: { name: "AmazonS3ReadOnlyAccess", accountId: null } });
    const role = await prisma.role.findFirstOrThrow({ where: { name: "AuditorRole" } });
    await prisma.role.update({ where: { id: role.id }, data: { permissionsBoundaryId: readOnly.id } });
    try {
      const input = { PolicySourceArn: arn("role", "AuditorRole"), ActionNames: ["iam:GetUser"], ResourceArns: [arn("user", "bob")] };
      const [bounded] = (await simulatePrincipalPolicy(rootCaller(), input)).EvaluationResults;
      expect(bounded).toMatchObject({ EvalDecision: "implicitDeny", PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: false } });
      const [replaced] = (await simulatePrincipalPolicy(rootCaller(), { ...input, PermissionsBoundaryPolicyInputList: [doc({ Effect: "Allow", Action: "iam:Get*", Resource: "*" })] }))
        .EvaluationResults;
      expect(replaced).toMatchObject({ EvalDecision: "allowed", PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: true } });
      const [unbounded] = (await simulatePrincipalPolicy(rootCaller(), { ...input, PolicyExclusionList: [{ PolicyType: "permission-boundary" }] })).EvaluationResults;
      expect(unbounded.EvalDecision).toBe("allowed");
      expect(unbounded).not.toHaveProperty("PermissionsBoundaryDecisionDetail");
    } finally {
      await prisma.role.update({ where: { id: role.id }, data: { permissionsBoundaryId: null } });
    }
  });

  it("finds the principal by name whatever path the ARN gives", async () => {
    const [result] = (await simulatePrincipalPolicy(rootCaller(), { PolicySourceArn: `arn:aws:iam::${ACCT}:role/some/path/EC2AppRole`, ActionNames: ["s3:GetObject"] })).EvaluationResults;
    expect(result.EvalDecision).toBe("allowed");
  });

  it("as dave, who has no policies, fails with AccessDenied and AWS's message, and records the event", async () => {
    const dave = await userCaller("dave");
    const err = await iamError(simulatePrincipalPolicy(dave, { PolicySourceArn: arn("user", "alice"), ActionNames: ["iam:CreateUser"] }));
    expect(err.code).toBe("AccessDenied");
    expect(err.message).toBe(
      `User: arn:aws:iam::${ACCT}:user/dave is not authorized to perform: iam:SimulatePrincipalPolicy on resource: arn:aws:iam::${ACCT}:user/alice because no identity-based policy allows the iam:SimulatePrincipalPolicy action`,
    );
    const [event] = await eventsOf(dave, "SimulatePrincipalPolicy");
    expect(event).toMatchObject({ errorCode: "AccessDenied", readOnly: true, requestParameters: { PolicySourceArn: arn("user", "alice"), ActionNames: ["iam:CreateUser"] } });
  });

  it.each([
    [arn("user", "nobody"), "NoSuchEntity", "Unable to retrieve specified IAM entity."],
    [arn("role", "NoSuchRole"), "NoSuchEntity", "Unable to retrieve specified IAM entity."],
    [`arn:aws:iam::${ACCT}:root`, "InvalidInput", `Invalid ARN provided in the request: arn:aws:iam::${ACCT}:root`],
    [`arn:aws:sts::${ACCT}:assumed-role/EC2AppRole/i-123`, "InvalidInput", `Invalid ARN provided in the request: arn:aws:sts::${ACCT}:assumed-role/EC2AppRole/i-123`],
    [`arn:aws:iam::${ACCT}:policy/DeveloperAccess`, "InvalidInput", `Invalid ARN provided in the request: arn:aws:iam::${ACCT}:policy/DeveloperAccess`],
    ["arn:aws:iam::999999999999:user/alice", "InvalidInput", `Invalid Policy Source Arn: caller's account ${ACCT} does not have access to policies in account 999999999999.`],
  ])("PolicySourceArn %s fails with %s", async (policySourceArn, code, message) => {
    const err = await iamError(simulatePrincipalPolicy(rootCaller(), { PolicySourceArn: policySourceArn, ActionNames: ["s3:GetObject"] }));
    expect([err.code, err.message]).toEqual([code, message]);
  });

  it("the simulator's input errors are IamErrors with AWS's code and message", async () => {
    const err = await iamError(simulatePrincipalPolicy(rootCaller(), { PolicySourceArn: arn("user", "alice"), ActionNames: ["s3:GetObject"], PolicyInputList: ["{"] }));
    expect([err.code, err.status, err.message]).toEqual(["InvalidInput", 400, "Policy input list item 1 has invalid content"]);
  });

  it("records a successful simulation", async () => {
    const root = rootCaller();
    const before = (await eventsOf(root, "SimulatePrincipalPolicy")).length;
    await simulatePrincipalPolicy(root, { PolicySourceArn: arn("group", "Admins"), ActionNames: ["s3:GetObject"] });
    const events = await eventsOf(root, "SimulatePrincipalPolicy");
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)).toMatchObject({ errorCode: null, readOnly: true, eventSource: "iam.amazonaws.com" });
  });
});

describe("SimulateCustomPolicy", () => {
  it("simulates as any permitted caller, and records the event", async () => {
    const alice = await userCaller("alice");
    const { EvaluationResults } = await simulateCustomPolicy(alice, { PolicyInputList: [doc({ Effect: "Deny", Action: "s3:*", Resource: "*" })], ActionNames: ["s3:GetObject", "ec2:RunInstances"] });
    expect(EvaluationResults.map((r) => [r.EvalActionName, r.EvalDecision])).toEqual([
      ["s3:GetObject", "explicitDeny"],
      ["ec2:RunInstances", "implicitDeny"],
    ]);
    expect(await eventsOf(alice, "SimulateCustomPolicy")).toHaveLength(1);
  });

  it("as dave fails with AccessDenied on *", async () => {
    const dave = await userCaller("dave");
    const err = await iamError(simulateCustomPolicy(dave, { PolicyInputList: [], ActionNames: ["s3:GetObject"] }));
    expect(err.message).toBe(
      `User: arn:aws:iam::${ACCT}:user/dave is not authorized to perform: iam:SimulateCustomPolicy on resource: * because no identity-based policy allows the iam:SimulateCustomPolicy action`,
    );
    expect((await eventsOf(dave, "SimulateCustomPolicy")).map((e) => e.errorCode)).toEqual(["AccessDenied"]);
  });

  it("turns input errors into IamErrors and records them", async () => {
    const root = rootCaller();
    const err = await iamError(simulateCustomPolicy(root, { PolicyInputList: [], ActionNames: ["GetObject"] }));
    expect([err.code, err.message]).toEqual(["InvalidInput", "The action is invalid since it is missing names"]);
    expect((await eventsOf(root, "SimulateCustomPolicy")).at(-1)?.errorCode).toBe("InvalidInput");
  });
});

describe("GetContextKeysForPrincipalPolicy and GetContextKeysForCustomPolicy", () => {
  it("bob's policies refer to aws:username; PolicyInputList adds its keys", async () => {
    expect(await getContextKeysForPrincipalPolicy(rootCaller(), { PolicySourceArn: arn("user", "bob") })).toEqual({ ContextKeyNames: ["aws:username"] });
    const extra = doc({ Effect: "Allow", Action: "s3:*", Resource: "*", Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } } });
    expect(await getContextKeysForPrincipalPolicy(rootCaller(), { PolicySourceArn: arn("user", "bob"), PolicyInputList: [extra] })).toEqual({
      ContextKeyNames: ["aws:username", "aws:SourceIp"],
    });
    expect(await getContextKeysForCustomPolicy(rootCaller(), { PolicyInputList: [extra] })).toEqual({ ContextKeyNames: ["aws:SourceIp"] });
  });

  it("are authorized and recorded as their own actions", async () => {
    const dave = await userCaller("dave");
    const err = await iamError(getContextKeysForPrincipalPolicy(dave, { PolicySourceArn: arn("user", "bob") }));
    expect(err.message).toContain("iam:GetContextKeysForPrincipalPolicy on resource: arn:aws:iam::123456789012:user/bob");
    await iamError(getContextKeysForCustomPolicy(dave, { PolicyInputList: [] }));
    expect((await eventsOf(dave, "GetContextKeysForPrincipalPolicy")).map((e) => e.errorCode)).toEqual(["AccessDenied"]);
    expect((await eventsOf(dave, "GetContextKeysForCustomPolicy")).map((e) => e.errorCode)).toEqual(["AccessDenied"]);
  });
});

describe("listPoliciesForSimulation (console)", () => {
  it("lists alice's policies with what the simulator calls them and how to leave each out", async () => {
    const listing = await listPoliciesForSimulation(rootCaller(), { PolicySourceArn: arn("user", "alice") });
    expect(listing).toEqual({
      PolicySourceArn: arn("user", "alice"),
      Policies: [
        {
          SourcePolicyId: "AdministratorAccess",
          PolicyName: "AdministratorAccess",
          PolicyType: "aws-managed",
          PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
          AttachmentType: "group",
          AttachmentName: "Admins",
          Via: "Admins",
          Document: expect.stringContaining('"Action"'),
          Exclusion: { PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess" },
        },
      ],
    });
    const [result] = (
      await simulatePrincipalPolicy(rootCaller(), { PolicySourceArn: arn("user", "alice"), ActionNames: ["iam:CreateUser"], PolicyExclusionList: listing.Policies.map((p) => p.Exclusion) })
    ).EvaluationResults;
    expect(result.EvalDecision).toBe("implicitDeny");
  });

  it("lists a role's boundary apart", async () => {
    const readOnly = await prisma.policy.findFirstOrThrow({ where: { name: "ReadOnlyAccess", accountId: null } });
    const role = await prisma.role.findFirstOrThrow({ where: { name: "EC2AppRole" } });
    await prisma.role.update({ where: { id: role.id }, data: { permissionsBoundaryId: readOnly.id } });
    try {
      const listing = await listPoliciesForSimulation(rootCaller(), { PolicySourceArn: arn("role", "EC2AppRole") });
      expect(listing.Policies.map((p) => [p.SourcePolicyId, p.AttachmentType, p.AttachmentName, p.Via])).toEqual([["AmazonS3ReadOnlyAccess", "role", "EC2AppRole", undefined]]);
      expect(listing.PermissionsBoundary).toMatchObject({ SourcePolicyId: "ReadOnlyAccess", PolicyType: "aws-managed", Exclusion: { PolicyType: "permission-boundary" } });
    } finally {
      await prisma.role.update({ where: { id: role.id }, data: { permissionsBoundaryId: null } });
    }
  });

  it("needs iam:SimulatePrincipalPolicy on the principal", async () => {
    const dave = await userCaller("dave");
    const err = await iamError(listPoliciesForSimulation(dave, { PolicySourceArn: arn("user", "alice") }));
    expect(err.message).toContain("iam:SimulatePrincipalPolicy on resource: arn:aws:iam::123456789012:user/alice");
    expect((await eventsOf(dave, "ListPoliciesForSimulation")).map((e) => e.errorCode)).toEqual(["AccessDenied"]);
  });
});
