// The request context as conditions and variables see it: keys case-insensitive, empty lists
// absent, `iam:ResourceTag/K` the same key as `aws:ResourceTag/K`, and an empty tag value
// absent (AWS treats a caller-supplied empty tag value as null). Other empty strings stay:
// S3's `s3:prefix` is "" when a bucket's root is listed, and policies test for it.

import type { RequestContext } from "./types";

const ALIASES: [string, string][] = [
  ["iam:resourcetag/", "aws:resourcetag/"],
  ["aws:resourcetag/", "iam:resourcetag/"],
];

const TAG_KEY = /^(?:aws|iam):(?:request|resource|principal)tag\//;

/** Lowercased context keys: callers pass the same key strings request after request. */
const lowerKeys = new Map<string, string>();

function lower(key: string): string {
  let folded = lowerKeys.get(key);
  if (folded === undefined) {
    if (lowerKeys.size >= 4096) lowerKeys.clear();
    folded = key.toLowerCase();
    lowerKeys.set(key, folded);
  }
  return folded;
}

export class ContextView {
  /** A single value stays a string until someone reads it as a list. */
  private readonly values = new Map<string, string | readonly string[]>();

  constructor(context: RequestContext = {}) {
    for (const key in context) {
      const raw = context[key];
      if (raw === undefined) continue;
      const folded = lower(key);
      let list: string | readonly string[];
      if (typeof raw === "string") {
        if (raw === "" && TAG_KEY.test(folded)) continue;
        list = raw;
      } else {
        const dropEmpty = raw.includes("") && TAG_KEY.test(folded);
        list = raw.filter((v) => typeof v === "string" && !(dropEmpty && v === ""));
        if (list.length === 0) continue;
      }
      this.values.set(folded, list);
    }
  }

  /** All values of a key, or undefined when the key is absent. */
  get(key: string): readonly string[] | undefined {
    return this.getLower(key.toLowerCase());
  }

  /** `get` for a key already lowercased. */
  getLower(lower: string): readonly string[] | undefined {
    const direct = this.list(lower);
    if (direct) return direct;
    for (const [from, to] of ALIASES) {
      if (lower.startsWith(from)) return this.list(to + lower.slice(from.length));
    }
    return undefined;
  }

  private list(lower: string): readonly string[] | undefined {
    const value = this.values.get(lower);
    if (typeof value !== "string") return value;
    const list = [value];
    this.values.set(lower, list);
    return list;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** The value of a single-valued key (variables accept only these); undefined otherwise. */
  single(key: string): string | undefined {
    const values = this.get(key);
    return values && values.length === 1 ? values[0] : undefined;
  }
}
