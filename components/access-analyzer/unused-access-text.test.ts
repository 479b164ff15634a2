import { describe, expect, it } from "vitest";
import { credentialsHref, defaultAnalyzerName, findingHref, findingResource, statusChoice, statusOfChoice } from "./unused-access-text";

// The Access Analyzer pages' names and links.

describe("Access Analyzer text", () => {
  it("suggests AWS's analyzer name with the day", () => {
    expect(defaultAnalyzerName(new Date("2026-11-27T07:09:33Z"))).toBe("UnusedAccessAnalyzer-2026-11-27");
  });

  it("reads the status choice from the URL: Active unless another is named", () => {
    expect(statusChoice(undefined)).toBe("active");
    expect(statusChoice("archived")).toBe("archived");
    expect(statusChoice(["resolved", "all"])).toBe("resolved");
    expect(statusChoice("ARCHIVED")).toBe("active");
    expect([statusOfChoice("archived"), statusOfChoice("all")]).toEqual(["ARCHIVED", undefined]);
  });

  it("links a finding's user or role, whatever its path, and the user's credentials", () => {
    expect(findingResource("arn:aws:iam::123456789012:user/alice")).toEqual({ kind: "User", name: "alice", href: "/users/details/alice" });
    expect(findingResource("arn:aws:iam::123456789012:role/app/EC2AppRole")).toEqual({ kind: "Role", name: "EC2AppRole", href: "/roles/details/EC2AppRole" });
    expect(credentialsHref("alice")).toBe("/users/details/alice?section=security-credentials");
    expect(findingHref("0b6a4f7e-3c1d-4e2f-8a9b-0c1d2e3f4a5b")).toBe("/access-analyzer/findings/0b6a4f7e-3c1d-4e2f-8a9b-0c1d2e3f4a5b");
  });
});
