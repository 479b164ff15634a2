// Bool: "true" or "false" (JSON booleans are accepted as their text). The operators page
// allows policy variables here, the variables page does not; we accept them.

import { parseTemplate, resolveText, type Template } from "../variables";
import { compiled, invalid, type ConditionOperator } from "./operator";

function parseBool(value: string): "true" | "false" | undefined {
  const lower = value.trim().toLowerCase();
  return lower === "true" || lower === "false" ? lower : undefined;
}

interface BoolValue {
  template: Template;
  value?: "true" | "false";
}

export const boolOperators: ConditionOperator[] = [
  {
    name: "Bool",
    negated: false,
    compile(value, { variables }) {
      const template = parseTemplate(value, { variables, wildcards: false });
      if (!template.staticTokens) return compiled<BoolValue>({ template }, template.variables);
      const parsed = parseBool(value);
      return parsed ? compiled<BoolValue>({ template, value: parsed }) : invalid(`Bool needs "true" or "false", not ${JSON.stringify(value)}.`);
    },
    parseRequest: parseBool,
    test(request: "true" | "false", policy: BoolValue, context) {
      if (policy.value) return request === policy.value;
      const resolved = resolveText(policy.template, context);
      return resolved.ok ? request === parseBool(resolved.text) : { unresolved: resolved.unresolved };
    },
  } satisfies ConditionOperator<BoolValue, "true" | "false">,
];
