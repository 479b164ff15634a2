// The IAM policy simulator (SimulateCustomPolicy, and the evaluation behind
// SimulatePrincipalPolicy), shaped exactly as AWS answers. Pure: the caller passes the
// policies and the authenticated account; nothing here reads a clock or a database.
//
// What AWS's simulator does, as observed on the real API (2026) where its documentation is
// silent or differs (iam-facts §6, §16):
//  - one EvaluationResult per action; with ResourceArns, ResourceSpecificResults holds one
//    entry per ARN and the result aggregates them (explicitDeny > implicitDeny > allowed;
//    the matched statements and missing keys of all ARNs). Paging counts actions;
//  - SourcePolicyType is "IAM Policy", "Permissions Boundary Policy" or "Resource Policy"
//    (not the published enum); SourcePolicyId is "PolicyInputList.N",
//    "PermissionsBoundaryPolicyInputList.1", "ResourcePolicy", an attached managed policy's
//    name, or "user_NAME_POLICY" / "group_…" / "role_…" for inline policies;
//  - MatchedStatements: the identity and resource Allow statements when allowed (never the
//    boundary's), every matching Deny on explicitDeny, none on implicitDeny;
//  - MissingContextValues is empty when allowed; otherwise it lists every key the simulated
//    policies refer to (whatever action the statement is about) that ContextEntries did not
//    give — caller-derived defaults do not count as given;
//  - the simulator supplies no global keys except from CallerArn (aws:PrincipalArn,
//    aws:PrincipalAccount, aws:userid = the ARN, aws:username for users) or, without one,
//    aws:PrincipalAccount and aws:userid "STUB_PRINCIPAL_FOR_POLICY_SIMULATOR";
//  - in one account a resource-based Allow that names the caller, its account or anyone
//    grants on its own (even past an implicit boundary denial); across accounts the identity
//    policies, the resource policy and the boundary must all allow.
// Known simplifications: no check that a resource type applies to an action (AWS answers
// implicitDeny for iam:GetUser on an S3 ARN), no Organizations policies, and the aggregated
// EvalResourceName of several ARNs (AWS's per-action template) comes from an option.

import { contextKeysOf } from "./context-keys";
import { applicableStatements, type ApplicableStatements, type PolicyInput } from "./evaluate";
import { explainResource } from "./simulate-explain";
import {
  checkActionNames,
  checkResourceArns,
  decodeMarker,
  encodeMarker,
  policyInputItem,
  readBoundaryList,
  readCallerArn,
  readContextEntries,
  readMaxItems,
  readPolicyList,
  readResourceOwner,
  readResourcePolicy,
  requireMember,
  type CallerIdentity,
  type ContextEntry,
} from "./simulate-input";
import type { DenyReason, Effect, EvalDecision, MismatchReason, RequestContext, SourceRange, StatementElement, StatementRef } from "./types";

// ---- Inputs (AWS member names) ------------------------------------------------------------

/** The members SimulateCustomPolicy and SimulatePrincipalPolicy share. */
export interface SimulationRequestMembers {
  ActionNames: string[];
  /** Default: the single resource "*". */
  ResourceArns?: string[];
  ResourcePolicy?: string;
  /** An IAM ARN naming the owner account of resources whose ARN has no account, e.g. arn:aws:iam::111122223333:root. */
  ResourceOwner?: string;
  /** An IAM user, role or group ARN: the simulated caller. Required with ResourcePolicy. */
  CallerArn?: string;
  ContextEntries?: ContextEntry[];
  /** Accepted and ignored (it selects EC2 RunInstances resource scenarios). */
  ResourceHandlingOption?: string;
  MaxItems?: number;
  Marker?: string;
}

export interface SimulateCustomPolicyInput extends SimulationRequestMembers {
  PolicyInputList: string[];
  PermissionsBoundaryPolicyInputList?: string[];
}

export type PolicyExclusionType = "inline" | "aws-managed" | "user-managed" | "permission-boundary" | "scp" | "rcp";

