import { describe, expect, it } from "vitest";
import { lastAccessedText, NOT_ACCESSED, toLastAccessedData } from "./last-accessed-rows";

// How the Last accessed tab writes a report: calendar days in UTC, and the entity only where
// the report is about a group or policy.

const NOW = new Date("2026-06-01T12:00:00Z");

describe("lastAccessedText", () => {
  it("counts UTC calendar days: Today, Yesterday, N days ago, or not accessed", () => {
    expect(lastAccessedText(new Date("2026-06-01T00:00:00Z"), NOW)).toBe("Today");
    expect(lastAccessedText(new Date("2026-05-31T23:59:59Z"), NOW)).toBe("Yesterday");
    expect(lastAccessedText(new Date("2026-05-30T23:59:59Z"), NOW)).toBe("2 days ago");
    expect(lastAccessedText(new Date("2025-04-27T12:00:00Z"), NOW)).toBe("400 days ago");
    expect(lastAccessedText(undefined, NOW)).toBe(NOT_ACCESSED);
  });
});

describe("toLastAccessedData", () => {
  const report = {
    JobStatus: "COMPLETED" as const,
    ServicesLastAccessed: [
      {
        ServiceName: "AWS Identity and Access Management",
        ServiceNamespace: "iam",
        LastAuthenticated: new Date("2026-05-31T10:00:00Z"),
        LastAuthenticatedEntity: "arn:aws:iam::123456789012:user/team/bob",
        LastAuthenticatedRegion: "us-east-1",
        TotalAuthenticatedEntities: 1,
        TrackedActionsLastAccessed: [{ ActionName: "ListUsers", LastAccessedTime: new Date("2026-05-31T10:00:00Z"), LastAccessedEntity: "arn:aws:iam::123456789012:user/team/bob", LastAccessedRegion: "us-east-1" }, { ActionName: "GetUser" }],
      },
      { ServiceName: "Amazon S3", ServiceNamespace: "s3", TotalAuthenticatedEntities: 0 },
    ],
    policies: new Map([
      ["iam", [{ PolicyName: "ReadIam", PolicyType: "MANAGED" as const, PolicyArn: "arn:aws:iam::123456789012:policy/ReadIam" }]],
      ["s3", [{ PolicyName: "s3-inline", PolicyType: "INLINE" as const, EntityType: "GROUP" as const, EntityName: "Developers" }]],
    ]),
  };

  it("shapes services and IAM actions, naming the entity for a group report", () => {
    const data = toLastAccessedData(report, "Group", NOW);
    expect(data).toEqual({
      status: "COMPLETED",
      policiesDenied: undefined,
      services: [
        {
          namespace: "iam",
          name: "AWS Identity and Access Management",
          policies: [{ name: "ReadIam", href: "/policies/arn%3Aaws%3Aiam%3A%3A123456789012%3Apolicy%2FReadIam", note: undefined }],
          lastAccessed: "2026-05-31T10:00:00.000Z",
          lastAccessedText: "Yesterday",
          lastAccessedDate: "May 31, 2026 at 10:00 (UTC)",
          region: "us-east-1",
          entity: "bob",
          entityCount: 1,
        },
        { namespace: "s3", name: "Amazon S3", policies: [{ name: "s3-inline", href: undefined, note: "Inline (group Developers)" }], lastAccessedText: NOT_ACCESSED, region: undefined, entity: undefined, entityCount: 0 },
      ],
      iamActions: [
        { action: "iam:ListUsers", lastAccessed: "2026-05-31T10:00:00.000Z", lastAccessedText: "Yesterday", lastAccessedDate: "May 31, 2026 at 10:00 (UTC)", region: "us-east-1", entity: "bob" },
        { action: "iam:GetUser", lastAccessedText: NOT_ACCESSED, region: undefined, entity: undefined },
      ],
    });
  });

  it("leaves the entity out for a user report, and passes on a failed or running job", () => {
    const data = toLastAccessedData(report, "User", NOW);
    expect(data.status === "COMPLETED" && data.services[0].entity).toBeUndefined();
    expect(toLastAccessedData({ JobStatus: "IN_PROGRESS", ServicesLastAccessed: [] }, "User", NOW)).toEqual({ status: "IN_PROGRESS" });
    expect(toLastAccessedData({ JobStatus: "FAILED", Error: { Code: "NoSuchEntity", Message: "gone" }, ServicesLastAccessed: [] }, "Role", NOW)).toEqual({
      status: "FAILED",
      error: { code: "NoSuchEntity", message: "gone" },
    });
  });
});
