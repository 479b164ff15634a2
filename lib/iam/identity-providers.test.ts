import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { DEMO_ACCOUNT_ID, EXAMPLE_CORP_IDP_METADATA } from "./bootstrap/demo-account";
import type { Caller } from "./caller";
import {
  addClientIDToOpenIDConnectProvider,
  createOpenIDConnectProvider,
  createSAMLProvider,
  deleteOpenIDConnectProvider,
  deleteSAMLProvider,
  getOpenIDConnectProvider,
  getSAMLProvider,
  listIdentityProvidersForConsole,
  listOpenIDConnectProviders,
  listOpenIDConnectProviderTags,
  listSAMLProviders,
  listSAMLProviderTags,
  removeClientIDFromOpenIDConnectProvider,
  tagOpenIDConnectProvider,
  tagSAMLProvider,
  untagOpenIDConnectProvider,
  untagSAMLProvider,
  updateOpenIDConnectProviderThumbprint,
  updateSAMLProvider,
} from "./identity-providers";
import { callerWithPolicies, iamError, policyDocument, rootCaller, setupDemoAccount, TEST_NOW } from "./testing";

// SAML and OpenID Connect providers: every operation's result in AWS's shape, every error with
// AWS's code and message, the recorded events, and the authorization matrix (no policy, exactly
// the action on the provider, an explicit deny).

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
});

const ACCT = DEMO_ACCOUNT_ID;
const root = () => rootCaller();
const samlArn = (name: string) => `arn:aws:iam::${ACCT}:saml-provider/${name}`;
const oidcArn = (name: string) => `arn:aws:iam::${ACCT}:oidc-provider/${name}`;
const GITHUB = oidcArn("token.actions.githubusercontent.com");
const THUMB_A = "6938FD4D98BAB03FAADB97B34396831E3780AEA1";
const THUMB_B = "1c58a3a8518e8759bf075b76b750d4f2df264fcd";

/** Metadata of an identity provider with this entity ID (and validUntil): the demo's, re-issued. */
function metadata(entityId: string, validUntil?: string): string {
  return EXAMPLE_CORP_IDP_METADATA.replace(
    'entityID="https://idp.example.com/saml2/idp"',
    `entityID="${entityId}"${validUntil ? ` validUntil="${validUntil}"` : ""}`,
  );
}

const lastEvent = (eventName: string) => prisma.activityEvent.findFirstOrThrow({ where: { eventName }, orderBy: { id: "desc" } });
const hundredYearsAfter = (d: Date) => new Date(Date.UTC(d.getUTCFullYear() + 100, d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()));

async function expectError(attempt: Promise<unknown>, code: string, message: string | RegExp) {
  const err = await iamError(attempt);
  expect(err.code).toBe(code);
  if (typeof message === "string") expect(err.message).toBe(message);
  else expect(err.message).toMatch(message);
}

describe("the demo account's providers", () => {
  it("has ExampleCorpIdP (SAML) and GitHub Actions (OpenID Connect, audience sts.amazonaws.com)", async () => {
    const { SAMLProviderList } = await listSAMLProviders(root());
    expect(SAMLProviderList.map((p) => p.Arn)).toEqual([samlArn("ExampleCorpIdP")]);
    expect((await getSAMLProvider(root(), { SAMLProviderArn: samlArn("ExampleCorpIdP") })).SAMLMetadataDocument).toBe(EXAMPLE_CORP_IDP_METADATA);
    expect(await listOpenIDConnectProviders(root())).toEqual({ OpenIDConnectProviderList: [{ Arn: GITHUB }] });
    expect(await getOpenIDConnectProvider(root(), { OpenIDConnectProviderArn: GITHUB })).toMatchObject({
      Url: "token.actions.githubusercontent.com",
      ClientIDList: ["sts.amazonaws.com"],
      ThumbprintList: [],
    });
  });
});

