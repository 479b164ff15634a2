import { describe, expect, it } from "vitest";
import {
  applyPolicyExclusions,
  getContextKeysForCustomPolicy,
  principalSimulationPolicies,
  simulateCustomPolicy,
  withoutExplanations,
  type SimulateCustomPolicyInput,
  type SimulationPolicies,
  type SimulationPolicy,
} from "./simulate";
import { SimulationInputError } from "./simulate-input";

// The policy simulator, against AWS's own examples (the AWS CLI reference) and responses
// captured from the real SimulateCustomPolicy API (2026): shapes, positions, missing keys,
// boundaries, typed context entries, resource policies, paging and AWS's error messages.

const ACCOUNT = "123456789012";
const simulate = (input: SimulateCustomPolicyInput) => simulateCustomPolicy(input, { accountId: ACCOUNT });
const at = (line: number, column: number) => ({ Line: line, Column: column });
const compact = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const allow = (action: string, extra: object = {}) => ({ Effect: "Allow", Action: action, Resource: "*", ...extra });
const deny = (action: string, extra: object = {}) => ({ Effect: "Deny", Action: action, Resource: "*", ...extra });
const OBJECT_A = "arn:aws:s3:::example-bucket/a";
const OBJECT_B = "arn:aws:s3:::example-bucket/b";

function rejection(run: () => unknown): SimulationInputError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(SimulationInputError);
    return err as SimulationInputError;
  }
  throw new Error("The simulation succeeded, but it should have been refused.");
}

describe("SimulateCustomPolicy: the AWS CLI reference examples", () => {
  // aws iam simulate-custom-policy, examples 1 and 2.
  const policy =
    '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2018-08-16T12:00:00Z"}}}}';
  const at2019 = [{ ContextKeyName: "aws:CurrentTime", ContextKeyValues: ["2019-04-25T11:00:00Z"], ContextKeyType: "date" as const }];

  it("example 1: allowed after the date, the statement at 1:38–1:167", () => {
    const { explanation, ...result } = simulate({ PolicyInputList: [policy], ActionNames: ["dynamodb:CreateBackup"], ContextEntries: at2019 }).EvaluationResults[0];
    expect(result).toEqual({
      EvalActionName: "dynamodb:CreateBackup",
      EvalResourceName: "*",
      EvalDecision: "allowed",
      MatchedStatements: [{ SourcePolicyId: "PolicyInputList.1", SourcePolicyType: "IAM Policy", StartPosition: at(1, 38), EndPosition: at(1, 167) }],
      MissingContextValues: [],
    });
    expect(explanation?.resources[0].lines[0]).toBe("Allowed: dynamodb:CreateBackup on *.");
  });

  it("example 2: implicitly denied before the date, with no statement and nothing missing", () => {
    const [result] = simulate({
      PolicyInputList: [policy],
      ActionNames: ["dynamodb:CreateBackup"],
      ContextEntries: [{ ContextKeyName: "aws:CurrentTime", ContextKeyValues: ["2014-04-25T11:00:00Z"], ContextKeyType: "date" }],
    }).EvaluationResults;
    expect(result).toMatchObject({ EvalDecision: "implicitDeny", MatchedStatements: [], MissingContextValues: [] });
    expect(result.explanation?.resources[0].lines).toEqual([
      "Implicitly denied: dynamodb:CreateBackup on * is denied because no identity-based policy allows the dynamodb:CreateBackup action.",
      'Statement 1 of policy PolicyInputList.1 (line 1, column 37) would allow it, but its condition did not hold: DateGreaterThan on aws:CurrentTime: the request has "2014-04-25T11:00:00Z", the policy wants "2018-08-16T12:00:00Z".',
    ]);
  });

  it("without the context entry: aws:CurrentTime is missing (the simulator supplies no clock)", () => {
    const [result] = simulate({ PolicyInputList: [policy], ActionNames: ["dynamodb:CreateBackup"] }).EvaluationResults;
    expect(result).toMatchObject({ EvalDecision: "implicitDeny", MissingContextValues: ["aws:CurrentTime"] });
  });
});

