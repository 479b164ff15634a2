import type { Metadata } from "next";
import { connection } from "next/server";
import { breadcrumbs, navTrail } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import type { SearchParamsInput } from "@/components/data-table/table-query";
import { readOrDenied } from "@/components/permission-alert";
import { loadPolicyPicker } from "@/components/policy-picker/load-policy-picker";
import { requireConsoleIdentity } from "@/lib/auth/session";
import { getPasswordRulesForConsole } from "@/lib/iam/console-users";
import { DEFAULT_PASSWORD_RULES } from "@/lib/iam/password-rules";
import { BOUNDARY_PREFIX } from "../permission-choices-config";
import { loadPermissionChoices } from "../permission-choices-data";
import { CreateUserWizard } from "./create-user-wizard";

export const metadata: Metadata = { title: "Create user | Users | IAM" };

export default async function CreateUserPage({ searchParams }: { searchParams: Promise<SearchParamsInput> }) {
  await connection();
  const identity = await requireConsoleIdentity();
  const { caller } = identity;
  const params = await searchParams;
  const [rules, choices, boundaries] = await Promise.all([
    readOrDenied(getPasswordRulesForConsole(caller)),
    loadPermissionChoices(caller, params),
    loadPolicyPicker(caller, params, BOUNDARY_PREFIX),
  ]);
  return (
    <>
      <PageFrame breadcrumbs={breadcrumbs(navTrail("/users"), "Create user", "/users/create")} contentType="wizard" />
      <CreateUserWizard
        // A caller who may not read the password policy is shown AWS's default rules; the
        // server checks the account's own rules either way.
        passwordRules={rules.ok ? rules.data : DEFAULT_PASSWORD_RULES}
        accountNames={[caller.accountId, ...(identity.accountAlias ? [identity.accountAlias] : [])]}
        signInUrl={identity.signInUrl}
        choices={choices}
        boundaries={boundaries}
      />
    </>
  );
}
