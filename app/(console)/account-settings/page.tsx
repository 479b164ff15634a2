import ContentLayout from "@cloudscape-design/components/content-layout";
import Header from "@cloudscape-design/components/header";
import SpaceBetween from "@cloudscape-design/components/space-between";
import type { Metadata } from "next";
import { connection } from "next/server";
import { navTrail } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import { requireConsoleIdentity } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { AccountAliasContainer } from "./account-alias-container";
import { readAccountAlias, readGlobalEndpointTokenVersion, readPasswordPolicy } from "./account-settings-data";
import { ACCOUNT_SETTINGS_HREF } from "./account-settings-paths";
import { customPolicyRules, defaultPolicyRules } from "./password-policy-form";
import { PasswordPolicyContainer } from "./password-policy-container";
import { StsContainer } from "./sts-container";

export const metadata: Metadata = { title: "Account settings | IAM" };

export default async function AccountSettingsPage() {
  await connection();
  const { caller, accountAlias } = await requireConsoleIdentity();
  // Each container reads on its own: a denied read shows the permission alert in its place.
  const [policy, alias, tokenVersion] = await Promise.all([
    readPasswordPolicy(caller),
    readAccountAlias(caller),
    readGlobalEndpointTokenVersion(caller),
  ]);
  return (
    <>
      <PageFrame breadcrumbs={navTrail(ACCOUNT_SETTINGS_HREF)} />
      <ContentLayout header={<Header variant="h1">Account settings</Header>}>
        <SpaceBetween size="l">
          <PasswordPolicyContainer
            readout={
              policy.ok
                ? { ok: true, data: policy.data ? { custom: true, rules: customPolicyRules(policy.data) } : { custom: false, rules: defaultPolicyRules() } }
                : policy
            }
          />
          <AccountAliasContainer accountId={caller.accountId} alias={alias} sessionAlias={accountAlias} signInBase={`${env().baseUrl}/signin/`} />
          <StsContainer tokenVersion={tokenVersion} />
        </SpaceBetween>
      </ContentLayout>
    </>
  );
}
