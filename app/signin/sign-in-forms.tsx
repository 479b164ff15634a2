"use client";

import Alert from "@cloudscape-design/components/alert";
import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import Container from "@cloudscape-design/components/container";
import FormField from "@cloudscape-design/components/form-field";
import Header from "@cloudscape-design/components/header";
import Input, { type InputProps } from "@cloudscape-design/components/input";
import Link from "@cloudscape-design/components/link";
import RadioGroup from "@cloudscape-design/components/radio-group";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { startAuthentication } from "@simplewebauthn/browser";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent, type ReactNode } from "react";
import { deniedAction, PermissionAlert } from "@/components/permission-alert";
import type { ActionError } from "@/lib/action-result";
import type { SignInProgress } from "@/lib/iam/sign-in";
import {
  changePasswordStep,
  iamUserPasswordStep,
  mfaCodeStep,
  rootPasswordStep,
  securityKeyOptionsStep,
  securityKeyStep,
} from "./actions";
import { callbackQuery } from "./callback-url";
import type { SignInStepResult } from "./sign-in-result";

// The sign-in card and its steps: the password (root user, or IAM user of an account), then,
// as the server asks, multi-factor authentication and a new password. Each step is a server
// action that moves the sign-in along; the last hands its token to next-auth, which opens the
// session. Errors are shown exactly as the server words them.

const UNREACHABLE = "Sign-in failed: the console could not be reached. Check your connection and try again.";

type Failure = { message: string } | { error: ActionError };

/** The sign-in under way: the current step, and how to move to the next. */
function useSignInFlow(callbackUrl: string) {
  const [progress, setProgress] = useState<SignInProgress | null>(null);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);

  /** Runs one step's action; its data, or undefined after showing why it failed. */
  const call = async <T,>(action: () => Promise<SignInStepResult<T>>): Promise<T | undefined> => {
    let result: SignInStepResult<T>;
    try {
      result = await action();
    } catch {
      setFailure({ message: UNREACHABLE });
      return undefined;
    }
    if (result.ok) return result.data;
    if ("signInError" in result) {
      setFailure({ message: result.signInError });
      if (result.startOver) setProgress(null);
    } else {
      setFailure({ error: result.error });
    }
    return undefined;
  };

  /** Opens the session of a finished sign-in; a full load, so every server part sees it. */
  const finish = async (challenge: string): Promise<boolean> => {
    try {
      const result = await signIn("challenge", { challenge, redirect: false, callbackUrl });
      if (result?.ok && !result.error) {
        window.location.assign(callbackUrl);
        return true;
      }
      setFailure({ message: messageOf(result?.error) });
    } catch {
      setFailure({ message: UNREACHABLE });
    }
    setProgress(null);
    return false;
  };

  /** Runs a step that answers with the sign-in's progress, and goes where it says. */
  const advance = async (action: () => Promise<SignInStepResult>): Promise<void> => {
    setPending(true);
    setFailure(null);
    const next = await call(action);
    // Stays pending while the destination loads.
    if (next?.next === "done" && (await finish(next.challenge))) return;
    if (next && next.next !== "done") setProgress(next);
    setPending(false);
  };

  /** "Use security key": the key signs what the server issued, then the server checks it. */
  const presentSecurityKey = async (challenge: string): Promise<void> => {
    setPending(true);
    setFailure(null);
    const options = await call(() => securityKeyOptionsStep({ challenge }));
    if (options) {
      let response: Awaited<ReturnType<typeof startAuthentication>> | undefined;
      try {
        response = await startAuthentication({ optionsJSON: options });
      } catch {
        setFailure({ message: "Your security key was not used. Try again, or sign in with another MFA device." });
      }
      if (response) {
        const answer = response;
        setPending(false);
        return advance(() => securityKeyStep({ challenge, response: answer }));
      }
    }
    setPending(false);
  };

  const cancel = () => {
    setProgress(null);
    setFailure(null);
  };

  return { progress, pending, failure, advance, presentSecurityKey, cancel };
}

type SignInFlow = ReturnType<typeof useSignInFlow>;

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
  return { values, set, missing, complete, showErrors };
}

