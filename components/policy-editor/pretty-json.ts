// Policy documents are stored as sent; the console shows them indented, as IAM's console does.
// Text that is not JSON is shown as it is.

export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 4);
  } catch {
    return text;
  }
}
