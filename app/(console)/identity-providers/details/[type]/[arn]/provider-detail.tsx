"use client";

import Alert from "@cloudscape-design/components/alert";
import AttributeEditor from "@cloudscape-design/components/attribute-editor";
import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import ButtonDropdown from "@cloudscape-design/components/button-dropdown";
import Container from "@cloudscape-design/components/container";
import ContentLayout from "@cloudscape-design/components/content-layout";
import FormField from "@cloudscape-design/components/form-field";
import Header from "@cloudscape-design/components/header";
import Input from "@cloudscape-design/components/input";
import KeyValuePairs from "@cloudscape-design/components/key-value-pairs";
import Modal from "@cloudscape-design/components/modal";
import SpaceBetween from "@cloudscape-design/components/space-between";
import Table from "@cloudscape-design/components/table";
import Tabs from "@cloudscape-design/components/tabs";
import { useRouter } from "next/navigation";
import { useState, useTransition, type ReactNode } from "react";
import { ActionErrorAlert, resultError } from "@/components/action-error-alert";
import { SubmitFooter } from "@/components/action-modal";
import { useNotifications } from "@/components/console-layout/notifications";
import { Copyable } from "@/components/copyable";
import { useFollow } from "@/components/console-layout/use-follow";
import { DeleteModal } from "@/components/delete-modal";
import { useDeleteDialog } from "@/components/delete-modal/use-delete-dialog";
import { TagsContainer } from "@/components/resource-tags/tags-container";
import type { KeyValueTag } from "@/components/resource-tags/tags";
import type { ActionError, ActionResult } from "@/lib/action-result";
import { THUMBPRINTS_PER_PROVIDER } from "@/lib/iam/identity-provider-rules";
import { addAudience, deleteProviderFromPage, removeAudiences, replaceMetadata, saveProviderTags, saveThumbprints } from "../../../actions";
import { MetadataUpload, useMetadataFile } from "../../../metadata-upload";
import { AUDIENCE_CONSTRAINT, audienceError, thumbprintError, thumbprintsError } from "../../../provider-form-checks";
import { PROVIDER_TYPE_LABELS } from "../../../provider-href";
import { DELETE_PROVIDER_DESCRIPTION, THUMBPRINTS_NOTE } from "../../../provider-text";

// An identity provider's page: the summary (ARN, type, creation time; a SAML provider's
// validity and "Replace metadata"), an OpenID Connect provider's audiences and thumbprints,
// the tags, "Assign role" (the Create role wizard with this provider chosen) and "Delete".

interface CommonView {
  arn: string;
  name: string;
  /** "November 26, 2026, 13:29 (UTC)" */
  created: string;
  tags: KeyValueTag[];
  assignRoleHref: string;
}

export type ProviderView = CommonView & ({ type: "SAML"; validUntil: string } | { type: "OIDC"; audiences: string[]; thumbprints: string[] });

export function ProviderDetail({ provider }: { provider: ProviderView }) {
  const follow = useFollow();
  // Success leaves for the Identity providers list.
  const deletion = useDeleteDialog(() => deleteProviderFromPage(provider.arn));
  const [replacing, setReplacing] = useState(false);

  const tagsTab = {
    id: "tags",
    label: `Tags (${provider.tags.length})`,
    content: (
      <TagsContainer
        tags={provider.tags}
        save={(changes) => saveProviderTags(provider.arn, changes)}
      />
    ),
  };

  return (
    <ContentLayout
      header={
        <Header
          variant="h1"
          actions={
            <SpaceBetween direction="horizontal" size="xs">
              <Button onClick={() => deletion.open(provider)}>Delete</Button>
              <Button variant="primary" href={provider.assignRoleHref} onFollow={follow}>
                Assign role
              </Button>
            </SpaceBetween>
          }
        >
          {provider.name}
        </Header>
      }
    >
      <SpaceBetween size="l">
        <Container
          header={
            <Header variant="h2" actions={provider.type === "SAML" ? <Button onClick={() => setReplacing(true)}>Replace metadata</Button> : undefined}>
              Summary
            </Header>
          }
        >
          <KeyValuePairs
            columns={3}
            items={[
              { label: "Provider", value: provider.name },
              { label: "Provider type", value: PROVIDER_TYPE_LABELS[provider.type] },
              { label: "Creation time", value: provider.created },
              {
                label: "ARN",
                value: (
                  <Copyable text={provider.arn} />
                ),
              },
              ...(provider.type === "SAML" ? [{ label: "Valid until", value: provider.validUntil }] : []),
            ]}
          />
        </Container>
        <Tabs
          ariaLabel="Provider details"
          tabs={
            provider.type === "OIDC"
              ? [
                  { id: "audiences", label: `Audiences (${provider.audiences.length})`, content: <Audiences arn={provider.arn} audiences={provider.audiences} /> },
                  { id: "thumbprints", label: `Thumbprints (${provider.thumbprints.length})`, content: <Thumbprints arn={provider.arn} thumbprints={provider.thumbprints} /> },
                  tagsTab,
                ]
              : [tagsTab]
          }
        />
      </SpaceBetween>
      {provider.type === "SAML" && <ReplaceMetadataModal arn={provider.arn} visible={replacing} onClose={() => setReplacing(false)} />}
      <DeleteModal
        {...deletion.modal}
        entityType="provider"
        names={[provider.name]}
        nameLabel="provider name"
        description={DELETE_PROVIDER_DESCRIPTION}
      />
    </ContentLayout>
  );
}

