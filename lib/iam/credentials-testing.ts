import { selfSignedCertificatePem } from "@/lib/test-certificates";

// Credential material the credential tests share: bodies AWS would accept, fixed so that
// expected fingerprints and conflicts between tests stay predictable.

/** Three self-signed RSA 2048 certificates, made once per test file. */
export const SIGNING_CERTIFICATE_PEMS = await Promise.all([1, 2, 3].map((n) => selfSignedCertificatePem(`signing-certificate-${n}`)));

/** A fixed 2048-bit RSA key in OpenSSH's one-line form (its PEM form and fingerprint: ssh-public-keys.test.ts). */
export const KNOWN_SSH_PUBLIC_KEY =
  "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCpOeH9bH0aRIVbO2KPHHLe/MGyruXxdhzga6X5fuZfH6aB65Dw7lbJeDoUpuisfT1FBXQx1o3NIR8bhu2+JnX3GAC66rGzsBnhpGt9bz3I6dBdrZMRW4mil2WB+CJS6yg9/MV5SvNLAxI2wYVyangrw3+jxn7xemAODtnBu/5YB5AVNr32V1ts+gJyhl3cztJkTVQ6KQN6psnzYB+uNl5kDRxgIKL+TcEOePlvKfL7E5f/cRHEIwC9qtvvmwY6r5EAyScPXZjIngGwv3C2yarjBrL2piG1sByoRuKpTS6ojhAWURZt+V8Vv4HX4X7VY3CTST18DG+vUn3WA+FXXr6N test@example";
