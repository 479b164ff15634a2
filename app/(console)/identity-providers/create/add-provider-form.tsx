"use client";

import Button from "@cloudscape-design/components/button";
import Container from "@cloudscape-design/components/container";
import Form from "@cloudscape-design/components/form";
import FormField from "@cloudscape-design/components/form-field";
import Header from "@cloudscape-design/components/header";
import Input from "@cloudscape-design/components/input";
import SpaceBetween from "@cloudscape-design/components/space-between";
import Tiles from "@cloudscape-design/components/tiles";
import { useState } from "react";
import { ActionErrorAlert } from "@/components/action-error-alert";
import { useFollow } from "@/components/console-layout/use-follow";
import { NewTagsContainer, useNewTags } from "@/components/resource-tags/new-tags";
import { useActionSubmit } from "@/components/use-action-submit";
import { addOidcProvider, addSamlProvider } from "../actions";
import { MetadataUpload, useMetadataFile } from "../metadata-upload";
import { AUDIENCE_CONSTRAINT, audienceError, PROVIDER_URL_CONSTRAINT, providerUrlError, SAML_NAME_CONSTRAINT, samlNameError } from "../provider-form-checks";
import { IDENTITY_PROVIDERS_HREF } from "../provider-href";

// The console's "Add an Identity provider": SAML (a name and the IdP's metadata document) or
// OpenID Connect (the issuer URL and one audience), with optional tags.

type Kind = "SAML" | "OIDC";

const KINDS = [
  {
    value: "SAML",
    label: "SAML",
    description: "Establish trust between your AWS account and a SAML 2.0 compatible Identity Provider such as Shibboleth or Active Directory Federation Services.",
  },
  {
    value: "OIDC",
    label: "OpenID Connect",
    description: "Establish trust between your AWS account and Identity Provider services, such as Google or Salesforce.",
  },
];

export function AddProviderForm() {
  const follow = useFollow();
  const [kind, setKind] = useState<Kind>("SAML");
  const [name, setName] = useState("");
  const metadata = useMetadataFile();
  const [url, setUrl] = useState("");
  const [audience, setAudience] = useState("");
  const tags = useNewTags();
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [submitted, setSubmitted] = useState(false);
  const { pending, error, submit: run } = useActionSubmit();

  const shown = (field: string) => submitted || touched[field];
  const touch = (field: string) => setTouched((t) => ({ ...t, [field]: true }));
  const errors =
    kind === "SAML"
      ? { name: samlNameError(name), metadata: metadata.error }
      : { url: providerUrlError(url), audience: audienceError(audience) };

  const submit = () => {
    setSubmitted(true);
    if (Object.values(errors).some(Boolean) || !tags.valid) return;
    run(() =>
      kind === "SAML"
        ? addSamlProvider({ name, metadataDocument: metadata.document, tags: tags.chosen() })
        : addOidcProvider({ url, audience, tags: tags.chosen() }),
    );
  };

  return (
    <Form
      header={
        <Header variant="h1" description="Use an identity provider (IdP) to manage your user identities outside of AWS, but grant the user identities permissions to use AWS resources in your account.">
          Add an Identity provider
        </Header>
      }
      actions={
        <SpaceBetween direction="horizontal" size="xs">
          <Button variant="link" href={IDENTITY_PROVIDERS_HREF} onFollow={follow} disabled={pending}>
            Cancel
          </Button>
          <Button variant="primary" onClick={submit} loading={pending}>
            Add provider
          </Button>
        </SpaceBetween>
      }
    >
      <SpaceBetween size="l">
        <ActionErrorAlert error={error} />
        <Container header={<Header variant="h2">Configure provider</Header>}>
          <SpaceBetween size="l">
            <FormField label="Provider type" stretch>
              <Tiles value={kind} onChange={({ detail }) => setKind(detail.value as Kind)} items={KINDS} columns={2} ariaLabel="Provider type" />
            </FormField>
            {kind === "SAML" ? (
              <>
                <FormField
                  label="Provider name"
                  description="Enter a meaningful name to identify this provider."
                  constraintText={SAML_NAME_CONSTRAINT}
                  errorText={shown("name") ? errors.name : undefined}
                  controlId="provider-name"
                >
                  <Input
                    controlId="provider-name"
                    value={name}
                    onChange={({ detail }) => setName(detail.value)}
                    onBlur={() => touch("name")}
                    autoComplete={false}
                    spellcheck={false}
                  />
                </FormField>
                <MetadataUpload file={metadata} showError={submitted} />
              </>
            ) : (
              <>
                <FormField
                  label="Provider URL"
                  description="Specify the secure OpenID Connect URL for authentication requests."
                  constraintText={PROVIDER_URL_CONSTRAINT}
                  errorText={shown("url") ? errors.url : undefined}
                  controlId="provider-url"
                >
                  <Input
                    controlId="provider-url"
                    value={url}
                    onChange={({ detail }) => setUrl(detail.value)}
                    onBlur={() => touch("url")}
                    placeholder="https://example.com"
                    inputMode="url"
                    autoComplete={false}
                    spellcheck={false}
                  />
                </FormField>
                <FormField
                  label="Audience"
                  description="Specify the client ID issued by the Identity provider for your app."
                  constraintText={AUDIENCE_CONSTRAINT}
                  errorText={shown("audience") ? errors.audience : undefined}
                  controlId="provider-audience"
                >
                  <Input
                    controlId="provider-audience"
                    value={audience}
                    onChange={({ detail }) => setAudience(detail.value)}
                    onBlur={() => touch("audience")}
                    autoComplete={false}
                    spellcheck={false}
                  />
                </FormField>
              </>
            )}
          </SpaceBetween>
        </Container>
        <NewTagsContainer state={tags} />
      </SpaceBetween>
    </Form>
  );
}
