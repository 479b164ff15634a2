import Alert from "@cloudscape-design/components/alert";
import Box from "@cloudscape-design/components/box";
import CopyToClipboard from "@cloudscape-design/components/copy-to-clipboard";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { isIamError } from "@/lib/iam/errors";
import styles from "./permission-alert.module.css";

// How the console shows AccessDenied: the action that was denied in the header, AWS's full
// message to copy for an administrator. Plain props, so server pages render it directly.

/** "iam:GetAccountSummary" out of AWS's "… is not authorized to perform: iam:GetAccountSummary on resource: …". */
export function deniedAction(message: string): string | undefined {
  return /not authorized to perform: ([\w-]+:[\w*-]+)/.exec(message)?.[1];
}

export function PermissionAlert({ message, action }: { message: string; action?: string }) {
  const denied = action ?? deniedAction(message) ?? "perform this action";
  return (
    <Alert type="error" header={`You don't have permission to ${denied}`}>
      <SpaceBetween size="xs">
        <Box variant="p">To request access, copy the following text and send it to your AWS administrator.</Box>
        <div className={styles.message}>
          <div className={styles.text}>
            <Box variant="code" fontSize="body-s">
              {message}
            </Box>
          </div>
          <CopyToClipboard
            variant="icon"
            textToCopy={message}
            copyButtonAriaLabel="Copy the access denied message"
            copySuccessText="Message copied"
            copyErrorText="Message failed to copy"
          />
        </div>
      </SpaceBetween>
    </Alert>
  );
}

/** A read that the caller may not be allowed to make: its data, or the AccessDenied message. */
export type Readout<T> = { ok: true; data: T } | { ok: false; accessDenied: string };

/**
 * Awaits a lib/iam read for one part of a page. AccessDenied becomes data, so that part can
 * show <PermissionAlert /> while the rest of the page renders; any other error is rethrown.
 */
export async function readOrDenied<T>(read: Promise<T>): Promise<Readout<T>> {
  try {
    return { ok: true, data: await read };
  } catch (err) {
    if (isIamError(err) && err.code === "AccessDenied") return { ok: false, accessDenied: err.message };
    throw err;
  }
}
