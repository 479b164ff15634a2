// StringEquals, StringNotEquals, StringEqualsIgnoreCase, StringNotEqualsIgnoreCase,
// StringLike, StringNotLike. Values may hold policy variables (Version 2012-10-17).

import { compileGlob, type Glob } from "../glob";
import { parseTemplate, TemplateCache, Unresolved } from "../variables";
import { compiled, type ConditionOperator } from "./operator";

interface TextValue {
  /** The comparison text when the value has no variables. */
  text?: string;
  /** The comparison text by the variables' values, otherwise. */
  resolved?: TemplateCache<string>;
}

function exact(name: string, negated: boolean, ignoreCase: boolean): ConditionOperator<TextValue, string> {
  const fold = (s: string) => (ignoreCase ? s.toLowerCase() : s);
  return {
    name,
    negated,
    compile(value, { variables }) {
      const template = parseTemplate(value, { variables, wildcards: false });
      if (template.staticTokens) return compiled({ text: fold(template.staticTokens.join("")) });
      return compiled({ resolved: new TemplateCache(template, (tokens) => fold(tokens.join(""))) }, template.variables);
    },
    parseRequest: (value) => fold(value),
    test(request, policy, context) {
      const text = policy.text ?? policy.resolved!.get(context);
      return text instanceof Unresolved ? { unresolved: text.keys } : request === text;
    },
  };
}

interface LikeValue {
  glob?: Glob;
  resolved?: TemplateCache<Glob>;
}

function like(name: string, negated: boolean): ConditionOperator<LikeValue, string> {
  return {
    name,
    negated,
    compile(value, { variables }) {
      const template = parseTemplate(value, { variables, wildcards: true });
      if (template.staticTokens) return compiled({ glob: compileGlob(template.staticTokens) });
      return compiled({ resolved: new TemplateCache(template, (tokens) => compileGlob(tokens)) }, template.variables);
    },
    parseRequest: (value) => value,
    test(request, policy, context) {
      const glob = policy.glob ?? policy.resolved!.get(context);
      return glob instanceof Unresolved ? { unresolved: glob.keys } : glob.test(request);
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
