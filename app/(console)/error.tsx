"use client";

import Alert from "@cloudscape-design/components/alert";
import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import ContentLayout from "@cloudscape-design/components/content-layout";
import Header from "@cloudscape-design/components/header";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { useEffect } from "react";

// An unexpected failure in a console page: a bug or an outage, never an IAM error (pages show
// those themselves). The frame stays; the page offers to try again.
export default function ConsoleError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest =
    error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : undefined;

  return (
    <ContentLayout header={<Header variant="h1">Something went wrong</Header>}>
      <Alert
        type="error"
        header="The console could not load this page"
        action={<Button onClick={() => retry()}>Try again</Button>}
      >
        <SpaceBetween size="xs">
          <Box variant="p">An unexpected error occurred on the server. Try again, or come back later.</Box>
          {digest && (
            <Box variant="small" color="text-body-secondary">
              Error reference: <Box variant="code">{digest}</Box>
            </Box>
          )}
        </SpaceBetween>
      </Alert>
    </ContentLayout>
  );
}
