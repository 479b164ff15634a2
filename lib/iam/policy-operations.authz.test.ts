import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import {
  attachGroupPolicy,
  attachRolePolicy,
  attachUserPolicy,
  detachGroupPolicy,
  detachRolePolicy,
  detachUserPolicy,
  listAttachedGroupPolicies,
  listAttachedRolePolicies,
  listAttachedUserPolicies,
  listEntitiesForPolicy,
} from "./attachments";
import { getAccountAuthorizationDetails } from "./authorization-details";
import { DEMO_ACCOUNT_ID } from "./bootstrap/demo-account";
import type { Caller } from "./caller";
import {
  deleteGroupPolicy,
  deleteRolePolicy,
  deleteUserPolicy,
  getGroupPolicy,
  getRolePolicy,
  getUserPolicy,
  listGroupPolicies,
  listRolePolicies,
  listUserPolicies,
  putGroupPolicy,
  putRolePolicy,
  putUserPolicy,
} from "./inline-policies";
import { createPolicy, deletePolicy, getPolicy, listPolicyTags, tagPolicy, untagPolicy } from "./policies";
import { listPoliciesForConsole } from "./policies-console";
import { makeGroup, makePolicy, makeRole, makeUser, policyArn, S3_READ } from "./policy-fixtures";
import { createPolicyVersion, deletePolicyVersion, getPolicyVersion, listPolicyVersions, setDefaultPolicyVersion } from "./policy-versions";
import { callerWithPolicies, iamError, policyDocument, setupDemoAccount, userCaller } from "./testing";

// The authorization matrix of the policy operations: for each one, a caller without policies is
// denied with AWS's message, a caller allowed exactly that action on that resource succeeds,
// and an explicit Deny wins over Allow *.

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
});

const ACCT = DEMO_ACCOUNT_ID;
const DEV = policyArn("DeveloperAccess");

interface Prepared {
  resource: string;
  call: (caller: Caller) => Promise<unknown>;
}

type Kind = "user" | "group" | "role";
const make = (kind: Kind, name: string) => (kind === "user" ? makeUser(name) : kind === "group" ? makeGroup(name) : makeRole(name));
const ownerId = (kind: Kind, id: string) => ({ [`${kind}Id`]: id });

const attachOps = {
  user: { attach: attachUserPolicy, detach: detachUserPolicy, list: listAttachedUserPolicies, put: putUserPolicy, get: getUserPolicy, listInline: listUserPolicies, del: deleteUserPolicy },
  group: { attach: attachGroupPolicy, detach: detachGroupPolicy, list: listAttachedGroupPolicies, put: putGroupPolicy, get: getGroupPolicy, listInline: listGroupPolicies, del: deleteGroupPolicy },
  role: { attach: attachRolePolicy, detach: detachRolePolicy, list: listAttachedRolePolicies, put: putRolePolicy, get: getRolePolicy, listInline: listRolePolicies, del: deleteRolePolicy },
} as const;

const nameKey = { user: "UserName", group: "GroupName", role: "RoleName" } as const;
const noun = { user: "User", group: "Group", role: "Role" } as const;