describe("SAML providers", () => {
  it("CreateSAMLProvider makes the provider with its tags; GetSAMLProvider returns it, valid for 100 years", async () => {
    const out = await createSAMLProvider(root(), { Name: "Okta", SAMLMetadataDocument: metadata("https://okta.example"), Tags: [{ Key: "team", Value: "it" }] });
    expect(out).toEqual({ SAMLProviderArn: samlArn("Okta"), Tags: [{ Key: "team", Value: "it" }] });
    expect(await getSAMLProvider(root(), { SAMLProviderArn: samlArn("Okta") })).toEqual({
      SAMLMetadataDocument: metadata("https://okta.example"),
      CreateDate: TEST_NOW,
      ValidUntil: hundredYearsAfter(TEST_NOW),
      Tags: [{ Key: "team", Value: "it" }],
    });
    const event = await lastEvent("CreateSAMLProvider");
    expect(event).toMatchObject({ principalArn: `arn:aws:iam::${ACCT}:root`, errorCode: null, readOnly: false });
    // The document itself is not copied into the event history.
    expect(event.requestParameters).toEqual({ Name: "Okta", Tags: [{ Key: "team", Value: "it" }], SAMLMetadataDocumentLength: metadata("https://okta.example").length });
  });

  it("takes ValidUntil from the metadata's validUntil", async () => {
    await createSAMLProvider(root(), { Name: "Expiring", SAMLMetadataDocument: metadata("https://exp.example", "2030-01-01T00:00:00Z") });
    expect((await getSAMLProvider(root(), { SAMLProviderArn: samlArn("Expiring") })).ValidUntil).toEqual(new Date("2030-01-01T00:00:00Z"));
  });

  it("names are unique regardless of case, and found regardless of case", async () => {
    await createSAMLProvider(root(), { Name: "Azure_AD-1.0", SAMLMetadataDocument: metadata("https://azure.example") });
    await expectError(
      createSAMLProvider(root(), { Name: "AZURE_ad-1.0", SAMLMetadataDocument: metadata("https://azure.example") }),
      "EntityAlreadyExists",
      "Provider with name AZURE_ad-1.0 already exists.",
    );
    const got = await getSAMLProvider(root(), { SAMLProviderArn: samlArn("azure_ad-1.0") });
    expect(got.SAMLMetadataDocument).toContain("https://azure.example");
  });

  it("CreateSAMLProvider checks its input as AWS does", async () => {
    const doc = metadata("https://x.example");
    await expectError(createSAMLProvider(root(), { Name: "has space", SAMLMetadataDocument: doc }), "ValidationError",
      "1 validation error detected: Value 'has space' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w._-]+");
    await expectError(createSAMLProvider(root(), { Name: "n".repeat(129), SAMLMetadataDocument: doc }), "ValidationError", /Member must have length less than or equal to 128/);
    await expectError(createSAMLProvider(root(), { SAMLMetadataDocument: doc } as never), "ValidationError",
      "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null");
    await expectError(createSAMLProvider(root(), { Name: "Short", SAMLMetadataDocument: "<a/>" }), "ValidationError",
      "1 validation error detected: Value '[…]' at 'sAMLMetadataDocument' failed to satisfy constraint: Member must have length greater than or equal to 1000");
    await expectError(createSAMLProvider(root(), { Name: "Huge", SAMLMetadataDocument: "x".repeat(10_000_001) }), "ValidationError", /less than or equal to 10000000/);
    await expectError(createSAMLProvider(root(), { Name: "Prose", SAMLMetadataDocument: "This is not XML. ".repeat(100) }), "InvalidInput", "Could not parse metadata");
    await expectError(
      createSAMLProvider(root(), { Name: "SP", SAMLMetadataDocument: metadata("https://sp.example").replaceAll("IDPSSODescriptor", "SPSSODescriptor") }),
      "InvalidInput",
      "Could not parse metadata",
    );
    await expectError(createSAMLProvider(root(), { Name: "Tagged", SAMLMetadataDocument: doc, Tags: [{ Key: "aws:x", Value: "y" }] }), "InvalidInput", /can't start with "aws:"/);
    expect(await prisma.identityProvider.count({ where: { name: { in: ["Short", "Prose", "SP", "Tagged"] } } })).toBe(0);
    expect(await lastEvent("CreateSAMLProvider")).toMatchObject({ errorCode: "InvalidInput" });
  });

  it("CreateSAMLProvider stops at 100 SAML providers in the account", async () => {
    const existing = await prisma.identityProvider.count({ where: { accountId: ACCT, type: "SAML" } });
    const names = Array.from({ length: 100 - existing }, (_, i) => `Filler${i}`);
    await prisma.identityProvider.createMany({
      data: names.map((name) => ({ arn: samlArn(name), accountId: ACCT, type: "SAML", name, samlMetadata: "x" })),
    });
    try {
      await expectError(
        createSAMLProvider(root(), { Name: "OneTooMany", SAMLMetadataDocument: metadata("https://more.example") }),
        "LimitExceeded",
        "Cannot exceed quota for SAMLProvidersPerAccount: 100",
      );
    } finally {
      await prisma.identityProvider.deleteMany({ where: { name: { in: names } } });
    }
  });

  it("GetSAMLProvider of a provider that does not exist, or of an ARN that names none, fails as AWS does", async () => {
    await expectError(getSAMLProvider(root(), { SAMLProviderArn: samlArn("Nobody") }), "NoSuchEntity", `Manifest not found for arn ${samlArn("Nobody")}`);
    await expectError(getSAMLProvider(root(), { SAMLProviderArn: `arn:aws:iam::${ACCT}:role/Okta` }), "InvalidInput", `ARN arn:aws:iam::${ACCT}:role/Okta is not valid.`);
    await expectError(getSAMLProvider(root(), { SAMLProviderArn: GITHUB }), "InvalidInput", `ARN ${GITHUB} is not valid.`);
    await expectError(getSAMLProvider(root(), { SAMLProviderArn: "arn:aws:iam::1:x" }), "ValidationError", /greater than or equal to 20/);
    await expectError(getSAMLProvider(root(), {} as never), "ValidationError", /Value null at 'sAMLProviderArn'/);
    // Another account's provider: the root user of this one may not even ask.
    await expectError(getSAMLProvider(root(), { SAMLProviderArn: "arn:aws:iam::111122223333:saml-provider/Okta" }), "AccessDenied", /is not authorized to perform: iam:GetSAMLProvider/);
  });

  it("ListSAMLProviders lists each with its ARN, ValidUntil and CreateDate", async () => {
    const { SAMLProviderList } = await listSAMLProviders(root());
    expect(SAMLProviderList.find((p) => p.Arn === samlArn("Okta"))).toEqual({ Arn: samlArn("Okta"), ValidUntil: hundredYearsAfter(TEST_NOW), CreateDate: TEST_NOW });
  });

  it("UpdateSAMLProvider replaces the metadata and its validity", async () => {
    await createSAMLProvider(root(), { Name: "Rotating", SAMLMetadataDocument: metadata("https://old.example") });
    const later = { ...root(), now: new Date("2027-01-01T00:00:00Z") };
    expect(await updateSAMLProvider(later, { SAMLProviderArn: samlArn("ROTATING"), SAMLMetadataDocument: metadata("https://new.example", "2029-05-05T00:00:00Z") })).toEqual({
      SAMLProviderArn: samlArn("Rotating"),
    });
    const got = await getSAMLProvider(root(), { SAMLProviderArn: samlArn("Rotating") });
    expect(got.SAMLMetadataDocument).toContain("https://new.example");
    expect(got.ValidUntil).toEqual(new Date("2029-05-05T00:00:00Z"));
    expect(got.CreateDate).toEqual(TEST_NOW);
    await updateSAMLProvider(later, { SAMLProviderArn: samlArn("Rotating"), SAMLMetadataDocument: metadata("https://newer.example") });
    expect((await getSAMLProvider(root(), { SAMLProviderArn: samlArn("Rotating") })).ValidUntil).toEqual(new Date("2127-01-01T00:00:00Z"));

    await expectError(updateSAMLProvider(root(), { SAMLProviderArn: samlArn("Rotating"), SAMLMetadataDocument: "<x>".padEnd(1200, " ") }), "InvalidInput", "Could not parse metadata");
    await expectError(updateSAMLProvider(root(), { SAMLProviderArn: samlArn("Gone"), SAMLMetadataDocument: metadata("https://x.example") }), "NoSuchEntity", `Manifest not found for arn ${samlArn("Gone")}`);
  });

  it("DeleteSAMLProvider deletes it and its tags; a second delete fails with NoSuchEntity", async () => {
    await createSAMLProvider(root(), { Name: "Temporary", SAMLMetadataDocument: metadata("https://tmp.example"), Tags: [{ Key: "k", Value: "v" }] });
    expect(await deleteSAMLProvider(root(), { SAMLProviderArn: samlArn("Temporary") })).toEqual({});
    expect(await prisma.tag.count({ where: { identityProviderArn: samlArn("Temporary") } })).toBe(0);
    await expectError(deleteSAMLProvider(root(), { SAMLProviderArn: samlArn("Temporary") }), "NoSuchEntity", `Manifest not found for arn ${samlArn("Temporary")}`);
    expect(await lastEvent("DeleteSAMLProvider")).toMatchObject({ errorCode: "NoSuchEntity" });
  });

  it("TagSAMLProvider, UntagSAMLProvider and ListSAMLProviderTags: keys are case-sensitive, at most 50", async () => {
    await createSAMLProvider(root(), { Name: "Tagged", SAMLMetadataDocument: metadata("https://tags.example") });
    const arn = samlArn("Tagged");
    await tagSAMLProvider(root(), { SAMLProviderArn: arn, Tags: [{ Key: "env", Value: "prod" }, { Key: "Env", Value: "also" }] });
    await tagSAMLProvider(root(), { SAMLProviderArn: arn, Tags: [{ Key: "env", Value: "test" }] });
    expect(await listSAMLProviderTags(root(), { SAMLProviderArn: arn })).toEqual({
      Tags: [
        { Key: "Env", Value: "also" },
        { Key: "env", Value: "test" },
      ],
      IsTruncated: false,
    });
    const first = await listSAMLProviderTags(root(), { SAMLProviderArn: arn, MaxItems: 1 });
    expect(first).toMatchObject({ Tags: [{ Key: "Env" }], IsTruncated: true });
    expect(await listSAMLProviderTags(root(), { SAMLProviderArn: arn, Marker: first.Marker })).toMatchObject({ Tags: [{ Key: "env" }], IsTruncated: false });
    await untagSAMLProvider(root(), { SAMLProviderArn: arn, TagKeys: ["ENV", "env"] });
    expect((await listSAMLProviderTags(root(), { SAMLProviderArn: arn })).Tags).toEqual([{ Key: "Env", Value: "also" }]);
    const many = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: "v" }));
    await expectError(tagSAMLProvider(root(), { SAMLProviderArn: arn, Tags: many }), "LimitExceeded", "The number of tags has reached the maximum limit.");
    await expectError(tagSAMLProvider(root(), { SAMLProviderArn: arn } as never), "ValidationError", /Value null at 'tags'/);
    await expectError(untagSAMLProvider(root(), { SAMLProviderArn: samlArn("Nope"), TagKeys: ["a"] }), "NoSuchEntity", `Manifest not found for arn ${samlArn("Nope")}`);
  });
});

