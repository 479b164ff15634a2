import type { Metadata } from "next";
import { safeCallbackUrl } from "../callback-url";
import { IamUserSignInForm } from "../sign-in-forms";

export const metadata: Metadata = { title: "Sign in as IAM user" };

// An account's own sign-in URL (https://<alias-or-id>.signin.aws.amazon.com/console in AWS).
export default async function AccountSignInPage({
  params,
  searchParams,
}: {
  params: Promise<{ account: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ account }, { callbackUrl }] = await Promise.all([params, searchParams]);
  return <IamUserSignInForm account={decodeSegment(account)} callbackUrl={safeCallbackUrl(callbackUrl)} />;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