/** AWS's PolicyIdentifier (a PolicyExclusionList member). Every given member must match. */
export interface PolicyExclusion {
  /** A whole kind of attached policy; "scp" and "rcp" are accepted and match nothing here. */
  PolicyType?: PolicyExclusionType;
  /** A managed policy, written without its path (arn:aws:iam::ACCT:policy/NAME), as AWS matches it. */
  PolicyArn?: string;
  /** Inline policies; PolicyName and AttachmentName may use `*` and `?`. */
  InlinePolicyIdentifier?: { PolicyName: string; AttachmentType: "user" | "group" | "role"; AttachmentName: string };
}

export interface SimulatePrincipalPolicyInput extends SimulationRequestMembers {
  /** A user (with its groups), group or role ARN. */
  PolicySourceArn: string;
  /** Extra identity policies, as PolicyInputList.N. */
  PolicyInputList?: string[];
  /** At most one; replaces the principal's permissions boundary. */
  PermissionsBoundaryPolicyInputList?: string[];
  /** The principal's attached policies to leave out (AWS's 2026 member; the console's checkboxes). */
  PolicyExclusionList?: PolicyExclusion[];
}

// ---- The policies of a simulation ---------------------------------------------------------

export type SimulationPolicyKind =
  | "PolicyInputList"
  | "PermissionsBoundaryPolicyInputList"
  | "ResourcePolicy"
  | "inline"
  | "aws-managed"
  | "customer-managed";

/** One policy taking part in a simulation, with what the console shows about it. */
export interface SimulationPolicyInfo {
  /** AWS's SourcePolicyId. */
  SourcePolicyId: string;
  kind: SimulationPolicyKind;
  policyName?: string;
  policyArn?: string;
  /** Inline policies: the user, group or role holding it. Managed: the one it is attached to (a user's group for policies reached through a group). */
  attachedTo?: { type: "user" | "group" | "role"; name: string };
}

export interface SimulationPolicy extends SimulationPolicyInfo {
  document: string;
}

export interface SimulationPolicies {
  identity: SimulationPolicy[];
  permissionsBoundary?: SimulationPolicy;
}

// ---- Output (AWS member names) -------------------------------------------------------------

export type SourcePolicyType = "IAM Policy" | "Permissions Boundary Policy" | "Resource Policy";

export interface SimulationStatement {
  SourcePolicyId: string;
  SourcePolicyType: SourcePolicyType;
  StartPosition: { Line: number; Column: number };
  EndPosition: { Line: number; Column: number };
}

export type EvalDecisionDetails = Partial<Record<SourcePolicyType, EvalDecision>>;

export interface SimulationResourceResult {
  EvalResourceName: string;
  EvalResourceDecision: EvalDecision;
  MatchedStatements?: SimulationStatement[];
  MissingContextValues?: string[];
  EvalDecisionDetails?: EvalDecisionDetails;
  PermissionsBoundaryDecisionDetail?: { AllowedByPermissionsBoundary: boolean };
}

export interface SimulationEvaluationResult {
  EvalActionName: string;
  /** The resource, "*" by default; absent when several ARNs have no aggregate name. */
  EvalResourceName?: string;
  EvalDecision: EvalDecision;
  MatchedStatements: SimulationStatement[];
  MissingContextValues: string[];
  /** Present (possibly empty) when ResourceArns were given; per policy type across accounts. */
  EvalDecisionDetails?: EvalDecisionDetails;
  PermissionsBoundaryDecisionDetail?: { AllowedByPermissionsBoundary: boolean };
  ResourceSpecificResults?: SimulationResourceResult[];
  /** Console extension, not part of AWS's EvaluationResult: why, per resource. */
  explanation?: SimulationExplanation;
}

export interface SimulatePolicyResponse {
  EvaluationResults: SimulationEvaluationResult[];
  IsTruncated: boolean;
  Marker?: string;
}

// ---- The console's explanation --------------------------------------------------------------

