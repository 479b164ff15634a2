// IAM's quotas (iam-facts §2), as GetAccountSummary names them. No 'server-only', and no
// policy engine: the console's forms show and check the same numbers the domain enforces.

export const QUOTAS = {
  UsersQuota: 5000,
  GroupsQuota: 300,
  RolesQuota: 1000,
  PoliciesQuota: 1500,
  InstanceProfilesQuota: 1000,
  ServerCertificatesQuota: 20,
  GroupsPerUserQuota: 10,
  AttachedPoliciesPerUserQuota: 10,
  AttachedPoliciesPerGroupQuota: 10,
  AttachedPoliciesPerRoleQuota: 10,
  AccessKeysPerUserQuota: 2,
  SigningCertificatesPerUserQuota: 2,
  PolicyVersionsInUseQuota: 10000,
  VersionsPerPolicyQuota: 5,
  PolicySizeQuota: 6144,
  UserPolicySizeQuota: 2048,
  GroupPolicySizeQuota: 5120,
  RolePolicySizeQuota: 10_240,
  AssumeRolePolicySizeQuota: 2048,
} as const;

/** The entities counted against a per-account quota, as the quota's name spells them. */
export type AccountEntity = "Users" | "Groups" | "Roles" | "Policies" | "InstanceProfiles";

/** Versions a customer managed policy keeps. */
export const VERSIONS_PER_POLICY = QUOTAS.VersionsPerPolicyQuota;

/** Managed policies attached to one user, group or role. */
export const ATTACHED_POLICIES_PER = {
  user: QUOTAS.AttachedPoliciesPerUserQuota,
  group: QUOTAS.AttachedPoliciesPerGroupQuota,
  role: QUOTAS.AttachedPoliciesPerRoleQuota,
} as const;

/** Managed policy versions, and the inline aggregates of users, groups and roles (non-whitespace characters). */
export const MANAGED_POLICY_SIZE_MAX = QUOTAS.PolicySizeQuota;
export const INLINE_POLICY_SIZE_MAX = {
  user: QUOTAS.UserPolicySizeQuota,
  group: QUOTAS.GroupPolicySizeQuota,
  role: QUOTAS.RolePolicySizeQuota,
} as const;
/** Trust policies count non-whitespace characters against this quota. */
export const TRUST_POLICY_SIZE_MAX = QUOTAS.AssumeRolePolicySizeQuota;

/** An instance profile holds at most one role. */
export const ROLES_PER_INSTANCE_PROFILE = 1;
