"use client";

import { useEffect } from "react";
import { useNotifications } from "./notifications";
import { RouterLink } from "./router-link";

// The console's warning in the last days before the signed-in user's password expires
// (iam-facts §7: the final 15 days). The layout passes the days left; the warning sits in the
// Flashbar with the other messages, dismissible, until the next full page load.

export function passwordExpiryText(daysLeft: number): string {
  if (daysLeft <= 0) return "Your password will expire today.";
  return `Your password will expire in ${daysLeft} ${daysLeft === 1 ? "day" : "days"}.`;
}

export function PasswordExpiryBanner({ daysLeft }: { daysLeft: number }) {
  const { notify } = useNotifications();
  useEffect(() => {
    notify({
      id: "password-expiry",
      type: "warning",
      content: (
        <>
          {passwordExpiryText(daysLeft)} <RouterLink href="/security-credentials">Change your password</RouterLink> to keep
          signing in.
        </>
      ),
    });
  }, [daysLeft, notify]);
  return null;
}
