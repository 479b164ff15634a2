"use client";

import Alert from "@cloudscape-design/components/alert";
import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import FormField from "@cloudscape-design/components/form-field";
import Input from "@cloudscape-design/components/input";
import Modal from "@cloudscape-design/components/modal";
import SpaceBetween from "@cloudscape-design/components/space-between";
import StatusIndicator from "@cloudscape-design/components/status-indicator";
import { useState, useTransition } from "react";
import { ActionErrorAlert, resultError } from "@/components/action-error-alert";
import { DialogFooter } from "@/components/action-modal";
import { useNotifications } from "@/components/console-layout/notifications";
import { useFollow } from "@/components/console-layout/use-follow";
import { defineTable } from "@/components/data-table/table-config";
import { isConfirmed } from "@/components/delete-modal";
import { confirmationLabel } from "@/components/delete-modal/confirmation";
import { failureNotification } from "@/components/entity-permissions/failure-notification";
import type { ActionError, ActionResult } from "@/lib/action-result";
import { ACCESS_KEYS_PER_USER } from "@/lib/iam/limits";
import { ACCESS_KEY_ROTATION_DAYS } from "@/lib/iam/access-key-rules";
import type { AccessKeyTableRow } from "./access-key-rows";
import { deleteAccessKey, setAccessKeyStatus } from "./actions";
import { CredentialTable } from "./credential-table";
import { credentialPageHref, type CredentialTarget } from "./credential-target";

// "Access keys (N)" of a Security credentials tab or page: each key's ID, description, status,
// age (with the rotation warning at 90 days) and last use; Activate, Deactivate and Delete (the
// console's delete asks to deactivate the key first, then for its ID); "Create access key",
// disabled once the principal has its two keys.

const ACCESS_KEYS_DESCRIPTION =
  "Use access keys to send programmatic calls to AWS from the AWS CLI, AWS Tools for PowerShell, AWS SDKs, or direct AWS API calls. You can have a maximum of two access keys (active or inactive) at a time.";

const ACCESS_KEY_LIMIT_REASON = "You can have a maximum of two access keys (active or inactive) at a time. Delete an access key to create a new one.";

const ROOT_KEYS_WARNING =
  "We don't recommend that you create root user access keys. Because you can't specify the root user in a permissions policy, you can't limit its permissions, which is a best practice. Instead, use alternatives such as an IAM role or a user in IAM Identity Center, which give you temporary credentials.";

const ACCESS_KEYS_TABLE = defineTable<AccessKeyTableRow>({
  resourceName: { singular: "access key", plural: "access keys" },
  preferencesKey: "access-keys",
  getRowId: (k) => k.AccessKeyId,
  columns: [
    { id: "accessKeyId", header: "Access key ID", cell: (k) => k.AccessKeyId, value: (k) => k.AccessKeyId, isRowHeader: true, alwaysVisible: true },
    { id: "description", header: "Description", cell: (k) => k.description || "-", value: (k) => k.description },
    {
      id: "status",
      header: "Status",
      cell: (k) => <StatusIndicator type={k.Status === "Active" ? "success" : "stopped"}>{k.Status}</StatusIndicator>,
      value: (k) => k.Status,
    },
    { id: "lastUsed", header: "Last used", cell: (k) => k.lastUsed, filterValue: (k) => k.lastUsed, sortable: false },
    { id: "lastUsedService", header: "Last used service", cell: (k) => k.lastUsedService, value: (k) => k.lastUsedService, hiddenByDefault: true },
    { id: "lastUsedRegion", header: "Last used region", cell: (k) => k.lastUsedRegion, value: (k) => k.lastUsedRegion, hiddenByDefault: true },
    { id: "created", header: "Created", cell: (k) => k.created, filterValue: (k) => k.created, sortable: false },
    {
      id: "age",
      header: "Age",
      cell: (k) =>
        k.needsRotation ? (
          <StatusIndicator type="warning" iconAriaLabel={`Older than ${ACCESS_KEY_ROTATION_DAYS} days: rotate this key`}>
            {k.age}
          </StatusIndicator>
        ) : (
          k.age
        ),
      value: (k) => k.ageDays,
      filterValue: (k) => k.age,
    },
  ],
  defaultSort: { columnId: "age", descending: true },
});

