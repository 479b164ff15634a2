// The visual policy editor's model of a policy document, and the way between it and the JSON.
// Both views edit the same document: the JSON text is what is saved; the visual view reads it
// into statements it can show (one service, its actions, resources, request conditions) and
// writes it back. A statement the visual view cannot represent (NotAction, a Principal, an
// action with a wildcard…) is kept exactly as written and shown as JSON-only. Pure: no React.

export type Effect = "Allow" | "Deny";

export interface VisualCondition {
  /** Condition operator, e.g. StringEquals. */
  operator: string;
  /** Condition key, e.g. aws:RequestedRegion. */
  key: string;
  values: string[];
}

export interface VisualStatement {
  kind: "visual";
  /** Stable within an editing session (React keys), never written to the document. */
  uid: string;
  sid?: string;
  effect: Effect;
  /** Service prefix as the catalog writes it ("s3"); "" until a service is chosen. */
  service: string;
  /** `service:*` */
  allActions: boolean;
  /** Action names without the prefix, as written. */
  actions: string[];
  /** `Resource: "*"` */
  allResources: boolean;
  resources: string[];
  conditions: VisualCondition[];
}

export interface JsonOnlyStatement {
  kind: "json";
  uid: string;
  /** The statement exactly as the document has it. */
  statement: unknown;
  /** Why the visual view cannot show it. */
  reason: string;
}

export type ModelStatement = VisualStatement | JsonOnlyStatement;

export interface VisualModel {
  version: string;
  /** Any other top-level members (Id…), kept as they are. */
  extra: Record<string, unknown>;
  statements: ModelStatement[];
}

export type ParsedModel = { ok: true; model: VisualModel } | { ok: false; reason: string };

let counter = 0;
export function newUid(): string {
  return `s${++counter}`;
}

export const DEFAULT_VERSION = "2012-10-17";

export function emptyStatement(): VisualStatement {
  return {
    kind: "visual",
    uid: newUid(),
    effect: "Allow",
    service: "",
    allActions: false,
    actions: [],
    allResources: false,
    resources: [],
    conditions: [],
  };
}

export function emptyModel(): VisualModel {
  return { version: DEFAULT_VERSION, extra: {}, statements: [emptyStatement()] };
}

const STATEMENT_KEYS = new Set(["Sid", "Effect", "Action", "Resource", "Condition"]);
const ACTION = /^([A-Za-z0-9-]+):([A-Za-z0-9]+|\*)$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === "object" && !Array.isArray(value);
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

