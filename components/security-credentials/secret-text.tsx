"use client";

import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import CopyToClipboard from "@cloudscape-design/components/copy-to-clipboard";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { useState } from "react";

// A secret shown once (a console password, a secret access key): masked until "Show", then
// with a copy button, as the console's retrieve pages show them.

export function SecretText({ secret, what, testId }: { secret: string; /** "password", "secret access key" */ what: string; testId?: string }) {
  const [shown, setShown] = useState(false);
  return (
    <SpaceBetween direction="horizontal" size="xs" alignItems="center">
      <Box variant="code" data-testid={testId}>
        <span aria-label={shown ? undefined : `${capitalized(what)} hidden`}>{shown ? secret : "*".repeat(Math.min(secret.length, 16))}</span>
      </Box>
      <Button variant="inline-link" onClick={() => setShown(!shown)} ariaLabel={shown ? `Hide ${what}` : `Show ${what}`}>
        {shown ? "Hide" : "Show"}
      </Button>
      {shown && (
        <CopyToClipboard
          variant="icon"
          textToCopy={secret}
          copyButtonAriaLabel={`Copy ${what}`}
          copySuccessText={`${capitalized(what)} copied`}
          copyErrorText={`${capitalized(what)} failed to copy`}
        />
      )}
    </SpaceBetween>
  );
}

const capitalized = (text: string) => `${text[0]?.toUpperCase() ?? ""}${text.slice(1)}`;
