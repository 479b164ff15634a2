import { describe, expect, it } from "vitest";
import { createPolicyCatalog, type CatalogData } from "@/lib/iam/policy/catalog";
import { policyCatalog } from "./policy-catalog";
import { getPolicySummary } from "./policy-summary";

// The console's policy summary, over a small catalog of two services, then over the real one.

const data: CatalogData = {
  version: "test",
  globalConditionKeys: [],
  services: [
    {
      prefix: "s3",
      name: "Amazon S3",
      actions: [
        ["ListAllMyBuckets", "List", ""],
        ["ListBucket", "List", ""],
        ["GetObject", "Read", ""],
        ["GetBucketPolicy", "Read", ""],
        ["PutObject", "Write", ""],
        ["DeleteObject", "Write", ""],
        ["PutBucketPolicy", "Permissions management", ""],
        ["PutObjectTagging", "Tagging", ""],
      ],
      resourceTypes: [],
      conditionKeys: [],
    },
    {
      prefix: "iam",
      name: "AWS Identity and Access Management (IAM)",
      actions: [
        ["ListUsers", "List", ""],
        ["GetUser", "Read", ""],
        ["CreateUser", "Write", ""],
        ["AttachUserPolicy", "Permissions management", ""],
        ["TagUser", "Tagging", ""],
      ],
      resourceTypes: [],
      conditionKeys: [],
    },
  ],
};
const catalog = createPolicyCatalog(data);

const summarize = (...statements: object[]) => getPolicySummary(JSON.stringify({ Version: "2012-10-17", Statement: statements }), catalog)!;
const allow = (Action: unknown, Resource: unknown = "*", extra: object = {}) => ({ Effect: "Allow", Action, Resource, ...extra });

describe("getPolicySummary", () => {
  it.each([
    ["s3:*", "Full access"],
    [["s3:Get*", "s3:List*"], "Full: List, Read"],
    ["s3:GetObject", "Limited: Read"],
    [["s3:List*", "s3:GetObject", "s3:PutObject"], "Full: List Limited: Read, Write"],
    [["s3:List*", "s3:Get*", "s3:Put*", "s3:DeleteObject"], "Full access"],
  ])("Action %j gives access level %s", (action, level) => {
    const out = summarize(allow(action));
    expect(out.allow).toHaveLength(1);
    expect(out.allow[0]).toMatchObject({ service: "s3", serviceName: "Amazon S3", accessLevel: level });
  });

  it("lists the levels with their actions and totals", () => {
    const [row] = summarize(allow(["s3:ListBucket", "s3:GetObject"], "arn:aws:s3:::reports/*")).allow;
    expect(row).toEqual({
      effect: "Allow",
      service: "s3",
      serviceName: "Amazon S3",
      accessLevel: "Limited: List, Read",
      levels: [
        { level: "List", scope: "Limited", actions: ["ListBucket"], total: 2 },
        { level: "Read", scope: "Limited", actions: ["GetObject"], total: 2 },
      ],
      resource: "arn:aws:s3:::reports/*",
      resources: ["arn:aws:s3:::reports/*"],
      requestCondition: "None",
      conditions: [],
    });
  });

  it("resources: All resources wins; several ARNs read Multiple; NotResource reads All resources except", () => {
    expect(summarize(allow("s3:GetObject", ["arn:aws:s3:::a/*", "*"])).allow[0].resource).toBe("All resources");
    expect(summarize(allow("s3:GetObject", ["arn:aws:s3:::a/*", "arn:aws:s3:::b/*"])).allow[0].resource).toBe("Multiple");
    const except = summarize({ Effect: "Allow", Action: "s3:GetObject", NotResource: "arn:aws:s3:::secret/*" }).allow[0];
    expect(except.resource).toBe("All resources except: arn:aws:s3:::secret/*");
  });

  it("request conditions: one is spelled out, several read Multiple", () => {
    const one = summarize(allow("s3:GetObject", "*", { Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } })).allow[0];
    expect(one.requestCondition).toBe("aws:MultiFactorAuthPresent | Bool | true");
    expect(one.conditions).toEqual([{ key: "aws:MultiFactorAuthPresent", operator: "Bool", values: ["true"] }]);
    const two = summarize(
      allow("s3:GetObject", "*", { Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" }, IpAddress: { "aws:SourceIp": ["10.0.0.0/8", "192.168.0.0/16"] } } }),
    ).allow[0];
    expect(two.requestCondition).toBe("Multiple");
  });

  it("statements for one service merge; Deny gets rows of its own; rows sort by service name", () => {
    const out = summarize(allow("s3:GetObject"), allow("s3:ListBucket"), allow("iam:Get*"), { Effect: "Deny", Action: "s3:DeleteObject", Resource: "*" });
    expect(out.allow.map((r) => [r.serviceName, r.accessLevel])).toEqual([
      ["Amazon S3", "Limited: List, Read"],
      ["AWS Identity and Access Management (IAM)", "Full: Read"],
    ]);
    expect(out.deny.map((r) => [r.service, r.accessLevel])).toEqual([["s3", "Limited: Write"]]);
  });

  it('"*" grants every service in full; NotAction grants everything else', () => {
    expect(summarize(allow("*")).allow.map((r) => [r.service, r.accessLevel])).toEqual([
      ["s3", "Full access"],
      ["iam", "Full access"],
    ]);
    const out = summarize({ Effect: "Allow", NotAction: ["iam:*", "s3:Put*"], Resource: "*" });
    expect(out.allow.map((r) => [r.service, r.accessLevel])).toEqual([["s3", "Full: List, Read Limited: Write"]]);
  });

  it("names services and actions the catalog does not know", () => {
    const out = summarize(allow(["nosuch:Get*", "s3:GetNothing", "s3:GetObject"]));
    expect(out.unrecognizedServices).toEqual(["nosuch"]);
    expect(out.unrecognizedActions).toEqual(["s3:GetNothing"]);
    expect(out.allow.map((r) => r.service)).toEqual(["s3"]);
  });

  it("a document that does not parse has no summary", () => {
    expect(getPolicySummary("{nope", catalog)).toBeUndefined();
  });

  it("with the real catalog: AdministratorAccess is full access to every service, S3 read-only is List and Read", async () => {
    const real = await policyCatalog();
    const admin = getPolicySummary(JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }), real)!;
    expect(admin.allow.length).toBe(real.prefixes.length);
    expect(admin.allow.every((r) => r.accessLevel === "Full access")).toBe(true);
    const s3 = getPolicySummary(JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:Get*", "s3:List*"], Resource: "*" }] }), real)!;
    expect(s3.allow).toHaveLength(1);
    expect(s3.allow[0]).toMatchObject({ service: "s3", serviceName: "Amazon S3", resource: "All resources" });
    expect(s3.allow[0].accessLevel).toMatch(/^(Full|Limited): /);
    expect(s3.allow[0].levels.map((l) => l.level)).toEqual(expect.arrayContaining(["List", "Read"]));
  });
});

describe("getPolicySummary with a SummaryCatalog", () => {
  it("answers as with the PolicyCatalog it mirrors", () => {
    const summaryCatalog = {
      services: () => catalog.prefixes,
      serviceName: (s: string) => catalog.service(s)?.name,
      actions: (s: string) => {
        const found = catalog.service(s);
        return found ? [...found.actions.values()] : undefined;
      },
    };
    const doc = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:Get*", "iam:*"], Resource: "*" }] });
    expect(getPolicySummary(doc, summaryCatalog)).toEqual(getPolicySummary(doc, catalog));
  });
});
