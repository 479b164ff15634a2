"use client";

import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import CopyToClipboard from "@cloudscape-design/components/copy-to-clipboard";
import KeyValuePairs from "@cloudscape-design/components/key-value-pairs";
import SpaceBetween from "@cloudscape-design/components/space-between";
import Spinner from "@cloudscape-design/components/spinner";
import { useState, useTransition } from "react";
import { ActionErrorAlert, resultError } from "@/components/action-error-alert";
import { CloseModal } from "@/components/action-modal";
import { useNotifications } from "@/components/console-layout/notifications";
import { formatDateTime } from "@/components/console-layout/time";
import { defineTable } from "@/components/data-table/table-config";
import { DeleteModal } from "@/components/delete-modal";
import { useDeleteDialog } from "@/components/delete-modal/use-delete-dialog";
import type { ActionError } from "@/lib/action-result";
import type { SshPublicKeyRow } from "@/lib/iam/console-other-credentials";
import { SSH_PUBLIC_KEYS_PER_USER } from "@/lib/iam/limits";
import { CredentialTable } from "./credential-table";
import { removeSshKey, setSshKeyStatus, showSshKey, uploadSshKey } from "./other-actions";
import { StatusCell, UploadBodyModal, useSectionAction } from "./other-credential-parts";

// "SSH public keys for AWS CodeCommit" of a user's Security credentials: each key's ID, upload
// time and status; Upload SSH public key (a pasted ssh-rsa or PEM key), Show SSH key, Make
// active / Make inactive, Delete. Upload is disabled at the five keys a user may have.

export type { SshPublicKeyRow };

const DESCRIPTION = `Use SSH public keys to authenticate access to AWS CodeCommit repositories. You can have a maximum of ${SSH_PUBLIC_KEYS_PER_USER} SSH public keys (active or inactive) at a time.`;
const LIMIT_REASON = `You can have a maximum of ${SSH_PUBLIC_KEYS_PER_USER} SSH public keys. Delete a key to upload a new one.`;

const SSH_KEYS_TABLE = defineTable<SshPublicKeyRow>({
  resourceName: { singular: "SSH public key", plural: "SSH public keys" },
  preferencesKey: "ssh-public-keys",
  getRowId: (k) => k.SSHPublicKeyId,
  columns: [
    { id: "id", header: "SSH key ID", cell: (k) => k.SSHPublicKeyId, value: (k) => k.SSHPublicKeyId, isRowHeader: true, alwaysVisible: true },
    { id: "uploaded", header: "Uploaded", cell: (k) => formatDateTime(new Date(k.UploadDate)), value: (k) => k.UploadDate, filterValue: (k) => formatDateTime(new Date(k.UploadDate)) },
    { id: "status", header: "Status", cell: (k) => <StatusCell status={k.Status} />, value: (k) => k.Status },
  ],
  defaultSort: { columnId: "uploaded", descending: false },
});

export function SshPublicKeysSection({ userName, rows, denied }: { userName: string; rows: SshPublicKeyRow[]; denied?: string }) {
  const { notify } = useNotifications();
  const action = useSectionAction();
  const [selected, setSelected] = useState<readonly SshPublicKeyRow[]>([]);
  const [uploading, setUploading] = useState(false);
  const [shown, setShown] = useState<ShownKey | null>(null);
  const [loading, startLoading] = useTransition();
  const deletion = useDeleteDialog<SshPublicKeyRow>(
    (key) => removeSshKey(userName, key.SSHPublicKeyId),
    (result) => {
      setSelected([]);
      notify({ type: "success", content: result.message });
    },
  );
  const atLimit = rows.length >= SSH_PUBLIC_KEYS_PER_USER;

  const show = (keyId: string) => {
    setShown({ keyId });
    startLoading(async () => {
      const result = await showSshKey(userName, keyId);
      setShown(result.ok ? { keyId, key: result.data } : { keyId, error: resultError(result) });
    });
  };

  const upload = (
    <Button onClick={() => setUploading(true)} disabled={atLimit || !!denied} disabledReason={atLimit ? LIMIT_REASON : undefined}>
      Upload SSH public key
    </Button>
  );

  return (
    <CredentialTable<SshPublicKeyRow>
      header="SSH public keys for AWS CodeCommit"
      description={DESCRIPTION}
      config={SSH_KEYS_TABLE}
      rows={rows}
      denied={denied}
      selected={selected}
      onSelectionChange={setSelected}
      pending={action.pending}
      filteringPlaceholder="Find SSH public keys"
      chooseReason="Choose an SSH public key."
      items={[{ id: "show", text: "Show SSH key" }]}
      onItem={(id, key) => id === "show" && show(key.SSHPublicKeyId)}
      statusLabels={{ Active: "Make active", Inactive: "Make inactive" }}
      onStatus={(key, status, label) => action.run(() => setSshKeyStatus(userName, key.SSHPublicKeyId, status), `${label} failed`)}
      onDelete={deletion.open}
      button={upload}
      empty={{ title: "No SSH public keys", description: "No SSH public keys to display." }}
    >
      {uploading && (
        <UploadBodyModal
          header="Upload SSH public key"
          label="SSH public key"
          description="Paste the public key in ssh-rsa format or PEM format. The minimum bit-length of the public key is 2048 bits."
          placeholder={"ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ… user@example.com"}
          submitLabel="Upload SSH public key"
          upload={(body) => uploadSshKey(userName, body)}
          onClose={() => setUploading(false)}
          onUploaded={(message) => {
            setUploading(false);
            notify({ type: "success", content: message });
          }}
        />
      )}
      {shown && <ShowSshKeyModal shown={shown} loading={loading} onClose={() => setShown(null)} />}
      <DeleteModal
        {...deletion.modal}
        entityType="SSH public key"
        names={deletion.target ? [deletion.target.SSHPublicKeyId] : []}
        nameLabel="SSH key ID"
        description="Deleting this SSH public key is permanent: AWS CodeCommit no longer accepts connections that use it."
      />
    </CredentialTable>
  );
}

interface ShownKey {
  keyId: string;
  key?: { body: string; fingerprint: string };
  error?: ActionError;
}

/** "Show SSH key": the key as GetSSHPublicKey returns it in ssh-rsa form, with its fingerprint. */
function ShowSshKeyModal({ shown, loading, onClose }: { shown: ShownKey; loading: boolean; onClose: () => void }) {
  const { keyId, key, error } = shown;
  return (
    <CloseModal size="large" header="SSH public key" onClose={onClose}>
      {key ? (
        <KeyValuePairs
          columns={1}
          items={[
            { label: "SSH key ID", value: keyId },
            { label: "Fingerprint", value: <Box variant="code">{key.fingerprint}</Box> },
            {
              label: "SSH public key",
              value: (
                <SpaceBetween size="xs">
                  <Box variant="code" data-testid="ssh-public-key-body">
                    <span style={{ overflowWrap: "anywhere" }}>{key.body}</span>
                  </Box>
                  <CopyToClipboard
                    variant="button"
                    textToCopy={key.body}
                    copyButtonText="Copy"
                    copySuccessText="SSH public key copied"
                    copyErrorText="SSH public key failed to copy"
                  />
                </SpaceBetween>
              ),
            },
          ]}
        />
      ) : error ? (
        <ActionErrorAlert error={error} />
      ) : (
        loading && (
          <Box color="text-status-inactive">
            <Spinner /> Loading the SSH public key
          </Box>
        )
      )}
    </CloseModal>
  );
}
