import "server-only";
import { db, type Db } from "@/lib/db";
import { createAccessKey, deleteAccessKey, getAccessKeyLastUsed, listAccessKeys, updateAccessKey } from "../access-keys";
import { getAccountSummary, getSecurityRecommendations } from "../accounts";
import { recordTogether } from "../activity";
import { iamArn } from "../arns";
import { attachUserPolicy, listAttachedUserPolicies, listEntitiesForPolicy } from "../attachments";
import { getAccountAuthorizationDetails } from "../authorization-details";
import type { Caller } from "../caller";
import { isIamError } from "../errors";
import { listGroups } from "../groups";
import { getAccountPasswordPolicy, updateAccountPasswordPolicy } from "../password-policy";
import { getPolicy } from "../policies";
import { getRole, listRoles, tagRole, untagRole } from "../roles";
import { listRolesForConsole } from "../roles-console";
import { invokeServiceAction } from "../service-activity";
import { completeSignIn, signInIamUser } from "../sign-in";
import { createUser, getUser, listUsers } from "../users";
import { listUsersForConsole } from "../users-console";
import { DEMO_ACCOUNT_ID } from "./demo-account";
import { seededRandom } from "@/lib/seeded-random";

// The demo account's history: about four months of what its people and its application did,
// so that the credential report, access advisor, the event history and unused-access findings
// have something to show on first start. It is made by calling the domain functions with a
// simulated clock (decision 011), so every event, last-used date and denial is what the real
// code records. The schedule is fixed and relative to `now`, with jitter from a seeded
// generator: the same `now` gives the same history.
//
// The story: alice (admin) reviews the account every few weeks and made an access key 100 days
// ago that she never used. bob (developer) works from the CLI with an access key he rotated a
// month ago, never signs in to the console, and is denied when he strays into IAM
// administration. carol (auditor) audited the account until about three months ago and has not
// signed in since. dave (a new hire, added last week) signed in and found he may do nothing yet.
// EC2AppRole's instances read the application's bucket in eu-west-1 (and were once denied a
// write), and AuditorRole is assumed for monthly reviews.

const ACCT = DEMO_ACCOUNT_ID;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How far back the history goes, in days. */
export const DEMO_HISTORY_DAYS = 120;

export interface DemoActivityOptions {
  /** The end of the history: every event is before it. */
  now?: Date;
  /**
   * The demo users' passwords: with them, the history's console sign-ins go through the sign-in
   * flow (a ConsoleLogin event and the password's last use); without them there are none.
   */
  passwords?: { userName: string; password: string }[];
}

export interface DemoActivityResult {
  /** Activity events the history added. */
  events: number;
}

const BUCKET = "arn:aws:s3:::demo-app-assets";
const ARTIFACTS = "arn:aws:s3:::demo-app-artifacts";
const ORDERS_TABLE = `arn:aws:dynamodb:eu-west-1:${ACCT}:table/Orders`;
const ORDERS_FUNCTION = `arn:aws:lambda:eu-west-1:${ACCT}:function:orders-api`;
const TRAIL = `arn:aws:cloudtrail:us-east-1:${ACCT}:trail/management-events`;
const DEVELOPER_ACCESS = iamArn(ACCT, "policy", "/", "DeveloperAccess");
const ADMINISTRATOR_ACCESS = "arn:aws:iam::aws:policy/AdministratorAccess";

// Addresses from the documentation ranges (RFC 5737); user agents as CloudTrail shows them.
const CONSOLE = "AWS Internal";
const BROWSER = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";
const CLI = "aws-cli/2.17.20 md/awscrt#0.20.11 ua/2.0 os/linux#6.8.0 md/arch#x86_64 lang/python#3.11.9 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe";
const SDK = "aws-sdk-js/3.614.0 ua/2.1 os/linux#6.1.97 lang/js md/nodejs#20.15.1 api/s3#3.614.0";
const OFFICE_IP = "198.51.100.23";
const BOB_HOME_IP = "203.0.113.45";
const CAROL_IP = "192.0.2.77";
const DAVE_IP = "198.51.100.61";
const APP_IP = "198.51.100.200";

