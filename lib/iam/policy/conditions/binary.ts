// BinaryEquals: base64-encoded bytes, compared as bytes.

import { compiled, invalid, type ConditionOperator } from "./operator";

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/;

/** The decoded bytes as a binary string, or undefined when the text is not base64. */
export function decodeBase64(value: string): string | undefined {
  const text = value.trim();
  if (!BASE64.test(text)) return undefined;
  try {
    return atob(text);
  } catch {
    return undefined;
  }
}

export const binaryOperators: ConditionOperator[] = [
  {
    name: "BinaryEquals",
    negated: false,
    compile(value) {
      const bytes = decodeBase64(value);
      return bytes === undefined ? invalid(`BinaryEquals needs a base64 value, not ${JSON.stringify(value)}.`) : compiled(bytes);
    },
    parseRequest: decodeBase64,
    test: (request: string, policy: string) => request === policy,
  } satisfies ConditionOperator<string, string>,
];
