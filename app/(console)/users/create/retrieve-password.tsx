"use client";

import Alert from "@cloudscape-design/components/alert";
import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import Container from "@cloudscape-design/components/container";
import CopyToClipboard from "@cloudscape-design/components/copy-to-clipboard";
import Form from "@cloudscape-design/components/form";
import Header from "@cloudscape-design/components/header";
import KeyValuePairs from "@cloudscape-design/components/key-value-pairs";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { signInCsv } from "./sign-in-csv";
import { downloadCsv } from "@/components/download-csv";

// The console's "Retrieve password" page after Create user: the only time the password is shown.

export function RetrievePassword({ userName, password, signInUrl }: { userName: string; password: string; signInUrl: string }) {
  const router = useRouter();
  const [shown, setShown] = useState(false);

  const download = () => downloadCsv(`${userName}_credentials.csv`, signInCsv(userName, password, signInUrl));

  return (
    <Form
      header={
        <Header variant="h1" description="You can view and download the user's password below or email the user instructions for signing in to the AWS Management Console. This is the only time you can view and download this password.">
          Retrieve password
        </Header>
      }
      actions={
        <SpaceBetween direction="horizontal" size="xs">
          <Button onClick={download} iconName="download">
            Download .csv file
          </Button>
          <Button variant="primary" onClick={() => router.push("/users")}>
            Return to users list
          </Button>
        </SpaceBetween>
      }
    >
      <SpaceBetween size="l">
        <Alert type="info">
          This is the only time you can view and download the password. After you leave this page, you can&apos;t retrieve it again; you can reset it from the user&apos;s page.
        </Alert>
        <Container header={<Header variant="h2">Console sign-in details</Header>}>
          <KeyValuePairs
            columns={1}
            items={[
              {
                label: "Console sign-in URL",
                value: (
                  <CopyToClipboard
                    variant="inline"
                    textToCopy={signInUrl}
                    copyButtonAriaLabel="Copy console sign-in URL"
                    copySuccessText="Console sign-in URL copied"
                    copyErrorText="Console sign-in URL failed to copy"
                  />
                ),
              },
              {
                label: "User name",
                value: (
                  <CopyToClipboard
                    variant="inline"
                    textToCopy={userName}
                    copyButtonAriaLabel="Copy user name"
                    copySuccessText="User name copied"
                    copyErrorText="User name failed to copy"
                  />
                ),
              },
              {
                label: "Console password",
                value: (
                  <SpaceBetween direction="horizontal" size="xs" alignItems="center">
                    <Box variant="code" data-testid="console-password">
                      <span aria-label={shown ? undefined : "Password hidden"}>{shown ? password : "*".repeat(Math.min(password.length, 16))}</span>
                    </Box>
                    <Button variant="inline-link" onClick={() => setShown(!shown)} ariaLabel={shown ? "Hide password" : "Show password"}>
                      {shown ? "Hide" : "Show"}
                    </Button>
                    {shown && (
                      <CopyToClipboard
                        variant="icon"
                        textToCopy={password}
                        copyButtonAriaLabel="Copy console password"
                        copySuccessText="Password copied"
                        copyErrorText="Password failed to copy"
                      />
                    )}
                  </SpaceBetween>
                ),
              },
            ]}
          />
        </Container>
      </SpaceBetween>
    </Form>
  );
}
