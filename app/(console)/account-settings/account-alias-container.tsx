"use client";

import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import Container from "@cloudscape-design/components/container";
import FormField from "@cloudscape-design/components/form-field";
import Header from "@cloudscape-design/components/header";
import Input from "@cloudscape-design/components/input";
import KeyValuePairs from "@cloudscape-design/components/key-value-pairs";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionErrorAlert } from "@/components/action-error-alert";
import { ActionModal } from "@/components/action-modal";
import { useNotifications } from "@/components/console-layout/notifications";
import { Copyable } from "@/components/copyable";
import { DeleteModal } from "@/components/delete-modal";
import { useDeleteDialog } from "@/components/delete-modal/use-delete-dialog";
import { PermissionAlert, type Readout } from "@/components/permission-alert";
import { useActionSubmit } from "@/components/use-action-submit";
import { ACCOUNT_ALIAS_RULES, accountAliasError } from "./account-alias-checks";
import { removeAccountAlias, saveAccountAlias } from "./actions";

// The Account alias container: the account ID, its alias and the sign-in URL of its IAM users,
// each with a copy button; "Create" an alias, or "Edit" (CreateAccountAlias replaces the alias)
// and "Delete" it. The IAM console shows the same on the dashboard's AWS Account panel.

export function AccountAliasContainer({
  accountId,
  alias,
  sessionAlias,
  signInBase,
}: {
  accountId: string;
  alias: Readout<string | null>;
  /** The alias the console session knows, for the sign-in URL when the caller may not list aliases. */
  sessionAlias: string | null;
  /** The sign-in URL without the account: the alias or the account ID follows. */
  signInBase: string;
}) {
  const router = useRouter();
  const { notify } = useNotifications();
  const [editing, setEditing] = useState(false);
  const current = alias.ok ? alias.data : null;
  const deletion = useDeleteDialog(
    (name: string) => removeAccountAlias(name),
    ({ message }) => {
      if (message) notify({ type: "success", content: message });
      router.refresh();
    },
  );

  return (
    <section aria-label="Account alias">
      <Container
        header={
          <Header
            variant="h2"
            description="An alias replaces the account ID in the sign-in URL of the account's IAM users. The URL with the account ID keeps working."
            actions={
              alias.ok && (
                <SpaceBetween direction="horizontal" size="xs">
                  {current !== null && <Button onClick={() => deletion.open(current)}>Delete</Button>}
                  <Button onClick={() => setEditing(true)}>{current === null ? "Create" : "Edit"}</Button>
                </SpaceBetween>
              )
            }
          >
            Account alias
          </Header>
        }
      >
        <SpaceBetween size="l">
          {!alias.ok && <PermissionAlert message={alias.accessDenied} />}
          <KeyValuePairs
            columns={3}
            items={[
              { label: "Account ID", value: <Copyable text={accountId} what="Account ID" /> },
              { label: "Account alias", value: current !== null ? <Copyable text={current} what="Account alias" /> : "-" },
              {
                label: "Sign-in URL for IAM users in this account",
                value: <Copyable text={`${signInBase}${(alias.ok ? current : sessionAlias) ?? accountId}`} what="Sign-in URL" />,
              },
            ]}
          />
        </SpaceBetween>
      </Container>
      <AliasModal
        key={String(editing)}
        visible={editing}
        current={current}
        signInBase={signInBase}
        onClose={() => setEditing(false)}
        onSaved={(message) => {
          setEditing(false);
          if (message) notify({ type: "success", content: message });
          router.refresh();
        }}
      />
      <DeleteModal
        {...deletion.modal}
        entityType="account alias"
        names={deletion.target ? [deletion.target] : []}
        nameLabel="alias"
        description={
          <>
            IAM users will no longer be able to sign in with the URL that contains the alias. They can sign in with the URL that contains the
            account ID: <Box variant="code">{`${signInBase}${accountId}`}</Box>
          </>
        }
      />
    </section>
  );
}

/** Create or Edit: the alias, checked as it is typed, with the sign-in URL it makes. */
function AliasModal({
  visible,
  current,
  signInBase,
  onClose,
  onSaved,
}: {
  visible: boolean;
  current: string | null;
  signInBase: string;
  onClose: () => void;
  onSaved: (message: string | undefined) => void;
}) {
  const [value, setValue] = useState(current ?? "");
  const [touched, setTouched] = useState(false);
  const { pending, error, submit: run } = useActionSubmit();
  const problem = accountAliasError(value);
  const unchanged = value === current;

  const submit = () => {
    setTouched(true);
    if (problem || unchanged || pending) return;
    run(() => saveAccountAlias(value), ({ message }) => onSaved(message));
  };

  return (
    <ActionModal
      visible={visible}
      header={current === null ? "Create alias" : "Edit alias"}
      submitLabel="Save changes"
      onSubmit={submit}
      submitDisabled={unchanged}
      pending={pending}
      onClose={onClose}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <SpaceBetween size="m">
          <ActionErrorAlert error={error} />
          <FormField
            label="Preferred alias"
            controlId="account-alias"
            errorText={touched ? problem : undefined}
            constraintText={
              <ul aria-label="Alias rules">
                {ACCOUNT_ALIAS_RULES.map((rule) => (
                  <li key={rule}>{rule}</li>
                ))}
              </ul>
            }
          >
            <Input
              controlId="account-alias"
              value={value}
              onChange={({ detail }) => setValue(detail.value)}
              onBlur={() => setTouched(true)}
              invalid={touched && !!problem}
              autoFocus
              autoComplete={false}
              spellcheck={false}
            />
          </FormField>
          <div>
            <Box variant="awsui-key-label">New sign-in URL for IAM users</Box>
            <Box variant="code">{`${signInBase}${!problem ? value : "<alias>"}`}</Box>
          </div>
        </SpaceBetween>
      </form>
    </ActionModal>
  );
}
