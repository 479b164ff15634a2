"use client";

// SHARED COMPONENT — <DeleteModal />, the IAM console's delete dialog, for every entity
// (users, user groups, roles, policies…). Import from "@/components/delete-modal".
//
//   <DeleteModal
//     visible={open}
//     entityType="user"                       // "user group", "role", "policy"…
//     names={["Samy"]}                        // one entity: "Delete Samy?"; several: "Delete 2 users?"
//     confirmation="name"                     // type the name (one) or "confirm" (several); "confirm"; "none"
//     description="Deleting this user removes its access to AWS."
//     dependencies={[{ label: "Group memberships", items: ["DeveloperGroup"] }]}
//     deleting={pending}
//     error={result?.ok === false ? result.error : undefined}   // AccessDenied → the permission alert
//     onDelete={() => …call the server action…}
//     onDismiss={() => setOpen(false)}
//   />
//
// The dialog only collects the confirmation: the page runs the server action in onDelete,
// keeps the dialog open (deleting) while it runs, and closes it on success. The typed text is
// cleared whenever the dialog opens again.

import Alert from "@cloudscape-design/components/alert";
import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import FormField from "@cloudscape-design/components/form-field";
import Input from "@cloudscape-design/components/input";
import Modal from "@cloudscape-design/components/modal";
import SpaceBetween from "@cloudscape-design/components/space-between";
import Spinner from "@cloudscape-design/components/spinner";
import { useState, type ReactNode } from "react";
import { DialogFooter } from "@/components/action-modal";
import { capitalize } from "@/components/data-table/table-config";
import { PermissionAlert } from "@/components/permission-alert";
import type { ActionError } from "@/lib/action-result";
import { confirmationLabel, confirmationPhrase, isConfirmed, type ConfirmationMode } from "./confirmation";
import styles from "./delete-modal.module.css";

/** Something that goes (or must go first) with the entity: "Attached policies: AmazonS3ReadOnlyAccess". */
export interface DeleteDependency {
  /** "Group memberships", "Permissions policies", "Console password"… */
  label: string;
  /** What of that kind; an empty list is not shown. */
  items: readonly string[];
}

export interface DeleteModalProps {
  visible: boolean;
  /** The entity in the console's words, lower case: "user", "user group", "role", "policy". */
  entityType: string;
  /** Defaults to entityType + "s". */
  entityTypePlural?: string;
  /** What is deleted, by name. */
  names: readonly string[];
  /** Defaults to "name": the name for one entity, "confirm" for several. */
  confirmation?: ConfirmationMode;
  /** The name field's words in the confirmation sentence; defaults to "<entityType> name". */
  nameLabel?: string;
  /** The dialog's text above the dependencies. */
  description?: ReactNode;
  /** What goes with the entity, listed under `dependenciesHeader`. */
  dependencies?: readonly DeleteDependency[];
  dependenciesHeader?: string;
  /** The dependencies are still being read. */
  dependenciesLoading?: boolean;
  /** The delete button's text; defaults to "Delete". */
  deleteLabel?: string;
  /** The delete is running: the buttons wait. */
  deleting?: boolean;
  /** What the last attempt ended in; AccessDenied is shown with the permission alert. */
  error?: ActionError;
  onDelete: () => void;
  onDismiss: () => void;
}

export function DeleteModal(props: DeleteModalProps) {
  const {
    visible,
    entityType,
    names,
    confirmation = "name",
    deleting = false,
    error,
    onDelete,
    onDismiss,
  } = props;
  const plural = props.entityTypePlural ?? `${entityType}s`;
  const phrase = confirmationPhrase(names, confirmation);
  const [typed, setTyped] = useState("");
  // Cleared each time the dialog opens.
  const [wasVisible, setWasVisible] = useState(visible);
  if (visible !== wasVisible) {
    setWasVisible(visible);
    if (visible) setTyped("");
  }
  const confirmed = isConfirmed(typed, phrase);
  const title = names.length === 1 ? `Delete ${names[0]}?` : `Delete ${names.length} ${plural}?`;
  const dependencies = (props.dependencies ?? []).filter((d) => d.items.length > 0);

  const submit = () => {
    if (confirmed && !deleting && names.length > 0) onDelete();
  };

  return (
    <Modal
      visible={visible}
      onDismiss={() => {
        if (!deleting) onDismiss();
      }}
      header={title}
      closeAriaLabel="Close dialog"
      footer={
        <DialogFooter onCancel={onDismiss} pending={deleting}>
          <Button
            variant="primary"
            onClick={submit}
            disabled={!confirmed || names.length === 0}
            loading={deleting}
          >
            {props.deleteLabel ?? "Delete"}
          </Button>
        </DialogFooter>
      }
    >
      <SpaceBetween size="m">
        {props.description && <Box variant="span">{props.description}</Box>}
        {names.length > 1 && (
          <div>
            <Box variant="awsui-key-label">{`${capitalize(plural)} to delete`}</Box>
            <ul className={styles.list} aria-label={`${capitalize(plural)} to delete`}>
              {names.map((name) => (
                <li key={name}>{name}</li>
              ))}
            </ul>
          </div>
        )}
        {props.dependenciesLoading ? (
          <Box color="text-status-inactive">
            <Spinner /> Loading what will be removed
          </Box>
        ) : (
          dependencies.length > 0 && (
            <Alert type="warning" header={props.dependenciesHeader ?? "The following will also be removed"}>
              <dl className={styles.dependencies}>
                {dependencies.map((d) => (
                  <div key={d.label}>
                    <dt>{d.label}</dt>
                    <dd>{d.items.join(", ")}</dd>
                  </div>
                ))}
              </dl>
            </Alert>
          )
        )}
        {error &&
          (error.code === "AccessDenied" ? (
            <PermissionAlert message={error.message} />
          ) : (
            <Alert type="error" header={error.code}>
              {error.message}
            </Alert>
          ))}
        {phrase !== undefined && (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              submit();
            }}
          >
            <FormField label={confirmationLabel(phrase, props.nameLabel ?? `${entityType} name`)}>
              <Input
                value={typed}
                onChange={({ detail }) => setTyped(detail.value)}
                placeholder={phrase}
                ariaRequired
                autoFocus
                disabled={deleting}
                autoComplete={false}
                spellcheck={false}
              />
            </FormField>
          </form>
        )}
      </SpaceBetween>
    </Modal>
  );
}
