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
  FindingLocation,
  FindingType,
  Located,
  MatchedStatement,
  MismatchReason,
  NearMiss,
  ParsedConditionEntry,
  ParsedPolicy,
  ParsedPrincipal,
  ParsedPrincipalEntry,
  ParsedStatement,
  PathElement,
  PolicySet,
  PolicySourceType,
  PolicyVersion,
  Position,
  PrincipalKind,
  RequestContext,
  RequestPrincipal,
  SourcePosition,
  SourceRange,
  Span,
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
export {
  validatePolicy,
  malformedPolicyMessage,
  policySize,
  POLICY_SIZE_QUOTAS,
  type IamDocumentKind,
  type PolicyType,
  type ValidatePolicyOptions,
  type ValidatePolicyResourceType,
  type ValidationResult,
} from "./validate";
export { ISSUE_CODES, learnMoreLink, type IssueCode } from "./issue-codes";
export { pathText } from "./findings";
export {
  createPolicyCatalog,
  type AccessLevel,
  type ActionData,
  type CatalogAction,
  type CatalogActionResource,
  type CatalogConditionKey,
  type CatalogData,
  type CatalogResourceType,
  type CatalogService,
  type ConditionKeyType,
  type PolicyCatalog,
  type ServiceData,
} from "./catalog";
export { applicableStatements, type ApplicableStatements } from "./evaluate";
export { contextKeysOf } from "./context-keys";
export {
  applyPolicyExclusions,
  boundaryInput,
  getContextKeysForCustomPolicy,
  policyInputs,
  principalSimulationPolicies,
  simulateCustomPolicy,
  simulatePolicies,
  withoutExplanations,
  SIMULATOR_STUB_USER_ID,
  type EvalDecisionDetails,
  type ExplainedNearMiss,
  type ExplainedStatement,
  type PolicyExclusion,
  type PolicyExclusionType,
  type ResourceExplanation,
  type SimulateCustomPolicyInput,
  type SimulateOptions,
  type SimulatePolicyResponse,
  type SimulatePrincipalPolicyInput,
  type SimulationEvaluationResult,
  type SimulationExplanation,
  type SimulationPolicies,
  type SimulationPolicy,
  type SimulationPolicyInfo,
  type SimulationPolicyKind,
  type SimulationRequestMembers,
  type SimulationResourceResult,
  type SimulationStatement,
  type SourcePolicyType,
} from "./simulate";
export { CONTEXT_KEY_TYPES, SimulationInputError, type ContextEntry, type ContextKeyType } from "./simulate-input";
