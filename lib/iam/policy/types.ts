// Shared types of the policy engine. Names follow AWS's own words (IAM User Guide, the
// SimulatePrincipalPolicy output) so the Query API layer can map them mechanically.

/** 1-based line and column (UTF-16 code units, as Monaco counts them). */
export interface SourcePosition {
  line: number;
  column: number;
}

/** `end` is exclusive: the position just after the last character. */
export interface SourceRange {
  start: SourcePosition;
  end: SourcePosition;
}

// ---- Findings -----------------------------------------------------------------------------
// Findings are shaped like IAM Access Analyzer's ValidatePolicyFinding, so the console can show
// them as AWS does and a reader can look an issue code up in AWS's policy check reference.

/** Access Analyzer's finding types, most severe first. */
export type FindingType = "ERROR" | "SECURITY_WARNING" | "WARNING" | "SUGGESTION";

/**
 * One step into the document, as Access Analyzer's PathElement: `value` enters the value of an
 * object member, `key` stands for a member's name itself, `index` enters an array item.
 */
export type PathElement = { value: string } | { key: string } | { index: number };

/** Access Analyzer's Position: `line` from 1, `column` and `offset` from 0, in UTF-16 code units. */
export interface Position {
  line: number;
  column: number;
  offset: number;
}

/** `end` is exclusive. */
export interface Span {
  start: Position;
  end: Position;
}

export interface FindingLocation {
  path: PathElement[];
  span: Span;
}

export interface Finding {
  findingType: FindingType;
  /** Access Analyzer's issue code where it has one (lib/iam/policy/issue-codes.ts lists them all). */
  issueCode: string;
  findingDetails: string;
  /** The check's entry in AWS's policy check reference; absent for this project's own checks. */
  learnMoreLink?: string;
  locations: FindingLocation[];
  /**
   * The MalformedPolicyDocument message IAM's own API answers when it refuses a document for this
   * reason. Absent when IAM accepts the document anyway (an unknown action is an Access Analyzer
   * ERROR, yet IAM stores the policy).
   */
  malformedPolicyDocument?: string;
}

export interface Located<T> {
  value: T;
  range: SourceRange;
}

// ---- Parsed policy document -------------------------------------------------------------

export type PolicyVersion = "2012-10-17" | "2008-10-17";
export type Effect = "Allow" | "Deny";
export type PrincipalKind = "AWS" | "Service" | "Federated" | "CanonicalUser";

export type ParsedPrincipal =
  | { kind: "wildcard"; range: SourceRange }
  | { kind: "map"; entries: ParsedPrincipalEntry[]; range: SourceRange };

export interface ParsedPrincipalEntry {
  type: PrincipalKind;
  values: Located<string>[];
  range: SourceRange;
}

/** One `Operator: { Key: values }` pair. JSON numbers and booleans become their text. */
export interface ParsedConditionEntry {
  operator: Located<string>;
  key: Located<string>;
  values: Located<string>[];
  range: SourceRange;
}

export interface ParsedStatement {
  index: number;
  /** `Statement[2]`, or `Statement` when the document holds a single statement object. */
  path: string;
  range: SourceRange;
  sid?: Located<string>;
  effect?: Located<Effect>;
  principal?: { element: "Principal" | "NotPrincipal"; value: ParsedPrincipal };
  action?: { element: "Action" | "NotAction"; values: Located<string>[]; range: SourceRange };
  resource?: { element: "Resource" | "NotResource"; values: Located<string>[]; range: SourceRange };
  condition?: { entries: ParsedConditionEntry[]; range: SourceRange };
}

export interface ParsedPolicy {
  version?: Located<PolicyVersion>;
  id?: Located<string>;
  statements: ParsedStatement[];
  range: SourceRange;
}

// ---- Evaluation ---------------------------------------------------------------------------

/** AWS's SourcePolicyType values. */
export type PolicySourceType = "user" | "group" | "role" | "aws-managed" | "user-managed" | "resource" | "none";

/** Which list of the evaluation a policy came from. */
export type PolicySet = "identity" | "resource" | "permissionsBoundary" | "session";

