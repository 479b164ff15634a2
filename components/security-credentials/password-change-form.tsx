"use client";

import Button from "@cloudscape-design/components/button";
import Container from "@cloudscape-design/components/container";
import FormField from "@cloudscape-design/components/form-field";
import Header from "@cloudscape-design/components/header";
import Input from "@cloudscape-design/components/input";
import KeyValuePairs, { type KeyValuePairsProps } from "@cloudscape-design/components/key-value-pairs";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { useState, useTransition } from "react";
import { ActionErrorAlert, resultError } from "@/components/action-error-alert";
import { ActionModal } from "@/components/action-modal";
import { useNotifications } from "@/components/console-layout/notifications";
import type { ActionError } from "@/lib/action-result";
import { passwordProblems, passwordRequirements, type PasswordRules } from "@/lib/iam/password-rules";
import { changeOwnPassword } from "./actions";

// The signed-in principal's own password: "Update console password" for an IAM user
// (ChangePassword) and the root user's password change. Old password, new password and its
// confirmation; the account's requirements are listed, checked as the user types, and a
// refused password's error lists the rules it failed, as the server found them.

/** The requirements under a new-password field. */
export function PasswordRequirements({ rules }: { rules: PasswordRules }) {
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
      {passwordRequirements(rules).map((r) => (
        <li key={r}>{r}</li>
      ))}
    </ul>
  );
}

const PASSWORDS_DO_NOT_MATCH = "The passwords do not match.";

/**
 * The container of the signed-in principal's password on "My security credentials": the facts
 * given, and the button that opens the change form.
 */
export function OwnPasswordSection({
  root,
  items,
  rules,
  accountNames,
}: {
  root: boolean;
  items: KeyValuePairsProps.Item[];
  /** Undefined when the caller may not read the account's password policy. */
  rules?: PasswordRules;
  accountNames: readonly string[];
}) {
  const [open, setOpen] = useState(false);
  const action = root ? "Change password" : "Update console password";
  return (
    <section aria-label={root ? "Root user password" : "Console sign-in"}>
      <Container
        header={
          <Header variant="h2" actions={<Button onClick={() => setOpen(true)}>{action}</Button>}>
            {root ? "Root user password" : "Console sign-in"}
          </Header>
        }
      >
        <KeyValuePairs columns={3} items={items} />
        {open && <PasswordChangeModal title={action} rules={rules} accountNames={accountNames} onClose={() => setOpen(false)} />}
      </Container>
    </section>
  );
}

function PasswordChangeModal({
  title,
  rules,
  accountNames,
  onClose,
}: {
  title: string;
  rules?: PasswordRules;
  accountNames: readonly string[];
  onClose: () => void;
}) {
  const { notify } = useNotifications();
  const [oldPassword, setOldPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<ActionError | undefined>();
  const [pending, startTransition] = useTransition();

  const problems = rules ? passwordProblems(newPassword, rules, accountNames) : [];
  const oldError = tried && oldPassword === "" ? "Enter your current password." : undefined;
  const newError = tried || newPassword !== "" ? (newPassword === "" ? "Enter a new password." : problems[0]) : undefined;
  const confirmError = (tried || confirm !== "") && confirm !== newPassword ? PASSWORDS_DO_NOT_MATCH : undefined;

  const save = () => {
    setTried(true);
    if (oldPassword === "" || newPassword === "" || problems.length > 0 || confirm !== newPassword) return;
    startTransition(async () => {
      const result = await changeOwnPassword({ oldPassword, newPassword });
      if (result.ok) {
        notify({ id: "password-changed", type: "success", content: result.message });
        onClose();
        return;
      }
      setError(resultError(result));
    });
  };

  return (
    <ActionModal
      header={title}
      submitLabel={title}
      onSubmit={save}
      pending={pending}
      onClose={onClose}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <SpaceBetween size="l">
          <FormField label="Old password" controlId="old-password" errorText={oldError}>
            <Input controlId="old-password" type="password" value={oldPassword} onChange={({ detail }) => setOldPassword(detail.value)} invalid={!!oldError} autoComplete="current-password" />
          </FormField>
          <FormField
            label="New password"
            controlId="new-password"
            errorText={newError}
            constraintText={rules ? <PasswordRequirements rules={rules} /> : "The password must meet the account's password policy."}
          >
            <Input controlId="new-password" type="password" value={newPassword} onChange={({ detail }) => setNewPassword(detail.value)} invalid={!!newError} autoComplete="new-password" />
          </FormField>
          <FormField label="Confirm new password" controlId="confirm-password" errorText={confirmError}>
            <Input controlId="confirm-password" type="password" value={confirm} onChange={({ detail }) => setConfirm(detail.value)} invalid={!!confirmError} autoComplete="new-password" />
          </FormField>
          <ActionErrorAlert error={error} />
        </SpaceBetween>
      </form>
    </ActionModal>
  );
}
