"use client";

import Alert from "@cloudscape-design/components/alert";
import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import Container from "@cloudscape-design/components/container";
import FormField from "@cloudscape-design/components/form-field";
import Header from "@cloudscape-design/components/header";
import Input from "@cloudscape-design/components/input";
import Link from "@cloudscape-design/components/link";
import RadioGroup from "@cloudscape-design/components/radio-group";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent, type ReactNode } from "react";
import { callbackQuery } from "./callback-url";

// The two sign-in forms. They only collect fields and hand them to next-auth; the credentials
// providers decide, and their error message is shown exactly as returned.

type Fields = Record<string, string>;
type Provider = "root" | "iam-user";

/** Signs in; on success loads the destination (a full load, so every server part sees the session). */
function useSignIn(provider: Provider, callbackUrl: string) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (fields: Fields) => {
    setPending(true);
    setError(null);
    try {
      const result = await signIn(provider, { ...fields, redirect: false, callbackUrl });
      if (result?.ok && !result.error) {
        window.location.assign(callbackUrl);
        return; // stays pending until the page is replaced
      }
      setError(messageOf(result?.error));
    } catch {
      setError("Sign-in failed: the console could not be reached. Check your connection and try again.");
    }
    setPending(false);
  };

  return { pending, error, submit };
}

function messageOf(error: string | null | undefined): string {
  // next-auth's own code when a provider refuses without a message.
  if (!error || error === "CredentialsSignin") return "Your authentication information is incorrect. Please try again.";
  return error;
}

/** The fields, one per FormField, checked for presence only; the server checks the rest. */
function useFields<K extends string>(names: readonly K[], initial: Partial<Record<K, string>> = {}) {
  const [values, setValues] = useState(() =>
    Object.fromEntries(names.map((name) => [name, initial[name] ?? ""])) as Record<K, string>,
  );
  const [showErrors, setShowErrors] = useState(false);
  const set = (name: K, value: string) => setValues((current) => ({ ...current, [name]: value }));
  const missing = (name: K) => showErrors && values[name].trim() === "";
  const complete = () => {
    setShowErrors(true);
    return names.every((name) => values[name].trim() !== "");
  };
  return { values, set, missing, complete };
}

function SignInCard({
  title,
  description,
  error,
  onSubmit,
  children,
  footer,
}: {
  title: string;
  description?: string;
  error?: string | null;
  onSubmit: () => void;
  children: ReactNode;
  footer?: ReactNode;
}) {
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <Container
      header={
        <Header variant="h1" description={description}>
          {title}
        </Header>
      }
      footer={footer}
    >
      <form onSubmit={handleSubmit} noValidate>
        <SpaceBetween size="l">
          {error && (
            <div role="alert">
              <Alert type="error">{error}</Alert>
            </div>
          )}
          {children}
        </SpaceBetween>
      </form>
    </Container>
  );
}

/** /signin: choose root user or IAM user. */
export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [userType, setUserType] = useState<"root" | "iam">("root");
  const root = useSignIn("root", callbackUrl);
  const fields = useFields(["email", "password", "account"] as const);

  const submit = () => {
    if (userType === "iam") {
      if (fields.values.account.trim() === "") {
        fields.complete();
        return;
      }
      router.push(`/signin/${encodeURIComponent(fields.values.account.trim())}${callbackQuery(callbackUrl)}`);
      return;
    }
    const { email, password } = fields.values;
    if (email.trim() === "" || password === "") {
      fields.complete();
      return;
    }
    void root.submit({ email: email.trim(), password });
  };

  return (
    <SignInCard title="Sign in" error={userType === "root" ? root.error : null} onSubmit={submit}>
      <RadioGroup
        ariaLabel="User type"
        value={userType}
        onChange={({ detail }) => setUserType(detail.value === "iam" ? "iam" : "root")}
        items={[
          {
            value: "root",
            label: "Root user",
            description: "Account owner that performs tasks requiring unrestricted access.",
          },
          { value: "iam", label: "IAM user", description: "User within an account that performs daily tasks." },
        ]}
      />
      {userType === "root" ? (
        <>
          <FormField label="Email address" errorText={fields.missing("email") && "Enter your root user email address."}>
            <Input
              type="email"
              inputMode="email"
              autoComplete="username"
              autoFocus
              value={fields.values.email}
              onChange={({ detail }) => fields.set("email", detail.value)}
            />
          </FormField>
          <FormField label="Password" errorText={fields.missing("password") && "Enter your password."}>
            <Input
              type="password"
              autoComplete="current-password"
              value={fields.values.password}
              onChange={({ detail }) => fields.set("password", detail.value)}
            />
          </FormField>
          <Button variant="primary" fullWidth formAction="submit" loading={root.pending} loadingText="Signing in">
            Sign in
          </Button>
        </>
      ) : (
        <>
          <FormField
            label="Account ID (12 digits) or account alias"
            errorText={fields.missing("account") && "Enter your account ID or account alias."}
          >
            <Input
              autoComplete="organization"
              autoFocus
              value={fields.values.account}
              onChange={({ detail }) => fields.set("account", detail.value)}
            />
          </FormField>
          <Button variant="primary" fullWidth formAction="submit">
            Next
          </Button>
        </>
      )}
    </SignInCard>
  );
}

/** /signin/<account>: an IAM user of that account signs in. */
export function IamUserSignInForm({ account, callbackUrl }: { account: string; callbackUrl: string }) {
  const user = useSignIn("iam-user", callbackUrl);
  const fields = useFields(["account", "username", "password"] as const, { account });

  const submit = () => {
    if (!fields.complete()) return;
    const { account: accountValue, username, password } = fields.values;
    void user.submit({ account: accountValue.trim(), username: username.trim(), password });
  };

  return (
    <SignInCard
      title="Sign in as IAM user"
      error={user.error}
      onSubmit={submit}
      footer={
        <Box textAlign="center">
          <Link href={`/signin${callbackQuery(callbackUrl)}`}>Sign in using root user email</Link>
        </Box>
      }
    >
      <FormField
        label="Account ID (12 digits) or account alias"
        errorText={fields.missing("account") && "Enter your account ID or account alias."}
      >
        <Input
          autoComplete="organization"
          value={fields.values.account}
          onChange={({ detail }) => fields.set("account", detail.value)}
        />
      </FormField>
      <FormField label="IAM user name" errorText={fields.missing("username") && "Enter your IAM user name."}>
        <Input
          autoComplete="username"
          autoFocus
          value={fields.values.username}
          onChange={({ detail }) => fields.set("username", detail.value)}
        />
      </FormField>
      <FormField label="Password" errorText={fields.missing("password") && "Enter your password."}>
        <Input
          type="password"
          autoComplete="current-password"
          value={fields.values.password}
          onChange={({ detail }) => fields.set("password", detail.value)}
        />
      </FormField>
      <Button variant="primary" fullWidth formAction="submit" loading={user.pending} loadingText="Signing in">
        Sign in
      </Button>
    </SignInCard>
  );
}
