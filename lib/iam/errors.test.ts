import { describe, expect, it } from "vitest";
import { ERROR_CODES, IamError, invalidMarker, isIamError, noSuchGroup, noSuchPolicy, noSuchRole, noSuchUser } from "./errors";

describe("IamError", () => {
  it.each([
    ["AccessDenied", 403, "Sender"],
    ["NoSuchEntity", 404, "Sender"],
    ["EntityAlreadyExists", 409, "Sender"],
    ["DeleteConflict", 409, "Sender"],
    ["LimitExceeded", 409, "Sender"],
    ["MalformedPolicyDocument", 400, "Sender"],
    ["InvalidInput", 400, "Sender"],
    ["ValidationError", 400, "Sender"],
    ["PasswordPolicyViolation", 400, "Sender"],
    ["InvalidAuthenticationCode", 403, "Sender"],
    ["ReportNotPresent", 410, "Sender"],
    ["ReportInProgress", 404, "Sender"],
    ["ServiceFailure", 500, "Receiver"],
    ["PolicyEvaluation", 500, "Receiver"],
  ] as const)("%s has HTTP status %i and type %s", (code, status, type) => {
    const err = new IamError(code, "message");
    expect(err.status).toBe(status);
    expect(err.type).toBe(type);
  });

  it("every 5xx code is a Receiver error and every 4xx a Sender error", () => {
    for (const [code, { status, type }] of Object.entries(ERROR_CODES)) {
      expect(type, code).toBe(status >= 500 ? "Receiver" : "Sender");
    }
  });

  it("is an Error with its code, serialisable as plain data", () => {
    const err = noSuchUser("bob");
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe("IamError");
    expect(isIamError(err)).toBe(true);
    expect(isIamError(new Error("x"))).toBe(false);
    expect(JSON.parse(JSON.stringify(err))).toEqual({ code: "NoSuchEntity", message: "The user with name bob cannot be found." });
  });

  it("the recurring messages are AWS's", () => {
    expect(noSuchUser("bob").message).toBe("The user with name bob cannot be found.");
    expect(noSuchGroup("Admins").message).toBe("The group with name Admins cannot be found.");
    expect(noSuchRole("app").message).toBe("The role with name app cannot be found.");
    expect(noSuchPolicy("arn:aws:iam::123456789012:policy/x").message).toBe("Policy arn:aws:iam::123456789012:policy/x does not exist or is not attachable.");
    expect(invalidMarker()).toMatchObject({ code: "InvalidInput", message: "Invalid Marker." });
  });
});