describe("SimulateCustomPolicy: matched statements and their positions", () => {
  const first = { ...allow("s3:GetObject"), Sid: "First" };
  const cases: { name: string; policies: string[]; action: string; decision: string; statements: [string, [number, number], [number, number]][] }[] = [
    {
      name: "one compact statement in a list",
      policies: [compact(allow("s3:GetObject"))],
      action: "s3:GetObject",
      decision: "allowed",
      statements: [["PolicyInputList.1", [1, 38], [1, 95]]],
    },
    {
      name: "two Allow statements: the second starts where the first ends",
      policies: [compact(first, { ...allow("s3:GetObject"), Sid: "Second" })],
      action: "s3:GetObject",
      decision: "allowed",
      statements: [
        ["PolicyInputList.1", [1, 38], [1, 109]],
        ["PolicyInputList.1", [1, 109], [1, 182]],
      ],
    },
    {
      name: "an explicit deny lists only the Deny statement",
      policies: [compact({ ...allow("s3:GetObject"), Sid: "Allow" }, { ...deny("s3:GetObject"), Sid: "Deny" })],
      action: "s3:GetObject",
      decision: "explicitDeny",
      statements: [["PolicyInputList.1", [1, 109], [1, 179]]],
    },
    {
      name: "a Deny in the second policy",
      policies: [compact(allow("s3:GetObject")), compact(deny("s3:GetObject"))],
      action: "s3:GetObject",
      decision: "explicitDeny",
      statements: [["PolicyInputList.2", [1, 38], [1, 94]]],
    },
    {
      name: "a lone statement object with spaces: just after its own {",
      policies: ['{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}'],
      action: "s3:GetObject",
      decision: "allowed",
      statements: [["PolicyInputList.1", [1, 16], [1, 77]]],
    },
    {
      name: "CRLF line ends and leading blank lines",
      policies: [
        ' \r\n{\r\n  "Version": "2012-10-17",\r\n  "Statement": [\r\n    {\r\n      "Effect": "Allow",\r\n      "Action": "s3:GetObject",\r\n      "Resource": "*"\r\n    }\r\n  ]\r\n}\r\n ',
      ],
      action: "s3:GetObject",
      decision: "allowed",
      statements: [["PolicyInputList.1", [4, 17], [9, 6]]],
    },
  ];

  it.each(cases)("$name", ({ policies, action, decision, statements }) => {
    const [result] = simulate({ PolicyInputList: policies, ActionNames: [action] }).EvaluationResults;
    expect(result.EvalDecision).toBe(decision);
    expect(result.MatchedStatements).toEqual(
      statements.map(([id, start, end]) => ({ SourcePolicyId: id, SourcePolicyType: "IAM Policy", StartPosition: at(...start), EndPosition: at(...end) })),
    );
  });

  it("pretty-printed: each statement starts after the token before it ([ or the previous })", () => {
    const pretty = JSON.stringify({ Version: "2012-10-17", Statement: [{ ...allow("s3:GetObject"), Sid: "First" }, { ...deny("s3:PutObject"), Sid: "Second" }] }, null, 2);
    const results = simulate({ PolicyInputList: [pretty], ActionNames: ["s3:GetObject", "s3:PutObject"] }).EvaluationResults;
    expect(results.map((r) => [r.EvalDecision, r.MatchedStatements[0].StartPosition, r.MatchedStatements[0].EndPosition])).toEqual([
      ["allowed", at(3, 17), at(9, 6)],
      ["explicitDeny", at(9, 6), at(15, 6)],
    ]);
  });

  it("action names match case-insensitively and are echoed as given; unknown actions are implicitly denied", () => {
    const results = simulate({ PolicyInputList: [compact(allow("s3:GetObject"))], ActionNames: ["S3:gEtObJeCt", "s3:MadeUp", "madeup:Action", "s3:*"] }).EvaluationResults;
    expect(results.map((r) => [r.EvalActionName, r.EvalDecision])).toEqual([
      ["S3:gEtObJeCt", "allowed"],
      ["s3:MadeUp", "implicitDeny"],
      ["madeup:Action", "implicitDeny"],
      ["s3:*", "implicitDeny"],
    ]);
  });

  it("duplicate actions are kept, in order", () => {
    const results = simulate({ PolicyInputList: [compact(allow("s3:GetObject"))], ActionNames: ["s3:GetObject", "s3:GetObject", "s3:PutObject"] }).EvaluationResults;
    expect(results.map((r) => [r.EvalActionName, r.EvalDecision])).toEqual([
      ["s3:GetObject", "allowed"],
      ["s3:GetObject", "allowed"],
      ["s3:PutObject", "implicitDeny"],
    ]);
  });

  it("an empty PolicyInputList simulates, and denies implicitly", () => {
    expect(simulate({ PolicyInputList: [], ActionNames: ["s3:GetObject"] }).EvaluationResults[0].EvalDecision).toBe("implicitDeny");
  });
});

