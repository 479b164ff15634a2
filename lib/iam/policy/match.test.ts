import { describe, expect, it } from "vitest";
import { ContextView } from "./context";
import { compileActionPattern, compileResourcePattern, matchAction, matchResource } from "./match";

describe("Action patterns (case-insensitive, * and ?)", () => {
  it.each([
    // IAM User Guide, "IAM JSON policy elements: Action" and wildcard examples
    ["iam:*AccessKey*", "iam:CreateAccessKey", true],
    ["iam:*AccessKey*", "iam:ListAccessKeys", true],
    ["iam:*AccessKey*", "iam:UpdateAccessKey", true],
    ["iam:*AccessKey*", "iam:ListUsers", false],
    ["IAM:listaccesskeys", "iam:ListAccessKeys", true],
    ["iam:ListAccessKeys", "IAM:LISTACCESSKEYS", true],
    ["iam:Get*", "iam:GetUser", true],
    ["iam:Get*", "iam:ListUsers", false],
    ["iam:Get*", "s3:GetObject", false],
    ["s3:Get?bject", "s3:GetObject", true],
    ["s3:Get?bject", "s3:GetObjectAcl", false],
    ["*", "anything:AtAll", true],
    ["ec2:*", "iam:ListUsers", false],
    ["iam:*", "iam:ListUsers", true],
    ["iam:List*s", "iam:ListUsers", true],
    ["iam:List*s", "iam:ListUser", false],
    ["*:List*", "iam:ListUsers", true],
  ])("%s vs %s → %s", (pattern, action, expected) => {
    expect(compileActionPattern(pattern).test(action)).toBe(expected);
  });

  it("is linear on hostile patterns", () => {
    const pattern = compileActionPattern(`iam:${"*a".repeat(30)}b`);
    const started = performance.now();
    expect(pattern.test(`iam:${"a".repeat(5000)}`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("NotAction matches every action it does not list, and names the excluding pattern", () => {
    const element = { element: "NotAction" as const, patterns: [compileActionPattern("iam:*")] };
    expect(matchAction(element, "s3:ListBucket")).toEqual({ matches: true });
    expect(matchAction(element, "iam:ListUsers")).toEqual({ matches: false, pattern: "iam:*" });
  });
});

describe("Resource patterns (case-sensitive; * crosses / and : in the resource part)", () => {
  const none = new ContextView({});
  it.each([
    ["*", "arn:aws:iam::123456789012:user/bob", true],
    ["*", "*", true],
    ["arn:aws:iam::123456789012:user/*", "arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/JaneDoe", true],
    ["arn:aws:iam::123456789012:user/*", "arn:aws:iam::123456789012:role/app", false],
    ["arn:aws:iam::123456789012:user/division_abc*", "arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/JaneDoe", true],
    ["arn:aws:iam::123456789012:user/division_abc*", "arn:aws:iam::123456789012:user/division_xyz/JaneDoe", false],
    ["arn:aws:iam::123456789012:user/Bob", "arn:aws:iam::123456789012:user/bob", false],
    ["arn:aws:iam::123456789012:user/bob", "arn:aws:iam::123456789012:user/bob", true],
    ["arn:aws:iam::*:user/bob", "arn:aws:iam::123456789012:user/bob", true],
    ["arn:aws:iam::12*:user/bob", "arn:aws:iam::123456789012:user/bob", true],
    ["arn:aws:iam::12*:user/bob", "arn:aws:iam::999999999999:user/bob", false],
    ["arn:aws:s3:::amzn-s3-demo-bucket-?", "arn:aws:s3:::amzn-s3-demo-bucket-1", true],
    ["arn:aws:s3:::amzn-s3-demo-bucket-?", "arn:aws:s3:::amzn-s3-demo-bucket-12", false],
    ["arn:aws:s3:::*", "arn:aws:s3:::bucket/key:with:colons", true],
    ["arn:aws:iam::*", "arn:aws:iam::123456789012:user/bob", true],
    ["arn:aws:iam::*", "arn:aws:s3:::bucket", false],
    ["arn:aws:iam::123456789012:user/*", "*", false],
    ["arn:aws:*:us-east-1:123456789012:*", "arn:aws:ec2:us-east-1:123456789012:instance/i-1", true],
    ["arn:aws:*:us-east-1:123456789012:*", "arn:aws:ec2:us-west-2:123456789012:instance/i-1", false],
    ["arn:aws:iam::123456789012:user/", "arn:aws:iam::123456789012:user/", true],
    ["arn:aws:iam::123456789012:user/", "arn:aws:iam::123456789012:user/bob", false],
  ])("%s vs %s → %s", (pattern, resource, expected) => {
    expect(compileResourcePattern(pattern, { variables: true }).test(resource, none).matches).toBe(expected);
  });

  it("a segment wildcard does not run into the next segment", () => {
    const p = compileResourcePattern("arn:aws:iam:*:user/bob:x:y", { variables: false });
    expect(p.test("arn:aws:iam::123:user/bob:x:y", none).matches).toBe(false);
  });

  it("NotResource matches everything except the listed resources", () => {
    const element = { element: "NotResource" as const, patterns: [compileResourcePattern("arn:aws:s3:::secret/*", { variables: true })] };
    expect(matchResource(element, "arn:aws:s3:::public/a", none)).toMatchObject({ matches: true });
    expect(matchResource(element, "arn:aws:s3:::secret/a", none)).toMatchObject({ matches: false, pattern: "arn:aws:s3:::secret/*" });
  });
});