export interface ExplainedStatement {
  policy: SimulationPolicyInfo & { SourcePolicyType: SourcePolicyType };
  statementIndex: number;
  sid?: string;
  effect: Effect;
  /** The statement's text range (`{` … `}`) in the policy document, for editors. */
  range: SourceRange;
}

export interface ExplainedNearMiss extends ExplainedStatement {
  /** The one element that did not match. */
  failed: StatementElement;
  reason: MismatchReason;
}

export interface ResourceExplanation {
  resource: string;
  decision: EvalDecision;
  denyReason?: DenyReason;
  /** Sentences for the console, built only from the reasons the engine collected. */
  lines: string[];
  matchedStatements: ExplainedStatement[];
  /** Statements that missed on exactly one element (Allow ones when denied, Deny ones when allowed, and so on). */
  nearMisses: ExplainedNearMiss[];
  /** The keys that mattered for this request and had no value (AWS's list is broader). */
  missingContextValues: string[];
}

export interface SimulationExplanation {
  resources: ResourceExplanation[];
}

/** The response as the AWS API returns it: the console's explanations removed. */
export function withoutExplanations(response: SimulatePolicyResponse): SimulatePolicyResponse {
  return {
    ...response,
    EvaluationResults: response.EvaluationResults.map((result) => {
      const copy = { ...result };
      delete copy.explanation;
      return copy;
    }),
  };
}

// ---- Options ---------------------------------------------------------------------------------

export interface SimulateOptions {
  /** The authenticated caller's account: aws:PrincipalAccount without CallerArn, and the default resource owner. */
  accountId: string;
  /** AWS's aggregated EvalResourceName for one action over several ARNs (e.g. from the action catalog). */
  aggregateResourceName?: (action: string, resources: readonly string[]) => string | undefined;
}

export const SIMULATOR_STUB_USER_ID = "STUB_PRINCIPAL_FOR_POLICY_SIMULATOR";

// ---- Public entry points -------------------------------------------------------------------------

/** SimulateCustomPolicy. Throws SimulationInputError for input AWS rejects. */
export function simulateCustomPolicy(input: SimulateCustomPolicyInput, options: SimulateOptions): SimulatePolicyResponse {
  const documents = requireMember(input.PolicyInputList, "policyInputList");
  requireMember(input.ActionNames, "actionNames");
  readPolicyList(documents, policyInputItem);
  const boundary = readBoundaryList(input.PermissionsBoundaryPolicyInputList);
  return simulatePolicies({ identity: policyInputs(documents), permissionsBoundary: boundary === undefined ? undefined : boundaryInput(boundary) }, input, options);
}

/** GetContextKeysForCustomPolicy. */
export function getContextKeysForCustomPolicy(input: { PolicyInputList: string[] }): { ContextKeyNames: string[] } {
  const documents = requireMember(input.PolicyInputList, "policyInputList");
  readPolicyList(documents, policyInputItem);
  return { ContextKeyNames: contextKeysOf(documents) };
}

/** A PolicyInputList as simulation policies (PolicyInputList.1, .2, …), unchecked. */
export function policyInputs(documents: readonly string[]): SimulationPolicy[] {
  return documents.map((document, i) => ({ SourcePolicyId: `PolicyInputList.${i + 1}`, kind: "PolicyInputList", document }));
}

export function boundaryInput(document: string): SimulationPolicy {
  return { SourcePolicyId: "PermissionsBoundaryPolicyInputList.1", kind: "PermissionsBoundaryPolicyInputList", document };
}

