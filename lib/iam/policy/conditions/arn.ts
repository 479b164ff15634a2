// ArnEquals, ArnLike (the same test), ArnNotEquals, ArnNotLike. Both ARNs are split into
// their six colon-separated segments and each segment is matched with `*`/`?`, so `*` does
// not cross `:` (except inside the final resource segment, which keeps its colons).
// Values may hold policy variables. A policy value of `*` alone matches any ARN.

import { compileGlob, splitTokens, type Glob, type GlobToken } from "../glob";
import { parseTemplate, resolveTemplate, type Template } from "../variables";
import { compiled, type ConditionOperator } from "./operator";

const SEGMENTS = 6;

interface ArnValue {
  template: Template;
  any: boolean;
  segments?: Glob[];
}

function segmentGlobs(tokens: readonly GlobToken[]): Glob[] {
  return splitTokens(tokens, ":", SEGMENTS).map((segment) => compileGlob(segment));
}

/** The segments of an ARN: split at the first five colons. */
export function splitArn(value: string): string[] {
  const parts = value.split(":");
  return parts.length <= SEGMENTS ? parts : [...parts.slice(0, SEGMENTS - 1), parts.slice(SEGMENTS - 1).join(":")];
}

function arn(name: string, negated: boolean): ConditionOperator<ArnValue, string[]> {
  return {
    name,
    negated,
    compile(value, { variables }) {
      const template = parseTemplate(value, { variables, wildcards: true });
      const segments = template.staticTokens ? segmentGlobs(template.staticTokens) : undefined;
      return compiled({ template, any: value === "*", segments }, template.variables);
    },
    parseRequest: splitArn,
    test(request, policy, context) {
      if (policy.any) return true;
      let segments = policy.segments;
      if (!segments) {
        const resolved = resolveTemplate(policy.template, context);
        if (!resolved.ok) return { unresolved: resolved.unresolved };
        segments = segmentGlobs(resolved.tokens);
      }
      return segments.length === request.length && segments.every((glob, i) => glob.test(request[i]));
    },
  };
}

export const arnOperators: ConditionOperator[] = [
  arn("ArnEquals", false),
  arn("ArnLike", false),
  arn("ArnNotEquals", true),
  arn("ArnNotLike", true),
];
