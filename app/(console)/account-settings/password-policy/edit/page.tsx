import ContentLayout from "@cloudscape-design/components/content-layout";
import Header from "@cloudscape-design/components/header";
import type { Metadata } from "next";
import { connection } from "next/server";
import { breadcrumbs, navTrail } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import { PermissionAlert } from "@/components/permission-alert";
import { requireConsoleIdentity } from "@/lib/auth/session";
import { readPasswordPolicy } from "../../account-settings-data";
import { ACCOUNT_SETTINGS_HREF, EDIT_PASSWORD_POLICY_HREF } from "../../account-settings-paths";
import { defaultPolicyRules, formFromPolicy } from "../../password-policy-form";
import { EditPasswordPolicyForm } from "./edit-password-policy-form";

export const metadata: Metadata = { title: "Edit password policy | Account settings | IAM" };

const TRAIL = breadcrumbs(navTrail(ACCOUNT_SETTINGS_HREF), "Edit password policy", EDIT_PASSWORD_POLICY_HREF);

export default async function EditPasswordPolicyPage() {
  await connection();
  const { caller } = await requireConsoleIdentity();
  // The form starts from the account's policy: without reading it, saving would replace a policy
  // the caller has not seen, so a denied read shows only the alert.
  const policy = await readPasswordPolicy(caller);
  return (
    <>
      <PageFrame breadcrumbs={TRAIL} contentType="form" />
      {policy.ok ? (
        <EditPasswordPolicyForm initial={formFromPolicy(policy.data)} defaultRules={defaultPolicyRules()} />
      ) : (
        <ContentLayout header={<Header variant="h1">Edit password policy</Header>}>
          <PermissionAlert message={policy.accessDenied} />
        </ContentLayout>
      )}
    </>
  );
}
