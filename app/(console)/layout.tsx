import type { ReactNode } from "react";
import { ConsoleShell } from "@/components/console-layout/console-shell";
import { PasswordExpiryBanner } from "@/components/console-layout/password-expiry-banner";
import { requireConsoleIdentity } from "@/lib/auth/session";
import { isRoot } from "@/lib/iam/caller";
import { passwordExpiryWarning } from "@/lib/iam/sign-in";

// Every console page: signed in, inside the frame. No session → /signin?callbackUrl=…
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const { caller, accountAlias, displayName } = await requireConsoleIdentity();
  const expiry = await passwordExpiryWarning(caller);
  return (
    <ConsoleShell
      identity={{
        displayName,
        accountId: caller.accountId,
        accountAlias,
        principalArn: caller.principalArn,
        isRoot: isRoot(caller),
      }}
      banner={expiry ? <PasswordExpiryBanner daysLeft={expiry.daysLeft} /> : undefined}
    >
      {children}
    </ConsoleShell>
  );
}