export type ContextValue = string | readonly string[] | undefined;

/** Condition key → value(s). Keys are looked up case-insensitively; "" and [] count as absent. */
export type RequestContext = Record<string, ContextValue>;

/** Who is asking, for the Principal element of resource-based and trust policies. */
export interface RequestPrincipal {
  /** User ARN, session ARN (`arn:aws:sts::ACCT:assumed-role/R/S`), or `arn:aws:iam::ACCT:root`. */
  arn: string;
  /** The principal's account; taken from `arn` when absent. */
  account?: string;
  /** The user's or role's unique ID (AIDA…, AROA…); policies show it once the entity is deleted. */
  uniqueId?: string;
  /** For sessions: the role ARN (with path), or the IAM user that called GetFederationToken. */
  issuerArn?: string;
  /** `ec2.amazonaws.com` when a service is the caller. */
  service?: string;
  /** SAML/OIDC provider ARN or name for federated callers. */
  federatedProvider?: string;
  canonicalUser?: string;
}

export interface EvaluationRequest {
  action: string;
  resource: string;
  context: RequestContext;
  principal?: RequestPrincipal;
}

export type EvalDecision = "allowed" | "explicitDeny" | "implicitDeny";

export type DenyReason =
  | "no identity-based policy allows"
  | "explicit deny in an identity-based policy"
  | "no permissions boundary allows"
  | "explicit deny in a permissions boundary"
  | "no session policy allows"
  | "explicit deny in a session policy"
  | "no service control policy allows"
  | "explicit deny in a service control policy"
  | "no resource-based policy allows"
  | "explicit deny in a resource-based policy"
  | "no role trust policy allows"
  | "explicit deny in the role trust policy";

/** A statement of one input policy, located as the AWS simulator does. */
export interface StatementRef {
  sourcePolicyId: string;
  sourcePolicyType: PolicySourceType;
  policySet: PolicySet;
  statementIndex: number;
  sid?: string;
  effect: Effect;
  /**
   * AWS simulator convention: just after the token before the statement (the list's `[` or
   * the previous statement's `}`), or after its own `{` when Statement is a single object.
   */
  startPosition: SourcePosition;
  /** AWS simulator convention: the position just after the statement's `}`. */
  endPosition: SourcePosition;
  /** The statement's exact text range (`{` … `}`), for editors. */
  range: SourceRange;
}

export type MatchedStatement = StatementRef;

export type StatementElement = "action" | "resource" | "principal" | "condition";

/** Why one condition clause (operator + key) did not hold. */
export interface ConditionMismatch {
  operator: string;
  key: string;
  /** The request had no value for the key. */
  missing: boolean;
  requestValues: string[];
  policyValues: string[];
  /** Variables in the policy values that had no value. */
  unresolvedVariables: string[];
}

export type MismatchReason =
  | { element: "action"; statementElement: "Action" | "NotAction"; patterns: string[]; excludedBy?: string }
  | {
      element: "resource";
      statementElement: "Resource" | "NotResource";
      patterns: string[];
      excludedBy?: string;
      unresolvedVariables: string[];
    }
  | { element: "principal"; statementElement: "Principal" | "NotPrincipal"; principals: string[] }
  | { element: "condition"; conditions: ConditionMismatch[] };

/** A statement that failed on exactly one element. */
export interface NearMiss extends StatementRef {
  failed: StatementElement;
  reason: MismatchReason;
}

export interface EvaluationResult {
  decision: EvalDecision;
  /** allowed: the Allow statements that matched; explicitDeny: only the Deny ones; implicitDeny: none. */
  matchedStatements: MatchedStatement[];
  nearMisses: NearMiss[];
  /** Condition keys (and variables) the relevant statements use but the context lacks. */
  missingContextValues: string[];
  denyReason?: DenyReason;
  /** Present when a permissions boundary took part, like AWS's PermissionsBoundaryDecisionDetail. */
  permissionsBoundaryDecisionDetail?: { allowedByPermissionsBoundary: boolean };
}
