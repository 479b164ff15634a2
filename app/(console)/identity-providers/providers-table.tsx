"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useNotifications } from "@/components/console-layout/notifications";
import { ListPageTable } from "@/components/data-table/list-page-table";
import { DeleteModal } from "@/components/delete-modal";
import { useDeleteDialog } from "@/components/delete-modal/use-delete-dialog";
import { deleteProviders } from "./actions";
import { ADD_IDENTITY_PROVIDER_HREF } from "./provider-href";
import { DELETE_PROVIDER_DESCRIPTION } from "./provider-text";
import { PROVIDERS_TABLE, type ProviderListRow } from "./providers-table-config";

const DESCRIPTION =
  "Use an identity provider (IdP) to manage your user identities outside of AWS, but grant the user identities permissions to use AWS resources in your account.";

export function ProvidersTable({ rows, accessDenied }: { rows: ProviderListRow[]; accessDenied?: string }) {
  const router = useRouter();
  const { notify } = useNotifications();
  const [selected, setSelected] = useState<readonly ProviderListRow[]>([]);
  const deletion = useDeleteDialog(
    (provider: ProviderListRow) => deleteProviders([provider.arn]),
    (result) => {
      setSelected([]);
      notify({ type: "success", content: result.message });
      router.refresh();
    },
  );

  return (
    <ListPageTable<ProviderListRow>
      config={PROVIDERS_TABLE}
      items={rows}
      accessDenied={accessDenied}
      header="Identity providers"
      description={DESCRIPTION}
      selectionType="single"
      selected={selected}
      onSelectionChange={setSelected}
      deleteBlocked={(chosen) => (chosen.length === 0 ? "Select a provider to delete." : undefined)}
      onDelete={([provider]) => provider && deletion.open(provider)}
      create={{ text: "Add provider", href: ADD_IDENTITY_PROVIDER_HREF }}
      empty={{ title: "No resources to display", description: "No identity providers to display." }}
    >
      <DeleteModal
        {...deletion.modal}
        entityType="provider"
        names={deletion.target ? [deletion.target.name] : []}
        nameLabel="provider name"
        description={DELETE_PROVIDER_DESCRIPTION}
      />
    </ListPageTable>
  );
}
