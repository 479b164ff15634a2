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

/** Access keys of one user, or of the root user, active and inactive alike. */
export const ACCESS_KEYS_PER_USER = QUOTAS.AccessKeysPerUserQuota;
/** X.509 signing certificates of one user, or of the root user. */
export const SIGNING_CERTIFICATES_PER_USER = QUOTAS.SigningCertificatesPerUserQuota;
/** SSH public keys (for CodeCommit) of one user; GetAccountSummary has no key for it. */
export const SSH_PUBLIC_KEYS_PER_USER = 5;
/** Service-specific credentials of one user for one service. */
export const SERVICE_SPECIFIC_CREDENTIALS_PER_SERVICE = 2;

/** MFA devices (virtual and security keys) assigned to one IAM user, and to the root user. */
export const MFA_DEVICES_PER_USER = 8;
/** Virtual MFA devices in an account, assigned or not: as many as it may have users (iam-facts §2). */
export const VIRTUAL_MFA_DEVICES_PER_ACCOUNT = QUOTAS.UsersQuota;