describe("SimulateCustomPolicy: MissingContextValues", () => {
  const missing = { StringEquals: { "stack:missing": "yes" } };
  const cases: { name: string; policies: string[]; decision: string; missing: string[] }[] = [
    { name: "a relevant Allow needs the key", policies: [compact(allow("s3:GetObject", { Condition: missing }))], decision: "implicitDeny", missing: ["stack:missing"] },
    {
      name: "a statement about another action still counts when denied",
      policies: [compact(allow("s3:PutObject", { Condition: missing }))],
      decision: "implicitDeny",
      missing: ["stack:missing"],
    },
    {
      name: "nothing is missing once allowed",
      policies: [compact(allow("s3:GetObject")), compact(allow("s3:PutObject", { Condition: missing }))],
      decision: "allowed",
      missing: [],
    },
    {
      name: "a Deny whose key is absent does not apply; allowed, nothing missing",
      policies: [compact(allow("s3:GetObject")), compact(deny("s3:GetObject", { Condition: missing }))],
      decision: "allowed",
      missing: [],
    },
    { name: "IfExists holds without the key", policies: [compact(allow("s3:GetObject", { Condition: { StringEqualsIfExists: { "stack:missing": "yes" } } }))], decision: "allowed", missing: [] },
    { name: "Null false fails without the key", policies: [compact(allow("s3:GetObject", { Condition: { Null: { "stack:missing": "false" } } }))], decision: "implicitDeny", missing: ["stack:missing"] },
    {
      name: "a policy variable in Resource, even of another action",
      policies: [JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::example-bucket/${aws:username}" }] })],
      decision: "implicitDeny",
      missing: ["aws:username"],
    },
  ];

  it.each(cases)("$name", ({ policies, decision, missing: keys }) => {
    const [result] = simulate({ PolicyInputList: policies, ActionNames: ["s3:GetObject"], ResourceArns: [OBJECT_A] }).EvaluationResults;
    expect(result.EvalDecision).toBe(decision);
    expect(result.MissingContextValues).toEqual(keys);
    expect(result.ResourceSpecificResults?.[0].MissingContextValues).toEqual(keys.length > 0 ? keys : undefined);
  });

  it("a key only the caller defaults supply still counts as missing (aws:userid)", () => {
    const [result] = simulate({
      PolicyInputList: [compact(allow("s3:GetObject", { Condition: { StringEquals: { "aws:userid": "AIDAEXAMPLE" } } }))],
      ActionNames: ["s3:GetObject"],
    }).EvaluationResults;
    expect(result).toMatchObject({ EvalDecision: "implicitDeny", MissingContextValues: ["aws:userid"] });
  });
});

describe("SimulateCustomPolicy: permissions boundaries", () => {
  const identity = [compact(allow("s3:GetObject"))];
  const run = (boundary: string) =>
    simulate({ PolicyInputList: identity, PermissionsBoundaryPolicyInputList: [boundary], ActionNames: ["s3:GetObject"], ResourceArns: [OBJECT_A, OBJECT_B] }).EvaluationResults[0];

  it("allowed by both: only the identity statement is listed; the boundary detail says allowed", () => {
    const result = run(compact(allow("s3:GetObject")));
    expect(result).toMatchObject({ EvalDecision: "allowed", PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: true } });
    expect(result.MatchedStatements.map((s) => s.SourcePolicyId)).toEqual(["PolicyInputList.1"]);
    expect(result.ResourceSpecificResults?.map((r) => r.PermissionsBoundaryDecisionDetail)).toEqual([
      { AllowedByPermissionsBoundary: true },
      { AllowedByPermissionsBoundary: true },
    ]);
  });

  it("a boundary that does not allow: implicitDeny, no statement", () => {
    const result = run(compact(allow("s3:PutObject")));
    expect(result).toMatchObject({ EvalDecision: "implicitDeny", MatchedStatements: [], PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: false } });
    expect(result.explanation?.resources[0].denyReason).toBe("no permissions boundary allows");
  });

  it("a Deny in the boundary: explicitDeny naming the boundary", () => {
    const result = run(compact(deny("s3:GetObject")));
    expect(result.EvalDecision).toBe("explicitDeny");
    expect(result.MatchedStatements).toEqual([
      { SourcePolicyId: "PermissionsBoundaryPolicyInputList.1", SourcePolicyType: "Permissions Boundary Policy", StartPosition: at(1, 38), EndPosition: at(1, 94) },
    ]);
  });

  it("only one boundary", () => {
    const err = rejection(() => simulate({ PolicyInputList: identity, PermissionsBoundaryPolicyInputList: identity.concat(identity), ActionNames: ["s3:GetObject"] }));
    expect([err.code, err.message]).toEqual(["InvalidInput", "The list of Permissions Boundary policies cannot exceed 1 items."]);
  });
});

