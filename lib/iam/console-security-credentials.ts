import "server-only";
import { isRoot, type Caller } from "./caller";
import { listAccessKeysWithDetails, type AccessKeyRow } from "./console-access-keys";
import { listMfaDevicesForConsole, type ConsoleMfaDevice } from "./console-mfa";
import {
  readOtherCredentials,
  readSigningCertificates,
  section,
  type CredentialSection,
  type OtherCredentials,
  type SigningCertificateRow,
} from "./console-other-credentials";
import { getPasswordRulesForConsole } from "./console-users";
import { isIamError } from "./errors";
import { getLoginProfile } from "./login-profiles";
import { DEFAULT_PASSWORD_RULES, type PasswordRules } from "./password-rules";
import { getUser } from "./users";

// What a Security credentials tab or page shows, read as the console reads it: one list call per
// section, each authorized on its own, so a principal who may see some credentials but not
// others gets the sections it may see and AWS's AccessDenied message in the others. Every call
// is the domain's own (and recorded as such); nothing here reads the database.

export interface ConsoleSignInRead {
  enabled: boolean;
  passwordResetRequired: boolean;
  passwordLastUsed?: Date;
  denied?: string;
}

export interface SecurityCredentialsRead {
  /** Whose credentials: the root user's own, or an IAM user's (named, or the caller itself). */
  principal: { kind: "root" } | { kind: "user"; userName: string; self: boolean };
  /** The console password: an IAM user's login profile, or the signed-in principal's own password. */
  consoleSignIn: ConsoleSignInRead;
  mfa: CredentialSection<ConsoleMfaDevice>;
  accessKeys: CredentialSection<AccessKeyRow>;
  /** An IAM user's SSH keys, service-specific credentials and signing certificates. */
  other?: OtherCredentials;
  /** The root user's X.509 signing certificates (root has none of the other kinds). */
  rootSigningCertificates?: CredentialSection<SigningCertificateRow>;
  /**
   * The rules a new password must follow, for the forms: the root user's are AWS's default; an
   * IAM user's come from the account's policy, and are undefined when the caller may not read it.
   */
  passwordRules?: PasswordRules;
}

/** A read that may be denied (undefined then) or find nothing (null). */
async function optional<T>(read: Promise<T>): Promise<T | null | undefined> {
  try {
    return await read;
  } catch (err) {
    if (isIamError(err) && err.code === "AccessDenied") return undefined;
    if (isIamError(err) && err.code === "NoSuchEntity") return null;
    throw err;
  }
}

async function consoleSignIn(caller: Caller, userName: string, lastUsed: Date | undefined): Promise<ConsoleSignInRead> {
  try {
    const { LoginProfile } = await getLoginProfile(caller, { UserName: userName });
    return { enabled: true, passwordResetRequired: LoginProfile.PasswordResetRequired, ...(lastUsed ? { passwordLastUsed: lastUsed } : {}) };
  } catch (err) {
    if (isIamError(err) && err.code === "NoSuchEntity") return { enabled: false, passwordResetRequired: false };
    if (isIamError(err) && err.code === "AccessDenied") return { enabled: false, passwordResetRequired: false, denied: err.message };
    throw err;
  }
}

/**
 * The credentials of the user named, or (UserName absent) of the caller itself: "My security
 * credentials", for the root user or an IAM user. `user` is what the page already read with
 * GetUser (its last sign-in), so it is not read twice; without it, GetUser is called.
 */
export async function readSecurityCredentials(
  caller: Caller,
  input: { UserName?: string } = {},
  user?: { PasswordLastUsed?: Date },
): Promise<SecurityCredentialsRead> {
  const self = input.UserName === undefined;
  const who = self ? {} : { UserName: input.UserName };
  const keys = section(async () => (await listAccessKeysWithDetails(caller, who)).rows);
  const mfa = section(async () => (await listMfaDevicesForConsole(caller, who)).devices);

  const lastUsed = async () => (user ?? (await optional(getUser(caller, who)))?.User)?.PasswordLastUsed;

  if (self && isRoot(caller)) {
    const [accessKeys, mfaDevices, certificates, used] = await Promise.all([
      keys,
      mfa,
      readSigningCertificates(caller, {}),
      lastUsed(),
    ]);
    return {
      principal: { kind: "root" },
      consoleSignIn: { enabled: true, passwordResetRequired: false, ...(used ? { passwordLastUsed: used } : {}) },
      mfa: mfaDevices,
      accessKeys,
      rootSigningCertificates: certificates,
      passwordRules: DEFAULT_PASSWORD_RULES,
    };
  }

  const userName = input.UserName ?? caller.userName;
  if (userName === undefined) throw new Error("Security credentials of a principal that is neither root nor an IAM user.");
  const [accessKeys, mfaDevices, other, rules, signIn] = await Promise.all([
    keys,
    mfa,
    readOtherCredentials(caller, { UserName: userName }),
    optional(getPasswordRulesForConsole(caller)),
    // An administrator manages the user's console access (its login profile); a signed-in user
    // has a password, and changes it.
    lastUsed().then((used) =>
      self ? { enabled: true, passwordResetRequired: false, ...(used ? { passwordLastUsed: used } : {}) } : consoleSignIn(caller, userName, used),
    ),
  ]);
  return {
    principal: { kind: "user", userName, self },
    consoleSignIn: signIn,
    mfa: mfaDevices,
    accessKeys,
    other,
    // An administrator sees AWS's default rules when it may not read the policy; the server
    // checks the account's own rules either way.
    passwordRules: rules ?? (self ? undefined : DEFAULT_PASSWORD_RULES),
  };
}
