"use client";

import Button from "@cloudscape-design/components/button";
import { useState } from "react";
import { useNotifications } from "@/components/console-layout/notifications";
import { formatDateTime } from "@/components/console-layout/time";
import { defineTable } from "@/components/data-table/table-config";
import { DeleteModal } from "@/components/delete-modal";
import { useDeleteDialog } from "@/components/delete-modal/use-delete-dialog";
import type { SigningCertificateRow } from "@/lib/iam/console-other-credentials";
import { SIGNING_CERTIFICATES_PER_USER } from "@/lib/iam/limits";
import { CredentialTable } from "./credential-table";
import { removeCertificate, setCertificateStatus, uploadCertificate } from "./other-actions";
import { StatusCell, UploadBodyModal, useSectionAction } from "./other-credential-parts";

// "X.509 signing certificates" of a user's Security credentials, or of the root user's own
// (userName absent: the caller's): each certificate's ID, upload time and status; Upload X.509
// certificate (a pasted PEM certificate), Activate, Deactivate, Delete. Upload is disabled at
// the two certificates a user may have.

export type { SigningCertificateRow };

const DESCRIPTION = `Use X.509 certificates to make secure SOAP-protocol requests to some AWS services. You can have a maximum of ${SIGNING_CERTIFICATES_PER_USER} X.509 certificates (active or inactive) at a time.`;
const LIMIT_REASON = `You can have a maximum of ${SIGNING_CERTIFICATES_PER_USER} X.509 certificates. Delete a certificate to upload a new one.`;

const CERTIFICATES_TABLE = defineTable<SigningCertificateRow>({
  resourceName: { singular: "certificate", plural: "certificates" },
  preferencesKey: "signing-certificates",
  getRowId: (c) => c.CertificateId,
  columns: [
    { id: "id", header: "Certificate ID", cell: (c) => c.CertificateId, value: (c) => c.CertificateId, isRowHeader: true, alwaysVisible: true },
    { id: "uploaded", header: "Uploaded", cell: (c) => formatDateTime(new Date(c.UploadDate)), value: (c) => c.UploadDate, filterValue: (c) => formatDateTime(new Date(c.UploadDate)) },
    { id: "status", header: "Status", cell: (c) => <StatusCell status={c.Status} />, value: (c) => c.Status },
  ],
  defaultSort: { columnId: "uploaded", descending: false },
});

export function SigningCertificatesSection({ userName, rows, denied }: { userName?: string; rows: SigningCertificateRow[]; denied?: string }) {
  const { notify } = useNotifications();
  const action = useSectionAction();
  const [selected, setSelected] = useState<readonly SigningCertificateRow[]>([]);
  const [uploading, setUploading] = useState(false);
  const deletion = useDeleteDialog<SigningCertificateRow>(
    (c) => removeCertificate(userName, c.CertificateId),
    (result) => {
      setSelected([]);
      notify({ type: "success", content: result.message });
    },
  );
  const atLimit = rows.length >= SIGNING_CERTIFICATES_PER_USER;

  const upload = (
    <Button onClick={() => setUploading(true)} disabled={atLimit || !!denied} disabledReason={atLimit ? LIMIT_REASON : undefined}>
      Upload X.509 certificate
    </Button>
  );

  return (
    <CredentialTable<SigningCertificateRow>
      header="X.509 signing certificates"
      description={DESCRIPTION}
      config={CERTIFICATES_TABLE}
      rows={rows}
      denied={denied}
      selected={selected}
      onSelectionChange={setSelected}
      pending={action.pending}
      filteringPlaceholder="Find certificates"
      chooseReason="Choose a certificate."
      statusLabels={{ Active: "Activate", Inactive: "Deactivate" }}
      onStatus={(c, status, label) => action.run(() => setCertificateStatus(userName, c.CertificateId, status), `${label} certificate failed`)}
      onDelete={deletion.open}
      button={upload}
      empty={{ title: "No X.509 certificates", description: "No X.509 certificates to display." }}
    >
      {uploading && (
        <UploadBodyModal
          header="Upload X.509 certificate"
          label="Certificate body"
          description="Paste the PEM-encoded certificate, from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----."
          placeholder={"-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----"}
          submitLabel="Upload certificate"
          upload={(body) => uploadCertificate(userName, body)}
          onClose={() => setUploading(false)}
          onUploaded={(message) => {
            setUploading(false);
            notify({ type: "success", content: message });
          }}
        />
      )}
      <DeleteModal
        {...deletion.modal}
        entityType="certificate"
        names={deletion.target ? [deletion.target.CertificateId] : []}
        nameLabel="certificate ID"
        description="Deleting this certificate is permanent: requests signed with its private key are refused."
      />
    </CredentialTable>
  );
}