describe("SimulateCustomPolicy: ContextEntries and their types", () => {
  const withCondition = (condition: object) => [compact(allow("s3:GetObject", { Condition: condition }))];
  const cases: { name: string; condition: object; entry: object; decision: string }[] = [
    { name: "string", condition: { StringEquals: { "aws:username": "alice" } }, entry: { ContextKeyName: "aws:username", ContextKeyValues: ["alice"], ContextKeyType: "string" }, decision: "allowed" },
    {
      name: "stringList with ForAnyValue",
      condition: { "ForAnyValue:StringEquals": { "aws:TagKeys": "team" } },
      entry: { ContextKeyName: "aws:TagKeys", ContextKeyValues: ["env", "team"], ContextKeyType: "stringList" },
      decision: "allowed",
    },
    {
      name: "stringList with ForAllValues",
      condition: { "ForAllValues:StringEquals": { "aws:TagKeys": "team" } },
      entry: { ContextKeyName: "aws:TagKeys", ContextKeyValues: ["env", "team"], ContextKeyType: "stringList" },
      decision: "implicitDeny",
    },
    { name: "numeric", condition: { NumericLessThan: { "aws:MultiFactorAuthAge": "3600" } }, entry: { ContextKeyName: "aws:MultiFactorAuthAge", ContextKeyValues: ["120"], ContextKeyType: "numeric" }, decision: "allowed" },
    { name: "boolean, any case", condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } }, entry: { ContextKeyName: "aws:MultiFactorAuthPresent", ContextKeyValues: ["TRUE"], ContextKeyType: "boolean" }, decision: "allowed" },
    { name: "ip", condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } }, entry: { ContextKeyName: "aws:SourceIp", ContextKeyValues: ["203.0.113.10"], ContextKeyType: "ip" }, decision: "allowed" },
    { name: "ip outside the range", condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } }, entry: { ContextKeyName: "aws:SourceIp", ContextKeyValues: ["198.51.100.1"], ContextKeyType: "ip" }, decision: "implicitDeny" },
    { name: "date", condition: { DateLessThan: { "aws:CurrentTime": "2030-01-01T00:00:00Z" } }, entry: { ContextKeyName: "aws:CurrentTime", ContextKeyValues: ["2026-06-01T12:00:00Z"], ContextKeyType: "date" }, decision: "allowed" },
    { name: "binary", condition: { BinaryEquals: { "stack:blob": "QmluYXJ5" } }, entry: { ContextKeyName: "stack:blob", ContextKeyValues: ["QmluYXJ5"], ContextKeyType: "binary" }, decision: "allowed" },
    { name: "key names are case-insensitive", condition: { StringEquals: { "aws:username": "alice" } }, entry: { ContextKeyName: "AWS:UserName", ContextKeyValues: ["alice"], ContextKeyType: "string" }, decision: "allowed" },
  ];

  it.each(cases)("$name", ({ condition, entry, decision }) => {
    const [result] = simulate({ PolicyInputList: withCondition(condition), ActionNames: ["s3:GetObject"], ContextEntries: [entry] }).EvaluationResults;
    expect(result.EvalDecision).toBe(decision);
    expect(result.MissingContextValues).toEqual([]);
  });

  const refusals: { name: string; entries: object[]; code: string; message: string }[] = [
    { name: "two values for a scalar type", entries: [{ ContextKeyName: "stack:test", ContextKeyValues: ["a", "b"], ContextKeyType: "string" }], code: "InvalidInput", message: "Context key string expected a single value, but received 2." },
    { name: "a numeric that is not a number", entries: [{ ContextKeyName: "stack:test", ContextKeyValues: ["abc"], ContextKeyType: "numeric" }], code: "InvalidInput", message: "Invalid context value for key stack:test: expected numeric format." },
    { name: "NaN", entries: [{ ContextKeyName: "stack:test", ContextKeyValues: ["NaN"], ContextKeyType: "numeric" }], code: "InvalidInput", message: "Invalid context value for key stack:test: expected numeric format." },
    { name: "a date that is not a date", entries: [{ ContextKeyName: "stack:test", ContextKeyValues: ["tomorrow"], ContextKeyType: "date" }], code: "InvalidInput", message: "Invalid context value for key stack:test: expected DateTime format." },
    { name: "an IP address out of range", entries: [{ ContextKeyName: "stack:test", ContextKeyValues: ["999.0.0.1"], ContextKeyType: "ip" }], code: "InvalidInput", message: "Invalid context value for key stack:test: expected IP address." },
    { name: "binary that is not base64", entries: [{ ContextKeyName: "stack:test", ContextKeyValues: ["!base64"], ContextKeyType: "binary" }], code: "InvalidInput", message: "Invalid context value for key stack:test: expected base-64 encoded binary format." },
    {
      name: "an unknown type",
      entries: [{ ContextKeyName: "stack:test", ContextKeyValues: ["a"], ContextKeyType: "unknown" }],
      code: "ValidationError",
      message:
        "1 validation error detected: Value at 'contextEntries.1.member.contextKeyType' failed to satisfy constraint: Member must satisfy enum value set: [binary, ipList, booleanList, ip, boolean, numericList, dateList, numeric, date, stringList, string, binaryList]",
    },
    {
      name: "the same key twice, whatever the case",
      entries: [
        { ContextKeyName: "stack:test", ContextKeyValues: ["a"], ContextKeyType: "string" },
        { ContextKeyName: "STACK:TEST", ContextKeyValues: ["b"], ContextKeyType: "string" },
      ],
      code: "InvalidInput",
      message: "Duplicate context key: STACK:TEST.",
    },
  ];

  it.each(refusals)("refuses $name", ({ entries, code, message }) => {
    const err = rejection(() => simulate({ PolicyInputList: [compact(allow("s3:GetObject"))], ActionNames: ["s3:GetObject"], ContextEntries: entries as never }));
    expect([err.code, err.message]).toEqual([code, message]);
  });
});

