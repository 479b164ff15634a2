import "server-only";
import type { Db } from "@/lib/db";
import { iamArn, rootArn } from "../arns";
import type { Caller } from "../caller";
import { generatePassword, hashPassword } from "../crypto";
import { newId } from "../ids";
import { createOpenIDConnectProvider, createSAMLProvider } from "../identity-providers";

// The demo account a new installation starts with: a small least-privilege setup to explore.
// Admins administer, Developers build but cannot touch IAM beyond reading it and their own
// credentials, Auditors only read, dave (a new hire) has no permissions yet, an EC2 service
// role reads S3, and an auditor role can be assumed from the account only with MFA. Two identity
// providers wait for roles: ExampleCorp's SAML IdP, and GitHub Actions' OpenID Connect issuer.

export const DEMO_ACCOUNT_ID = "123456789012";
export const DEMO_ACCOUNT_ALIAS = "demo";

export interface DemoCredentials {
  accountId: string;
  alias: string;
  rootEmail: string;
  rootPassword: string;
  users: { userName: string; password: string }[];
}

export interface DemoSeedOptions {
  rootEmail: string;
  rootPassword?: string;
  /** One password for every demo user; each gets its own generated one when absent. */
  userPassword?: string;
}

const ACCT = DEMO_ACCOUNT_ID;

const DEVELOPER_ACCESS = {
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "BuildAndRunApplications",
      Effect: "Allow",
      Action: ["ec2:*", "s3:*", "lambda:*", "dynamodb:*", "logs:*", "cloudwatch:*"],
      Resource: "*",
    },
    {
      Sid: "PassOnlyTheApplicationRole",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: `arn:aws:iam::${ACCT}:role/EC2AppRole`,
    },
    { Sid: "ReadIdentityAndAccess", Effect: "Allow", Action: ["iam:Get*", "iam:List*"], Resource: "*" },
    {
      Sid: "ManageOwnCredentials",
      Effect: "Allow",
      Action: ["iam:ChangePassword", "iam:CreateAccessKey", "iam:DeleteAccessKey", "iam:UpdateAccessKey"],
      Resource: `arn:aws:iam::${ACCT}:user/\${aws:username}`,
    },
    {
      Sid: "NeverDeleteTheAuditTrail",
      Effect: "Deny",
      Action: ["cloudtrail:DeleteTrail", "cloudtrail:StopLogging"],
      Resource: "*",
    },
  ],
};

const EC2_TRUST = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
};