/** Each row sets up fresh resources per test (suffix `s`) and calls the operation once. */
const rows: [string, (s: string) => Promise<Prepared>][] = [
  ["iam:CreatePolicy", async (s) => ({ resource: policyArn(`Created${s}`), call: (c) => createPolicy(c, { PolicyName: `Created${s}`, PolicyDocument: S3_READ }) })],
  ["iam:GetPolicy", async (s) => ({ resource: (await makePolicy(`Get${s}`)).arn, call: (c) => getPolicy(c, { PolicyArn: policyArn(`Get${s}`) }) })],
  ["iam:DeletePolicy", async (s) => ({ resource: (await makePolicy(`Del${s}`)).arn, call: (c) => deletePolicy(c, { PolicyArn: policyArn(`Del${s}`) }) })],
  ["iam:TagPolicy", async (s) => ({ resource: (await makePolicy(`Tag${s}`)).arn, call: (c) => tagPolicy(c, { PolicyArn: policyArn(`Tag${s}`), Tags: [{ Key: "k", Value: "v" }] }) })],
  ["iam:UntagPolicy", async (s) => ({ resource: (await makePolicy(`Untag${s}`)).arn, call: (c) => untagPolicy(c, { PolicyArn: policyArn(`Untag${s}`), TagKeys: ["k"] }) })],
  ["iam:ListPolicyTags", async (s) => ({ resource: (await makePolicy(`Tags${s}`)).arn, call: (c) => listPolicyTags(c, { PolicyArn: policyArn(`Tags${s}`) }) })],
  [
    "iam:CreatePolicyVersion",
    async (s) => ({ resource: (await makePolicy(`NewVer${s}`)).arn, call: (c) => createPolicyVersion(c, { PolicyArn: policyArn(`NewVer${s}`), PolicyDocument: S3_READ }) }),
  ],
  ["iam:GetPolicyVersion", async (s) => ({ resource: (await makePolicy(`GetVer${s}`)).arn, call: (c) => getPolicyVersion(c, { PolicyArn: policyArn(`GetVer${s}`), VersionId: "v1" }) })],
  ["iam:ListPolicyVersions", async (s) => ({ resource: (await makePolicy(`Vers${s}`)).arn, call: (c) => listPolicyVersions(c, { PolicyArn: policyArn(`Vers${s}`) }) })],
  [
    "iam:DeletePolicyVersion",
    async (s) => ({
      resource: (await makePolicy(`DelVer${s}`, { versions: [S3_READ, S3_READ] })).arn,
      call: (c) => deletePolicyVersion(c, { PolicyArn: policyArn(`DelVer${s}`), VersionId: "v2" }),
    }),
  ],
  [
    "iam:SetDefaultPolicyVersion",
    async (s) => ({
      resource: (await makePolicy(`SetVer${s}`, { versions: [S3_READ, S3_READ] })).arn,
      call: (c) => setDefaultPolicyVersion(c, { PolicyArn: policyArn(`SetVer${s}`), VersionId: "v2" }),
    }),
  ],
  ["iam:ListEntitiesForPolicy", async (s) => ({ resource: (await makePolicy(`Ents${s}`)).arn, call: (c) => listEntitiesForPolicy(c, { PolicyArn: policyArn(`Ents${s}`) }) })],
  ["iam:GetAccountAuthorizationDetails", async () => ({ resource: "*", call: (c) => getAccountAuthorizationDetails(c, { Filter: ["Group"] }) })],
  ["iam:ListPolicies", async () => ({ resource: "*", call: (c) => listPoliciesForConsole(c, { type: "Customer managed" }) })],
  ...(["user", "group", "role"] as Kind[]).flatMap((kind): [string, (s: string) => Promise<Prepared>][] => {
    const op = attachOps[kind];
    const name = (s: string) => `${kind}-${s.toLowerCase()}`;
    // Carries the one name member the operation reads; typed as all three so every kind's input accepts it.
    const target = (s: string) => ({ [nameKey[kind]]: name(s) }) as Record<(typeof nameKey)[Kind], string>;
    return [
      [`iam:Attach${noun[kind]}Policy`, async (s) => ({ resource: (await make(kind, name(s))).arn, call: (c) => op.attach(c, { ...target(s), PolicyArn: DEV }) })],
      [
        `iam:Detach${noun[kind]}Policy`,
        async (s) => {
          const t = await make(kind, name(s));
          const dev = await prisma.policy.findFirstOrThrow({ where: { arn: DEV } });
          await prisma.policyAttachment.create({ data: { accountId: ACCT, policyId: dev.id, ...ownerId(kind, t.id) } });
          return { resource: t.arn, call: (c) => op.detach(c, { ...target(s), PolicyArn: DEV }) };
        },
      ],
      [`iam:ListAttached${noun[kind]}Policies`, async (s) => ({ resource: (await make(kind, name(s))).arn, call: (c) => op.list(c, target(s)) })],
      [`iam:Put${noun[kind]}Policy`, async (s) => ({ resource: (await make(kind, name(s))).arn, call: (c) => op.put(c, { ...target(s), PolicyName: "P", PolicyDocument: S3_READ }) })],
      [
        `iam:Get${noun[kind]}Policy`,
        async (s) => {
          const t = await make(kind, name(s));
          await prisma.inlinePolicy.create({ data: { accountId: ACCT, name: "P", document: S3_READ, ...ownerId(kind, t.id) } });
          return { resource: t.arn, call: (c) => op.get(c, { ...target(s), PolicyName: "P" }) };
        },
      ],
      [`iam:List${noun[kind]}Policies`, async (s) => ({ resource: (await make(kind, name(s))).arn, call: (c) => op.listInline(c, target(s)) })],
      [
        `iam:Delete${noun[kind]}Policy`,
        async (s) => {
          const t = await make(kind, name(s));
          await prisma.inlinePolicy.create({ data: { accountId: ACCT, name: "P", document: S3_READ, ...ownerId(kind, t.id) } });
          return { resource: t.arn, call: (c) => op.del(c, { ...target(s), PolicyName: "P" }) };
        },
      ],
    ];
  }),
];

const slug = (action: string, variant: string) => `${action.slice(4)}${variant}`;

describe.each(rows)("%s", (action, prepare) => {
  it("without a policy that allows it fails with AccessDenied, in AWS's words, and is recorded", async () => {
    const { resource, call } = await prepare(slug(action, "N"));
    const dave = await userCaller("dave");
    const err = await iamError(call(dave));
    expect(err.code).toBe("AccessDenied");
    expect(err.message).toBe(
      `User: arn:aws:iam::${ACCT}:user/dave is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`,
    );
    const event = await prisma.activityEvent.findFirstOrThrow({ where: { principalArn: dave.principalArn }, orderBy: { id: "desc" } });
    expect(event.errorCode).toBe("AccessDenied");
  });

  it("allowed exactly this action on this resource succeeds", async () => {
    const s = slug(action, "A");
    const { resource, call } = await prepare(s);
    const caller = await callerWithPolicies(`allowed-${s.toLowerCase()}`, [policyDocument("Allow", action, resource)]);
    await call(caller);
  });

  it("an explicit Deny wins over Allow *", async () => {
    const s = slug(action, "D");
    const { resource, call } = await prepare(s);
    const caller = await callerWithPolicies(`denied-${s.toLowerCase()}`, [policyDocument("Allow", "*"), policyDocument("Deny", action, resource)]);
    const err = await iamError(call(caller));
    expect(err.code).toBe("AccessDenied");
    expect(err.message).toMatch(
      new RegExp(`^User: arn:aws:iam::${ACCT}:user/denied-[^ ]+ is not authorized to perform: ${action} on resource: ${resource.replace(/[*]/g, "\\*")} with an explicit deny in an identity-based policy`),
    );
  });
});
