import type { DeleteDependency } from "@/components/delete-modal";
import type { UserDependencies } from "@/lib/iam/users-console";

// What the delete dialog lists for the users it deletes, as the console names each kind.

export function userDependencyList(all: readonly UserDependencies[]): DeleteDependency[] {
  const many = all.length > 1;
  const of = (d: UserDependencies, item: string) => (many ? `${item} (${d.UserName})` : item);
  return [
    { label: "Console access", items: all.filter((d) => d.LoginProfile).map((d) => (many ? d.UserName : "Console password")) },
    { label: "Access keys", items: all.flatMap((d) => d.AccessKeys.map((k) => of(d, k.AccessKeyId))) },
    { label: "MFA devices", items: all.flatMap((d) => d.MFADevices.map((m) => of(d, m.SerialNumber))) },
    { label: "Inline policies", items: all.flatMap((d) => d.InlinePolicyNames.map((n) => of(d, n))) },
    { label: "Attached policies", items: all.flatMap((d) => d.AttachedPolicies.map((p) => of(d, p.PolicyName))) },
    { label: "Group memberships", items: all.flatMap((d) => d.Groups.map((g) => of(d, g.GroupName))) },
  ];
}
