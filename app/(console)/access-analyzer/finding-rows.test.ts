import { describe, expect, it } from "vitest";
import { findingLastAccessed, findingListRow } from "./finding-rows";

// How the findings table words a finding: its resource as a link, the key it is about, and
// "Last accessed" for each type.

const NOW = new Date("2026-06-01T12:00:00Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 24 * 60 * 60 * 1000);
const summary = {
  id: "0b6a4f7e-3c1d-4e2f-8a9b-0c1d2e3f4a5b",
  resourceOwnerAccount: "123456789012",
  status: "ACTIVE" as const,
  createdAt: daysAgo(3),
  updatedAt: daysAgo(2),
  analyzedAt: daysAgo(1),
};

describe("findings table rows", () => {
  it("a key finding names the key and its user, and says Never for a key never used", () => {
    const row = findingListRow(
      {
        ...summary,
        findingType: "UnusedIAMUserAccessKey",
        resource: "arn:aws:iam::123456789012:user/team/alice",
        resourceType: "AWS::IAM::User",
        findingDetails: [{ unusedIamUserAccessKeyDetails: { accessKeyId: "AKIAEXAMPLEEXAMPLE12" } }],
      },
      NOW,
    );
    expect(row).toEqual({
      id: summary.id,
      resource: "arn:aws:iam::123456789012:user/team/alice",
      resourceName: "alice",
      resourceKind: "User",
      resourceHref: "/users/details/alice",
      findingType: "UnusedIAMUserAccessKey",
      accessKeyId: "AKIAEXAMPLEEXAMPLE12",
      status: "ACTIVE",
      lastAccessed: "Never",
      updated: "2 days ago",
    });
  });

  it("a role finding links to the role and gives its last use", () => {
    const row = findingListRow(
      {
        ...summary,
        findingType: "UnusedIAMRole",
        resource: "arn:aws:iam::123456789012:role/service-role/Batch",
        resourceType: "AWS::IAM::Role",
        findingDetails: [{ unusedIamRoleDetails: { lastAccessed: daysAgo(120) } }],
      },
      NOW,
    );
    expect([row.resourceName, row.resourceKind, row.resourceHref, row.lastAccessed]).toEqual(["Batch", "Role", "/roles/details/Batch", "4 months ago"]);
  });

  it("unused permissions: the latest call of a service unused entirely; none for unused actions alone", () => {
    expect(
      findingLastAccessed([
        { unusedPermissionDetails: { serviceNamespace: "ec2", lastAccessed: daysAgo(120) } },
        { unusedPermissionDetails: { serviceNamespace: "s3", lastAccessed: daysAgo(100) } },
        { unusedPermissionDetails: { serviceNamespace: "iam", actions: [{ action: "CreateUser" }], lastAccessed: daysAgo(1) } },
      ]),
    ).toEqual({ at: daysAgo(100) });
    expect(findingLastAccessed([{ unusedPermissionDetails: { serviceNamespace: "sns" } }])).toEqual({ at: undefined });
    expect(findingLastAccessed([{ unusedPermissionDetails: { serviceNamespace: "iam", actions: [{ action: "GetUser" }], lastAccessed: daysAgo(1) } }])).toBeUndefined();
  });
});