/** Runs one of this page's actions; on success closes what it came from, says so and reloads the page's data. */
function usePageAction(): { pending: boolean; error: ActionError | undefined; clearError: () => void; run: (action: () => Promise<ActionResult<unknown>>, done: () => void) => void } {
  const router = useRouter();
  const { notify } = useNotifications();
  const [error, setError] = useState<ActionError | undefined>();
  const [pending, startTransition] = useTransition();
  const run = (action: () => Promise<ActionResult<unknown>>, done: () => void) => {
    startTransition(async () => {
      const result = await action();
      if (result.ok) {
        setError(undefined);
        done();
        if (result.message) notify({ type: "success", content: result.message });
        router.refresh();
      } else {
        setError(resultError(result));
      }
    });
  };
  return { pending, error, clearError: () => setError(undefined), run };
}

function Dialog({ visible, header, footer, onDismiss, children }: { visible: boolean; header: string; footer: ReactNode; onDismiss: () => void; children: ReactNode }) {
  return (
    <Modal visible={visible} onDismiss={onDismiss} header={header} footer={footer} closeAriaLabel="Close dialog">
      {children}
    </Modal>
  );
}

function Audiences({ arn, audiences }: { arn: string; audiences: string[] }) {
  const [selected, setSelected] = useState<string[]>([]);
  const [dialog, setDialog] = useState<"add" | "remove" | null>(null);
  const [audience, setAudience] = useState("");
  const [touched, setTouched] = useState(false);
  const action = usePageAction();
  const chosen = selected.filter((a) => audiences.includes(a));
  const inputError = touched ? audienceError(audience) : undefined;

  const open = (which: "add" | "remove") => {
    action.clearError();
    setAudience("");
    setTouched(false);
    setDialog(which);
  };
  const close = () => {
    if (!action.pending) setDialog(null);
  };

  return (
    <>
      <Table
        variant="container"
        items={audiences.map((value) => ({ value }))}
        trackBy="value"
        selectionType="multi"
        selectedItems={chosen.map((value) => ({ value }))}
        onSelectionChange={({ detail }) => setSelected(detail.selectedItems.map((i) => i.value))}
        ariaLabels={{
          tableLabel: "Audiences",
          selectionGroupLabel: "Audiences selection",
          allItemsSelectionLabel: () => "Select all audiences",
          itemSelectionLabel: (_, item) => item.value,
        }}
        header={
          <Header
            variant="h2"
            counter={chosen.length > 0 ? `(${chosen.length}/${audiences.length})` : `(${audiences.length})`}
            description="Also known as client ID, audience is a value that identifies the application that's registered with an OpenID Connect provider."
            actions={
              <ButtonDropdown
                items={[
                  { id: "add", text: "Add audience" },
                  { id: "remove", text: "Remove audience", disabled: chosen.length === 0, disabledReason: "Select the audiences to remove." },
                ]}
                onItemClick={({ detail }) => open(detail.id === "remove" ? "remove" : "add")}
              >
                Actions
              </ButtonDropdown>
            }
          >
            Audiences
          </Header>
        }
        columnDefinitions={[{ id: "audience", header: "Audience", cell: (i) => i.value, isRowHeader: true }]}
        empty={
          <Box textAlign="center" color="inherit">
            <b>No audiences</b>
            <Box variant="p" color="inherit">
              Roles for this provider need an audience to trust.
            </Box>
          </Box>
        }
      />
      <Dialog
        visible={dialog === "add"}
        header="Add audience"
        onDismiss={close}
        footer={
          <SubmitFooter
            pending={action.pending}
            submitLabel="Add audience"
            onCancel={close}
            onSubmit={() => {
              setTouched(true);
              if (audienceError(audience)) return;
              action.run(() => addAudience(arn, audience), () => setDialog(null));
            }}
          />
        }
      >
        <SpaceBetween size="m">
          <FormField
            label="Audience"
            description="Specify the client ID issued by the Identity provider for your app."
            constraintText={AUDIENCE_CONSTRAINT}
            errorText={inputError}
            controlId="new-audience"
          >
            <Input controlId="new-audience" value={audience} onChange={({ detail }) => setAudience(detail.value)} onBlur={() => setTouched(true)} autoFocus />
          </FormField>
          <ActionErrorAlert error={action.error} />
        </SpaceBetween>
      </Dialog>
      <Dialog
        visible={dialog === "remove"}
        header={chosen.length === 1 ? `Remove ${chosen[0]}?` : `Remove ${chosen.length} audiences?`}
        onDismiss={close}
        footer={
          <SubmitFooter
            pending={action.pending}
            submitLabel="Remove"
            onCancel={close}
            onSubmit={() =>
              action.run(
                () => removeAudiences(arn, chosen),
                () => {
                  setDialog(null);
                  setSelected([]);
                },
              )
            }
          />
        }
      >
        <SpaceBetween size="m">
          <Box variant="p">
            Tokens issued for {chosen.length === 1 ? "this audience" : "these audiences"} can no longer be used to assume roles that trust this provider.
          </Box>
          <ActionErrorAlert error={action.error} />
        </SpaceBetween>
      </Dialog>
    </>
  );
}

