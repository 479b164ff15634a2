import SpaceBetween from "@cloudscape-design/components/space-between";
import type { OtherCredentials } from "@/lib/iam/console-other-credentials";
import { HttpsGitCredentialsSection, KeyspacesCredentialsSection } from "./service-credentials";
import { SigningCertificatesSection } from "./signing-certificates";
import { SshPublicKeysSection } from "./ssh-public-keys";

// The sections a user's Security credentials tab shows after its access keys, in the console's
// order, from what readOtherCredentials read.

export function OtherCredentialsSections({ userName, credentials }: { userName: string; credentials: OtherCredentials }) {
  return (
    <SpaceBetween size="l">
      <SshPublicKeysSection userName={userName} {...credentials.sshPublicKeys} />
      <HttpsGitCredentialsSection userName={userName} {...credentials.httpsGit} />
      <KeyspacesCredentialsSection userName={userName} {...credentials.keyspaces} />
      <SigningCertificatesSection userName={userName} {...credentials.signingCertificates} />
    </SpaceBetween>
  );
}
