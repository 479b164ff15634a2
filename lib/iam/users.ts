import "server-only";
import { db } from "@/lib/db";
import { operation } from "./activity";
import { authorize } from "./authorize";
import type { Caller } from "./caller";
import { listResourceArn } from "./arns";
import { page, pageQuery } from "./listing";
import type { PageInput, PageOutput } from "./paging";
import { checkPathPrefix } from "./validation";

export interface User {
  Path: string;
  UserName: string;
  UserId: string;
  Arn: string;
  CreateDate: Date;
  PasswordLastUsed?: Date;
}

type UserRow = { id: string; name: string; path: string; arn: string; createdAt: Date; passwordLastUsed: Date | null };

export function toUser(row: UserRow): User {
  return {
    Path: row.path,
    UserName: row.name,
    UserId: row.id,
    Arn: row.arn,
    CreateDate: row.createdAt,
    ...(row.passwordLastUsed ? { PasswordLastUsed: row.passwordLastUsed } : {}),
  };
}

export interface ListUsersInput extends PageInput {
  PathPrefix?: string;
}

export function listUsers(caller: Caller, input: ListUsersInput = {}): Promise<{ Users: User[] } & PageOutput> {
  return operation(caller, { eventName: "ListUsers", readOnly: true, params: { ...input } }, async () => {
    const pathPrefix = checkPathPrefix(input.PathPrefix);
    await authorize(caller, "iam:ListUsers", listResourceArn(caller.accountId, "user", pathPrefix));
    const q = pageQuery(input);
    const rows = await (await db()).user.findMany({
      where: { accountId: caller.accountId, path: { startsWith: pathPrefix }, ...q.after },
      orderBy: q.orderBy,
      take: q.take,
    });
    const { items, ...rest } = page(rows, q.limit);
    return { Users: items.map(toUser), ...rest };
  });
}
