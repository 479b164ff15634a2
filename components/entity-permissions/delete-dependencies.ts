import type { DeleteDependency } from "@/components/delete-modal";
import type { GroupDependencies } from "@/lib/iam/console-groups";
import { serviceLabel } from "@/lib/iam/service-credential-services";
import type { UserDependencies } from "@/lib/iam/users-console";

// What the delete dialog lists for the entities it deletes, as the console names each kind.
// With several entities, each item says whose it is.

function owned<T>(all: readonly T[], name: (d: T) => string) {
  return (d: T, item: string) => (all.length > 1 ? `${item} (${name(d)})` : item);
}

export function userDependencyList(all: readonly UserDependencies[]): DeleteDependency[] {
  const of = owned(all, (d) => d.UserName);
  return [
    { label: "Console access", items: all.filter((d) => d.LoginProfile).map((d) => (all.length > 1 ? d.UserName : "Console password")) },
    { label: "Access keys", items: all.flatMap((d) => d.AccessKeys.map((k) => of(d, k.AccessKeyId))) },
    { label: "X.509 signing certificates", items: all.flatMap((d) => d.SigningCertificates.map((c) => of(d, c.CertificateId))) },
    { label: "SSH public keys for AWS CodeCommit", items: all.flatMap((d) => d.SSHPublicKeys.map((k) => of(d, k.SSHPublicKeyId))) },
    {
      label: "Service-specific credentials",
      items: all.flatMap((d) => d.ServiceSpecificCredentials.map((c) => of(d, `${c.ServiceUserName} (${serviceLabel(c.ServiceName)})`))),
    },
    { label: "MFA devices", items: all.flatMap((d) => d.MFADevices.map((m) => of(d, m.SerialNumber))) },
    { label: "Inline policies", items: all.flatMap((d) => d.InlinePolicyNames.map((n) => of(d, n))) },
    { label: "Attached policies", items: all.flatMap((d) => d.AttachedPolicies.map((p) => of(d, p.PolicyName))) },
    { label: "Group memberships", items: all.flatMap((d) => d.Groups.map((g) => of(d, g.GroupName))) },
  ];
}

export function groupDependencyList(all: readonly GroupDependencies[]): DeleteDependency[] {
  const of = owned(all, (d) => d.GroupName);
  return [
    { label: "Users", items: all.flatMap((d) => d.UserNames.map((u) => of(d, u))) },
    { label: "Attached policies", items: all.flatMap((d) => d.AttachedPolicies.map((p) => of(d, p.PolicyName))) },
    { label: "Inline policies", items: all.flatMap((d) => d.InlinePolicyNames.map((n) => of(d, n))) },
  ];
}

export interface RoleDependencies {
  RoleName: string;
  InstanceProfileNames: string[];
  AttachedPolicyNames: string[];
  InlinePolicyNames: string[];
}

/**
 * Deleting a role removes it from its instance profiles and deletes the one the console created
 * under the role's name (deleteRoleWithDependencies); the dialog says which happens to each.
 */
function instanceProfileItem(roleName: string, profileName: string): string {
  return profileName === roleName ? `${profileName} (deleted with the role)` : `${profileName} (the role is removed from it)`;
}

export function roleDependencyList(all: readonly RoleDependencies[]): DeleteDependency[] {
  const of = owned(all, (d) => d.RoleName);
  return [
    { label: "Instance profiles", items: all.flatMap((d) => d.InstanceProfileNames.map((n) => of(d, instanceProfileItem(d.RoleName, n)))) },
    { label: "Permissions policies", items: all.flatMap((d) => d.AttachedPolicyNames.map((n) => of(d, n))) },
    { label: "Inline policies", items: all.flatMap((d) => d.InlinePolicyNames.map((n) => of(d, n))) },
  ];
}