describe("SimulateCustomPolicy: several actions and resources", () => {
  it("one result per action; ResourceSpecificResults per ARN; the result takes the worst decision", () => {
    const policy = compact({ Effect: "Allow", Action: "s3:GetObject", Resource: OBJECT_A });
    const [result] = simulate({ PolicyInputList: [policy], ActionNames: ["s3:GetObject"], ResourceArns: [OBJECT_A, OBJECT_B] }).EvaluationResults;
    const { explanation, ...aws } = result;
    expect(aws).toEqual({
      EvalActionName: "s3:GetObject",
      EvalDecision: "implicitDeny",
      MatchedStatements: [{ SourcePolicyId: "PolicyInputList.1", SourcePolicyType: "IAM Policy", StartPosition: at(1, 38), EndPosition: at(1, 123) }],
      MissingContextValues: [],
      EvalDecisionDetails: {},
      ResourceSpecificResults: [
        {
          EvalResourceName: OBJECT_A,
          EvalResourceDecision: "allowed",
          MatchedStatements: [{ SourcePolicyId: "PolicyInputList.1", SourcePolicyType: "IAM Policy", StartPosition: at(1, 38), EndPosition: at(1, 123) }],
        },
        { EvalResourceName: OBJECT_B, EvalResourceDecision: "implicitDeny" },
      ],
    });
    expect(explanation?.resources.map((r) => [r.resource, r.decision])).toEqual([
      [OBJECT_A, "allowed"],
      [OBJECT_B, "implicitDeny"],
    ]);
  });

  it("a single ARN names the result; the aggregate name of several comes from the option", () => {
    const input = { PolicyInputList: [compact(allow("s3:GetObject"))], ActionNames: ["s3:GetObject", "s3:PutObject"] };
    expect(simulate({ ...input, ResourceArns: [OBJECT_A] }).EvaluationResults[0].EvalResourceName).toBe(OBJECT_A);
    const named = simulateCustomPolicy(
      { ...input, ResourceArns: [OBJECT_A, OBJECT_B] },
      { accountId: ACCOUNT, aggregateResourceName: (action) => (action.startsWith("s3:") ? "arn:aws:s3:::${BucketName}/${KeyName}" : undefined) },
    );
    expect(named.EvaluationResults.map((r) => [r.EvalActionName, r.EvalResourceName, r.EvalDecision])).toEqual([
      ["s3:GetObject", "arn:aws:s3:::${BucketName}/${KeyName}", "allowed"],
      ["s3:PutObject", "arn:aws:s3:::${BucketName}/${KeyName}", "implicitDeny"],
    ]);
  });

  it("without ResourceArns: the resource is *, with no per-resource results", () => {
    const [result] = simulate({ PolicyInputList: [compact(allow("s3:GetObject"))], ActionNames: ["s3:GetObject"], ResourceArns: [] }).EvaluationResults;
    expect(result.EvalResourceName).toBe("*");
    expect(result).not.toHaveProperty("ResourceSpecificResults");
    expect(result).not.toHaveProperty("EvalDecisionDetails");
  });

  it.each([
    [{ ActionNames: ["GetObject"] }, "The action is invalid since it is missing names"],
    [{ ActionNames: ["s3:GetObject"], ResourceArns: ["not-an-arn"] }, "ResourceNames are not in a valid ARN format: not-an-arn."],
    [{ ActionNames: ["s3:GetObject"], ResourceArns: ["arn:aws:s3"] }, "ResourceNames are not in a valid ARN format: arn:aws:s3."],
  ])("refuses %j", (members, message) => {
    const err = rejection(() => simulate({ PolicyInputList: [compact(allow("s3:GetObject"))], ...members }));
    expect([err.code, err.message]).toEqual(["InvalidInput", message]);
  });
});

