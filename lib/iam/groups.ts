import "server-only";
import { db } from "@/lib/db";
import { operation } from "./activity";
import { authorize } from "./authorize";
import type { Caller } from "./caller";
import { listResourceArn } from "./arns";
import { page, pageQuery } from "./listing";
import type { PageInput, PageOutput } from "./paging";
import { checkPathPrefix } from "./validation";

export interface Group {
  Path: string;
  GroupName: string;
  GroupId: string;
  Arn: string;
  CreateDate: Date;
}

type GroupRow = { id: string; name: string; path: string; arn: string; createdAt: Date };

export function toGroup(row: GroupRow): Group {
  return { Path: row.path, GroupName: row.name, GroupId: row.id, Arn: row.arn, CreateDate: row.createdAt };
}

export interface ListGroupsInput extends PageInput {
  PathPrefix?: string;
}

export function listGroups(caller: Caller, input: ListGroupsInput = {}): Promise<{ Groups: Group[] } & PageOutput> {
  return operation(caller, { eventName: "ListGroups", readOnly: true, params: { ...input } }, async () => {
    const pathPrefix = checkPathPrefix(input.PathPrefix);
    await authorize(caller, "iam:ListGroups", listResourceArn(caller.accountId, "group", pathPrefix));
    const q = pageQuery(input);
    const rows = await (await db()).group.findMany({
      where: { accountId: caller.accountId, path: { startsWith: pathPrefix }, ...q.after },
      orderBy: q.orderBy,
      take: q.take,
    });
    const { items, ...rest } = page(rows, q.limit);
    return { Groups: items.map(toGroup), ...rest };
  });
}
