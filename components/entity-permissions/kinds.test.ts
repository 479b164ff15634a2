import { describe, expect, it } from "vitest";
import { entityHref } from "@/lib/console-paths";
import { managedPolicyType, nameFromSegment, readKind } from "./kinds";

describe("the words and paths the user, group and role pages share", () => {
  it("accepts only the three entity kinds from the browser", () => {
    expect(["User", "Group", "Role"].map(readKind)).toEqual(["User", "Group", "Role"]);
    expect(readKind("Policy")).toBeUndefined();
    expect(readKind("user")).toBeUndefined();
    expect(readKind(undefined)).toBeUndefined();
  });

  it("keys an entity's page under details/, so a user may be named create", () => {
    expect(entityHref("User", "create")).toBe("/users/details/create");
    expect(entityHref("Group", "QA-Team", "add-users")).toBe("/groups/details/QA-Team/add-users");
    expect(entityHref("Role", "a+b=c,d.e@f")).toBe("/roles/details/a%2Bb%3Dc%2Cd.e%40f");
  });

  it("decodes a route segment that still holds escapes, once", () => {
    expect(nameFromSegment("Samy")).toBe("Samy");
    expect(nameFromSegment("a%2Bb%40c")).toBe("a+b@c");
    expect(nameFromSegment("%E0%A4%A")).toBe("%E0%A4%A");
  });

  it("types a managed policy by its ARN", () => {
    expect(managedPolicyType("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")).toBe("AWS managed");
    expect(managedPolicyType("arn:aws:iam::aws:policy/job-function/ViewOnlyAccess")).toBe("AWS managed - job function");
    expect(managedPolicyType("arn:aws:iam::123456789012:policy/DeveloperAccess")).toBe("Customer managed");
  });
});