/** One field of a sign-in card: its input, and `missing` as its error once left empty. */
function SignInField<K extends string>({
  fields,
  name,
  label,
  missing,
  errorText,
  constraintText,
  ...input
}: {
  fields: ReturnType<typeof useFields<K>>;
  name: K;
  label: string;
  missing: string;
  errorText?: ReactNode;
  constraintText?: ReactNode;
} & Pick<InputProps, "type" | "inputMode" | "autoComplete" | "autoFocus">) {
  return (
    <FormField label={label} errorText={(fields.missing(name) && missing) || errorText} constraintText={constraintText}>
      <Input {...input} value={fields.values[name]} onChange={({ detail }) => fields.set(name, detail.value)} />
    </FormField>
  );
}

function FailureAlert({ failure }: { failure: Failure | null }) {
  if (!failure) return null;
  if ("message" in failure) {
    return (
      <div role="alert">
        <Alert type="error">{failure.message}</Alert>
      </div>
    );
  }
  const { error } = failure;
  const failedRules = error.failedRules && error.failedRules.length > 0 ? error.failedRules : undefined;
  if (error.code === "AccessDenied" && deniedAction(error.message)) {
    return (
      <div role="alert">
        <SpaceBetween size="s">
          <PermissionAlert message={error.message} />
          <Box variant="p">Contact your administrator: they can allow you to change your password, or set a new one for you.</Box>
        </SpaceBetween>
      </div>
    );
  }
  return (
    <div role="alert">
      <Alert type="error" header={failedRules ? error.message : error.code}>
        {failedRules ? (
          <ul aria-label="Failed password requirements">
            {failedRules.map((rule) => (
              <li key={rule}>{rule}</li>
            ))}
          </ul>
        ) : (
          error.message
        )}
      </Alert>
    </div>
  );
}

function SignInCard({
  title,
  description,
  failure,
  onSubmit,
  children,
  footer,
}: {
  title: string;
  description?: ReactNode;
  failure: Failure | null;
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
          <FailureAlert failure={failure} />
          {children}
        </SpaceBetween>
      </form>
    </Container>
  );
}

/** The password, then "Sign in": the last of a root user's or an IAM user's first step. */
function PasswordAndSignIn({ fields, pending }: { fields: ReturnType<typeof useFields<"password">>; pending: boolean }) {
  return (
    <>
      <SignInField
        fields={fields}
        name="password"
        label="Password"
        missing="Enter your password."
        type="password"
        autoComplete="current-password"
      />
      <Button variant="primary" fullWidth formAction="submit" loading={pending} loadingText="Signing in">
        Sign in
      </Button>
    </>
  );
}

/** The steps after the password, as the server asks for them. */
function NextStep({ flow, progress }: { flow: SignInFlow; progress: SignInProgress }) {
  return progress.next === "mfa" ? (
    <MfaStep key={progress.challenge} flow={flow} progress={progress} />
  ) : (
    <PasswordChangeStep key={progress.challenge} flow={flow} progress={progress} />
  );
}

const cancelFooter = (flow: SignInFlow) => (
  <Box textAlign="center">
    <Button variant="link" formAction="none" onClick={flow.cancel}>
      Cancel
    </Button>
  </Box>
);

/** "Multi-factor authentication": a code from an authenticator app, or a security key. */
function MfaStep({ flow, progress }: { flow: SignInFlow; progress: SignInProgress }) {
  const fields = useFields(["code"] as const);
  const { totp, securityKey } = progress.mfa;

  const submit = () => {
    if (!totp || !fields.complete()) return;
    void flow.advance(() => mfaCodeStep({ challenge: progress.challenge, code: fields.values.code.trim() }));
  };

  return (
    <SignInCard
      title="Multi-factor authentication"
      description={
        totp
          ? "Your account is secured using multi-factor authentication (MFA). To finish signing in, turn on or view your MFA device and type the authentication code below."
          : "Your account is secured using multi-factor authentication (MFA). To finish signing in, use your security key."
      }
      failure={flow.failure}
      onSubmit={submit}
      footer={cancelFooter(flow)}
    >
      {totp && (
        <>
          <SignInField
            fields={fields}
            name="code"
            label="MFA code"
            missing="Enter the code from your MFA device."
            inputMode="numeric"
            autoComplete="one-time-code"
            autoFocus
          />
          <Button variant="primary" fullWidth formAction="submit" loading={flow.pending} loadingText="Signing in">
            Submit
          </Button>
        </>
      )}
      {securityKey && (
        <Button
          variant={totp ? "normal" : "primary"}
          fullWidth
          formAction="none"
          iconName="key"
          disabled={flow.pending}
          onClick={() => void flow.presentSecurityKey(progress.challenge)}
        >
          Use security key
        </Button>
      )}
    </SignInCard>
  );
}

