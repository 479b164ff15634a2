import type { ReactNode } from "react";
import { ConsoleShell } from "@/components/console-layout/console-shell";
import { requireConsoleIdentity } from "@/lib/auth/session";
import { isRoot } from "@/lib/iam/caller";

// Every console page: signed in, inside the frame. No session → /signin?callbackUrl=…
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const { caller, accountAlias, displayName } = await requireConsoleIdentity();
  return (
    <ConsoleShell
      identity={{
        displayName,
        accountId: caller.accountId,
        accountAlias,
        principalArn: caller.principalArn,
        isRoot: isRoot(caller),
      }}
    >
      {children}
    </ConsoleShell>
  );
}
