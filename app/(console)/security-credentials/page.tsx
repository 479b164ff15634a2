import ContentLayout from "@cloudscape-design/components/content-layout";
import Header from "@cloudscape-design/components/header";
import type { Metadata } from "next";
import { connection } from "next/server";
import { PageFrame } from "@/components/console-layout/page-frame";
import { MY_SECURITY_CREDENTIALS_TRAIL } from "@/components/security-credentials/credential-target";
import { SecurityCredentialsView, securityCredentialsProps } from "@/components/security-credentials/security-credentials-view";
import { requireConsoleIdentity } from "@/lib/auth/session";
import { isRoot } from "@/lib/iam/caller";
import { readSecurityCredentials } from "@/lib/iam/console-security-credentials";

export const metadata: Metadata = { title: "My security credentials | IAM" };

// "Security credentials" of the account menu: the signed-in principal's own credentials, root
// user or IAM user, each section read on its own.
export default async function MySecurityCredentialsPage() {
  await connection();
  const identity = await requireConsoleIdentity();
  const { caller } = identity;
  const root = isRoot(caller);
  const read = await readSecurityCredentials(caller);
  return (
    <>
      <PageFrame breadcrumbs={MY_SECURITY_CREDENTIALS_TRAIL} />
      <ContentLayout
        header={
          <Header
            variant="h1"
            description={
              root
                ? "Root user: the credentials of the AWS account itself. As a best practice, use the root user only for the tasks that require it."
                : `IAM user ${identity.displayName}: the credentials you use to sign in to the console and to call AWS.`
            }
          >
            My security credentials
          </Header>
        }
      >
        <SecurityCredentialsView
          {...securityCredentialsProps(read, {
            now: caller.now,
            signInUrl: identity.signInUrl,
            accountNames: [caller.accountId, ...(identity.accountAlias ? [identity.accountAlias] : [])],
          })}
        />
      </ContentLayout>
    </>
  );
}