export function AccessKeysSection({
  target,
  rows,
  denied,
  root = false,
}: {
  target: CredentialTarget;
  rows: readonly AccessKeyTableRow[];
  denied?: string;
  /** The root user's own keys: AWS's warning against them. */
  root?: boolean;
}) {
  const { notify } = useNotifications();
  const follow = useFollow();
  const [selected, setSelected] = useState<readonly AccessKeyTableRow[]>([]);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const createHref = credentialPageHref(target, "create-access-key");
  const atLimit = rows.length >= ACCESS_KEYS_PER_USER;
  const due = rows.filter((k) => k.needsRotation && k.Status === "Active");

  const setStatus = (key: AccessKeyTableRow, status: "Active" | "Inactive") => {
    startTransition(async () => {
      const result = await setAccessKeyStatus(target, key.AccessKeyId, status);
      if (result.ok) notify({ id: `access-key-${key.AccessKeyId}`, type: "success", content: result.message });
      else notify(failureNotification(status === "Active" ? "Activate access key failed" : "Deactivate access key failed", resultError(result)));
    });
  };

  const create = (
    <Button variant="primary" href={createHref} onFollow={follow} disabled={atLimit || !!denied} disabledReason={atLimit ? ACCESS_KEY_LIMIT_REASON : undefined}>
      Create access key
    </Button>
  );

  return (
    <CredentialTable<AccessKeyTableRow>
      header="Access keys"
      description={ACCESS_KEYS_DESCRIPTION}
      config={ACCESS_KEYS_TABLE}
      rows={rows}
      denied={denied}
      notices={
        <>
          {root && (
            <Alert type="warning" header="Root user access keys are not recommended">
              {ROOT_KEYS_WARNING}
            </Alert>
          )}
          {due.length > 0 && (
            <Alert type="warning" header={due.length === 1 ? "An active access key is older than 90 days" : `${due.length} active access keys are older than 90 days`}>
              Rotate access keys regularly: create a new key, update the applications that use the old one, then deactivate and delete it.
            </Alert>
          )}
        </>
      }
      selected={selected}
      onSelectionChange={setSelected}
      pending={pending}
      chooseReason="Choose an access key."
      statusLabels={{ Active: "Activate", Inactive: "Deactivate" }}
      onStatus={setStatus}
      onDelete={(key) => setDeleting(key.AccessKeyId)}
      button={create}
      empty={{
        title: "No access keys",
        description: "As a best practice, avoid using long-term credentials like access keys. Instead, use tools which provide short term credentials.",
      }}
    >
      {deleting && (
        <DeleteAccessKeyModal
          target={target}
          accessKeyId={deleting}
          // Read from the rows, so a "Deactivate" in the dialog shows as soon as the page revalidates.
          status={rows.find((k) => k.AccessKeyId === deleting)?.Status ?? "Inactive"}
          onClose={() => setDeleting(null)}
          onDeleted={(message) => {
            setDeleting(null);
            setSelected([]);
            notify({ id: "access-key-deleted", type: "success", content: message });
          }}
        />
      )}
    </CredentialTable>
  );
}

/** The console's "Delete access key": deactivate first, then type the key's ID. */
function DeleteAccessKeyModal({
  target,
  accessKeyId,
  status,
  onClose,
  onDeleted,
}: {
  target: CredentialTarget;
  accessKeyId: string;
  status: "Active" | "Inactive";
  onClose: () => void;
  onDeleted: (message?: string) => void;
}) {
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<ActionError | undefined>();
  const [pending, startTransition] = useTransition();
  const active = status === "Active";
  const confirmed = !active && isConfirmed(typed, accessKeyId);

  const run = (step: () => Promise<ActionResult<unknown>>, done?: (message?: string) => void) => {
    startTransition(async () => {
      const result = await step();
      if (result.ok) {
        setError(undefined);
        done?.(result.message);
      } else {
        setError(resultError(result));
      }
    });
  };

  return (
    <Modal
      visible
      onDismiss={() => !pending && onClose()}
      header={`Delete ${accessKeyId}?`}
      closeAriaLabel="Close dialog"
      footer={
        <DialogFooter onCancel={onClose} pending={pending}>
          <Button
            variant="primary"
            disabled={!confirmed}
            loading={pending && !active}
            onClick={() => run(() => deleteAccessKey(target, accessKeyId), onDeleted)}
          >
            Delete
          </Button>
        </DialogFooter>
      }
    >
      <SpaceBetween size="m">
        <Box variant="p">
          Deleting an access key is permanent: applications and tools that use it can no longer make AWS calls with it, and the secret cannot be
          recovered.
        </Box>
        {active ? (
          <Alert
            type="warning"
            header="Deactivate this access key first"
            action={
              <Button onClick={() => run(() => setAccessKeyStatus(target, accessKeyId, "Inactive"))} loading={pending}>
                Deactivate
              </Button>
            }
          >
            An active access key cannot be deleted here. Deactivate it, make sure nothing still uses it, then delete it.
          </Alert>
        ) : (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (confirmed && !pending) run(() => deleteAccessKey(target, accessKeyId), onDeleted);
            }}
          >
            <FormField label={confirmationLabel(accessKeyId, "access key ID")}>
              <Input
                value={typed}
                onChange={({ detail }) => setTyped(detail.value)}
                placeholder={accessKeyId}
                ariaRequired
                autoFocus
                disabled={pending}
                autoComplete={false}
                spellcheck={false}
              />
            </FormField>
          </form>
        )}
        <ActionErrorAlert error={error} />
      </SpaceBetween>
    </Modal>
  );
}
