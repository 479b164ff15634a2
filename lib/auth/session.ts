import "server-only";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { env } from "@/lib/env";
import type { Caller } from "@/lib/iam/caller";
import { resolveConsoleSession } from "@/lib/iam/sign-in";
import { authOptions } from "./options";
import { requestFacts } from "./request";

/** Set by proxy.ts: the path the browser asked for, to come back to after signing in. */
export const PATHNAME_HEADER = "x-iam-pathname";

export interface ConsoleIdentity {
  caller: Caller;
  accountAlias: string | null;
  /** "root" or the IAM user name. */
  displayName: string;
  /** Where this account's IAM users sign in. */
  signInUrl: string;
}

/** Once per request: the layout and the page both ask. */
export const getConsoleIdentity = cache(async (): Promise<ConsoleIdentity | null> => {
  const session = await getServerSession(authOptions());
  if (!session?.sid) return null;
  const h = await headers();
  const facts = await resolveConsoleSession(session.sid, { ...requestFacts(h), now: new Date() });
  if (!facts) return null;
  return { ...facts, signInUrl: `${env().baseUrl}/signin/${facts.accountAlias ?? facts.caller.accountId}` };
});

/** The signed-in console principal; without a valid session, a redirect to sign-in and back. */
export async function requireConsoleIdentity(): Promise<ConsoleIdentity> {
  const identity = await getConsoleIdentity();
  if (identity) return identity;
  const back = (await headers()).get(PATHNAME_HEADER) || "/";
  redirect(`/signin?callbackUrl=${encodeURIComponent(back)}`);
}

/** For server actions: the caller, or a redirect to sign-in. */
export async function requireCaller(): Promise<Caller> {
  return (await requireConsoleIdentity()).caller;
}