/** "Change password": a new password the administrator required, or for one that expired. */
function PasswordChangeStep({ flow, progress }: { flow: SignInFlow; progress: SignInProgress }) {
  const fields = useFields(["oldPassword", "newPassword", "confirmPassword"] as const);
  const mismatch = fields.showErrors && fields.values.confirmPassword !== "" && fields.values.confirmPassword !== fields.values.newPassword;
  const change = progress.passwordChange;

  const submit = () => {
    if (!fields.complete() || fields.values.confirmPassword !== fields.values.newPassword) return;
    const { oldPassword, newPassword } = fields.values;
    void flow.advance(() => changePasswordStep({ challenge: progress.challenge, oldPassword, newPassword }));
  };

  return (
    <SignInCard
      title="Change password"
      description={
        change?.reason === "expired"
          ? "Your password has expired. Choose a new password to continue signing in."
          : "You must change your password to continue signing in."
      }
      failure={flow.failure}
      onSubmit={submit}
      footer={cancelFooter(flow)}
    >
      <SignInField
        fields={fields}
        name="oldPassword"
        label="Old password"
        missing="Enter your old password."
        type="password"
        autoComplete="current-password"
        autoFocus
      />
      <SignInField
        fields={fields}
        name="newPassword"
        label="New password"
        missing="Enter a new password."
        type="password"
        autoComplete="new-password"
        constraintText={
          change && change.requirements.length > 0 ? (
            <ul aria-label="Password requirements">
              {change.requirements.map((rule) => (
                <li key={rule}>{rule}</li>
              ))}
            </ul>
          ) : undefined
        }
      />
      <SignInField
        fields={fields}
        name="confirmPassword"
        label="Confirm new password"
        missing="Enter the new password again."
        errorText={mismatch && "The passwords don't match."}
        type="password"
        autoComplete="new-password"
      />
      <Button variant="primary" fullWidth formAction="submit" loading={flow.pending} loadingText="Changing password">
        Confirm password change
      </Button>
    </SignInCard>
  );
}

/** /signin: choose root user or IAM user. */
export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const flow = useSignInFlow(callbackUrl);
  const [userType, setUserType] = useState<"root" | "iam">("root");
  const fields = useFields(["email", "password", "account"] as const);

  if (flow.progress) return <NextStep flow={flow} progress={flow.progress} />;

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
    void flow.advance(() => rootPasswordStep({ email: email.trim(), password }));
  };

  return (
    <SignInCard title="Sign in" failure={userType === "root" ? flow.failure : null} onSubmit={submit}>
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
          <SignInField
            fields={fields}
            name="email"
            label="Email address"
            missing="Enter your root user email address."
            type="email"
            inputMode="email"
            autoComplete="username"
            autoFocus
          />
          <PasswordAndSignIn fields={fields} pending={flow.pending} />
        </>
      ) : (
        <>
          <SignInField
            fields={fields}
            name="account"
            label="Account ID (12 digits) or account alias"
            missing="Enter your account ID or account alias."
            autoComplete="organization"
            autoFocus
          />
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
  const flow = useSignInFlow(callbackUrl);
  const fields = useFields(["account", "username", "password"] as const, { account });

  if (flow.progress) return <NextStep flow={flow} progress={flow.progress} />;

  const submit = () => {
    if (!fields.complete()) return;
    const { account: accountValue, username, password } = fields.values;
    void flow.advance(() => iamUserPasswordStep({ account: accountValue.trim(), userName: username.trim(), password }));
  };

  return (
    <SignInCard
      title="Sign in as IAM user"
      failure={flow.failure}
      onSubmit={submit}
      footer={
        <Box textAlign="center">
          <Link href={`/signin${callbackQuery(callbackUrl)}`}>Sign in using root user email</Link>
        </Box>
      }
    >
      <SignInField
        fields={fields}
        name="account"
        label="Account ID (12 digits) or account alias"
        missing="Enter your account ID or account alias."
        autoComplete="organization"
      />
      <SignInField
        fields={fields}
        name="username"
        label="IAM user name"
        missing="Enter your IAM user name."
        autoComplete="username"
        autoFocus
      />
      <PasswordAndSignIn fields={fields} pending={flow.pending} />
    </SignInCard>
  );
}
