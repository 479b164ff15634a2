import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { DEMO_ACCOUNT_ID } from "../bootstrap/demo-account";
import { callerWithPolicies, expectError, implicitDeny, policyDocument, rootCaller, setupDemoAccount, TEST_NOW, userCaller } from "../testing";
import { analyzerArn, createAnalyzer, deleteAnalyzer, getAnalyzer, listAnalyzers, updateAnalyzer } from "./analyzers";

// CreateAnalyzer, GetAnalyzer, ListAnalyzers, UpdateAnalyzer and DeleteAnalyzer for the account's
// unused access analyzer: AWS's shapes, the one-per-account quota, the tracking period's range,
// Access Analyzer's error codes, authorization on the analyzer's ARN, and the recorded events.

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
});

let accounts = 0;
/** An empty account of its own: each test's analyzer is alone in its account. */
async function newAccount(): Promise<string> {
  const id = String(410000000000 + ++accounts);
  await prisma.account.create({ data: { id, rootEmail: `analyzers-${id}@test.example.com`, rootPasswordHash: "x" } });
  return id;
}

const unused = (unusedAccessAge?: number) => ({ type: "ACCOUNT_UNUSED_ACCESS", configuration: { unusedAccess: { unusedAccessAge } } });

describe("CreateAnalyzer", () => {
  it("creates the account's unused access analyzer and GetAnalyzer returns it in AWS's shape", async () => {
    const acct = await newAccount();
    const root = rootCaller(acct);
    const out = await createAnalyzer(root, { analyzerName: "UnusedAccess", ...unused(30) });
    expect(out).toEqual({ arn: `arn:aws:access-analyzer:us-east-1:${acct}:analyzer/UnusedAccess` });
    expect(await getAnalyzer(root, { analyzerName: "UnusedAccess" })).toEqual({
      analyzer: {
        arn: out.arn,
        name: "UnusedAccess",
        type: "ACCOUNT_UNUSED_ACCESS",
        createdAt: TEST_NOW,
        // The first scan ran with the creation.
        lastResourceAnalyzedAt: TEST_NOW,
        status: "ACTIVE",
        configuration: { unusedAccess: { unusedAccessAge: 30 } },
        tags: {},
      },
    });
  });

  it("takes AWS's default tracking period of 90 days without a configuration", async () => {
    const root = rootCaller(await newAccount());
    await createAnalyzer(root, { analyzerName: "Default", type: "ACCOUNT_UNUSED_ACCESS" });
    await createAnalyzer(rootCaller(await newAccount()), { analyzerName: "NoAge", type: "ACCOUNT_UNUSED_ACCESS", configuration: { unusedAccess: {} } });
    expect((await getAnalyzer(root, { analyzerName: "Default" })).analyzer.configuration).toEqual({ unusedAccess: { unusedAccessAge: 90 } });
  });

  it("accepts tracking periods of 1 and 365 days and refuses 0, 366, fractions and text (ValidationException)", async () => {
    await createAnalyzer(rootCaller(await newAccount()), { analyzerName: "One", ...unused(1) });
    await createAnalyzer(rootCaller(await newAccount()), { analyzerName: "Year", ...unused(365) });
    const root = rootCaller(await newAccount());
    for (const age of [0, 366, 1.5, -3]) {
      await expectError(
        createAnalyzer(root, { analyzerName: "Bad", ...unused(age) }),
        "ValidationException",
        `Invalid unusedAccessAge ${age}: the tracking period is a whole number of days from 1 to 365.`,
      );
    }
    await expectError(
      createAnalyzer(root, { analyzerName: "Bad", type: "ACCOUNT_UNUSED_ACCESS", configuration: { unusedAccess: { unusedAccessAge: "90" as unknown as number } } }),
      "ValidationException",
      "Invalid unusedAccessAge 90: the tracking period is a whole number of days from 1 to 365.",
    );
    expect(await prisma.analyzer.count({ where: { accountId: root.accountId } })).toBe(0);
  });

  it("checks the name as AWS does: 1 to 255 characters, a letter first, then letters, digits, _ . -", async () => {
    const root = rootCaller(await newAccount());
    await expectError(
      createAnalyzer(root, { analyzerName: "1st", ...unused() }),
      "ValidationException",
      "1 validation error detected: Value '1st' at 'analyzerName' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z][A-Za-z0-9_.-]*",
    );
    await expectError(
      createAnalyzer(root, { analyzerName: "", ...unused() }),
      "ValidationException",
      "1 validation error detected: Value '' at 'analyzerName' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    await expectError(
      createAnalyzer(root, { analyzerName: `A${"b".repeat(255)}`, ...unused() }),
      "ValidationException",
      `1 validation error detected: Value 'A${"b".repeat(255)}' at 'analyzerName' failed to satisfy constraint: Member must have length less than or equal to 255`,
    );
    await createAnalyzer(root, { analyzerName: `A${"b".repeat(254)}`, ...unused() });
  });

  it("refuses other analyzer types: an unknown one by AWS's enum, a known one as not available here", async () => {
    const root = rootCaller(await newAccount());
    await expectError(
      createAnalyzer(root, { analyzerName: "X", type: "UNUSED" }),
      "ValidationException",
      "1 validation error detected: Value 'UNUSED' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [ACCOUNT, ORGANIZATION, ACCOUNT_UNUSED_ACCESS, ORGANIZATION_UNUSED_ACCESS, ACCOUNT_INTERNAL_ACCESS, ORGANIZATION_INTERNAL_ACCESS]",
    );
    await expectError(
      createAnalyzer(root, { analyzerName: "X", type: "ACCOUNT" }),
      "ValidationException",
      "Analyzer type ACCOUNT is not available in this account: it analyzes unused access only (type ACCOUNT_UNUSED_ACCESS).",
    );
  });

  it("allows one unused access analyzer per account (ServiceQuotaExceededException) and one analyzer per name (ConflictException)", async () => {
    const root = rootCaller(await newAccount());
    await createAnalyzer(root, { analyzerName: "First", ...unused() });
    await expectError(
      createAnalyzer(root, { analyzerName: "Second", ...unused() }),
      "ServiceQuotaExceededException",
      "The account already has an unused access analyzer, First. An account can have one account-level analyzer of each type; delete First to create another.",
    );
    await expectError(createAnalyzer(root, { analyzerName: "First", ...unused() }), "ConflictException", "An analyzer named First already exists in this account.");
    // Another account is not affected.
    await createAnalyzer(rootCaller(await newAccount()), { analyzerName: "First", ...unused() });
  });

  it("keeps the quota under concurrent creations: exactly one of five succeeds", async () => {
    const root = rootCaller(await newAccount());
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map((n) => createAnalyzer(root, { analyzerName: `Racer${n}`, ...unused() })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect((r.reason as { code: string }).code).toBe("ServiceQuotaExceededException");
    expect(await prisma.analyzer.count({ where: { accountId: root.accountId } })).toBe(1);
  });

  it("is authorized on the analyzer's ARN: dave, without permissions, is denied and nothing is created", async () => {
    const dave = await userCaller("dave");
    await expectError(
      createAnalyzer(dave, { analyzerName: "DaveAnalyzer", ...unused() }),
      "AccessDenied",
      implicitDeny(dave, "access-analyzer:CreateAnalyzer", analyzerArn(DEMO_ACCOUNT_ID, "DaveAnalyzer")),
    );
    expect(await prisma.analyzer.count({ where: { accountId: DEMO_ACCOUNT_ID } })).toBe(0);
  });

  it("records the call as Access Analyzer's event in us-east-1, denied calls with their error", async () => {
    const acct = await newAccount();
    const root = rootCaller(acct);
    await createAnalyzer(root, { analyzerName: "Recorded", ...unused(60) });
    await createAnalyzer(root, { analyzerName: "Again", ...unused(60) }).catch(() => undefined);
    const events = await prisma.activityEvent.findMany({ where: { accountId: acct, eventName: "CreateAnalyzer" }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.eventSource, e.serviceNamespace, e.awsRegion, e.resourceArn, e.errorCode, e.readOnly])).toEqual([
      ["access-analyzer.amazonaws.com", "access-analyzer", "us-east-1", analyzerArn(acct, "Recorded"), null, false],
      ["access-analyzer.amazonaws.com", "access-analyzer", "us-east-1", analyzerArn(acct, "Again"), "ServiceQuotaExceededException", false],
    ]);
    expect(events[0].requestParameters).toEqual({ analyzerName: "Recorded", type: "ACCOUNT_UNUSED_ACCESS", configuration: { unusedAccess: { unusedAccessAge: 60 } } });
  });
});

