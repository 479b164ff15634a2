import type { Metadata } from "next";
import { safeCallbackUrl } from "./callback-url";
import { SignInForm } from "./sign-in-forms";

export const metadata: Metadata = { title: "Sign in" };

// signin.aws.amazon.com: root user (email and password) or IAM user (account first).
export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { callbackUrl } = await searchParams;
  return <SignInForm callbackUrl={safeCallbackUrl(callbackUrl)} />;
}
