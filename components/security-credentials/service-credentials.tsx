"use client";

import Button from "@cloudscape-design/components/button";
import { useState, useTransition } from "react";
import { resultError } from "@/components/action-error-alert";
import { useNotifications } from "@/components/console-layout/notifications";
import { formatDateTime } from "@/components/console-layout/time";
import { defineTable } from "@/components/data-table/table-config";
import { DeleteModal } from "@/components/delete-modal";
import { useDeleteDialog } from "@/components/delete-modal/use-delete-dialog";
import { failureNotification } from "@/components/entity-permissions/failure-notification";
import type { ActionResult } from "@/lib/action-result";
import type { ServiceCredentialRow } from "@/lib/iam/console-other-credentials";
import { SERVICE_SPECIFIC_CREDENTIALS_PER_SERVICE } from "@/lib/iam/limits";
import type { ServiceSpecificCredentialService } from "@/lib/iam/service-credential-services";
import { CredentialTable } from "./credential-table";
import { generateServiceCredential, removeServiceCredential, resetServicePassword, setServiceCredentialStatus, type GeneratedCredential } from "./other-actions";
import { GeneratedCredentialModal, StatusCell, useSectionAction } from "./other-credential-parts";

// The service-specific credentials of a user's Security credentials, in the console's two
// sections: "HTTPS Git credentials for AWS CodeCommit" and "Credentials for Amazon Keyspaces
// (for Apache Cassandra)". Generate credentials (the password is shown once, with Download
// credentials), Reset password (a new one, shown once), Make active / Make inactive, Delete.
// Generate is disabled at the two credentials a user may have for the service.

export type { ServiceCredentialRow };

interface ServiceSection {
  service: ServiceSpecificCredentialService;
  header: string;
  description: string;
  /** The downloaded file: "<user>_<file>.csv". */
  file: string;
}

const MAXIMUM = `You can have a maximum of ${SERVICE_SPECIFIC_CREDENTIALS_PER_SERVICE} sets of credentials (active or inactive) at a time.`;

const HTTPS_GIT: ServiceSection = {
  service: "codecommit.amazonaws.com",
  header: "HTTPS Git credentials for AWS CodeCommit",
  description: `Generate a user name and password you can use to authenticate HTTPS connections to AWS CodeCommit repositories. ${MAXIMUM}`,
  file: "codecommit_credentials",
};

const KEYSPACES: ServiceSection = {
  service: "cassandra.amazonaws.com",
  header: "Credentials for Amazon Keyspaces (for Apache Cassandra)",
  description: `Generate a user name and password you can use to authenticate to Amazon Keyspaces. ${MAXIMUM}`,
  file: "keyspaces_credentials",
};

const SERVICE_CREDENTIALS_TABLE = defineTable<ServiceCredentialRow>({
  resourceName: { singular: "credential", plural: "credentials" },
  getRowId: (c) => c.ServiceSpecificCredentialId,
  columns: [
    { id: "userName", header: "User name", cell: (c) => c.ServiceUserName, value: (c) => c.ServiceUserName, isRowHeader: true, alwaysVisible: true },
    { id: "id", header: "Credential ID", cell: (c) => c.ServiceSpecificCredentialId, value: (c) => c.ServiceSpecificCredentialId, hiddenByDefault: true },
    { id: "created", header: "Created", cell: (c) => formatDateTime(new Date(c.CreateDate)), value: (c) => c.CreateDate, filterValue: (c) => formatDateTime(new Date(c.CreateDate)) },
    { id: "status", header: "Status", cell: (c) => <StatusCell status={c.Status} />, value: (c) => c.Status },
  ],
  defaultSort: { columnId: "created", descending: false },
});

type Props = { userName: string; rows: ServiceCredentialRow[]; denied?: string };

export function HttpsGitCredentialsSection(props: Props) {
  return <ServiceCredentialsSection {...props} section={HTTPS_GIT} />;
}

export function KeyspacesCredentialsSection(props: Props) {
  return <ServiceCredentialsSection {...props} section={KEYSPACES} />;
}

function ServiceCredentialsSection({ userName, rows, denied, section }: Props & { section: ServiceSection }) {
  const { notify } = useNotifications();
  const action = useSectionAction();
  const [selected, setSelected] = useState<readonly ServiceCredentialRow[]>([]);
  const [generated, setGenerated] = useState<{ header: string; credential: GeneratedCredential } | null>(null);
  const [generating, startGenerating] = useTransition();
  const deletion = useDeleteDialog<ServiceCredentialRow>(
    (c) => removeServiceCredential(userName, c.ServiceSpecificCredentialId),
    (result) => {
      setSelected([]);
      notify({ type: "success", content: result.message });
    },
  );
  const atLimit = rows.length >= SERVICE_SPECIFIC_CREDENTIALS_PER_SERVICE;

  /** Generate and Reset: the new password opens its dialog; a failure goes to the Flashbar. */
  const issue = (header: string, failure: string, call: () => Promise<ActionResult<GeneratedCredential>>) => {
    startGenerating(async () => {
      const result = await call();
      if (result.ok) setGenerated({ header, credential: result.data });
      else notify(failureNotification(failure, resultError(result)));
    });
  };

  const generate = (
    <Button
      onClick={() => issue("Credentials generated", "Generate credentials failed", () => generateServiceCredential(userName, section.service))}
      loading={generating}
      disabled={atLimit || !!denied}
      disabledReason={atLimit ? `${MAXIMUM} Delete a set to generate a new one.` : undefined}
    >
      Generate credentials
    </Button>
  );

  return (
    <CredentialTable<ServiceCredentialRow>
      header={section.header}
      description={section.description}
      config={SERVICE_CREDENTIALS_TABLE}
      rows={rows}
      denied={denied}
      selected={selected}
      onSelectionChange={setSelected}
      pending={action.pending}
      filteringPlaceholder="Find credentials"
      chooseReason="Choose a set of credentials."
      items={[{ id: "reset", text: "Reset password" }]}
      onItem={(id, c) => id === "reset" && issue("Password reset", "Reset password failed", () => resetServicePassword(userName, c.ServiceSpecificCredentialId))}
      statusLabels={{ Active: "Make active", Inactive: "Make inactive" }}
      onStatus={(c, status, label) => action.run(() => setServiceCredentialStatus(userName, c.ServiceSpecificCredentialId, status), `${label} failed`)}
      onDelete={deletion.open}
      button={generate}
      empty={{ title: "No credentials", description: "No credentials to display." }}
    >
      {generated && (
        <GeneratedCredentialModal
          header={generated.header}
          credential={generated.credential}
          fileName={`${userName}_${section.file}.csv`}
          onClose={() => setGenerated(null)}
        />
      )}
      <DeleteModal
        {...deletion.modal}
        entityType="credentials"
        entityTypePlural="credentials"
        names={deletion.target ? [deletion.target.ServiceUserName] : []}
        nameLabel="user name"
        description="Deleting these credentials is permanent: connections that use this user name and password are refused."
      />
    </CredentialTable>
  );
}
