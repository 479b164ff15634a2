"use client";

import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import Container from "@cloudscape-design/components/container";
import FormField from "@cloudscape-design/components/form-field";
import Header from "@cloudscape-design/components/header";
import Input from "@cloudscape-design/components/input";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { useState, useTransition, type JSX } from "react";
import { ActionErrorAlert, resultError } from "@/components/action-error-alert";
import { ActionModal } from "@/components/action-modal";
import { useNotifications } from "@/components/console-layout/notifications";
import { formatDateTime } from "@/components/console-layout/time";
import { useFollow } from "@/components/console-layout/use-follow";
import { DataTable } from "@/components/data-table/data-table";
import { defineTable } from "@/components/data-table/table-config";
import { failureNotification } from "@/components/entity-permissions/failure-notification";
import { RemoveModal } from "@/components/entity-permissions/remove-modal";
import { PermissionAlert } from "@/components/permission-alert";
import type { ActionError } from "@/lib/action-result";
import { removeMfa, resyncMfa } from "./mfa-actions";
import { MFA_DEVICES_MAX, mfaCodeError } from "./mfa-form-checks";
import { credentialPageHref, type CredentialTarget } from "./credential-target";

// The "Multi-factor authentication (MFA)" section of a user's Security credentials tab and of
// My security credentials: the assigned devices, Remove (after a confirmation), Resync (two
// consecutive codes, for authenticator apps) and "Assign MFA device", which opens the wizard.

export interface MfaDeviceRow {
  SerialNumber: string;
  name: string;
  /** "Virtual MFA device" or "Security key". */
  type: string;
  /** ISO 8601. */
  EnableDate: string;
}

const HEADER = "Multi-factor authentication (MFA)";
const DESCRIPTION = `Use MFA to increase the security of your AWS environment. Signing in with MFA requires an authentication code from an MFA device. Each user can have a maximum of ${MFA_DEVICES_MAX} MFA devices assigned.`;

/** Only a device that generates codes can be resynchronized. */
const resyncable = (row: MfaDeviceRow) => row.type !== "Security key";

const MFA_TABLE = defineTable<MfaDeviceRow>({
  resourceName: { singular: "MFA device", plural: "MFA devices" },
  preferencesKey: "mfa-devices",
  getRowId: (d) => d.SerialNumber,
  getRowLabel: (d) => d.name,
  columns: [
    { id: "type", header: "Device type", cell: (d) => d.type, value: (d) => d.type, alwaysVisible: true },
    {
      id: "identifier",
      header: "Identifier",
      cell: (d) => d.SerialNumber,
      value: (d) => d.SerialNumber,
      isRowHeader: true,
    },
    { id: "certifications", header: "Certifications", cell: () => "Not applicable", sortable: false },
    { id: "created", header: "Created on", cell: (d) => formatDateTime(new Date(d.EnableDate)), value: (d) => d.EnableDate },
  ],
  defaultSort: { columnId: "created", descending: false },
});

