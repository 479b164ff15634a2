import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { CONSOLE_SESSION_MS, SignInError, signInIamUser, signInRoot, signOut } from "@/lib/iam/sign-in";
import { requestFacts } from "./request";

// next-auth carries only the console session's ID in its JWT; the session itself lives in
// the database, where signing out revokes it for every app server.

declare module "next-auth" {
  interface Session {
    sid?: string;
  }
}

function signInRequest(req: { headers?: Record<string, string | string[] | undefined> } | undefined) {
  return { ...requestFacts(req?.headers ?? {}), now: new Date() };
}

/** next-auth reports a thrown error's message to the sign-in form as is. */
async function asNextAuthUser(attempt: Promise<{ sessionId: string; principalArn: string }>) {
  try {
    const s = await attempt;
    return { id: s.sessionId, name: s.principalArn };
  } catch (err) {
    if (err instanceof SignInError) throw new Error(err.message);
    throw err;
  }
}

let cached: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  cached ??= {
    secret: env().authSecret,
    session: { strategy: "jwt", maxAge: CONSOLE_SESSION_MS / 1000 },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        id: "root",
        name: "Root user",
        credentials: { email: { label: "Email address", type: "email" }, password: { label: "Password", type: "password" } },
        authorize: (c, req) =>
          asNextAuthUser(signInRoot({ email: c?.email ?? "", password: c?.password ?? "" }, signInRequest(req))),
      }),
      CredentialsProvider({
        id: "iam-user",
        name: "IAM user",
        credentials: {
          account: { label: "Account ID or alias", type: "text" },
          username: { label: "IAM user name", type: "text" },
          password: { label: "Password", type: "password" },
        },
        authorize: (c, req) =>
          asNextAuthUser(
            signInIamUser(
              { account: c?.account ?? "", userName: c?.username ?? "", password: c?.password ?? "" },
              signInRequest(req),
            ),
          ),
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) token.sid = user.id;
        return token;
      },
      session({ session, token }) {
        session.sid = typeof token.sid === "string" ? token.sid : undefined;
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string") await signOut(token.sid, new Date());
      },
    },
  };
  return cached;
}
