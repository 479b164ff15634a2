// The context keys a policy refers to: every condition key, and every policy variable used in
// Resource/NotResource and in condition values (Version 2012-10-17 only; variables with a
// default count too). This is what GetContextKeysFor*Policy return, and what the simulator
// reports as MissingContextValues when a key was not supplied.

import { parsePolicy } from "./parse";
import type { ParsedPolicy } from "./types";
import { parseTemplate } from "./variables";

function variablesIn(value: string): string[] {
  return parseTemplate(value, { variables: true, wildcards: false }).parts.flatMap((part) => (part.kind === "variable" ? [part.key] : []));
}

/** The keys one parsed policy refers to, in document order, with repeats. */
function keysOf(policy: ParsedPolicy): string[] {
  const variables = policy.version?.value === "2012-10-17";
  const keys: string[] = [];
  for (const statement of policy.statements) {
    if (variables) for (const value of statement.resource?.values ?? []) keys.push(...variablesIn(value.value));
    for (const entry of statement.condition?.entries ?? []) {
      keys.push(entry.key.value);
      if (variables) for (const value of entry.values) keys.push(...variablesIn(value.value));
    }
  }
  return keys;
}

/**
 * The context keys the documents refer to, deduplicated case-insensitively (keys are
 * case-insensitive), each spelt as it first appears. Documents that cannot be read add nothing.
 */
export function contextKeysOf(documents: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const document of documents) {
    const { policy } = parsePolicy(document);
    if (!policy) continue;
    for (const key of keysOf(policy)) if (!seen.has(key.toLowerCase())) seen.set(key.toLowerCase(), key);
  }
  return [...seen.values()];
}
