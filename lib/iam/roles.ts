import "server-only";
import { db } from "@/lib/db";
import { operation } from "./activity";
import { authorize } from "./authorize";
import type { Caller } from "./caller";
import { listResourceArn } from "./arns";
import { page, pageQuery } from "./listing";
import type { PageInput, PageOutput } from "./paging";
import { checkPathPrefix } from "./validation";

export interface Role {
  Path: string;
  RoleName: string;
  RoleId: string;
  Arn: string;
  CreateDate: Date;
  AssumeRolePolicyDocument: string;
  Description?: string;
  MaxSessionDuration: number;
}

type RoleRow = {
  id: string;
  name: string;
  path: string;
  arn: string;
  createdAt: Date;
  assumeRolePolicyDocument: string;
  description: string | null;
  maxSessionDuration: number;
};

export function toRole(row: RoleRow): Role {
  return {
    Path: row.path,
    RoleName: row.name,
    RoleId: row.id,
    Arn: row.arn,
    CreateDate: row.createdAt,
    AssumeRolePolicyDocument: row.assumeRolePolicyDocument,
    ...(row.description ? { Description: row.description } : {}),
    MaxSessionDuration: row.maxSessionDuration,
  };
}

export interface ListRolesInput extends PageInput {
  PathPrefix?: string;
}

export function listRoles(caller: Caller, input: ListRolesInput = {}): Promise<{ Roles: Role[] } & PageOutput> {
  return operation(caller, { eventName: "ListRoles", readOnly: true, params: { ...input } }, async () => {
    const pathPrefix = checkPathPrefix(input.PathPrefix);
    await authorize(caller, "iam:ListRoles", listResourceArn(caller.accountId, "role", pathPrefix));
    const q = pageQuery(input);
    const rows = await (await db()).role.findMany({
      where: { accountId: caller.accountId, path: { startsWith: pathPrefix }, ...q.after },
      orderBy: q.orderBy,
      take: q.take,
    });
    const { items, ...rest } = page(rows, q.limit);
    return { Roles: items.map(toRole), ...rest };
  });
}
