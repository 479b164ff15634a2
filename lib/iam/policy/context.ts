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

export class ContextView {
  private readonly values = new Map<string, readonly string[]>();

  constructor(context: RequestContext = {}) {
    for (const [key, raw] of Object.entries(context)) {
      if (raw === undefined) continue;
      const lower = key.toLowerCase();
      const dropEmpty = TAG_KEY.test(lower);
      const list = (typeof raw === "string" ? [raw] : raw).filter((v) => typeof v === "string" && !(dropEmpty && v === ""));
      if (list.length > 0) this.values.set(lower, list);
    }
  }

  /** All values of a key, or undefined when the key is absent. */
  get(key: string): readonly string[] | undefined {
    const lower = key.toLowerCase();
    const direct = this.values.get(lower);
    if (direct) return direct;
    for (const [from, to] of ALIASES) {
      if (lower.startsWith(from)) return this.values.get(to + lower.slice(from.length));
    }
    return undefined;
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