describe("OpenID Connect providers", () => {
  const EKS = "https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
  const EKS_NAME = EKS.slice("https://".length);

  it("CreateOpenIDConnectProvider keys it by its URL without https://; GetOpenIDConnectProvider returns it", async () => {
    const out = await createOpenIDConnectProvider(root(), {
      Url: EKS,
      ClientIDList: ["sts.amazonaws.com", "app", "sts.amazonaws.com"],
      ThumbprintList: [THUMB_A, THUMB_A.toLowerCase()],
      Tags: [{ Key: "cluster", Value: "prod" }],
    });
    expect(out).toEqual({ OpenIDConnectProviderArn: oidcArn(EKS_NAME), Tags: [{ Key: "cluster", Value: "prod" }] });
    expect(await getOpenIDConnectProvider(root(), { OpenIDConnectProviderArn: oidcArn(EKS_NAME) })).toEqual({
      Url: EKS_NAME,
      ClientIDList: ["sts.amazonaws.com", "app"],
      ThumbprintList: [THUMB_A.toLowerCase()],
      CreateDate: TEST_NOW,
      Tags: [{ Key: "cluster", Value: "prod" }],
    });
    expect(await lastEvent("CreateOpenIDConnectProvider")).toMatchObject({ errorCode: null, requestParameters: { Url: EKS } });
  });

  it("a URL is registered once, compared exactly", async () => {
    await expectError(createOpenIDConnectProvider(root(), { Url: EKS }), "EntityAlreadyExists", `Provider with url ${EKS} already exists.`);
    // A trailing slash is another issuer.
    await createOpenIDConnectProvider(root(), { Url: `${EKS}/` });
    expect((await getOpenIDConnectProvider(root(), { OpenIDConnectProviderArn: oidcArn(`${EKS_NAME}/`) })).Url).toBe(`${EKS_NAME}/`);
  });

  it("CreateOpenIDConnectProvider checks the URL, audiences and thumbprints as AWS does", async () => {
    const create = (input: object) => createOpenIDConnectProvider(root(), { Url: "https://checks.example.com", ...input });
    await expectError(createOpenIDConnectProvider(root(), {} as never), "ValidationError", "1 validation error detected: Value null at 'url' failed to satisfy constraint: Member must not be null");
    await expectError(create({ Url: "checks.example.com" }), "ValidationError", "Invalid Open ID Connect Provider URL");
    await expectError(create({ Url: "https://" }), "ValidationError", "Invalid Open ID Connect Provider URL");
    await expectError(create({ Url: "http://checks.example.com" }), "InvalidInput", "Invalid Open ID Connect Provider URL. The URL must begin with https://.");
    for (const url of ["https://checks.example.com:8443", "https://checks.example.com?x=1", "https://checks.example.com/#f", "https://u:p@checks.example.com", "https://bad host.com"]) {
      await expectError(create({ Url: url }), "InvalidInput", "Invalid Open ID Connect Provider URL.");
    }
    await expectError(create({ Url: `https://${"a".repeat(250)}.com` }), "ValidationError", /at 'url' failed to satisfy constraint: Member must have length less than or equal to 255/);
    await expectError(create({ ThumbprintList: ["a".repeat(39)] }), "InvalidInput", "Thumbprint must be exactly 40 characters.");
    await expectError(create({ ThumbprintList: ["g".repeat(40)] }), "InvalidInput", "Thumbprint must be a hexadecimal string.");
    await expectError(create({ ThumbprintList: ["1", "2", "3", "4", "5", "6"].map((d) => d.repeat(40)) }), "InvalidInput", "Thumbprint list must contain fewer than 5 entries.");
    await expectError(create({ ClientIDList: ["c".repeat(256)] }), "ValidationError", /at 'clientIDList.1.member' failed to satisfy constraint: Member must have length less than or equal to 255/);
    await expectError(create({ ClientIDList: Array.from({ length: 101 }, (_, i) => `c${i}`) }), "LimitExceeded", "Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 100");
    expect(await prisma.identityProvider.count({ where: { name: { startsWith: "checks.example.com" } } })).toBe(0);
    // Up to five thumbprints, a hundred audiences.
    await create({ ThumbprintList: ["1", "2", "3", "4", "5"].map((d) => d.repeat(40)), ClientIDList: Array.from({ length: 100 }, (_, i) => `c${i}`) });
  });

  it("CreateOpenIDConnectProvider stops at 100 OpenID Connect providers in the account", async () => {
    const existing = await prisma.identityProvider.count({ where: { accountId: ACCT, type: "OIDC" } });
    const names = Array.from({ length: 100 - existing }, (_, i) => `filler${i}.example.com`);
    await prisma.identityProvider.createMany({ data: names.map((name) => ({ arn: oidcArn(name), accountId: ACCT, type: "OIDC", name, url: `https://${name}` })) });
    try {
      await expectError(createOpenIDConnectProvider(root(), { Url: "https://one-more.example.com" }), "LimitExceeded", "Cannot exceed quota for OpenIdConnectProvidersPerAccount: 100");
    } finally {
      await prisma.identityProvider.deleteMany({ where: { name: { in: names } } });
    }
  });

  it("AddClientIDToOpenIDConnectProvider adds an audience once, up to 100", async () => {
    await createOpenIDConnectProvider(root(), { Url: "https://audiences.example.com", ClientIDList: ["a"] });
    const arn = oidcArn("audiences.example.com");
    expect(await addClientIDToOpenIDConnectProvider(root(), { OpenIDConnectProviderArn: arn, ClientID: "b" })).toEqual({});
    await addClientIDToOpenIDConnectProvider(root(), { OpenIDConnectProviderArn: arn, ClientID: "a" });
    expect((await getOpenIDConnectProvider(root(), { OpenIDConnectProviderArn: arn })).ClientIDList).toEqual(["a", "b"]);
    for (let i = 0; i < 98; i++) await addClientIDToOpenIDConnectProvider(root(), { OpenIDConnectProviderArn: arn, ClientID: `c${i}` });
    await expectError(addClientIDToOpenIDConnectProvider(root(), { OpenIDConnectProviderArn: arn, ClientID: "one-more" }), "LimitExceeded", "Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 100");
    await expectError(addClientIDToOpenIDConnectProvider(root(), { OpenIDConnectProviderArn: arn, ClientID: "" }), "ValidationError", /at 'clientID'/);
    await expectError(
      addClientIDToOpenIDConnectProvider(root(), { OpenIDConnectProviderArn: oidcArn("missing.example.com"), ClientID: "x" }),
      "NoSuchEntity",
      `OpenIDConnect Provider not found for arn ${oidcArn("missing.example.com")}`,
    );
  });

  it("RemoveClientIDFromOpenIDConnectProvider removes an audience; one it does not have is no error", async () => {
    await createOpenIDConnectProvider(root(), { Url: "https://remove.example.com", ClientIDList: ["a", "b"] });
    const arn = oidcArn("remove.example.com");
    expect(await removeClientIDFromOpenIDConnectProvider(root(), { OpenIDConnectProviderArn: arn, ClientID: "a" })).toEqual({});
    await removeClientIDFromOpenIDConnectProvider(root(), { OpenIDConnectProviderArn: arn, ClientID: "never" });
    expect((await getOpenIDConnectProvider(root(), { OpenIDConnectProviderArn: arn })).ClientIDList).toEqual(["b"]);
    expect(await lastEvent("RemoveClientIDFromOpenIDConnectProvider")).toMatchObject({ errorCode: null, requestParameters: { ClientID: "never" } });
  });

  it("UpdateOpenIDConnectProviderThumbprint replaces the whole list", async () => {
    await createOpenIDConnectProvider(root(), { Url: "https://thumbs.example.com", ThumbprintList: [THUMB_A] });
    const arn = oidcArn("thumbs.example.com");
    expect(await updateOpenIDConnectProviderThumbprint(root(), { OpenIDConnectProviderArn: arn, ThumbprintList: [THUMB_B, THUMB_B.toUpperCase()] })).toEqual({});
    expect((await getOpenIDConnectProvider(root(), { OpenIDConnectProviderArn: arn })).ThumbprintList).toEqual([THUMB_B]);
    await expectError(updateOpenIDConnectProviderThumbprint(root(), { OpenIDConnectProviderArn: arn } as never), "ValidationError", /Value null at 'thumbprintList'/);
    await expectError(
      updateOpenIDConnectProviderThumbprint(root(), { OpenIDConnectProviderArn: arn, ThumbprintList: ["1", "2", "3", "4", "5", "6"].map((d) => d.repeat(40)) }),
      "InvalidInput",
      "Thumbprint list must contain fewer than 5 entries.",
    );
  });

  it("DeleteOpenIDConnectProvider deletes it; a second delete fails with NoSuchEntity", async () => {
    await createOpenIDConnectProvider(root(), { Url: "https://gone.example.com", Tags: [{ Key: "k", Value: "v" }] });
    const arn = oidcArn("gone.example.com");
    expect(await deleteOpenIDConnectProvider(root(), { OpenIDConnectProviderArn: arn })).toEqual({});
    expect(await prisma.tag.count({ where: { identityProviderArn: arn } })).toBe(0);
    await expectError(deleteOpenIDConnectProvider(root(), { OpenIDConnectProviderArn: arn }), "NoSuchEntity", `OpenId connect Provider ${arn} cannot be found.`);
    await expectError(getOpenIDConnectProvider(root(), { OpenIDConnectProviderArn: arn }), "NoSuchEntity", `OpenIDConnect Provider not found for arn ${arn}`);
    await expectError(deleteOpenIDConnectProvider(root(), { OpenIDConnectProviderArn: samlArn("ExampleCorpIdP") }), "InvalidInput", `ARN ${samlArn("ExampleCorpIdP")} is not valid.`);
  });

  it("TagOpenIDConnectProvider, UntagOpenIDConnectProvider and ListOpenIDConnectProviderTags", async () => {
    await createOpenIDConnectProvider(root(), { Url: "https://tags.example.com" });
    const arn = oidcArn("tags.example.com");
    await tagOpenIDConnectProvider(root(), { OpenIDConnectProviderArn: arn, Tags: [{ Key: "a", Value: "1" }, { Key: "b", Value: "" }] });
    await untagOpenIDConnectProvider(root(), { OpenIDConnectProviderArn: arn, TagKeys: ["a"] });
    expect(await listOpenIDConnectProviderTags(root(), { OpenIDConnectProviderArn: arn })).toEqual({ Tags: [{ Key: "b", Value: "" }], IsTruncated: false });
    await expectError(untagOpenIDConnectProvider(root(), { OpenIDConnectProviderArn: arn } as never), "ValidationError", /Value null at 'tagKeys'/);
  });
});

