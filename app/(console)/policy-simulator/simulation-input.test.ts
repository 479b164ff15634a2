import { describe, expect, it } from "vitest";
import { MAX_ACTIONS, readCustomSimulation, readPolicyDocuments, readPolicySourceArn, readPrincipalSimulation } from "./simulation-input";

const SHARED = {
  ActionNames: ["s3:GetObject"],
  ResourceArns: ["*"],
  ContextEntries: [{ ContextKeyName: "aws:MultiFactorAuthPresent", ContextKeyValues: ["true"], ContextKeyType: "boolean" }],
};

describe("readPrincipalSimulation", () => {
  it("passes a well-shaped request on, asking for every action at once", () => {
    const read = readPrincipalSimulation({
      PolicySourceArn: "arn:aws:iam::123456789012:role/EC2AppRole",
      PolicyExclusionList: [{ PolicyArn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" }],
      ...SHARED,
    });
    expect(read).toEqual({
      ok: true,
      value: {
        PolicySourceArn: "arn:aws:iam::123456789012:role/EC2AppRole",
        PolicyExclusionList: [{ PolicyArn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" }],
        ...SHARED,
        MaxItems: MAX_ACTIONS,
      },
    });
  });

  it("drops members it does not know", () => {
    const read = readPrincipalSimulation({ PolicySourceArn: "arn:aws:iam::123456789012:user/bob", ...SHARED, ResourcePolicy: "{}" });
    expect(read.ok && "ResourcePolicy" in read.value).toBe(false);
  });

  it("reports every field of the wrong shape", () => {
    expect(readPrincipalSimulation({ PolicySourceArn: 42, ActionNames: [], ResourceArns: "*", ContextEntries: [{ ContextKeyName: "k", ContextKeyValues: ["v"], ContextKeyType: "text" }] })).toEqual({
      ok: false,
      fieldErrors: {
        principal: "Choose a user, user group or role.",
        actions: "Choose at least one action.",
        resources: "Enter at most 100 resource ARNs.",
        contextKeys: "The context keys are not valid.",
      },
    });
    expect(readPrincipalSimulation("nonsense")).toEqual({ ok: false, fieldErrors: { principal: "Choose a user, user group or role." } });
  });

  it("refuses malformed exclusions", () => {
    const read = readPrincipalSimulation({
      PolicySourceArn: "arn:aws:iam::123456789012:user/bob",
      ...SHARED,
      PolicyExclusionList: [{ InlinePolicyIdentifier: { PolicyName: "x", AttachmentType: "account", AttachmentName: "y" } }],
    });
    expect(read).toEqual({ ok: false, fieldErrors: { policies: "The policies to leave out are not valid." } });
  });

  it("limits the number of actions", () => {
    const read = readPrincipalSimulation({ PolicySourceArn: "arn:aws:iam::123456789012:user/bob", ...SHARED, ActionNames: Array(MAX_ACTIONS + 1).fill("s3:GetObject") });
    expect(read).toEqual({ ok: false, fieldErrors: { actions: "Choose at most 1,000 actions." } });
  });
});

describe("readCustomSimulation", () => {
  it("needs at least one policy document", () => {
    expect(readCustomSimulation({ PolicyInputList: [], ...SHARED })).toEqual({ ok: false, fieldErrors: { policies: "Enter at least one policy." } });
    expect(readCustomSimulation({ PolicyInputList: ["{}"], ...SHARED })).toEqual({ ok: true, value: { PolicyInputList: ["{}"], ...SHARED, MaxItems: MAX_ACTIONS } });
  });
});

describe("single values", () => {
  it("reads a policy source ARN and a list of documents", () => {
    expect(readPolicySourceArn("arn:aws:iam::123456789012:group/Admins")).toEqual({ ok: true, value: "arn:aws:iam::123456789012:group/Admins" });
    expect(readPolicySourceArn("")).toMatchObject({ ok: false });
    expect(readPolicyDocuments(["{}", 3])).toMatchObject({ ok: false });
    expect(readPolicyDocuments(Array(11).fill("{}"))).toMatchObject({ ok: false, fieldErrors: { policies: "Enter at most 10 policies." } });
  });
});
