// Who is making a request, and the facts about the request that policies can test
// (the aws:* global condition keys). Plain data: the console session and the Query API
// both build one, and every lib/iam function takes it first.

export type PrincipalType = "Account" | "User" | "AssumedRole" | "FederatedUser";

export interface Caller {
  accountId: string;
  principalType: PrincipalType;
  /** arn:aws:iam::ACCT:root, arn:aws:iam::ACCT:user/path/name, arn:aws:sts::ACCT:assumed-role/R/S */
  principalArn: string;
  /** aws:userid: the account ID for root, AIDA… for users, AROA…:session for role sessions. */
  principalId: string;
  /** IAM user name (aws:username); absent for root and sessions. */
  userName?: string;
  /** IAM user ID when the caller is (or acts as) an IAM user. */
  userId?: string;
  /** Role ID and ARN (with path) when the caller is a role session. */
  roleId?: string;
  roleArn?: string;
  /** The credentials used: an access key ID, or absent for a console session. */
  accessKeyId?: string;
  /** The role session's name, for role sessions. */
  sessionName?: string;
  /** The Region the request was sent to (a regional service's calls record it); IAM is global. */
  region?: string;
  /** Console session ID. */
  consoleSessionId?: string;
  /** Whether the credentials were issued with MFA (aws:MultiFactorAuthPresent); absent for long-term keys. */
  mfaPresent?: boolean;
  /** When MFA was last presented (aws:MultiFactorAuthAge is measured from it). */
  mfaAuthenticatedAt?: Date;
  /** When the temporary credentials or console session were issued (aws:TokenIssueTime). */
  tokenIssueTime?: Date;
  sourceIp: string;
  userAgent?: string;
  secureTransport: boolean;
  /** The request time: evaluation never reads the clock itself. */
  now: Date;
}

export function isRoot(caller: Caller): boolean {
  return caller.principalType === "Account";
}

/** CloudTrail's userIdentity.type for a caller, as activity events record it. */
export function identityType(caller: Pick<Caller, "principalType">): "Root" | "IAMUser" | "AssumedRole" | "FederatedUser" {
  switch (caller.principalType) {
    case "Account":
      return "Root";
    case "User":
      return "IAMUser";
    default:
      return caller.principalType;
  }
}