describe("SimulateCustomPolicy: paging", () => {
  const input = { PolicyInputList: [compact(allow("*"))], ActionNames: ["s3:PutObject", "iam:GetUser", "s3:GetObject"] };

  it("pages by action, with an opaque Marker", () => {
    const first = simulate({ ...input, MaxItems: 1 });
    expect(first.EvaluationResults.map((r) => r.EvalActionName)).toEqual(["s3:PutObject"]);
    expect(first.IsTruncated).toBe(true);
    const rest = simulate({ ...input, MaxItems: 2, Marker: first.Marker });
    expect(rest.EvaluationResults.map((r) => r.EvalActionName)).toEqual(["iam:GetUser", "s3:GetObject"]);
    expect(rest).not.toHaveProperty("Marker");
    expect(rest.IsTruncated).toBe(false);
  });

  it("a marker past the end gives an empty page", () => {
    const { Marker } = simulate({ ...input, MaxItems: 1 });
    expect(simulate({ ...input, ActionNames: ["s3:DeleteObject"], Marker }).EvaluationResults).toEqual([]);
  });

  it.each([
    [{ Marker: "not-a-simulation-marker" }, "InvalidInput", "Invalid marker for pagination."],
    [{ MaxItems: 1001 }, "ValidationError", "1 validation error detected: Value at 'maxItems' failed to satisfy constraint: Member must have value less than or equal to 1000"],
    [{ MaxItems: 0 }, "ValidationError", "1 validation error detected: Value at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1"],
  ])("refuses %j", (members, code, message) => {
    const err = rejection(() => simulate({ ...input, ...members }));
    expect([err.code, err.message]).toEqual([code, message]);
  });
});

describe("SimulateCustomPolicy: refused inputs", () => {
  it.each([
    [{ PolicyInputList: ["{"], ActionNames: ["s3:GetObject"] }, "InvalidInput", "Policy input list item 1 has invalid content"],
    [{ PolicyInputList: [compact(allow("s3:GetObject")), '{"Version":"2099-01-01","Statement":[]}'], ActionNames: ["s3:GetObject"] }, "InvalidInput", "Policy input list item 2 has invalid content"],
    [{ ActionNames: ["s3:GetObject"] }, "ValidationError", "1 validation error detected: Value null at 'policyInputList' failed to satisfy constraint: Member must not be null"],
    [{ PolicyInputList: [] }, "ValidationError", "1 validation error detected: Value null at 'actionNames' failed to satisfy constraint: Member must not be null"],
  ])("%j", (input, code, message) => {
    const err = rejection(() => simulate(input as SimulateCustomPolicyInput));
    expect([err.code, err.message]).toEqual([code, message]);
  });
});

describe("SimulateCustomPolicy: the simulated caller", () => {
  const requiring = (key: string, value: string) => [compact(allow("s3:GetObject", { Condition: { StringEquals: { [key]: value } } }))];

  it.each([
    ["without CallerArn, aws:userid is AWS's stub", undefined, "aws:userid", "STUB_PRINCIPAL_FOR_POLICY_SIMULATOR"],
    ["without CallerArn, aws:PrincipalAccount is the caller's account", undefined, "aws:PrincipalAccount", ACCOUNT],
    ["with a user CallerArn, aws:username is its name", "arn:aws:iam::123456789012:user/division/bob", "aws:username", "bob"],
    ["with a CallerArn, aws:userid is the ARN", "arn:aws:iam::123456789012:user/division/bob", "aws:userid", "arn:aws:iam::123456789012:user/division/bob"],
    ["with a CallerArn, aws:PrincipalArn is the ARN", "arn:aws:iam::123456789012:role/app", "aws:PrincipalArn", "arn:aws:iam::123456789012:role/app"],
  ])("%s", (_name, callerArn, key, value) => {
    expect(simulate({ PolicyInputList: requiring(key, value), ActionNames: ["s3:GetObject"], CallerArn: callerArn }).EvaluationResults[0].EvalDecision).toBe("allowed");
  });

  it("a role caller has no aws:username", () => {
    const [result] = simulate({ PolicyInputList: requiring("aws:username", "app"), ActionNames: ["s3:GetObject"], CallerArn: "arn:aws:iam::123456789012:role/app" }).EvaluationResults;
    expect(result).toMatchObject({ EvalDecision: "implicitDeny", MissingContextValues: ["aws:username"] });
  });

  it("ContextEntries override the caller's defaults", () => {
    const [result] = simulate({
      PolicyInputList: requiring("aws:username", "override"),
      ActionNames: ["s3:GetObject"],
      CallerArn: "arn:aws:iam::123456789012:user/bob",
      ContextEntries: [{ ContextKeyName: "aws:username", ContextKeyValues: ["override"], ContextKeyType: "string" }],
    }).EvaluationResults;
    expect(result.EvalDecision).toBe("allowed");
  });

  it("CallerArn must be an IAM user, role or group", () => {
    const err = rejection(() => simulate({ PolicyInputList: [], ActionNames: ["s3:GetObject"], CallerArn: "arn:aws:sts::123456789012:assumed-role/app/s" }));
    expect(err.message).toBe("Invalid caller - Caller must be an IAM user, role or group in this context.");
  });
});