/** A call expected to fail with this code (a denial, a missing password policy). */
async function fails(code: string, attempt: Promise<unknown>): Promise<void> {
  try {
    await attempt;
  } catch (err) {
    if (isIamError(err) && err.code === code) return;
    throw err;
  }
  throw new Error(`The demo history expected ${code}, but the call succeeded.`);
}

interface Step {
  time: Date;
  order: number;
  run: () => Promise<unknown>;
}

interface RequestFacts {
  sourceIp: string;
  userAgent: string;
  accessKeyId?: string;
  region?: string;
  mfaPresent?: boolean;
  tokenIssueTime?: Date;
}

/**
 * Records the demo account's history, ending just before `now`: once, right after the account
 * is created (its users, keys and roles are what the history starts from and changes).
 */
export async function seedDemoActivity(prisma?: Db, options: DemoActivityOptions = {}): Promise<DemoActivityResult> {
  const database = prisma ?? (await db());
  const now = options.now ?? new Date();
  const random = seededRandom(0x5eed);
  const steps: Step[] = [];
  const at = (time: Date, run: () => Promise<unknown>) => {
    if (time.getTime() >= now.getTime()) throw new Error(`A demo event at ${time.toISOString()} would be after ${now.toISOString()}.`);
    steps.push({ time, order: steps.length, run });
  };

  // Times: a UTC day counted back from `now`, at an hour of it; `recent` counts back from now itself.
  const midnight = Math.floor(now.getTime() / DAY) * DAY;
  const dayAt = (daysAgo: number, hour: number, minute = 0) => new Date(midnight - daysAgo * DAY + hour * HOUR + minute * MINUTE);
  const recent = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * MINUTE);
  const jitter = (time: Date, minutes: number) => new Date(time.getTime() + Math.floor(random() * minutes) * MINUTE);
  const weekday = (daysAgo: number) => {
    const d = new Date(midnight - daysAgo * DAY).getUTCDay();
    return d !== 0 && d !== 6;
  };
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];

  await predateDemoAccount(database, dayAt(DEMO_HISTORY_DAYS + 7, 9), { dave: dayAt(6, 10) });

  const [users, roles] = await Promise.all([
    database.user.findMany({ where: { accountId: ACCT }, select: { id: true, name: true, arn: true } }),
    database.role.findMany({ where: { accountId: ACCT }, select: { id: true, name: true, arn: true } }),
  ]);
  const userNamed = (name: string) => {
    const user = users.find((u) => u.name === name);
    if (!user) throw new Error(`The demo account has no user ${name}.`);
    return user;
  };
  const roleNamed = (name: string) => {
    const role = roles.find((r) => r.name === name);
    if (!role) throw new Error(`The demo account has no role ${name}.`);
    return role;
  };
  const asUser = (name: string, time: Date, facts: RequestFacts): Caller => {
    const user = userNamed(name);
    return { accountId: ACCT, principalType: "User", principalArn: user.arn, principalId: user.id, userName: user.name, userId: user.id, secureTransport: true, now: time, ...facts };
  };
  const asRoleSession = (name: string, sessionName: string, time: Date, facts: RequestFacts): Caller => {
    const role = roleNamed(name);
    return {
      accountId: ACCT,
      principalType: "AssumedRole",
      principalArn: `arn:aws:sts::${ACCT}:assumed-role/${role.name}/${sessionName}`,
      principalId: `${role.id}:${sessionName}`,
      roleId: role.id,
      roleArn: role.arn,
      sessionName,
      secureTransport: true,
      now: time,
      ...facts,
    };
  };
  /** A console session of a user: calls a few minutes apart from its start. */
  const consoleSession = (name: string, start: Date, sourceIp: string, calls: ((c: Caller) => Promise<unknown>)[]) => {
    let time = start;
    for (const call of calls) {
      const caller = asUser(name, time, { sourceIp, userAgent: CONSOLE, mfaPresent: false, tokenIssueTime: start });
      at(time, () => call(caller));
      time = new Date(time.getTime() + (1 + Math.floor(random() * 4)) * MINUTE);
    }
  };

  const passwords = new Map((options.passwords ?? []).map((p) => [p.userName, p.password]));
  /** The user's latest sign-in, through the sign-in flow when the password is known. */
  const signIn = (name: string, time: Date, sourceIp: string) => {
    const password = passwords.get(name);
    if (!password) return;
    at(time, async () => {
      const req = { sourceIp, userAgent: BROWSER, secureTransport: true, now: time };
      const progress = await signInIamUser({ account: ACCT, userName: name, password }, req);
      if (progress.next === "done") await completeSignIn(progress.challenge, req);
    });
  };

  // ---- alice: the administrator -------------------------------------------------------------
  // A look at the account every third week, a different page each time.
  const reviews: ((c: Caller) => Promise<unknown>)[] = [
    getAccountSummary,
    (c) => listUsersForConsole(c, {}),
    (c) => listRolesForConsole(c, {}),
    (c) => getPolicy(c, { PolicyArn: DEVELOPER_ACCESS }),
    (c) => listEntitiesForPolicy(c, { PolicyArn: DEVELOPER_ACCESS }),
    (c) => listGroups(c),
  ];
  for (let daysAgo = DEMO_HISTORY_DAYS - 1, i = 0; daysAgo >= 1; daysAgo -= 21, i++) {
    consoleSession("alice", jitter(dayAt(daysAgo, 9), 90), OFFICE_IP, [reviews[i % reviews.length]]);
  }
  // The key made "for the CLI" and never used: an unused-access finding, and older than 90 days.
  consoleSession("alice", recent(100 * 24 * 60 + 45), OFFICE_IP, [(c) => createAccessKey(c, {}), (c) => listAccessKeys(c, {})]);
  // No password policy is set: the console's Account settings page finds none.
  consoleSession("alice", dayAt(88, 15, 40), OFFICE_IP, [(c) => fails("NoSuchEntity", getAccountPasswordPolicy(c))]);
  // A tag added for a review, then taken off again.
  consoleSession("alice", dayAt(45, 10, 5), OFFICE_IP, [(c) => tagRole(c, { RoleName: "AuditorRole", Tags: [{ Key: "review", Value: "pending" }] })]);
  consoleSession("alice", dayAt(44, 16, 30), OFFICE_IP, [(c) => untagRole(c, { RoleName: "AuditorRole", TagKeys: ["review"] })]);
  signIn("alice", recent(95), OFFICE_IP);
  consoleSession("alice", recent(94), OFFICE_IP, [getAccountSummary, getSecurityRecommendations, (c) => listUsersForConsole(c, {})]);

  // ---- bob: the developer, who works from the CLI with an access key he rotates -------------
  // He never signs in to the console: his password is unused access.
  const keys: { first?: string; second?: string } = {};
  const withKey = (key: "first" | "second", time: Date, region = "us-east-1"): Caller => {
    const accessKeyId = keys[key];
    if (!accessKeyId) throw new Error(`bob's ${key} access key is not there yet.`);
    return asUser("bob", time, { sourceIp: BOB_HOME_IP, userAgent: CLI, accessKeyId, region });
  };
  /** A command bob runs with one of his keys. */
  const bobRuns = (key: "first" | "second", time: Date, call: (c: Caller) => Promise<unknown>) => at(time, () => call(withKey(key, time)));
  // His first key, made for him by the administrator.
  consoleSession("alice", dayAt(110, 9, 20), OFFICE_IP, [
    async (c) => {
      keys.first = (await createAccessKey(c, { UserName: "bob" })).AccessKey.AccessKeyId;
    },
  ]);
  const bobWorks = (key: "first" | "second", daysAgo: number) => {
    const start = jitter(dayAt(daysAgo, 8), 120);
    const calls: [string, string | undefined][] = [
      ["ec2:DescribeInstances", undefined],
      ["s3:ListBucket", ARTIFACTS],
      ["s3:PutObject", `${ARTIFACTS}/builds/orders-api-${DEMO_HISTORY_DAYS - daysAgo}.zip`],
      ["lambda:InvokeFunction", ORDERS_FUNCTION],
      ["dynamodb:Query", ORDERS_TABLE],
    ];
    const count = 3 + Math.floor(random() * 4);
    for (let i = 0; i < count; i++) {
      const [action, resource] = i < calls.length ? calls[i] : pick(calls);
      const time = new Date(start.getTime() + i * (5 + Math.floor(random() * 40)) * MINUTE);
      at(time, () => invokeServiceAction(withKey(key, time, "eu-west-1"), { Action: action, ...(resource ? { Resource: resource } : {}) }));
    }
    if (random() < 0.25) {
      const time = new Date(start.getTime() + 4 * HOUR);
      at(time, () => invokeServiceAction(withKey(key, time, "eu-west-1"), { Action: "s3:GetObject", Resource: `${BUCKET}/config/app.json` }));
    }
    if (random() < 0.05) bobRuns(key, new Date(start.getTime() + 5 * HOUR), (c) => getRole(c, { RoleName: "EC2AppRole" }));
  };
  for (let daysAgo = 109; daysAgo >= 31; daysAgo--) if (weekday(daysAgo)) bobWorks("first", daysAgo);
  for (let daysAgo = 29; daysAgo >= 1; daysAgo--) if (weekday(daysAgo)) bobWorks("second", daysAgo);
  bobRuns("first", dayAt(109, 7, 55), (c) => getUser(c, {}));
  // Off the path: DeveloperAccess never lets anyone stop the audit trail, nor administer IAM.
  bobRuns("first", dayAt(75, 17, 3), (c) => fails("AccessDenied", invokeServiceAction(c, { Action: "cloudtrail:StopLogging", Resource: TRAIL })));
  bobRuns("first", dayAt(52, 11, 15), (c) => fails("AccessDenied", createUser(c, { UserName: "load-tester" })));
  bobRuns("first", dayAt(40, 14, 45), (c) => fails("AccessDenied", createAccessKey(c, { UserName: "alice" })));
  bobRuns("second", dayAt(12, 10, 30), (c) => listAttachedUserPolicies(c, { UserName: "bob" }));
  bobRuns("second", dayAt(12, 10, 31), (c) => fails("AccessDenied", attachUserPolicy(c, { UserName: "bob", PolicyArn: ADMINISTRATOR_ACCESS })));
  // The rotation: a second key, the first one deactivated, then deleted once nothing broke.
  bobRuns("first", dayAt(30, 9, 10), (c) => listAccessKeys(c, {}));
  bobRuns("first", dayAt(30, 9, 11), async (c) => {
    keys.second = (await createAccessKey(c, {})).AccessKey.AccessKeyId;
  });
  bobRuns("second", dayAt(29, 9, 40), (c) => getAccessKeyLastUsed(c, { AccessKeyId: keys.first ?? "" }));
  bobRuns("second", dayAt(29, 9, 41), (c) => updateAccessKey(c, { AccessKeyId: keys.first ?? "", Status: "Inactive" }));
  bobRuns("second", dayAt(21, 9, 5), (c) => deleteAccessKey(c, { AccessKeyId: keys.first ?? "" }));
  for (const minutesAgo of [140, 125, 118]) {
    const time = recent(minutesAgo);
    at(time, () => invokeServiceAction(withKey("second", time, "eu-west-1"), { Action: "dynamodb:Query", Resource: ORDERS_TABLE }));
  }

  // ---- carol: the auditor, not seen for three months ----------------------------------------
  const audit = (daysAgo: number, calls: ((c: Caller) => Promise<unknown>)[]) =>
    consoleSession("carol", jitter(dayAt(daysAgo, 14), 60), CAROL_IP, [
      ...calls,
      (c) => invokeServiceAction(c, { Action: "cloudtrail:DescribeTrails", Region: "us-east-1" }),
      (c) => invokeServiceAction(c, { Action: "cloudtrail:LookupEvents", Region: "us-east-1" }),
      (c) => invokeServiceAction(c, { Action: "cloudtrail:LookupEvents", Region: "eu-west-1" }),
    ]);
  audit(119, [
    (c) => getAccountAuthorizationDetails(c, { Filter: ["User", "Group", "Role", "LocalManagedPolicy"] }),
    (c) => fails("NoSuchEntity", getAccountPasswordPolicy(c)),
    (c) => invokeServiceAction(c, { Action: "s3:GetBucketPolicy", Resource: BUCKET, Region: "eu-west-1" }),
  ]);
  audit(112, [(c) => listUsers(c), (c) => fails("AccessDenied", updateAccountPasswordPolicy(c, { MinimumPasswordLength: 14, RequireSymbols: true }))]);
  audit(105, [(c) => listRoles(c), (c) => invokeServiceAction(c, { Action: "ec2:DescribeSecurityGroups", Region: "eu-west-1" })]);
  audit(98, [(c) => listUsers(c), (c) => fails("AccessDenied", invokeServiceAction(c, { Action: "s3:PutBucketPolicy", Resource: BUCKET, Region: "eu-west-1" }))]);
  signIn("carol", dayAt(95, 13, 50), CAROL_IP);
  audit(95, [(c) => listAccessKeys(c, { UserName: "bob" })]);

  // ---- dave: the new hire, with no permissions yet ------------------------------------------
  const daveTries = (start: Date) =>
    consoleSession("dave", start, DAVE_IP, [
      (c) => fails("AccessDenied", getAccountSummary(c)),
      (c) => fails("AccessDenied", listUsersForConsole(c, {})),
      (c) => fails("AccessDenied", invokeServiceAction(c, { Action: "s3:ListAllMyBuckets", Region: "us-east-1" })),
      (c) => fails("AccessDenied", invokeServiceAction(c, { Action: "ec2:DescribeInstances", Region: "eu-west-1" })),
    ]);
  daveTries(dayAt(3, 10, 0));
  signIn("dave", dayAt(2, 9, 30), DAVE_IP);
  daveTries(dayAt(2, 9, 31));

  // ---- EC2AppRole: the application's instances read their bucket ----------------------------
  const instances = [
    { id: "i-0a7f3c9e5b2d41806", key: "ASIAQ3EGRN4BVKX7TZ5D", from: 90, to: 41 },
    { id: "i-04c2e8d1f7a6b3950", key: "ASIAQ3EGRN4BQW2M6P8H", from: 40, to: 1 },
  ];
  const objects = ["config/app.json", "static/index.html", "static/app.js", "static/logo.png", "templates/order-confirmation.html"];
  for (const instance of instances) {
    for (let daysAgo = instance.from; daysAgo >= instance.to; daysAgo--) {
      const reads = 2 + Math.floor(random() * 3);
      for (let i = 0; i < reads; i++) {
        const time = jitter(dayAt(daysAgo, 2 + i * 5), 240);
        const app = asRoleSession("EC2AppRole", instance.id, time, { sourceIp: APP_IP, userAgent: SDK, accessKeyId: instance.key, region: "eu-west-1" });
        at(time, () => invokeServiceAction(app, { Action: "s3:GetObject", Resource: `${BUCKET}/${pick(objects)}` }));
      }
      const time = jitter(dayAt(daysAgo, 1), 60);
      const app = asRoleSession("EC2AppRole", instance.id, time, { sourceIp: APP_IP, userAgent: SDK, accessKeyId: instance.key, region: "eu-west-1" });
      at(time, () => invokeServiceAction(app, { Action: "s3:ListBucket", Resource: BUCKET }));
    }
  }
  // A release that tried to write its log export to the bucket: read-only access denies it.
  const denied = dayAt(33, 22, 17);
  at(denied, () =>
    fails(
      "AccessDenied",
      invokeServiceAction(asRoleSession("EC2AppRole", instances[1].id, denied, { sourceIp: APP_IP, userAgent: SDK, accessKeyId: instances[1].key, region: "eu-west-1" }), {
        Action: "s3:PutObject",
        Resource: `${BUCKET}/exports/orders.csv`,
      }),
    ),
  );
  for (const minutesAgo of [47, 21]) {
    const time = recent(minutesAgo);
    const app = asRoleSession("EC2AppRole", instances[1].id, time, { sourceIp: APP_IP, userAgent: SDK, accessKeyId: instances[1].key, region: "eu-west-1" });
    at(time, () => invokeServiceAction(app, { Action: "s3:GetObject", Resource: `${BUCKET}/config/app.json` }));
  }

  // ---- AuditorRole: the monthly security review -----------------------------------------------
  for (const daysAgo of [85, 55, 25]) {
    const start = jitter(dayAt(daysAgo, 10), 60);
    let time = start;
    const calls: ((c: Caller) => Promise<unknown>)[] = [
      (c) => getRole(c, { RoleName: "EC2AppRole" }),
      (c) => invokeServiceAction(c, { Action: "cloudtrail:LookupEvents", Region: "us-east-1" }),
      (c) => invokeServiceAction(c, { Action: "s3:GetBucketPolicy", Resource: BUCKET, Region: "eu-west-1" }),
      (c) => invokeServiceAction(c, { Action: "ec2:DescribeSecurityGroups", Region: "eu-west-1" }),
    ];
    for (const call of calls) {
      const session = asRoleSession("AuditorRole", "security-review", time, { sourceIp: OFFICE_IP, userAgent: CONSOLE, mfaPresent: true, tokenIssueTime: start });
      at(time, () => call(session));
      time = new Date(time.getTime() + (1 + Math.floor(random() * 3)) * MINUTE);
    }
  }

  const before = await database.activityEvent.count({ where: { accountId: ACCT } });
  steps.sort((a, b) => a.time.getTime() - b.time.getTime() || a.order - b.order);
  await recordTogether(async () => {
    for (const step of steps) await step.run();
  });
  return { events: (await database.activityEvent.count({ where: { accountId: ACCT } })) - before };
}