describe("listIdentityProvidersForConsole", () => {
  it("lists both types by name, with their creation times, as ListSAMLProviders and ListOpenIDConnectProviders", async () => {
    const caller = await callerWithPolicies("console-lister", [policyDocument("Allow", ["iam:ListSAMLProviders", "iam:ListOpenIDConnectProviders"])]);
    const rows = await listIdentityProvidersForConsole(caller);
    expect(rows.find((r) => r.name === "ExampleCorpIdP")).toMatchObject({ arn: samlArn("ExampleCorpIdP"), type: "SAML" });
    expect(rows.find((r) => r.name === "token.actions.githubusercontent.com")).toMatchObject({ arn: GITHUB, type: "OIDC" });
    const names = rows.map((r) => r.name.toLowerCase());
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "en")));
    const events = await prisma.activityEvent.findMany({ where: { principalArn: caller.principalArn }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.eventName, e.errorCode])).toEqual([
      ["ListSAMLProviders", null],
      ["ListOpenIDConnectProviders", null],
    ]);
  });
});

// ---- Authorization -------------------------------------------------------------------------

interface Case {
  name: string;
  action: string;
  /** The resource the action is authorized on, for a fresh provider of this test. */
  resource: (tag: string) => string;
  /** Creates what the call needs; returns nothing. */
  setup?: (tag: string) => Promise<unknown>;
  run: (caller: Caller, tag: string) => Promise<unknown>;
}