describe("GetAnalyzer, ListAnalyzers", () => {
  it("GetAnalyzer of a name the account does not have fails with ResourceNotFoundException", async () => {
    await expectError(getAnalyzer(rootCaller(await newAccount()), { analyzerName: "Nope" }), "ResourceNotFoundException", "Analyzer Nope not found.");
  });

  it("ListAnalyzers lists the account's analyzers only, filtered by type", async () => {
    const acct = await newAccount();
    const root = rootCaller(acct);
    expect(await listAnalyzers(root)).toEqual({ analyzers: [] });
    await createAnalyzer(root, { analyzerName: "Mine", ...unused() });
    await createAnalyzer(rootCaller(await newAccount()), { analyzerName: "Theirs", ...unused() });
    expect((await listAnalyzers(root)).analyzers.map((a) => a.arn)).toEqual([analyzerArn(acct, "Mine")]);
    expect((await listAnalyzers(root, { type: "ACCOUNT_UNUSED_ACCESS" })).analyzers).toHaveLength(1);
    expect((await listAnalyzers(root, { type: "ACCOUNT" })).analyzers).toHaveLength(0);
    await expectError(
      listAnalyzers(root, { type: "SOMETHING" }),
      "ValidationException",
      "1 validation error detected: Value 'SOMETHING' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [ACCOUNT, ORGANIZATION, ACCOUNT_UNUSED_ACCESS, ORGANIZATION_UNUSED_ACCESS, ACCOUNT_INTERNAL_ACCESS, ORGANIZATION_INTERNAL_ACCESS]",
    );
  });

  it("a user allowed only access-analyzer:ListAnalyzers lists but may not get (authorized on the analyzer ARN)", async () => {
    const caller = await callerWithPolicies("aa-lister", [policyDocument("Allow", "access-analyzer:ListAnalyzers")]);
    expect(await listAnalyzers(caller)).toEqual({ analyzers: [] });
    await expectError(
      getAnalyzer(caller, { analyzerName: "Any" }),
      "AccessDenied",
      implicitDeny(caller, "access-analyzer:GetAnalyzer", analyzerArn(DEMO_ACCOUNT_ID, "Any")),
    );
  });
});