/**
 * The account and what it was set up with existed before its history: no API sets a creation
 * date, so the seeded entities' dates move back to `founded` (a user who joined later, to the
 * day given). Console passwords keep theirs: they were set when the installation printed them,
 * and an old one would expire under a password policy.
 */
async function predateDemoAccount(database: Db, founded: Date, joined: Record<string, Date>): Promise<void> {
  const accountId = ACCT;
  await database.$transaction([
    database.account.update({ where: { id: accountId }, data: { createdAt: founded } }),
    database.user.updateMany({ where: { accountId }, data: { createdAt: founded } }),
    ...Object.entries(joined).map(([name, createdAt]) => database.user.updateMany({ where: { accountId, name }, data: { createdAt } })),
    database.group.updateMany({ where: { accountId }, data: { createdAt: founded } }),
    database.groupMembership.updateMany({ where: { user: { accountId } }, data: { createdAt: founded } }),
    database.role.updateMany({ where: { accountId }, data: { createdAt: founded } }),
    database.instanceProfile.updateMany({ where: { accountId }, data: { createdAt: founded } }),
    database.policy.updateMany({ where: { accountId }, data: { createdAt: founded, updatedAt: founded } }),
    database.policyVersion.updateMany({ where: { policy: { accountId } }, data: { createdAt: founded } }),
    database.policyAttachment.updateMany({ where: { accountId }, data: { createdAt: founded } }),
  ]);
}
