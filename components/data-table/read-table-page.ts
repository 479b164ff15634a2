import "server-only";
import { connection } from "next/server";
import { readOrDenied } from "@/components/permission-alert";
import { requireConsoleIdentity } from "@/lib/auth/session";
import type { Caller } from "@/lib/iam/caller";
import { tableQueryOptions, type DataTableConfig } from "./table-config";
import { parseTableQuery, type SearchParamsInput, type TableQuery } from "./table-query";

// The start of every server-paged list page (Users, User groups, Roles, Policies): the signed-in
// caller, the table's query from the URL, and one read of the list, which a caller without
// permission turns into the page's permission alert instead of an error.

export interface TablePageRead<R> {
  caller: Caller;
  query: TableQuery;
  /** The list; undefined when it was denied. */
  data: R | undefined;
  accessDenied: string | undefined;
}

export async function readTablePage<T, R>(
  searchParams: Promise<SearchParamsInput> | SearchParamsInput,
  config: DataTableConfig<T>,
  read: (caller: Caller, query: TableQuery) => Promise<R>,
): Promise<TablePageRead<R>> {
  await connection();
  const { caller } = await requireConsoleIdentity();
  const query = parseTableQuery(await searchParams, tableQueryOptions(config));
  const result = await readOrDenied(read(caller, query));
  return result.ok
    ? { caller, query, data: result.data, accessDenied: undefined }
    : { caller, query, data: undefined, accessDenied: result.accessDenied };
}