function glob(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${body}$`, "s");
}

/** A managed policy ARN without its path, the form AWS matches PolicyExclusionList ARNs against. */
function pathlessArn(arn: string): string {
  return arn.replace(/^(arn:[^:]+:iam::[^:]+:policy\/)(?:.*\/)?([^/]+)$/, "$1$2");
}

function excludes(exclusion: PolicyExclusion, policy: SimulationPolicy, asBoundary: boolean): boolean {
  const { PolicyType: type, PolicyArn: arn, InlinePolicyIdentifier: inline } = exclusion;
  if (type === undefined && arn === undefined && inline === undefined) return false;
  if (type !== undefined) {
    const kind = asBoundary ? "permission-boundary" : policy.kind === "inline" ? "inline" : policy.kind === "aws-managed" ? "aws-managed" : "user-managed";
    if (type !== kind) return false;
  }
  if (arn !== undefined && (asBoundary || !policy.policyArn || pathlessArn(policy.policyArn) !== arn)) return false;
  if (inline !== undefined) {
    if (policy.kind !== "inline" || !policy.attachedTo || policy.attachedTo.type !== inline.AttachmentType) return false;
    if (!glob(inline.PolicyName).test(policy.policyName ?? "") || !glob(inline.AttachmentName).test(policy.attachedTo.name)) return false;
  }
  return true;
}

/**
 * SimulatePrincipalPolicy's PolicyExclusionList over a principal's attached policies. Applies
 * only to what is attached (extra PolicyInputList documents and a boundary override stay), and
 * an ARN exclusion never removes a boundary.
 */
export function applyPolicyExclusions(policies: SimulationPolicies, exclusions: readonly PolicyExclusion[] | undefined): SimulationPolicies {
  if (!exclusions || exclusions.length === 0) return policies;
  const boundary = policies.permissionsBoundary;
  const attached = (p: SimulationPolicy) => p.kind === "inline" || p.kind === "aws-managed" || p.kind === "customer-managed";
  return {
    identity: policies.identity.filter((p) => !attached(p) || !exclusions.some((e) => excludes(e, p, false))),
    permissionsBoundary: boundary && attached(boundary) && exclusions.some((e) => excludes(e, boundary, true)) ? undefined : boundary,
  };
}

/**
 * The policies SimulatePrincipalPolicy simulates: the principal's attached policies less
 * PolicyExclusionList, plus PolicyInputList (checked, as PolicyInputList.N), with
 * PermissionsBoundaryPolicyInputList (at most one) in place of the attached boundary.
 */
export function principalSimulationPolicies(
  attached: SimulationPolicies,
  input: Pick<SimulatePrincipalPolicyInput, "PolicyInputList" | "PermissionsBoundaryPolicyInputList" | "PolicyExclusionList">,
): SimulationPolicies {
  const extra = input.PolicyInputList ?? [];
  readPolicyList(extra, policyInputItem);
  const override = readBoundaryList(input.PermissionsBoundaryPolicyInputList);
  const kept = applyPolicyExclusions(attached, input.PolicyExclusionList);
  return {
    identity: [...kept.identity, ...policyInputs(extra)],
    permissionsBoundary: override === undefined ? kept.permissionsBoundary : boundaryInput(override),
  };
}

// ---- The simulation ------------------------------------------------------------------------------

interface Registered {
  info: SimulationPolicyInfo & { SourcePolicyType: SourcePolicyType };
}

const TYPE_OF_SET: Record<"identity" | "permissionsBoundary" | "resource", SourcePolicyType> = {
  identity: "IAM Policy",
  permissionsBoundary: "Permissions Boundary Policy",
  resource: "Resource Policy",
};

/**
 * The simulation of already-gathered policies: SimulateCustomPolicy's documents, or a
 * principal's attached policies (plus PolicyInputList). Checks the shared members.
 */
export function simulatePolicies(policies: SimulationPolicies, input: SimulationRequestMembers, options: SimulateOptions): SimulatePolicyResponse {
  const actions = requireMember(input.ActionNames, "actionNames");
  const maxItems = readMaxItems(input.MaxItems);
  checkActionNames(actions);
  const explicitResources = input.ResourceArns !== undefined && input.ResourceArns.length > 0;
  const resources = explicitResources ? input.ResourceArns! : ["*"];
  checkResourceArns(resources);
  const { context: given, supplied } = readContextEntries(input.ContextEntries);
  const caller = readCallerArn(input.CallerArn);
  const owner = readResourceOwner(input.ResourceOwner);
  const resourcePolicy = readResourcePolicy(input.ResourcePolicy, caller, resources);
  const start = decodeMarker(input.Marker);

  // Every policy gets an engine id that is its index here, so refs map back unambiguously.
  const registry: Registered[] = [];
  const inputsOf = (set: "identity" | "permissionsBoundary" | "resource", list: readonly SimulationPolicy[]): PolicyInput[] =>
    list.map((policy) => {
      const { document, ...info } = policy;
      registry.push({ info: { ...info, SourcePolicyType: TYPE_OF_SET[set] } });
      return { id: String(registry.length - 1), type: "none", document };
    });
  const identity = inputsOf("identity", dedupeManaged(policies.identity));
  const boundary = inputsOf("permissionsBoundary", policies.permissionsBoundary ? [policies.permissionsBoundary] : []);
  const resource = inputsOf("resource", resourcePolicy === undefined ? [] : [{ SourcePolicyId: "ResourcePolicy", kind: "ResourcePolicy", document: resourcePolicy }]);

  const context = withCallerDefaults(given, caller, options.accountId);
  // AWS reports every referenced key not given, whatever statement refers to it.
  const allDocuments = [...policies.identity, ...(policies.permissionsBoundary ? [policies.permissionsBoundary] : [])].map((p) => p.document);
  if (resourcePolicy !== undefined) allDocuments.push(resourcePolicy);
  const notGiven = contextKeysOf(allDocuments).filter((key) => !supplied.has(key.toLowerCase()));

  const callerAccount = caller?.account ?? options.accountId;
  const page = actions.slice(start, start + maxItems);
  const results = page.map((action) => {
    const outcomes = resources.map((r) => {
      const resourceAccount = r.split(":")[4] || owner || callerAccount;
      return simulateOne({
        action,
        resource: r,
        context,
        caller,
        sets: { identity, boundary, resource },
        crossAccount: resourcePolicy !== undefined && resourceAccount !== callerAccount,
        notGiven,
        registry,
      });
    });
    return toResult(action, resources, explicitResources, outcomes, options);
  });
  const next = start + page.length;
  const truncated = next < actions.length;
  return { EvaluationResults: results, IsTruncated: truncated, ...(truncated ? { Marker: encodeMarker(next) } : {}) };
}

/** A managed policy reached twice (attached to the user and to one of its groups) counts once. */
function dedupeManaged(policies: readonly SimulationPolicy[]): SimulationPolicy[] {
  const seen = new Set<string>();
  return policies.filter((p) => {
    if (!p.policyArn) return true;
    if (seen.has(p.policyArn)) return false;
    seen.add(p.policyArn);
    return true;
  });
}

function withCallerDefaults(given: RequestContext, caller: CallerIdentity | undefined, accountId: string): RequestContext {
  const defaults: RequestContext = caller
    ? {
        "aws:PrincipalArn": caller.arn,
        "aws:PrincipalAccount": caller.account,
        "aws:userid": caller.arn,
        ...(caller.type === "user" ? { "aws:username": caller.name } : {}),
      }
    : { "aws:PrincipalAccount": accountId, "aws:userid": SIMULATOR_STUB_USER_ID };
  const givenKeys = new Set(Object.keys(given).map((k) => k.toLowerCase()));
  const context: RequestContext = {};
  for (const [key, value] of Object.entries(defaults)) if (!givenKeys.has(key.toLowerCase())) context[key] = value;
  return { ...context, ...given };
}

interface OneRequest {
  action: string;
  resource: string;
  context: RequestContext;
  caller?: CallerIdentity;
  sets: { identity: PolicyInput[]; boundary: PolicyInput[]; resource: PolicyInput[] };
  crossAccount: boolean;
  notGiven: string[];
  registry: Registered[];
}

interface ResourceOutcome {
  resource: string;
  decision: EvalDecision;
  matched: SimulationStatement[];
  missing: string[];
  details?: EvalDecisionDetails;
  boundary?: { AllowedByPermissionsBoundary: boolean };
  explanation: ResourceExplanation;
}

function setDecision(found: ApplicableStatements): EvalDecision {
  return found.denies.length > 0 ? "explicitDeny" : found.allows.length > 0 ? "allowed" : "implicitDeny";
}

function simulateOne(req: OneRequest): ResourceOutcome {
  const request = {
    action: req.action,
    resource: req.resource,
    context: req.context,
    principal: req.caller ? { arn: req.caller.arn, account: req.caller.account } : undefined,
  };
  const identity = applicableStatements(request, req.sets.identity, "identity");
  const boundary = applicableStatements(request, req.sets.boundary, "permissionsBoundary");
  const resource = applicableStatements(request, req.sets.resource, "resource");
  const hasBoundary = req.sets.boundary.length > 0;
  const boundaryAllows = boundary.allows.length > 0;
  const denies = [...identity.denies, ...boundary.denies, ...resource.denies];

  let decision: EvalDecision;
  let denyReason: DenyReason | undefined;
  if (denies.length > 0) {
    decision = "explicitDeny";
    denyReason =
      identity.denies.length > 0
        ? "explicit deny in an identity-based policy"
        : boundary.denies.length > 0
          ? "explicit deny in a permissions boundary"
          : "explicit deny in a resource-based policy";
  } else if (req.crossAccount) {
    const ok = identity.allows.length > 0 && resource.allows.length > 0 && (!hasBoundary || boundaryAllows);
    decision = ok ? "allowed" : "implicitDeny";
    if (!ok) {
      denyReason =
        resource.allows.length === 0
          ? "no resource-based policy allows"
          : identity.allows.length === 0
            ? "no identity-based policy allows"
            : "no permissions boundary allows";
    }
  } else {
    const identityGrants = identity.allows.length > 0 && (!hasBoundary || boundaryAllows);
    decision = resource.allows.length > 0 || identityGrants ? "allowed" : "implicitDeny";
    if (decision === "implicitDeny") denyReason = identity.allows.length === 0 ? "no identity-based policy allows" : "no permissions boundary allows";
  }

  const matchedRefs = decision === "explicitDeny" ? denies : decision === "allowed" ? [...identity.allows, ...resource.allows] : [];
  const missing = decision === "allowed" ? [] : req.notGiven;
  const relevantMissing = mergeKeys([identity.missingContextValues, boundary.missingContextValues, resource.missingContextValues]);
  const boundaryDetail = hasBoundary ? { AllowedByPermissionsBoundary: boundaryAllows && boundary.denies.length === 0 } : undefined;
  const details: EvalDecisionDetails | undefined = req.crossAccount
    ? {
        "IAM Policy": setDecision(identity),
        "Resource Policy": setDecision(resource),
        ...(hasBoundary ? { "Permissions Boundary Policy": setDecision(boundary) } : {}),
      }
    : undefined;

  const explanation = explainResource({
    action: req.action,
    resource: req.resource,
    decision,
    denyReason,
    matched: matchedRefs,
    nearMisses: [...identity.nearMisses, ...boundary.nearMisses, ...resource.nearMisses],
    missing: relevantMissing,
    grantedByResourcePolicyAlone: decision === "allowed" && !req.crossAccount && resource.allows.length > 0 && !(identity.allows.length > 0 && (!hasBoundary || boundaryAllows)),
    describe: (ref) => describePolicy(req.registry, ref),
  });
  const matched = uniqueStatements(matchedRefs.map((ref) => toStatement(req.registry, ref)));
  return { resource: req.resource, decision, matched, missing, details, boundary: boundaryDetail, explanation };
}

function mergeKeys(lists: readonly (readonly string[])[]): string[] {
  const seen = new Map<string, string>();
  for (const list of lists) for (const key of list) if (!seen.has(key.toLowerCase())) seen.set(key.toLowerCase(), key);
  return [...seen.values()];
}

function describePolicy(registry: readonly Registered[], ref: StatementRef): ExplainedStatement {
  return {
    policy: registry[Number(ref.sourcePolicyId)].info,
    statementIndex: ref.statementIndex,
    ...(ref.sid !== undefined ? { sid: ref.sid } : {}),
    effect: ref.effect,
    range: ref.range,
  };
}

function toStatement(registry: readonly Registered[], ref: StatementRef): SimulationStatement {
  const { info } = registry[Number(ref.sourcePolicyId)];
  return {
    SourcePolicyId: info.SourcePolicyId,
    SourcePolicyType: info.SourcePolicyType,
    StartPosition: { Line: ref.startPosition.line, Column: ref.startPosition.column },
    EndPosition: { Line: ref.endPosition.line, Column: ref.endPosition.column },
  };
}

const DECISION_RANK: Record<EvalDecision, number> = { allowed: 0, implicitDeny: 1, explicitDeny: 2 };

function worst(decisions: readonly EvalDecision[]): EvalDecision {
  return decisions.reduce<EvalDecision>((a, b) => (DECISION_RANK[b] > DECISION_RANK[a] ? b : a), "allowed");
}

function uniqueStatements(statements: SimulationStatement[]): SimulationStatement[] {
  const seen = new Set<string>();
  return statements.filter((s) => {
    const key = `${s.SourcePolicyType}\u0000${s.SourcePolicyId}\u0000${s.StartPosition.Line}:${s.StartPosition.Column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function toResult(
  action: string,
  resources: readonly string[],
  explicitResources: boolean,
  outcomes: ResourceOutcome[],
  options: SimulateOptions,
): SimulationEvaluationResult {
  const explanation: SimulationExplanation = { resources: outcomes.map((o) => o.explanation) };
  const boundaryDetail = outcomes[0].boundary && { AllowedByPermissionsBoundary: outcomes.every((o) => o.boundary?.AllowedByPermissionsBoundary) };
  if (!explicitResources) {
    const [only] = outcomes;
    return {
      EvalActionName: action,
      EvalResourceName: "*",
      EvalDecision: only.decision,
      MatchedStatements: only.matched,
      MissingContextValues: only.missing,
      ...(boundaryDetail ? { PermissionsBoundaryDecisionDetail: boundaryDetail } : {}),
      explanation,
    };
  }
  const aggregateName =
    resources.length === 1 ? resources[0] : (options.aggregateResourceName?.(action, resources) ?? (new Set(resources).size === 1 ? resources[0] : undefined));
  const crossAccount = outcomes.some((o) => o.details);
  const details: EvalDecisionDetails = {};
  if (crossAccount) {
    for (const key of ["IAM Policy", "Resource Policy", "Permissions Boundary Policy"] as const) {
      const values = outcomes.flatMap((o) => (o.details?.[key] ? [o.details[key]] : []));
      if (values.length > 0) details[key] = worst(values);
    }
  }
  return {
    EvalActionName: action,
    ...(aggregateName !== undefined ? { EvalResourceName: aggregateName } : {}),
    EvalDecision: worst(outcomes.map((o) => o.decision)),
    MatchedStatements: uniqueStatements(outcomes.flatMap((o) => o.matched)),
    MissingContextValues: mergeKeys(outcomes.map((o) => o.missing)),
    ...(boundaryDetail ? { PermissionsBoundaryDecisionDetail: boundaryDetail } : {}),
    EvalDecisionDetails: details,
    ResourceSpecificResults: outcomes.map((o) => ({
      EvalResourceName: o.resource,
      EvalResourceDecision: o.decision,
      ...(o.matched.length > 0 ? { MatchedStatements: o.matched } : {}),
      ...(o.missing.length > 0 ? { MissingContextValues: o.missing } : {}),
      ...(o.details ? { EvalDecisionDetails: o.details } : {}),
      ...(o.boundary ? { PermissionsBoundaryDecisionDetail: o.boundary } : {}),
    })),
    explanation,
  };
}