describe("UpdateAnalyzer, DeleteAnalyzer", () => {
  it("UpdateAnalyzer changes the tracking period within its range and returns the configuration", async () => {
    const root = rootCaller(await newAccount());
    await createAnalyzer(root, { analyzerName: "Tracked", ...unused(90) });
    expect(await updateAnalyzer(root, { analyzerName: "Tracked", configuration: { unusedAccess: { unusedAccessAge: 30 } } })).toEqual({
      configuration: { unusedAccess: { unusedAccessAge: 30 } },
    });
    expect((await getAnalyzer(root, { analyzerName: "Tracked" })).analyzer.configuration.unusedAccess.unusedAccessAge).toBe(30);
    await expectError(
      updateAnalyzer(root, { analyzerName: "Tracked", configuration: { unusedAccess: { unusedAccessAge: 400 } } }),
      "ValidationException",
      "Invalid unusedAccessAge 400: the tracking period is a whole number of days from 1 to 365.",
    );
    await expectError(
      updateAnalyzer(root, { analyzerName: "Other", configuration: { unusedAccess: { unusedAccessAge: 10 } } }),
      "ResourceNotFoundException",
      "Analyzer Other not found.",
    );
  });

  it("DeleteAnalyzer removes the analyzer with its findings; a second delete finds nothing", async () => {
    const acct = await newAccount();
    const root = rootCaller(acct);
    const { arn } = await createAnalyzer(root, { analyzerName: "Doomed", ...unused() });
    await prisma.analyzerFinding.create({
      data: {
        id: "00000000-0000-4000-8000-000000000001",
        analyzerArn: arn,
        findingType: "UnusedIAMRole",
        resource: `arn:aws:iam::${acct}:role/Gone`,
        resourceType: "AWS::IAM::Role",
        status: "ACTIVE",
        createdAt: TEST_NOW,
        updatedAt: TEST_NOW,
        analyzedAt: TEST_NOW,
      },
    });
    await deleteAnalyzer(root, { analyzerName: "Doomed" });
    expect(await prisma.analyzerFinding.count({ where: { analyzerArn: arn } })).toBe(0);
    await expectError(deleteAnalyzer(root, { analyzerName: "Doomed" }), "ResourceNotFoundException", "Analyzer Doomed not found.");
    // The quota has room again.
    await createAnalyzer(root, { analyzerName: "Replacement", ...unused() });
  });

  it("DeleteAnalyzer is authorized on the analyzer's ARN", async () => {
    const acct = await newAccount();
    await createAnalyzer(rootCaller(acct), { analyzerName: "Kept", ...unused() });
    const dave = await userCaller("dave");
    await expectError(
      deleteAnalyzer(dave, { analyzerName: "Kept" }),
      "AccessDenied",
      implicitDeny(dave, "access-analyzer:DeleteAnalyzer", analyzerArn(DEMO_ACCOUNT_ID, "Kept")),
    );
    expect(await prisma.analyzer.count({ where: { accountId: acct } })).toBe(1);
  });
});