function conditionValue(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

/** A statement as the visual view shows it, or why it cannot. */
export function toVisualStatement(raw: unknown): ModelStatement {
  const uid = newUid();
  const jsonOnly = (reason: string): JsonOnlyStatement => ({ kind: "json", uid, statement: raw, reason });
  if (!isObject(raw)) return jsonOnly("The statement is not a JSON object.");
  const other = Object.keys(raw).find((k) => !STATEMENT_KEYS.has(k));
  if (other) return jsonOnly(`The visual editor does not support the ${other} element.`);
  if (raw.Sid !== undefined && typeof raw.Sid !== "string") return jsonOnly("The Sid is not a string.");
  if (raw.Effect !== "Allow" && raw.Effect !== "Deny") return jsonOnly("The Effect must be Allow or Deny.");
  if (raw.Action === undefined) return jsonOnly("The statement has no Action.");

  const actions = list(raw.Action);
  let service: string | undefined;
  let allActions = false;
  const names: string[] = [];
  for (const a of actions) {
    if (typeof a !== "string") return jsonOnly("An action is not a string.");
    if (a === "*") return jsonOnly("The action * (all services) can only be edited in JSON.");
    const m = ACTION.exec(a);
    if (!m) return jsonOnly(`The action ${a} uses a wildcard or a form the visual editor does not support.`);
    const prefix = m[1].toLowerCase();
    if (service !== undefined && service !== prefix) return jsonOnly("The statement names actions of more than one service.");
    service = prefix;
    if (m[2] === "*") allActions = true;
    else if (!names.some((n) => n.toLowerCase() === m[2].toLowerCase())) names.push(m[2]);
  }
  // `Action: []` is a statement still being written: no service chosen yet.
  if (service === undefined && !(Array.isArray(raw.Action) && raw.Action.length === 0)) return jsonOnly("The statement has no actions.");

  let allResources = false;
  const resources: string[] = [];
  if (raw.Resource === undefined) return jsonOnly("The statement has no Resource.");
  for (const r of Array.isArray(raw.Resource) ? raw.Resource : [raw.Resource]) {
    if (typeof r !== "string") return jsonOnly("A resource is not a string.");
    if (r === "*") allResources = true;
    else resources.push(r);
  }
  if (allResources && resources.length > 0) return jsonOnly("The statement names all resources and specific ones.");

  const conditions: VisualCondition[] = [];
  if (raw.Condition !== undefined) {
    if (!isObject(raw.Condition)) return jsonOnly("The Condition is not a JSON object.");
    for (const [operator, block] of Object.entries(raw.Condition)) {
      if (!isObject(block)) return jsonOnly(`The condition ${operator} is not a JSON object.`);
      for (const [key, value] of Object.entries(block)) {
        const values = list(value).map(conditionValue);
        if (values.some((v) => v === undefined)) return jsonOnly(`A value of the condition key ${key} is not a string.`);
        conditions.push({ operator, key, values: values as string[] });
      }
    }
  }

  return {
    kind: "visual",
    uid,
    ...(raw.Sid !== undefined ? { sid: raw.Sid as string } : {}),
    effect: raw.Effect,
    service: service ?? "",
    allActions,
    actions: allActions ? [] : names,
    allResources,
    resources,
    conditions,
  };
}

/** The document as visual statements, or why the visual view cannot read it at all. */
export function parseVisualModel(text: string): ParsedModel {
  if (text.trim() === "") return { ok: true, model: emptyModel() };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { ok: false, reason: "The policy is not valid JSON. Fix it in the JSON editor to use the visual editor." };
  }
  if (!isObject(doc)) return { ok: false, reason: "The policy must be a JSON object." };
  const { Version, Statement, ...extra } = doc;
  if (Version !== undefined && typeof Version !== "string") return { ok: false, reason: "The Version is not a string." };
  if (Statement === undefined) return { ok: true, model: { version: Version ?? DEFAULT_VERSION, extra, statements: [] } };
  return {
    ok: true,
    model: { version: Version ?? DEFAULT_VERSION, extra, statements: list(Statement).map(toVisualStatement) },
  };
}

function oneOrMany(values: string[]): string | string[] {
  return values.length === 1 ? values[0] : values;
}

/** A visual statement as the JSON writes it. */
export function fromVisualStatement(s: VisualStatement): Record<string, unknown> {
  const prefix = s.service;
  const actions = s.allActions ? [`${prefix}:*`] : s.actions.map((a) => `${prefix}:${a}`);
  const out: Record<string, unknown> = {};
  if (s.sid) out.Sid = s.sid;
  out.Effect = s.effect;
  out.Action = prefix ? oneOrMany(actions) : [];
  out.Resource = s.allResources ? "*" : oneOrMany(s.resources);
  if (s.conditions.length > 0) {
    const condition: Record<string, Record<string, string | string[]>> = {};
    for (const c of s.conditions) {
      if (!c.operator || !c.key) continue;
      const block = (condition[c.operator] ??= {});
      const existing = block[c.key];
      const values = existing === undefined ? c.values : [...list(existing).map(String), ...c.values];
      block[c.key] = oneOrMany(values);
    }
    if (Object.keys(condition).length > 0) out.Condition = condition;
  }
  return out;
}

/** A new policy as the console starts it: one statement to fill in. */
export function newPolicyDocument(): string {
  return serializeVisualModel(emptyModel());
}

/** The model as the JSON document, indented as the console writes it. */
export function serializeVisualModel(model: VisualModel): string {
  const doc = {
    Version: model.version,
    ...model.extra,
    Statement: model.statements.map((s) => (s.kind === "visual" ? fromVisualStatement(s) : s.statement)),
  };
  return JSON.stringify(doc, null, 4);
}

/** What still needs choosing in a statement before the policy can be saved. */
export function statementProblems(s: VisualStatement): { service?: string; actions?: string; resources?: string } {
  return {
    ...(s.service ? {} : { service: "Choose a service." }),
    ...(s.service && !s.allActions && s.actions.length === 0 ? { actions: "Choose at least one action." } : {}),
    ...(!s.allResources && s.resources.length === 0 ? { resources: "Add an ARN, or choose All." } : {}),
  };
}

/**
 * An ARN format of the catalog ("arn:${Partition}:s3:::${BucketName}") with every variable
 * filled: the partition aws, the account given (or *), and * for the rest.
 */
export function anyArn(format: string, accountId?: string): string {
  return format.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
    if (name === "Partition") return "aws";
    if (name === "Account" && accountId) return accountId;
    return "*";
  });
}