const samlName = (tag: string) => `Authz-${tag}`;
const oidcName = (tag: string) => `authz-${tag}.example.com`;
const newSaml = (tag: string) => createSAMLProvider(root(), { Name: samlName(tag), SAMLMetadataDocument: metadata(`https://${tag}.example`), Tags: [{ Key: "t", Value: "v" }] });
const newOidc = (tag: string) => createOpenIDConnectProvider(root(), { Url: `https://${oidcName(tag)}`, ClientIDList: ["a"], Tags: [{ Key: "t", Value: "v" }] });

const CASES: Case[] = [
  { name: "createSAMLProvider", action: "iam:CreateSAMLProvider", resource: (t) => samlArn(samlName(t)),
    run: (c, t) => createSAMLProvider(c, { Name: samlName(t), SAMLMetadataDocument: metadata("https://new.example"), Tags: [{ Key: "a", Value: "b" }] }) },
  { name: "getSAMLProvider", action: "iam:GetSAMLProvider", resource: (t) => samlArn(samlName(t)), setup: newSaml,
    run: (c, t) => getSAMLProvider(c, { SAMLProviderArn: samlArn(samlName(t)) }) },
  { name: "listSAMLProviders", action: "iam:ListSAMLProviders", resource: () => "*", run: (c) => listSAMLProviders(c) },
  { name: "updateSAMLProvider", action: "iam:UpdateSAMLProvider", resource: (t) => samlArn(samlName(t)), setup: newSaml,
    run: (c, t) => updateSAMLProvider(c, { SAMLProviderArn: samlArn(samlName(t)), SAMLMetadataDocument: metadata("https://updated.example") }) },
  { name: "deleteSAMLProvider", action: "iam:DeleteSAMLProvider", resource: (t) => samlArn(samlName(t)), setup: newSaml,
    run: (c, t) => deleteSAMLProvider(c, { SAMLProviderArn: samlArn(samlName(t)) }) },
  { name: "tagSAMLProvider", action: "iam:TagSAMLProvider", resource: (t) => samlArn(samlName(t)), setup: newSaml,
    run: (c, t) => tagSAMLProvider(c, { SAMLProviderArn: samlArn(samlName(t)), Tags: [{ Key: "x", Value: "y" }] }) },
  { name: "untagSAMLProvider", action: "iam:UntagSAMLProvider", resource: (t) => samlArn(samlName(t)), setup: newSaml,
    run: (c, t) => untagSAMLProvider(c, { SAMLProviderArn: samlArn(samlName(t)), TagKeys: ["t"] }) },
  { name: "listSAMLProviderTags", action: "iam:ListSAMLProviderTags", resource: (t) => samlArn(samlName(t)), setup: newSaml,
    run: (c, t) => listSAMLProviderTags(c, { SAMLProviderArn: samlArn(samlName(t)) }) },
  { name: "createOpenIDConnectProvider", action: "iam:CreateOpenIDConnectProvider", resource: (t) => oidcArn(oidcName(t)),
    run: (c, t) => createOpenIDConnectProvider(c, { Url: `https://${oidcName(t)}`, Tags: [{ Key: "a", Value: "b" }] }) },
  { name: "getOpenIDConnectProvider", action: "iam:GetOpenIDConnectProvider", resource: (t) => oidcArn(oidcName(t)), setup: newOidc,
    run: (c, t) => getOpenIDConnectProvider(c, { OpenIDConnectProviderArn: oidcArn(oidcName(t)) }) },
  { name: "listOpenIDConnectProviders", action: "iam:ListOpenIDConnectProviders", resource: () => "*", run: (c) => listOpenIDConnectProviders(c) },
  { name: "addClientIDToOpenIDConnectProvider", action: "iam:AddClientIDToOpenIDConnectProvider", resource: (t) => oidcArn(oidcName(t)), setup: newOidc,
    run: (c, t) => addClientIDToOpenIDConnectProvider(c, { OpenIDConnectProviderArn: oidcArn(oidcName(t)), ClientID: "b" }) },
  { name: "removeClientIDFromOpenIDConnectProvider", action: "iam:RemoveClientIDFromOpenIDConnectProvider", resource: (t) => oidcArn(oidcName(t)), setup: newOidc,
    run: (c, t) => removeClientIDFromOpenIDConnectProvider(c, { OpenIDConnectProviderArn: oidcArn(oidcName(t)), ClientID: "a" }) },
  { name: "updateOpenIDConnectProviderThumbprint", action: "iam:UpdateOpenIDConnectProviderThumbprint", resource: (t) => oidcArn(oidcName(t)), setup: newOidc,
    run: (c, t) => updateOpenIDConnectProviderThumbprint(c, { OpenIDConnectProviderArn: oidcArn(oidcName(t)), ThumbprintList: [THUMB_A] }) },
  { name: "deleteOpenIDConnectProvider", action: "iam:DeleteOpenIDConnectProvider", resource: (t) => oidcArn(oidcName(t)), setup: newOidc,
    run: (c, t) => deleteOpenIDConnectProvider(c, { OpenIDConnectProviderArn: oidcArn(oidcName(t)) }) },
  { name: "tagOpenIDConnectProvider", action: "iam:TagOpenIDConnectProvider", resource: (t) => oidcArn(oidcName(t)), setup: newOidc,
    run: (c, t) => tagOpenIDConnectProvider(c, { OpenIDConnectProviderArn: oidcArn(oidcName(t)), Tags: [{ Key: "x", Value: "y" }] }) },
  { name: "untagOpenIDConnectProvider", action: "iam:UntagOpenIDConnectProvider", resource: (t) => oidcArn(oidcName(t)), setup: newOidc,
    run: (c, t) => untagOpenIDConnectProvider(c, { OpenIDConnectProviderArn: oidcArn(oidcName(t)), TagKeys: ["t"] }) },
  { name: "listOpenIDConnectProviderTags", action: "iam:ListOpenIDConnectProviderTags", resource: (t) => oidcArn(oidcName(t)), setup: newOidc,
    run: (c, t) => listOpenIDConnectProviderTags(c, { OpenIDConnectProviderArn: oidcArn(oidcName(t)) }) },
];