const AUDITOR_TRUST = {
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${ACCT}:root` },
      Action: "sts:AssumeRole",
      Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
    },
  ],
};

const doc = (d: object) => JSON.stringify(d, null, 4);

/** ExampleCorp's identity provider signs with this (self-signed, example-only) certificate. */
const EXAMPLE_CORP_IDP_CERTIFICATE = [
  "MIIDQTCCAimgAwIBAgIUKpB8j9RtBVSaVPX81OkdJ+g3C6swDQYJKoZIhvcNAQEL",
  "BQAwMDEYMBYGA1UEAwwPaWRwLmV4YW1wbGUuY29tMRQwEgYDVQQKDAtFeGFtcGxl",
  "Q29ycDAeFw0yNjExMjYxNTU1NTNaFw0zNjExMjMxNTU1NTNaMDAxGDAWBgNVBAMM",
  "D2lkcC5leGFtcGxlLmNvbTEUMBIGA1UECgwLRXhhbXBsZUNvcnAwggEiMA0GCSqG",
  "SIb3DQEBAQUAA4IBDwAwggEKAoIBAQCoMvgG1RZveodGw0NulHQdNtP8AnRm5DaR",
  "sZmkny09RyT5BuRxqgKblR7IopxsytUiE0FZOBErIDsARo1gw2IGZxOHCxI6sAPv",
  "D8mZXlNPIK6YXeuIEVvjSAn0KCElA2/RR+KBbRtmxAy5bGpDS7lrs7260Yu2+s5v",
  "fSk/5xLQ8MwhqwkLVwXBy3Q2IfeFDSU0w+VL4yrOFEr9TlMWrWGZWP1ypAuiZc7w",
  "iEev0nM5taYn5z2OvYgCc0L5y4l67O73EYGZaHX895z2VQGuXjcYtmQA8dexIxUg",
  "6FBfwuv7DCRG6ujtt7t4mOG+rnZtgWJ+HgDvcSY6EumUABe6y0YtAgMBAAGjUzBR",
  "MB0GA1UdDgQWBBQxVOu7s1iWF1y17J8OJLM6d+hD7zAfBgNVHSMEGDAWgBQxVOu7",
  "s1iWF1y17J8OJLM6d+hD7zAPBgNVHRMBAf8EBTADAQH/MA0GCSqGSIb3DQEBCwUA",
  "A4IBAQCaIOtA3mZQeRrr6cp2r92hlWm1THHy0LbF2qHyoQXOnOs+6CXvVOURKaKf",
  "gAwHg3ywEt1q0EMv8yVq2SOAXP8sRbMs5ApySX1neRmx59AVX8bgFv8zou2rgLaW",
  "e8NRHQm3roCXcB3bApK/W5uIBjiQyR3EoDt8Xz/DuM6n4lJfg3kEyi8CeI9JTwTs",
  "MjHiskrEEdBvbeZryqqPbNfsj/hjmqFEhl5h5P53kZXKLKdhsxC5/u3ENa+GEIAF",
  "fQQe2rHStEErDHMhMQ7hilcVQnnRS0kC9vGC7Dm+zCRdWYAIg2FkS6ZOXwW7YBVM",
  "xILSvkQh7eetL4hN+gJo2otfYCnr",
].join("\n");

/** SAML 2.0 metadata as an identity provider exports it. */
export const EXAMPLE_CORP_IDP_METADATA = `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com/saml2/idp">
  <md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing">
      <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
        <ds:X509Data>
          <ds:X509Certificate>${EXAMPLE_CORP_IDP_CERTIFICATE}</ds:X509Certificate>
        </ds:X509Data>
      </ds:KeyInfo>
    </md:KeyDescriptor>
    <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/saml2/idp/sso"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp.example.com/saml2/idp/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>
`;

export const DEMO_IDENTITY_PROVIDERS = {
  saml: { Name: "ExampleCorpIdP", SAMLMetadataDocument: EXAMPLE_CORP_IDP_METADATA },
  oidc: { Url: "https://token.actions.githubusercontent.com", ClientIDList: ["sts.amazonaws.com"] },
};

const GROUPS = [
  { name: "Admins", policies: ["AdministratorAccess"] },
  { name: "Developers", policies: ["DeveloperAccess"] },
  { name: "Auditors", policies: ["SecurityAudit"] },
] as const;

const USERS = [
  { name: "alice", groups: ["Admins"], tags: { team: "platform" } },
  { name: "bob", groups: ["Developers"], tags: { team: "app" } },
  { name: "carol", groups: ["Auditors"], tags: { team: "security" } },
  { name: "dave", groups: [], tags: {} },
] as const;

export async function seedDemoAccount(prisma: Db, options: DemoSeedOptions): Promise<DemoCredentials> {
  const rootPassword = options.rootPassword ?? generatePassword(20);
  const userPasswords = USERS.map((u) => ({ userName: u.name, password: options.userPassword ?? generatePassword(16) }));
  const [rootHash, ...userHashes] = await Promise.all([
    hashPassword(rootPassword),
    ...userPasswords.map((u) => hashPassword(u.password)),
  ]);

  const managed = await prisma.policy.findMany({
    where: { accountId: null, name: { in: ["AdministratorAccess", "SecurityAudit", "AmazonS3ReadOnlyAccess"] } },
    select: { id: true, name: true },
  });
  const policyIds = new Map(managed.map((p) => [p.name, p.id]));
  const need = (name: string) => {
    const id = policyIds.get(name);
    if (!id) throw new Error(`The AWS managed policy ${name} is not loaded.`);
    return id;
  };

  await prisma.$transaction(async (tx) => {
    await tx.account.create({
      data: { id: ACCT, alias: DEMO_ACCOUNT_ALIAS, rootEmail: options.rootEmail.toLowerCase(), rootPasswordHash: rootHash },
    });

    const developerAccessId = newId("policy");
    policyIds.set("DeveloperAccess", developerAccessId);
    await tx.policy.create({
      data: {
        id: developerAccessId,
        accountId: ACCT,
        name: "DeveloperAccess",
        nameKey: "developeraccess",
        path: "/",
        arn: iamArn(ACCT, "policy", "/", "DeveloperAccess"),
        description: "Build and run applications; read IAM; manage only your own credentials.",
        versions: { create: { versionId: "v1", document: doc(DEVELOPER_ACCESS) } },
      },
    });

    const groupIds = new Map<string, string>();
    for (const g of GROUPS) {
      const id = newId("group");
      groupIds.set(g.name, id);
      await tx.group.create({
        data: { id, accountId: ACCT, name: g.name, nameKey: g.name.toLowerCase(), path: "/", arn: iamArn(ACCT, "group", "/", g.name) },
      });
      await tx.policyAttachment.createMany({
        data: g.policies.map((p) => ({ accountId: ACCT, policyId: need(p), groupId: id })),
      });
    }

    for (const [i, u] of USERS.entries()) {
      const id = newId("user");
      await tx.user.create({
        data: {
          id,
          accountId: ACCT,
          name: u.name,
          nameKey: u.name,
          path: "/",
          arn: iamArn(ACCT, "user", "/", u.name),
          loginProfile: { create: { passwordHash: userHashes[i] } },
          passwordHistory: { create: { passwordHash: userHashes[i] } },
          memberships: { create: u.groups.map((g) => ({ groupId: groupIds.get(g)! })) },
          tags: { create: Object.entries(u.tags).map(([key, value]) => ({ key, keyKey: key.toLowerCase(), value })) },
        },
      });
    }

    const ec2RoleId = newId("role");
    await tx.role.create({
      data: {
        id: ec2RoleId,
        accountId: ACCT,
        name: "EC2AppRole",
        nameKey: "ec2approle",
        path: "/",
        arn: iamArn(ACCT, "role", "/", "EC2AppRole"),
        description: "Allows EC2 instances of the application to read S3.",
        assumeRolePolicyDocument: doc(EC2_TRUST),
        attachments: { create: { accountId: ACCT, policyId: need("AmazonS3ReadOnlyAccess") } },
        tags: { create: { key: "app", keyKey: "app", value: "web" } },
      },
    });
    await tx.instanceProfile.create({
      data: {
        id: newId("instanceProfile"),
        accountId: ACCT,
        name: "EC2AppRole",
        nameKey: "ec2approle",
        path: "/",
        arn: iamArn(ACCT, "instance-profile", "/", "EC2AppRole"),
        roleId: ec2RoleId,
      },
    });
    await tx.role.create({
      data: {
        id: newId("role"),
        accountId: ACCT,
        name: "AuditorRole",
        nameKey: "auditorrole",
        path: "/",
        arn: iamArn(ACCT, "role", "/", "AuditorRole"),
        description: "Read-only security audit, assumable from this account with MFA.",
        assumeRolePolicyDocument: doc(AUDITOR_TRUST),
        attachments: { create: { accountId: ACCT, policyId: need("SecurityAudit") } },
      },
    });
  });

  // Through the IAM operations themselves, as the root user would add them in the console.
  const root: Caller = {
    accountId: ACCT,
    principalType: "Account",
    principalArn: rootArn(ACCT),
    principalId: ACCT,
    sourceIp: "127.0.0.1",
    secureTransport: true,
    now: new Date(),
  };
  await createSAMLProvider(root, DEMO_IDENTITY_PROVIDERS.saml);
  await createOpenIDConnectProvider(root, DEMO_IDENTITY_PROVIDERS.oidc);

  return {
    accountId: ACCT,
    alias: DEMO_ACCOUNT_ALIAS,
    rootEmail: options.rootEmail.toLowerCase(),
    rootPassword,
    users: userPasswords,
  };
}

