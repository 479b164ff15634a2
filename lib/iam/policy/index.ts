// The public surface of the policy engine. Pure TypeScript: runs on the server and in the browser.

export type {
  ConditionMismatch,
  ContextValue,
  DenyReason,
  Effect,
  EvalDecision,
  EvaluationRequest,
  EvaluationResult,
  Finding,
  Located,
  MatchedStatement,
  MismatchReason,
  NearMiss,
  ParsedConditionEntry,
  ParsedPolicy,
  ParsedPrincipal,
  ParsedPrincipalEntry,
  ParsedStatement,
  PolicySet,
  PolicySourceType,
  PolicyVersion,
  PrincipalKind,
  RequestContext,
  RequestPrincipal,
  SourcePosition,
  SourceRange,
  StatementElement,
  StatementRef,
} from "./types";
export { parsePolicy, type ParseResult } from "./parse";
export { parseJson, type JsonNode, type JsonParseResult } from "./json";
export { compilePolicy, clearPolicyCache, policyCacheSize, setPolicyCacheLimit, isCompiledPolicy, type CompiledPolicy, type CompiledStatement } from "./compile";
export { evaluate, type EvaluationPolicies, type PolicyInput } from "./evaluate";
export { accessDeniedMessage, denyReasonText, describeStatement, describeMismatch, explainEvaluation, type AccessDeniedInput } from "./explain";
export { compileActionPattern, compileResourcePattern, type ActionPattern, type ResourcePattern } from "./match";
export { CONDITION_OPERATORS, lookupOperator, type ConditionOperator, type OperatorSpec } from "./conditions/index";
export { validatePolicy, malformedPolicyMessage, type PolicyDocumentKind, type ValidationResult } from "./validate";
