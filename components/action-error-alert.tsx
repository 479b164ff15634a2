import Alert from "@cloudscape-design/components/alert";
import { PermissionAlert } from "@/components/permission-alert";
import type { ActionError, ActionResult } from "@/lib/action-result";

// How a form shows a failed server action: AccessDenied with the permission alert naming the
// action, any other IAM error as AWS's code and message.

export function ActionErrorAlert({ error }: { error: ActionError | undefined }) {
  if (!error) return null;
  return error.code === "AccessDenied" ? (
    <PermissionAlert message={error.message} />
  ) : (
    <Alert type="error" header={error.code}>
      {error.message}
      {error.failedRules && error.failedRules.length > 0 && (
        <ul>
          {error.failedRules.map((rule) => (
            <li key={rule}>{rule}</li>
          ))}
        </ul>
      )}
    </Alert>
  );
}

/** The error of a failed result; field errors (input the page should have caught) as a ValidationError. */
export function resultError(result: ActionResult<unknown>): ActionError | undefined {
  if (result.ok) return undefined;
  return result.error ?? { code: "ValidationError", message: Object.values(result.fieldErrors ?? {}).join(" ") };
}
