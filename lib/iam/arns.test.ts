import { describe, expect, it } from "vitest";
import { awsManagedPolicyArn, iamArn, listResourceArn, parseArn, rootArn } from "./arns";

describe("IAM ARNs", () => {
  it.each([
    [iamArn("123456789012", "user", "/", "bob"), "arn:aws:iam::123456789012:user/bob"],
    [iamArn("123456789012", "user", "/division_abc/subdivision_xyz/", "bob"), "arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/bob"],
    [iamArn("123456789012", "group", "/", "Admins"), "arn:aws:iam::123456789012:group/Admins"],
    [iamArn("123456789012", "role", "/service-role/", "app"), "arn:aws:iam::123456789012:role/service-role/app"],
    [iamArn("123456789012", "policy", "/", "DeveloperAccess"), "arn:aws:iam::123456789012:policy/DeveloperAccess"],
    [iamArn("123456789012", "instance-profile", "/", "web"), "arn:aws:iam::123456789012:instance-profile/web"],
    [iamArn("123456789012", "mfa", "/", "root-account-mfa-device"), "arn:aws:iam::123456789012:mfa/root-account-mfa-device"],
    [rootArn("012345678901"), "arn:aws:iam::012345678901:root"],
    [awsManagedPolicyArn("/job-function/", "ViewOnlyAccess"), "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"],
    [listResourceArn("123456789012", "user"), "arn:aws:iam::123456789012:user/"],
    [listResourceArn("123456789012", "role", "/service-role/"), "arn:aws:iam::123456789012:role/service-role/"],
  ])("%s", (actual, expected) => {
    expect(actual).toBe(expected);
  });

  it("parses an ARN into its parts, keeping colons in the resource", () => {
    expect(parseArn("arn:aws:iam::123456789012:user/bob")).toEqual({ partition: "aws", service: "iam", region: "", account: "123456789012", resource: "user/bob" });
    expect(parseArn("arn:aws:sts::123456789012:assumed-role/R/S")).toMatchObject({ service: "sts", resource: "assumed-role/R/S" });
    expect(parseArn("arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/x:*")).toMatchObject({
      region: "us-east-1",
      resource: "log-group:/aws/lambda/x:*",
    });
    expect(parseArn("arn:aws:iam::aws:policy/AdministratorAccess")?.account).toBe("aws");
  });

  it.each(["*", "bob", "arn:aws:iam::123456789012", "urn:aws:iam::123456789012:user/bob"])("%j is not an ARN", (text) => {
    expect(parseArn(text)).toBeUndefined();
  });
});
