import { deniedAction } from "@/components/permission-alert";
import type { Notification } from "@/components/console-layout/notifications";
import type { ActionError } from "@/lib/action-result";

// How a failed action from a dialog ends: a red Flashbar item naming what failed, with AWS's
// message (AccessDenied names the denied action, as the permission alert does).

export function failureNotification(what: string, error: ActionError | undefined): Notification {
  const denied = error?.code === "AccessDenied" ? deniedAction(error.message) : undefined;
  return {
    type: "error",
    header: denied ? `${what}: you don't have permission to ${denied}` : `${what}${error ? `: ${error.code}` : ""}`,
    content: error?.message ?? "The request could not be completed.",
  };
}