const lastEventOf = (caller: Caller) => prisma.activityEvent.findFirstOrThrow({ where: { principalArn: caller.principalArn }, orderBy: { id: "desc" } });
const eventName = (action: string) => action.slice("iam:".length);

describe.each(CASES.map((c, i) => [c.name, c, i] as const))("%s", (_name, c, i) => {
  it("a caller with no policy is denied, in AWS's words", async () => {
    const tag = `${i}-none`;
    await c.setup?.(tag);
    const caller = await callerWithPolicies(`idp-${i}-none`, []);
    const err = await iamError(c.run(caller, tag));
    expect({ code: err.code, message: err.message }).toEqual({
      code: "AccessDenied",
      message: `User: ${caller.principalArn} is not authorized to perform: ${c.action} on resource: ${c.resource(tag)} because no identity-based policy allows the ${c.action} action`,
    });
    expect(await lastEventOf(caller)).toMatchObject({ eventName: eventName(c.action), errorCode: "AccessDenied" });
  });

  it("a caller allowed exactly its action on the provider succeeds", async () => {
    const tag = `${i}-allow`;
    await c.setup?.(tag);
    const caller = await callerWithPolicies(`idp-${i}-allow`, [policyDocument("Allow", c.action, c.resource(tag))]);
    await c.run(caller, tag);
    expect(await lastEventOf(caller)).toMatchObject({ eventName: eventName(c.action), errorCode: null, principalType: "IAMUser" });
  });

  it("an explicit deny wins over that allow", async () => {
    const tag = `${i}-deny`;
    await c.setup?.(tag);
    const caller = await callerWithPolicies(`idp-${i}-deny`, [policyDocument("Allow", c.action, c.resource(tag)), policyDocument("Deny", c.action, c.resource(tag))]);
    const err = await iamError(c.run(caller, tag));
    expect(err.message).toBe(
      `User: ${caller.principalArn} is not authorized to perform: ${c.action} on resource: ${c.resource(tag)} with an explicit deny in an identity-based policy`,
    );
  });
});

describe("conditions on the provider's tags and the request's", () => {
  it("aws:ResourceTag selects the providers a caller may read; aws:RequestTag the tags it may set", async () => {
    await newSaml("cond");
    const arn = samlArn(samlName("cond"));
    const caller = await callerWithPolicies("idp-conditions", [
      { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:GetSAMLProvider", Resource: "*", Condition: { StringEquals: { "aws:ResourceTag/t": "v" } } }] },
      { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:TagSAMLProvider", Resource: "*", Condition: { StringEquals: { "aws:RequestTag/team": "it" } } }] },
    ]);
    await getSAMLProvider(caller, { SAMLProviderArn: arn });
    await expectError(getSAMLProvider(caller, { SAMLProviderArn: samlArn("ExampleCorpIdP") }), "AccessDenied", /iam:GetSAMLProvider/);
    await tagSAMLProvider(caller, { SAMLProviderArn: arn, Tags: [{ Key: "team", Value: "it" }] });
    await expectError(tagSAMLProvider(caller, { SAMLProviderArn: arn, Tags: [{ Key: "team", Value: "ops" }] }), "AccessDenied", /iam:TagSAMLProvider/);
  });
});
