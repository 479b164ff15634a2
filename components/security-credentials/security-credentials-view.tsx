import type { KeyValuePairsProps } from "@cloudscape-design/components/key-value-pairs";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { timeAgo } from "@/components/console-layout/time";
import { Copyable } from "@/components/copyable";
import type { CredentialSection, OtherCredentials, SigningCertificateRow } from "@/lib/iam/console-other-credentials";
import type { SecurityCredentialsRead } from "@/lib/iam/console-security-credentials";
import { DEFAULT_PASSWORD_RULES, type PasswordRules } from "@/lib/iam/password-rules";
import { toAccessKeyTableRow, type AccessKeyTableRow } from "./access-key-rows";
import { AccessKeysSection } from "./access-keys";
import { ConsoleAccessSection, type ConsoleSignInView } from "./console-access";
import type { CredentialTarget } from "./credential-target";
import { MfaDevicesSection, type MfaDeviceRow } from "./mfa-devices";
import { OtherCredentialsSections } from "./other-credentials";
import { OwnPasswordSection } from "./password-change-form";
import { SigningCertificatesSection } from "./signing-certificates";

// The Security credentials of one principal, as the IAM console lays them out: console sign-in,
// MFA, access keys, then the other kinds of credentials AWS lists. Used by a user's "Security
// credentials" tab (an administrator's view: console access is managed there) and by "My
// security credentials" (the signed-in principal changes its own password there). Plain data in:
// the page reads with readSecurityCredentials and formats with securityCredentialsProps.

export interface SecurityCredentialsProps {
  target: CredentialTarget;
  /** The root user's own credentials. */
  root: boolean;
  userName?: string;
  signInUrl: string;
  accountNames: string[];
  passwordRules?: PasswordRules;
  /** A user's tab: its console access, managed by an administrator. */
  consoleAccess?: ConsoleSignInView;
  /** My security credentials: the facts beside "Update console password" / "Change password". */
  ownPassword?: KeyValuePairsProps.Item[];
  mfa: { devices: MfaDeviceRow[]; denied?: string };
  accessKeys: { rows: AccessKeyTableRow[]; denied?: string };
  /** An IAM user's SSH keys, Git and Keyspaces credentials, and signing certificates. */
  other?: OtherCredentials;
  /** The root user's own X.509 signing certificates. */
  rootSigningCertificates?: CredentialSection<SigningCertificateRow>;
}

/** Formats what readSecurityCredentials read, on the server (times are relative to `now`). */
export function securityCredentialsProps(
  read: SecurityCredentialsRead,
  facts: { now: Date; signInUrl: string; accountNames: string[] },
): SecurityCredentialsProps {
  const { principal } = read;
  const target: CredentialTarget = principal.kind === "user" && !principal.self ? { kind: "user", userName: principal.userName } : { kind: "self" };
  const signIn = read.consoleSignIn;
  const lastSignIn = signIn?.passwordLastUsed ? timeAgo(signIn.passwordLastUsed, facts.now) : "Never";
  return {
    target,
    root: principal.kind === "root",
    ...(principal.kind === "user" ? { userName: principal.userName } : {}),
    signInUrl: facts.signInUrl,
    accountNames: facts.accountNames,
    ...(read.passwordRules ? { passwordRules: read.passwordRules } : {}),
    ...(target.kind === "user" && signIn
      ? {
          consoleAccess: {
            enabled: signIn.enabled,
            passwordResetRequired: signIn.passwordResetRequired,
            lastSignIn,
            ...(signIn.denied ? { denied: signIn.denied } : {}),
          },
        }
      : {}),
    ...(target.kind === "self"
      ? {
          ownPassword:
            principal.kind === "root"
              ? [{ label: "Last console sign-in", value: lastSignIn }]
              : [
                  { label: "Console sign-in link", value: <Copyable text={facts.signInUrl} what="Console sign-in link" /> },
                  { label: "Last console sign-in", value: lastSignIn },
                ],
        }
      : {}),
    mfa: {
      devices: read.mfa.rows.map((d) => ({ SerialNumber: d.SerialNumber, name: d.name, type: d.type, EnableDate: d.EnableDate.toISOString() })),
      ...(read.mfa.denied ? { denied: read.mfa.denied } : {}),
    },
    accessKeys: {
      rows: read.accessKeys.rows.map((k) => toAccessKeyTableRow(k, facts.now)),
      ...(read.accessKeys.denied ? { denied: read.accessKeys.denied } : {}),
    },
    ...(read.other ? { other: read.other } : {}),
    ...(read.rootSigningCertificates ? { rootSigningCertificates: read.rootSigningCertificates } : {}),
  };
}

export function SecurityCredentialsView(props: SecurityCredentialsProps) {
  const { target, root } = props;
  return (
    <SpaceBetween size="l">
      {props.consoleAccess && props.userName && (
        <ConsoleAccessSection
          userName={props.userName}
          signInUrl={props.signInUrl}
          access={props.consoleAccess}
          passwordRules={props.passwordRules ?? DEFAULT_PASSWORD_RULES}
          accountNames={props.accountNames}
        />
      )}
      {props.ownPassword && <OwnPasswordSection root={root} items={props.ownPassword} rules={props.passwordRules} accountNames={props.accountNames} />}
      <MfaDevicesSection target={target} devices={props.mfa.devices} denied={props.mfa.denied} />
      <AccessKeysSection target={target} rows={props.accessKeys.rows} denied={props.accessKeys.denied} root={root} />
      {props.other && props.userName && <OtherCredentialsSections userName={props.userName} credentials={props.other} />}
      {props.rootSigningCertificates && <SigningCertificatesSection {...props.rootSigningCertificates} />}
    </SpaceBetween>
  );
}
