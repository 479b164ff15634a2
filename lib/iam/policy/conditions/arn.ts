// ArnEquals, ArnLike (the same test), ArnNotEquals, ArnNotLike. Both ARNs are split into
// their six colon-separated segments and each segment is matched with `*`/`?`, so `*` does
// not cross `:` (except inside the final resource segment, which keeps its colons).
// Values may hold policy variables. A policy value of `*` alone matches any ARN.

import { compileGlob, splitTokens, type Glob, type GlobToken } from "../glob";
import { parseTemplate, TemplateCache, Unresolved } from "../variables";
import { compiled, memoized, type ConditionOperator } from "./operator";

const SEGMENTS = 6;

interface ArnValue {
  any: boolean;
  /** The segments' globs when the value has no variables. */
  segments?: Glob[];
  /** The segments' globs by the variables' values, otherwise. */
  resolved?: TemplateCache<Glob[]>;
}

function segmentGlobs(tokens: readonly GlobToken[]): Glob[] {
  return splitTokens(tokens, ":", SEGMENTS).map((segment) => compileGlob(segment));
}

/** The segments of an ARN: split at the first five colons. */
export function splitArn(value: string): string[] {
  const parts = value.split(":");
  return parts.length <= SEGMENTS ? parts : [...parts.slice(0, SEGMENTS - 1), parts.slice(SEGMENTS - 1).join(":")];
}

const splitRequestArn = memoized(splitArn);

function arn(name: string, negated: boolean): ConditionOperator<ArnValue, string[]> {
  return {
    name,
    negated,
    compile(value, { variables }) {
      const template = parseTemplate(value, { variables, wildcards: true });
      if (template.staticTokens) return compiled({ any: value === "*", segments: segmentGlobs(template.staticTokens) });
      return compiled({ any: false, resolved: new TemplateCache(template, segmentGlobs) }, template.variables);
    },
    parseRequest: splitRequestArn,
    test(request, policy, context) {
      if (policy.any) return true;
      const segments = policy.segments ?? policy.resolved!.get(context);
      if (segments instanceof Unresolved) return { unresolved: segments.keys };
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
