import CopyToClipboard from "@cloudscape-design/components/copy-to-clipboard";

// An ARN (or another identifier) with its copy button, as the console's summaries show them.

export function Copyable({ text, what = "ARN" }: { text: string; what?: string }) {
  return (
    <CopyToClipboard
      variant="inline"
      textToCopy={text}
      copyButtonAriaLabel={`Copy ${what}`}
      copySuccessText={`${what} copied`}
      copyErrorText={`${what} failed to copy`}
    />
  );
}
