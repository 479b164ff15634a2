import { findingResource, lastAccessedText } from "@/components/access-analyzer/unused-access-text";
import { timeAgo } from "@/components/console-layout/time";
import type { FindingSummaryV2 } from "@/lib/iam/access-analyzer/findings";
import type { FindingDetails } from "@/lib/iam/access-analyzer/unused-access";
import type { FindingListRow } from "./findings-table-config";

// Findings as the table shows them, formatted on the server (times relative to the request).

/**
 * When the unused access was last used: the role, key or password's last use; for unused
 * permissions, the latest call of a service that went unused entirely. Undefined when the
 * finding has no such date (only unused actions of services still called).
 */
export function findingLastAccessed(details: readonly FindingDetails[]): { at?: Date } | undefined {
  let latest: Date | undefined;
  let applies = false;
  for (const d of details) {
    const part =
      "unusedIamRoleDetails" in d
        ? d.unusedIamRoleDetails
        : "unusedIamUserAccessKeyDetails" in d
          ? d.unusedIamUserAccessKeyDetails
          : "unusedIamUserPasswordDetails" in d
            ? d.unusedIamUserPasswordDetails
            : d.unusedPermissionDetails.actions
              ? undefined
              : d.unusedPermissionDetails;
    if (!part) continue;
    applies = true;
    if (part.lastAccessed && (!latest || part.lastAccessed > latest)) latest = part.lastAccessed;
  }
  return applies ? { at: latest } : undefined;
}

export function findingListRow(finding: FindingSummaryV2 & { findingDetails: FindingDetails[] }, now: Date): FindingListRow {
  const resource = findingResource(finding.resource);
  const key = finding.findingDetails.find((d) => "unusedIamUserAccessKeyDetails" in d);
  const accessed = findingLastAccessed(finding.findingDetails);
  return {
    id: finding.id,
    resource: finding.resource,
    resourceName: resource.name,
    resourceKind: resource.kind,
    resourceHref: resource.href,
    findingType: finding.findingType,
    ...(key && "unusedIamUserAccessKeyDetails" in key ? { accessKeyId: key.unusedIamUserAccessKeyDetails.accessKeyId } : {}),
    status: finding.status,
    lastAccessed: accessed ? lastAccessedText(accessed.at, now) : "-",
    updated: timeAgo(finding.updatedAt, now),
  };
}
