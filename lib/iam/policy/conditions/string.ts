// StringEquals, StringNotEquals, StringEqualsIgnoreCase, StringNotEqualsIgnoreCase,
// StringLike, StringNotLike. Values may hold policy variables (Version 2012-10-17).

import { compileGlob, type Glob } from "../glob";
import { parseTemplate, resolveTemplate, resolveText, type Template } from "../variables";
import { compiled, type ConditionOperator } from "./operator";

interface TextValue {
  template: Template;
  /** Precomputed comparison text when the value has no variables. */
  text?: string;
}

function exact(name: string, negated: boolean, ignoreCase: boolean): ConditionOperator<TextValue, string> {
  const fold = (s: string) => (ignoreCase ? s.toLowerCase() : s);
  return {
    name,
    negated,
    compile(value, { variables }) {
      const template = parseTemplate(value, { variables, wildcards: false });
      const text = template.staticTokens ? fold(template.staticTokens.join("")) : undefined;
      return compiled({ template, text }, template.variables);
    },
    parseRequest: (value) => fold(value),
    test(request, policy, context) {
      if (policy.text !== undefined) return request === policy.text;
      const resolved = resolveText(policy.template, context);
      return resolved.ok ? request === fold(resolved.text) : { unresolved: resolved.unresolved };
    },
  };
}

interface LikeValue {
  template: Template;
  glob?: Glob;
}

function like(name: string, negated: boolean): ConditionOperator<LikeValue, string> {
  return {
    name,
    negated,
    compile(value, { variables }) {
      const template = parseTemplate(value, { variables, wildcards: true });
      const glob = template.staticTokens ? compileGlob(template.staticTokens) : undefined;
      return compiled({ template, glob }, template.variables);
    },
    parseRequest: (value) => value,
    test(request, policy, context) {
      if (policy.glob) return policy.glob.test(request);
      const resolved = resolveTemplate(policy.template, context);
      return resolved.ok ? compileGlob(resolved.tokens).test(request) : { unresolved: resolved.unresolved };
    },
  };
}

export const stringOperators: ConditionOperator[] = [
  exact("StringEquals", false, false),
  exact("StringNotEquals", true, false),
  exact("StringEqualsIgnoreCase", false, true),
  exact("StringNotEqualsIgnoreCase", true, true),
  like("StringLike", false),
  like("StringNotLike", true),
];