export function MfaDevicesSection({ target, devices, denied }: { target: CredentialTarget; devices: MfaDeviceRow[]; denied?: string }): JSX.Element {
  const follow = useFollow();
  const { notify } = useNotifications();
  const [selected, setSelected] = useState<readonly MfaDeviceRow[]>([]);
  const [removing, setRemoving] = useState<MfaDeviceRow | null>(null);
  const [resyncing, setResyncing] = useState<MfaDeviceRow | null>(null);
  const [pending, startTransition] = useTransition();

  if (denied) {
    return (
      <section aria-label={HEADER}>
        <Container header={<Header variant="h2" description={DESCRIPTION}>{HEADER}</Header>}>
          <PermissionAlert message={denied} />
        </Container>
      </section>
    );
  }

  const full = devices.length >= MFA_DEVICES_MAX;
  const assign = (variant: "primary" | "normal") => (
    <Button
      variant={variant}
      href={credentialPageHref(target, "assign-mfa")}
      onFollow={follow}
      disabled={full}
      disabledReason={`You can assign up to ${MFA_DEVICES_MAX} MFA devices. Remove a device to assign another.`}
    >
      Assign MFA device
    </Button>
  );
  const owner = target.kind === "user" ? `user ${target.userName}` : "you";

  const remove = () => {
    const device = removing;
    if (!device) return;
    startTransition(async () => {
      const result = await removeMfa(target, device.SerialNumber);
      setRemoving(null);
      if (result.ok) {
        setSelected([]);
        notify({ type: "success", content: result.message });
      } else {
        notify(failureNotification("Remove MFA device failed", resultError(result)));
      }
    });
  };

  return (
    // A landmark of its own: the security credentials list several tables with like actions.
    <section aria-label={HEADER}>
      <DataTable<MfaDeviceRow>
        config={MFA_TABLE}
        items={devices}
        header={HEADER}
        description={DESCRIPTION}
        variant="container"
        selectionType="single"
        selectedIds={selected.map((d) => d.SerialNumber)}
        onSelectionChange={setSelected}
        filteringPlaceholder="Find MFA devices"
        actions={(chosen) => {
          const device = chosen[0];
          return (
            <SpaceBetween direction="horizontal" size="xs">
              <Button disabled={!device} disabledReason="Select an MFA device to remove." onClick={() => device && setRemoving(device)}>
                Remove
              </Button>
              <Button
                disabled={!device || !resyncable(device)}
                disabledReason={device ? "Security keys do not need to be resynchronized." : "Select an MFA device to resynchronize."}
                onClick={() => device && setResyncing(device)}
              >
                Resync
              </Button>
              {assign("primary")}
            </SpaceBetween>
          );
        }}
        empty={{ title: "No MFA devices", description: "Assign an MFA device to improve the security of your AWS environment.", action: assign("normal") }}
      />
      <RemoveModal
        visible={removing !== null}
        header={removing ? `Remove ${removing.name}?` : ""}
        pending={pending}
        onConfirm={remove}
        onDismiss={() => setRemoving(null)}
      >
        {removing
          ? `${removing.name} will no longer be assigned to ${owner} and will no longer work for signing in.${
              removing.type === "Security key" ? "" : " Its virtual device is deleted: to use the authenticator app again, assign it as a new MFA device."
            }`
          : ""}
      </RemoveModal>
      {resyncing && (
        <ResyncModal
          target={target}
          device={resyncing}
          onDone={(message) => {
            setResyncing(null);
            notify({ type: "success", content: message });
          }}
          onDismiss={() => setResyncing(null)}
        />
      )}
    </section>
  );
}

/** "Resync": two consecutive codes from the authenticator app bring the device back in step with IAM. */
function ResyncModal({
  target,
  device,
  onDone,
  onDismiss,
}: {
  target: CredentialTarget;
  device: MfaDeviceRow;
  onDone: (message: string | undefined) => void;
  onDismiss: () => void;
}) {
  const [code1, setCode1] = useState("");
  const [code2, setCode2] = useState("");
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<ActionError | undefined>();
  const [pending, startTransition] = useTransition();
  const error1 = tried || code1 !== "" ? mfaCodeError(code1) : undefined;
  const error2 = tried || code2 !== "" ? mfaCodeError(code2) : undefined;

  const submit = () => {
    setTried(true);
    if (mfaCodeError(code1) || mfaCodeError(code2)) return;
    startTransition(async () => {
      const result = await resyncMfa(target, { SerialNumber: device.SerialNumber, AuthenticationCode1: code1, AuthenticationCode2: code2 });
      if (result.ok) onDone(result.message);
      else setError(resultError(result));
    });
  };

  return (
    <ActionModal
      header={`Resync ${device.name}`}
      submitLabel="Resync"
      onSubmit={submit}
      pending={pending}
      onClose={onDismiss}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <SpaceBetween size="m">
          <Box variant="p">
            If the device&apos;s codes are no longer accepted, its clock has drifted from IAM&apos;s. Enter two consecutive codes from the
            authenticator app to synchronize it.
          </Box>
          <ActionErrorAlert error={error} />
          <FormField label="MFA code 1" description="Enter a code from your authenticator app." errorText={error1} controlId="resync-code-1">
            <Input controlId="resync-code-1" value={code1} onChange={({ detail }) => setCode1(detail.value.trim())} inputMode="numeric" autoComplete={false} />
          </FormField>
          <FormField label="MFA code 2" description="Wait 30 seconds, and enter a second code." errorText={error2} controlId="resync-code-2">
            <Input controlId="resync-code-2" value={code2} onChange={({ detail }) => setCode2(detail.value.trim())} inputMode="numeric" autoComplete={false} />
          </FormField>
        </SpaceBetween>
      </form>
    </ActionModal>
  );
}
