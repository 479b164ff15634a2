import { describe, expect, it } from "vitest";
import { NAME_LIMITS } from "@/lib/iam/validation";
import { documentBlocked, emptyPolicyBlocked, policyDescriptionError, policyNameError } from "./policy-form-checks";
import { newPolicyDocument } from "./visual-model";

describe("the policy forms' checks", () => {
  it("asks for a policy name within IAM's length and characters", () => {
    expect(policyNameError("")).toBe("Enter a policy name.");
    expect(policyNameError("ReadLogs+=,.@-_")).toBeUndefined();
    expect(policyNameError("a".repeat(NAME_LIMITS.policyName + 1))).toBe(
      `The policy name must have no more than ${NAME_LIMITS.policyName} characters.`,
    );
    expect(policyNameError("Read Logs")).toBe("The policy name can only contain alphanumeric characters and the following: +=,.@-_");
  });

  it("limits the description to 1,000 characters", () => {
    expect(policyDescriptionError("x".repeat(1000))).toBeUndefined();
    expect(policyDescriptionError("x".repeat(1001))).toBe("The description must have no more than 1000 characters.");
  });

  it("blocks the next step on the editor's errors or a document over the size limit", () => {
    expect(documentBlocked(undefined)).toBeUndefined();
    expect(documentBlocked({ errors: 0, overLimit: false })).toBeUndefined();
    expect(documentBlocked({ errors: 1, overLimit: false })).toBe("Resolve the error in the policy before you continue.");
    expect(documentBlocked({ errors: 3, overLimit: true })).toBe("Resolve the 3 errors in the policy before you continue.");
    expect(documentBlocked({ errors: 0, overLimit: true })).toBe("The policy exceeds the size limit. Shorten it before you continue.");
  });

  it("asks for a statement in a new policy, and leaves text that is not JSON to the validator", () => {
    expect(emptyPolicyBlocked(JSON.stringify({ Version: "2012-10-17", Statement: [] }))).toBe("Add at least one statement to the policy.");
    expect(emptyPolicyBlocked(newPolicyDocument())).toBeUndefined();
    expect(emptyPolicyBlocked(JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] }))).toBeUndefined();
    expect(emptyPolicyBlocked('{"Statement": [')).toBeUndefined();
  });
});
