import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { completeSignIn, CONSOLE_SESSION_MS, SignInError, signOut } from "@/lib/iam/sign-in";
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
      // The password and MFA steps are server actions (app/signin/actions.ts) that move a
      // sign-in challenge along; only a challenge with every step done becomes a session.
      CredentialsProvider({
        id: "challenge",
        name: "Sign-in challenge",
        credentials: { challenge: { label: "Challenge", type: "text" } },
        authorize: (c, req) => asNextAuthUser(completeSignIn(c?.challenge ?? "", signInRequest(req))),
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
