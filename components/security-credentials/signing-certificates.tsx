"use client";

import Button from "@cloudscape-design/components/button";
import ButtonDropdown from "@cloudscape-design/components/button-dropdown";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { useState } from "react";
import { useNotifications } from "@/components/console-layout/notifications";
import { formatDateTime } from "@/components/console-layout/time";
import { DataTable } from "@/components/data-table/data-table";
import { defineTable } from "@/components/data-table/table-config";
import { DeleteModal } from "@/components/delete-modal";
import { useDeleteDialog } from "@/components/delete-modal/use-delete-dialog";
import { PermissionAlert } from "@/components/permission-alert";
import type { SigningCertificateRow } from "@/lib/iam/console-other-credentials";
import { SIGNING_CERTIFICATES_PER_USER } from "@/lib/iam/limits";
import { removeCertificate, setCertificateStatus, uploadCertificate } from "./other-actions";
import { StatusCell, UploadBodyModal, useSectionAction } from "./other-credential-parts";

// "X.509 signing certificates" of a user's Security credentials: each certificate's ID, upload
// time and status; Upload X.509 certificate (a pasted PEM certificate), Activate, Deactivate,
// Delete. Upload is disabled at the two certificates a user may have.

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

export function SigningCertificatesSection({ userName, rows, denied }: { userName: string; rows: SigningCertificateRow[]; denied?: string }) {
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
    <section aria-label="X.509 signing certificates">
      <SpaceBetween size="s">
        {denied && <PermissionAlert message={denied} />}
        <DataTable<SigningCertificateRow>
          config={CERTIFICATES_TABLE}
          items={rows}
          header="X.509 signing certificates"
          description={DESCRIPTION}
          variant="container"
          selectionType="single"
          selectedIds={selected.map((c) => c.CertificateId)}
          onSelectionChange={setSelected}
          loading={action.pending}
          filteringPlaceholder="Find certificates"
          actions={(chosen) => {
            const certificate = chosen[0];
            return (
              <SpaceBetween direction="horizontal" size="xs">
                <ButtonDropdown
                  disabled={!certificate}
                  disabledReason="Choose a certificate."
                  items={[
                    { id: "activate", text: "Activate", disabled: certificate?.Status === "Active" },
                    { id: "deactivate", text: "Deactivate", disabled: certificate?.Status === "Inactive" },
                    { id: "delete", text: "Delete" },
                  ]}
                  onItemClick={({ detail }) => {
                    if (!certificate) return;
                    const id = certificate.CertificateId;
                    if (detail.id === "activate") action.run(() => setCertificateStatus(userName, id, "Active"), "Activate certificate failed");
                    if (detail.id === "deactivate") action.run(() => setCertificateStatus(userName, id, "Inactive"), "Deactivate certificate failed");
                    if (detail.id === "delete") deletion.open(certificate);
                  }}
                >
                  Actions
                </ButtonDropdown>
                {upload}
              </SpaceBetween>
            );
          }}
          empty={{ title: "No X.509 certificates", description: "No X.509 certificates to display.", action: upload }}
        />
      </SpaceBetween>
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
    </section>
  );
}