describe("SimulateCustomPolicy: a resource-based policy", () => {
  const caller = "arn:aws:iam::123456789012:user/bob";
  const grant = (principal: string) =>
    JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::example-bucket/*", Principal: { AWS: principal } }] });
  const base = { ActionNames: ["s3:GetObject"], ResourceArns: [OBJECT_A], CallerArn: caller };

  it("in one account, a grant to the caller allows with no identity policy", () => {
    const [result] = simulate({ ...base, PolicyInputList: [], ResourcePolicy: grant(caller) }).EvaluationResults;
    expect(result).toMatchObject({ EvalDecision: "allowed", EvalDecisionDetails: {} });
    expect(result.MatchedStatements.map((s) => [s.SourcePolicyId, s.SourcePolicyType])).toEqual([["ResourcePolicy", "Resource Policy"]]);
  });

  it("in one account, a grant to the account root allows too, even past a boundary", () => {
    const [result] = simulate({ ...base, PolicyInputList: [], ResourcePolicy: grant("arn:aws:iam::123456789012:root"), PermissionsBoundaryPolicyInputList: [compact(allow("s3:PutObject"))] })
      .EvaluationResults;
    expect(result).toMatchObject({ EvalDecision: "allowed", PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: false } });
  });

  it("across accounts the identity policies must allow too, and the details name each policy type", () => {
    const other = { ...base, ResourcePolicy: grant(caller), ResourceOwner: "arn:aws:iam::999999999999:root" };
    const [denied] = simulate({ ...other, PolicyInputList: [] }).EvaluationResults;
    expect(denied).toMatchObject({ EvalDecision: "implicitDeny", EvalDecisionDetails: { "IAM Policy": "implicitDeny", "Resource Policy": "allowed" } });
    expect(denied.ResourceSpecificResults?.[0].EvalDecisionDetails).toEqual({ "IAM Policy": "implicitDeny", "Resource Policy": "allowed" });
    const [allowed] = simulate({ ...other, PolicyInputList: [compact(allow("s3:GetObject"))] }).EvaluationResults;
    expect(allowed).toMatchObject({ EvalDecision: "allowed", EvalDecisionDetails: { "IAM Policy": "allowed", "Resource Policy": "allowed" } });
  });

  it.each([
    [{ ...base, CallerArn: undefined, ResourcePolicy: grant(caller) }, "Invalid caller - Caller cannot be null or empty."],
    [{ ...base, ResourceArns: undefined, ResourcePolicy: grant(caller) }, "Invalid Entity Arn: * does not clearly define entity type and name."],
    [{ ...base, ResourcePolicy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*", Principal: { AWS: caller } }] }) }, "ResourceNames are not in a valid ARN format: *."],
    [{ ...base, ResourcePolicy: grant(caller), ResourceOwner: "999999999999" }, "Invalid Resource Owner."],
  ])("refuses %#", (input, message) => {
    const err = rejection(() => simulate({ PolicyInputList: [], ...input }));
    expect([err.code, err.message]).toEqual(["InvalidInput", message]);
  });
});

describe("GetContextKeysForCustomPolicy", () => {
  it("lists condition keys and policy variables, once each whatever the case, as first written", () => {
    const policy = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::home/${aws:username}/*", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } },
        { Effect: "Allow", Action: "ec2:*", Resource: "*", Condition: { StringEquals: { "aws:ResourceTag/team": "${aws:PrincipalTag/team, 'none'}", "AWS:USERNAME": "x" } } },
      ],
    });
    const old = JSON.stringify({ Version: "2008-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::${aws:userid}", Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } }] });
    expect(getContextKeysForCustomPolicy({ PolicyInputList: [policy, old] })).toEqual({
      ContextKeyNames: ["aws:username", "aws:MultiFactorAuthPresent", "aws:ResourceTag/team", "aws:PrincipalTag/team", "aws:SourceIp"],
    });
  });

  it("refuses a document it cannot read", () => {
    expect(rejection(() => getContextKeysForCustomPolicy({ PolicyInputList: ["{"] })).message).toBe("Policy input list item 1 has invalid content");
  });
});

describe("PolicyExclusionList", () => {
  const doc = compact(allow("s3:GetObject"));
  const policies: SimulationPolicies = {
    identity: [
      { SourcePolicyId: "user_alice_Inline", kind: "inline", policyName: "Inline", attachedTo: { type: "user", name: "alice" }, document: doc },
      { SourcePolicyId: "group_Admins_AdminsInline", kind: "inline", policyName: "AdminsInline", attachedTo: { type: "group", name: "Admins" }, document: doc },
      {
        SourcePolicyId: "AdministratorAccess",
        kind: "aws-managed",
        policyName: "AdministratorAccess",
        policyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
        attachedTo: { type: "group", name: "Admins" },
        document: doc,
      },
      {
        SourcePolicyId: "Deploy",
        kind: "customer-managed",
        policyName: "Deploy",
        policyArn: "arn:aws:iam::123456789012:policy/team/Deploy",
        attachedTo: { type: "user", name: "alice" },
        document: doc,
      },
    ],
    permissionsBoundary: {
      SourcePolicyId: "Deploy",
      kind: "customer-managed",
      policyName: "Deploy",
      policyArn: "arn:aws:iam::123456789012:policy/team/Deploy",
      attachedTo: { type: "user", name: "alice" },
      document: doc,
    },
  };
  const kept = (exclusions: Parameters<typeof applyPolicyExclusions>[1]) => {
    const result = applyPolicyExclusions(policies, exclusions);
    return [result.identity.map((p: SimulationPolicy) => p.SourcePolicyId), result.permissionsBoundary?.SourcePolicyId];
  };
  const all = ["user_alice_Inline", "group_Admins_AdminsInline", "AdministratorAccess", "Deploy"];

  it.each([
    ["nothing", [], [all, "Deploy"]],
    ["every inline policy", [{ PolicyType: "inline" }], [["AdministratorAccess", "Deploy"], "Deploy"]],
    ["AWS managed policies", [{ PolicyType: "aws-managed" }], [["user_alice_Inline", "group_Admins_AdminsInline", "Deploy"], "Deploy"]],
    ["customer managed policies, not the boundary", [{ PolicyType: "user-managed" }], [["user_alice_Inline", "group_Admins_AdminsInline", "AdministratorAccess"], "Deploy"]],
    ["the boundary", [{ PolicyType: "permission-boundary" }], [all, undefined]],
    ["a managed policy by its ARN without path", [{ PolicyArn: "arn:aws:iam::123456789012:policy/Deploy" }], [all.slice(0, 3), "Deploy"]],
    ["not by its ARN with the path (as AWS matches)", [{ PolicyArn: "arn:aws:iam::123456789012:policy/team/Deploy" }], [all, "Deploy"]],
    ["an inline policy by name and holder", [{ InlinePolicyIdentifier: { PolicyName: "Inline", AttachmentType: "user", AttachmentName: "alice" } }], [all.slice(1), "Deploy"]],
    ["inline policies by pattern", [{ InlinePolicyIdentifier: { PolicyName: "*Inline", AttachmentType: "group", AttachmentName: "Adm?ns" } }], [["user_alice_Inline", "AdministratorAccess", "Deploy"], "Deploy"]],
    ["scp and rcp: nothing here", [{ PolicyType: "scp" }, { PolicyType: "rcp" }], [all, "Deploy"]],
  ] as const)("excludes %s", (_name, exclusions, expected) => {
    expect(kept(exclusions as never)).toEqual(expected);
  });

  it("PolicyInputList and a boundary override survive exclusions", () => {
    const result = principalSimulationPolicies(policies, {
      PolicyInputList: [doc],
      PermissionsBoundaryPolicyInputList: [doc],
      PolicyExclusionList: [{ PolicyType: "inline" }, { PolicyType: "aws-managed" }, { PolicyType: "user-managed" }, { PolicyType: "permission-boundary" }],
    });
    expect(result.identity.map((p) => p.SourcePolicyId)).toEqual(["PolicyInputList.1"]);
    expect(result.permissionsBoundary?.SourcePolicyId).toBe("PermissionsBoundaryPolicyInputList.1");
  });
});

describe("withoutExplanations", () => {
  it("drops the console's explanations and nothing else", () => {
    const response = simulate({ PolicyInputList: [compact(allow("s3:GetObject"))], ActionNames: ["s3:GetObject"] });
    const aws = withoutExplanations(response);
    expect(aws.EvaluationResults[0]).not.toHaveProperty("explanation");
    expect(aws.EvaluationResults[0].MatchedStatements).toEqual(response.EvaluationResults[0].MatchedStatements);
    expect(response.EvaluationResults[0]).toHaveProperty("explanation");
  });
});
