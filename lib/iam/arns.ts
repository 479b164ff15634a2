// ARNs of IAM entities. IAM ARNs have an empty region; paths start and end with "/".

export const PARTITION = "aws";

export type IamResourceType = "user" | "group" | "role" | "policy" | "instance-profile" | "mfa";

export function iamArn(accountId: string, type: IamResourceType, path: string, name: string): string {
  return `arn:${PARTITION}:iam::${accountId}:${type}${path}${name}`;
}

export function rootArn(accountId: string): string {
  return `arn:${PARTITION}:iam::${accountId}:root`;
}

export function awsManagedPolicyArn(path: string, name: string): string {
  return `arn:${PARTITION}:iam::aws:policy${path}${name}`;
}

/** The resource IAM list operations are authorized against, e.g. arn:aws:iam::ACCT:user/ */
export function listResourceArn(accountId: string, type: IamResourceType, pathPrefix = "/"): string {
  return `arn:${PARTITION}:iam::${accountId}:${type}${pathPrefix}`;
}

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

export function parseArn(arn: string): ParsedArn | undefined {
  const parts = arn.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return undefined;
  const [, partition, service, region, account] = parts;
  return { partition, service, region, account, resource: parts.slice(5).join(":") };
}
