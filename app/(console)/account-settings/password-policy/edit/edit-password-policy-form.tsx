"use client";

import Alert from "@cloudscape-design/components/alert";
import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import Checkbox from "@cloudscape-design/components/checkbox";
import Container from "@cloudscape-design/components/container";
import Form from "@cloudscape-design/components/form";
import FormField from "@cloudscape-design/components/form-field";
import Header from "@cloudscape-design/components/header";
import Input from "@cloudscape-design/components/input";
import SpaceBetween from "@cloudscape-design/components/space-between";
import Tiles from "@cloudscape-design/components/tiles";
import { useState, type ReactNode } from "react";
import { ActionErrorAlert } from "@/components/action-error-alert";
import { useFollow } from "@/components/console-layout/use-follow";
import { useActionSubmit } from "@/components/use-action-submit";
import { ACCOUNT_SETTINGS_HREF } from "../../account-settings-paths";
import { savePasswordPolicy } from "../../actions";
import {
  MAX_PASSWORD_AGE_RANGE,
  MIN_LENGTH_RANGE,
  passwordPolicyFormErrors,
  policyInputFromForm,
  REUSE_PREVENTION_RANGE,
  RULE_TEXT,
  type PasswordPolicyForm,
  type PolicyKind,
} from "../../password-policy-form";
import styles from "./edit-password-policy.module.css";

// The IAM console's "Edit password policy": "IAM default" (no policy: AWS's default rules) or
// "Custom" with its length, strength and other requirements. Saving ends on Account settings.

const KINDS = [
  { value: "default", label: "IAM default", description: "Apply default password requirements." },
  { value: "custom", label: "Custom", description: "Apply customized password requirements." },
];

type NumberField = "minimumLength" | "maxPasswordAge" | "reusePrevention";

export function EditPasswordPolicyForm({ initial, defaultRules }: { initial: PasswordPolicyForm; defaultRules: string[] }) {
  const follow = useFollow();
  const [form, setForm] = useState(initial);
  const [touched, setTouched] = useState<Partial<Record<NumberField, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const { pending, error, submit: run } = useActionSubmit();
  const errors = passwordPolicyFormErrors(form);
  const shown = (field: NumberField) => (submitted || touched[field] ? errors[field] : undefined);
  const set = (changes: Partial<PasswordPolicyForm>) => setForm((f) => ({ ...f, ...changes }));
  const check = (key: "requireUppercase" | "requireLowercase" | "requireNumbers" | "requireSymbols" | "expirePasswords" | "hardExpiry" | "allowUsersToChangePassword" | "preventReuse", label: ReactNode, description?: string) => (
    <Checkbox checked={form[key]} onChange={({ detail }) => set({ [key]: detail.checked })} description={description}>
      {label}
    </Checkbox>
  );
  const numberInput = (field: NumberField, label: string, unit: string, range: { min: number; max: number }) => (
    <FormField label={label} controlId={`password-policy-${field}`} constraintText={`Needs to be between ${range.min} and ${range.max}.`} errorText={shown(field)}>
      <SpaceBetween direction="horizontal" size="xs" alignItems="center">
        <div className={styles.number}>
          <Input
            controlId={`password-policy-${field}`}
            type="number"
            inputMode="numeric"
            value={form[field]}
            onChange={({ detail }) => set({ [field]: detail.value })}
            onBlur={() => setTouched((t) => ({ ...t, [field]: true }))}
            invalid={!!shown(field)}
          />
        </div>
        <Box variant="span">{unit}</Box>
      </SpaceBetween>
    </FormField>
  );

  const submit = () => {
    setSubmitted(true);
    if (Object.values(errors).some(Boolean)) return;
    run(() => savePasswordPolicy(policyInputFromForm(form)));
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Form
        header={
          <Header variant="h1" description="Set the requirements for the console passwords of the IAM users in this account.">
            Edit password policy
          </Header>
        }
        actions={
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="link" href={ACCOUNT_SETTINGS_HREF} onFollow={follow} disabled={pending}>
              Cancel
            </Button>
            <Button variant="primary" formAction="submit" loading={pending}>
              Save changes
            </Button>
          </SpaceBetween>
        }
      >
        <SpaceBetween size="l">
          <ActionErrorAlert error={error} />
          <Container header={<Header variant="h2">Password policy</Header>}>
            <SpaceBetween size="l">
              <Tiles value={form.kind} onChange={({ detail }) => set({ kind: detail.value as PolicyKind })} items={KINDS} columns={2} ariaLabel="Password policy" />
              <Alert type="info">
                A new password policy applies to passwords set from now on: existing passwords are not checked against it until they are changed. A new
                expiration period applies at once, to every IAM user&apos;s password. The policy does not apply to the root user.
              </Alert>
              {form.kind === "default" ? (
                <SpaceBetween size="xs">
                  <Box variant="p">The IAM default password policy requires that passwords:</Box>
                  <ul aria-label="IAM default password policy">
                    {defaultRules.map((rule) => (
                      <li key={rule}>{rule}</li>
                    ))}
                  </ul>
                </SpaceBetween>
              ) : (
                <SpaceBetween size="l">
                  {numberInput("minimumLength", "Password minimum length", "characters", MIN_LENGTH_RANGE)}
                  <FormField label="Password strength">
                    <SpaceBetween size="xxs">
                      {check("requireUppercase", RULE_TEXT.uppercase)}
                      {check("requireLowercase", RULE_TEXT.lowercase)}
                      {check("requireNumbers", RULE_TEXT.numbers)}
                      {check("requireSymbols", RULE_TEXT.symbols)}
                    </SpaceBetween>
                  </FormField>
                  <FormField label="Other requirements">
                    <SpaceBetween size="xs">
                      {check("expirePasswords", "Turn on password expiration", "IAM users' passwords expire, and must be changed at the next sign-in after they do.")}
                      {form.expirePasswords && (
                        <div className={styles.nested}>{numberInput("maxPasswordAge", "Expire passwords in", "day(s)", MAX_PASSWORD_AGE_RANGE)}</div>
                      )}
                      {check("hardExpiry", RULE_TEXT.hardExpiry, "An IAM user whose password has expired cannot sign in to the console until an administrator sets a new password.")}
                      {check("allowUsersToChangePassword", RULE_TEXT.allowChange, "Every IAM user may change their own password, without a policy that allows it.")}
                      {check("preventReuse", "Prevent password reuse", "IAM users cannot set a password they have used recently.")}
                      {form.preventReuse && (
                        <div className={styles.nested}>{numberInput("reusePrevention", "Remember", "password(s)", REUSE_PREVENTION_RANGE)}</div>
                      )}
                    </SpaceBetween>
                  </FormField>
                </SpaceBetween>
              )}
            </SpaceBetween>
          </Container>
        </SpaceBetween>
      </Form>
    </form>
  );
}