function Thumbprints({ arn, thumbprints }: { arn: string; thumbprints: string[] }) {
  const [editing, setEditing] = useState<string[] | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const action = usePageAction();
  const listError = editing ? thumbprintsError(editing) : undefined;
  const close = () => {
    if (!action.pending) setEditing(null);
  };

  return (
    <>
      <Table
        variant="container"
        items={thumbprints.map((value) => ({ value }))}
        trackBy="value"
        ariaLabels={{ tableLabel: "Thumbprints" }}
        header={
          <Header
            variant="h2"
            counter={`(${thumbprints.length})`}
            description="Thumbprints of the certificate authorities that sign the provider's server certificate."
            actions={
              <Button
                onClick={() => {
                  action.clearError();
                  setSubmitted(false);
                  setEditing([...thumbprints]);
                }}
              >
                Manage
              </Button>
            }
          >
            Thumbprints
          </Header>
        }
        columnDefinitions={[{ id: "thumbprint", header: "Thumbprint", cell: (i) => <Box variant="code">{i.value}</Box>, isRowHeader: true }]}
        empty={
          <Box textAlign="center" color="inherit">
            <b>No thumbprints</b>
            <Box variant="p" color="inherit">
              {THUMBPRINTS_NOTE}
            </Box>
          </Box>
        }
      />
      <Dialog
        visible={editing !== null}
        header="Manage thumbprints"
        onDismiss={close}
        footer={
          <SubmitFooter
            pending={action.pending}
            submitLabel="Save changes"
            onCancel={close}
            onSubmit={() => {
              setSubmitted(true);
              if (!editing || listError || editing.some((t) => thumbprintError(t))) return;
              action.run(() => saveThumbprints(arn, editing), () => setEditing(null));
            }}
          />
        }
      >
        <SpaceBetween size="m">
          <Alert type="info">{THUMBPRINTS_NOTE}</Alert>
          <AttributeEditor
            items={editing ?? []}
            definition={[
              {
                label: "Thumbprint",
                control: (item, index) => (
                  <Input
                    value={item}
                    onChange={({ detail }) => setEditing((list) => (list ?? []).map((t, i) => (i === index ? detail.value.trim() : t)))}
                    ariaLabel={`Thumbprint ${index + 1}`}
                    placeholder="40 hexadecimal characters"
                    spellcheck={false}
                  />
                ),
                errorText: (item) => (submitted ? thumbprintError(item) : undefined),
              },
            ]}
            onAddButtonClick={() => setEditing((list) => [...(list ?? []), ""])}
            onRemoveButtonClick={({ detail }) => setEditing((list) => (list ?? []).filter((_, i) => i !== detail.itemIndex))}
            addButtonText="Add thumbprint"
            removeButtonText="Remove"
            disableAddButton={(editing?.length ?? 0) >= THUMBPRINTS_PER_PROVIDER}
            additionalInfo={listError ?? `You can add up to ${THUMBPRINTS_PER_PROVIDER} thumbprints.`}
            empty="No thumbprints."
          />
          <ActionErrorAlert error={action.error} />
        </SpaceBetween>
      </Dialog>
    </>
  );
}

function ReplaceMetadataModal({ arn, visible, onClose }: { arn: string; visible: boolean; onClose: () => void }) {
  const metadata = useMetadataFile();
  const [submitted, setSubmitted] = useState(false);
  const action = usePageAction();
  const close = () => {
    if (action.pending) return;
    action.clearError();
    setSubmitted(false);
    metadata.choose([]);
    onClose();
  };
  return (
    <Dialog
      visible={visible}
      header="Replace metadata"
      onDismiss={close}
      footer={
        <SubmitFooter
          pending={action.pending}
          submitLabel="Replace metadata"
          onCancel={close}
          onSubmit={() => {
            setSubmitted(true);
            if (metadata.error) return;
            action.run(
              () => replaceMetadata(arn, metadata.document),
              () => {
                setSubmitted(false);
                metadata.choose([]);
                onClose();
              },
            );
          }}
        />
      }
    >
      <SpaceBetween size="m">
        <Box variant="p">The new document replaces the provider&apos;s metadata; its validity follows the new document.</Box>
        <MetadataUpload file={metadata} showError={submitted} />
        <ActionErrorAlert error={action.error} />
      </SpaceBetween>
    </Dialog>
  );
}
