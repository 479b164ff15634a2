// The JSON schema of the IAM policy grammar, for the editor's structure completions and hover
// help. It is advice for the person typing: the markers come from lib/iam/policy's validator
// (the same one the server uses), never from this schema. Texts follow the IAM User Guide's
// "IAM JSON policy elements reference".

/** The subset of JSON Schema that Monaco's JSON language service reads for help. */
export interface PolicySchema {
  $id?: string;
  type?: string | string[];
  title?: string;
  description?: string;
  markdownDescription?: string;
  enum?: string[];
  markdownEnumDescriptions?: string[];
  properties?: Record<string, PolicySchema>;
  patternProperties?: Record<string, PolicySchema>;
  additionalProperties?: boolean | PolicySchema;
  items?: PolicySchema;
  oneOf?: PolicySchema[];
  anyOf?: PolicySchema[];
  required?: string[];
  minItems?: number;
  defaultSnippets?: { label?: string; description?: string; body: unknown }[];
  definitions?: Record<string, PolicySchema>;
  $ref?: string;
}

const DOCS = "https://docs.aws.amazon.com/IAM/latest/UserGuide";

/** Condition operators and what each tests, in AWS's words (the condition operators reference). */
export const CONDITION_OPERATOR_HELP: Readonly<Record<string, string>> = {
  StringEquals: "Exact matching, case sensitive.",
  StringNotEquals: "Negated matching: true when the key's value equals none of the values.",
  StringEqualsIgnoreCase: "Exact matching, ignoring case.",
  StringNotEqualsIgnoreCase: "Negated matching, ignoring case.",
  StringLike: "Case-sensitive matching. The values can include multi-character match wildcards (`*`) and single-character match wildcards (`?`) anywhere in the string.",
  StringNotLike: "Negated case-sensitive matching. The values can include wildcards (`*` and `?`).",
  NumericEquals: "Matching: the key's number equals a value.",
  NumericNotEquals: "Negated matching: the key's number equals none of the values.",
  NumericLessThan: "\"Less than\" matching.",
  NumericLessThanEquals: "\"Less than or equals\" matching.",
  NumericGreaterThan: "\"Greater than\" matching.",
  NumericGreaterThanEquals: "\"Greater than or equals\" matching.",
  DateEquals: "Matching a specific date (ISO 8601 or epoch seconds).",
  DateNotEquals: "Negated date matching.",
  DateLessThan: "Matching before a specific date and time.",
  DateLessThanEquals: "Matching at or before a specific date and time.",
  DateGreaterThan: "Matching after a specific date and time.",
  DateGreaterThanEquals: "Matching at or after a specific date and time.",
  Bool: "Boolean matching: `\"true\"` or `\"false\"`.",
  BinaryEquals: "Byte-for-byte comparison of a base-64 encoded binary value.",
  IpAddress: "Matching the specified IP address or range (CIDR notation).",
  NotIpAddress: "Matching all IP addresses except the specified address or range.",
  ArnEquals: "Case-sensitive matching of the ARN, each of its six colon-delimited parts checked separately; may include wildcards.",
  ArnLike: "Case-sensitive matching of the ARN, each of its six colon-delimited parts checked separately; may include wildcards.",
  ArnNotEquals: "Negated ARN matching.",
  ArnNotLike: "Negated ARN matching.",
  Null: "Checks whether a condition key is present: `\"true\"` means the key is absent (null), `\"false\"` that it exists.",
};

const SET_OPERATOR_HELP =
  "`ForAnyValue:` — true when at least one of the request's values matches one of the policy's values. " +
  "`ForAllValues:` — true when every value in the request matches at least one of the policy's values (and when the key is absent).";

function markdown(text: string, anchor: string): string {
  return `${text}\n\n[IAM JSON policy elements: ${anchor}](${DOCS}/reference_policies_elements_${anchor.toLowerCase()}.html)`;
}

const stringOrStrings = (description: string, anchor: string): PolicySchema => ({
  markdownDescription: markdown(description, anchor),
  oneOf: [{ type: "string" }, { type: "array", items: { type: "string" }, minItems: 1 }],
});

const principalValue: PolicySchema = {
  oneOf: [
    { type: "string", enum: ["*"], markdownEnumDescriptions: ["Everyone (anonymous access): use only with conditions."] },
    {
      type: "object",
      properties: {
        AWS: {
          markdownDescription: "AWS account IDs or ARNs (`arn:aws:iam::123456789012:root`), IAM users, IAM roles, or assumed-role sessions.",
          oneOf: [{ type: "string" }, { type: "array", items: { type: "string" } }],
        },
        Service: {
          markdownDescription: "AWS service principals, such as `ec2.amazonaws.com`.",
          oneOf: [{ type: "string" }, { type: "array", items: { type: "string" } }],
        },
        Federated: {
          markdownDescription: "A SAML or OIDC identity provider: its ARN or a web identity provider such as `cognito-identity.amazonaws.com`.",
          oneOf: [{ type: "string" }, { type: "array", items: { type: "string" } }],
        },
        CanonicalUser: {
          markdownDescription: "An Amazon S3 canonical user ID.",
          oneOf: [{ type: "string" }, { type: "array", items: { type: "string" } }],
        },
      },
      additionalProperties: false,
    },
  ],
};

/** The schema of one condition block's value: `{ "aws:Key": "value" | ["values"] }`. */
const conditionKeys: PolicySchema = {
  type: "object",
  additionalProperties: {
    oneOf: [{ type: "string" }, { type: "boolean" }, { type: "number" }, { type: "array", items: { type: ["string", "boolean", "number"] } }],
  },
};

function conditionSchema(operators: readonly string[]): PolicySchema {
  const properties: Record<string, PolicySchema> = {};
  for (const name of operators) {
    const help = CONDITION_OPERATOR_HELP[name] ?? "Condition operator.";
    properties[name] = { ...conditionKeys, markdownDescription: `**${name}**: ${help}` };
  }
  const names = operators.filter((n) => n !== "Null").join("|");
  return {
    type: "object",
    markdownDescription: markdown(
      "Conditions for when the statement is in effect: `{ \"Operator\": { \"condition-key\": \"value\" } }`. " +
        "All operators must hold (AND); several values for one key match if any does (OR). " +
        "Append `IfExists` to an operator to make it hold when the key is absent; prefix it with `ForAnyValue:` or `ForAllValues:` for multivalued keys.",
      "Condition",
    ),
    properties,
    patternProperties: {
      [`^(ForAnyValue:|ForAllValues:)?(${names})(IfExists)?$`]: {
        ...conditionKeys,
        markdownDescription: `A condition operator with a set prefix or the \`IfExists\` suffix. ${SET_OPERATOR_HELP}`,
      },
    },
  };
}

export function policySchema(operators: readonly string[]): PolicySchema {
  const statement: PolicySchema = {
    type: "object",
    markdownDescription: markdown(
      "One permission: its `Effect` on the `Action`s for the `Resource`s, under the `Condition`s. Needs `Effect`, `Action` or `NotAction`, and (in identity-based policies) `Resource` or `NotResource`.",
      "Statement",
    ),
    properties: {
      Sid: {
        type: "string",
        markdownDescription: markdown("An optional identifier for the statement, unique within the policy (letters and digits).", "Sid"),
      },
      Effect: {
        type: "string",
        enum: ["Allow", "Deny"],
        markdownEnumDescriptions: [
          "Allows the actions, unless another statement denies them.",
          "Explicitly denies the actions: overrides any Allow.",
        ],
        markdownDescription: markdown("Whether the statement allows or explicitly denies access. An explicit deny always wins.", "Effect"),
      },
      Principal: {
        ...principalValue,
        markdownDescription: markdown(
          "Who the statement applies to. Only in resource-based policies and role trust policies, never in identity-based policies.",
          "Principal",
        ),
      },
      NotPrincipal: {
        ...principalValue,
        markdownDescription: markdown("Every principal except the ones listed. Only in resource-based policies; AWS advises against it.", "NotPrincipal"),
      },
      Action: stringOrStrings(
        "The actions the statement covers, as `service:Action` (`s3:GetObject`); `*` and `?` are wildcards (`iam:Get*`). Case-insensitive.",
        "Action",
      ),
      NotAction: stringOrStrings(
        "Every action except the ones listed. With Allow it grants everything else — pair it with a Resource or a Condition.",
        "NotAction",
      ),
      Resource: stringOrStrings(
        "The resources the statement covers, as ARNs (`arn:aws:s3:::bucket/*`); `*` matches every resource. Wildcards may be used in each part of the ARN.",
        "Resource",
      ),
      NotResource: stringOrStrings("Every resource except the ones listed.", "NotResource"),
      Condition: conditionSchema(operators),
    },
    additionalProperties: false,
    required: ["Effect"],
    defaultSnippets: [
      {
        label: "Allow statement",
        description: "A statement that allows actions on resources",
        body: { Sid: "$1", Effect: "Allow", Action: ["$2"], Resource: ["${3:*}"] },
      },
      {
        label: "Deny statement",
        description: "A statement that explicitly denies actions on resources",
        body: { Sid: "$1", Effect: "Deny", Action: ["$2"], Resource: ["${3:*}"] },
      },
    ],
  };

  return {
    $id: "https://iam-console.local/schemas/iam-policy.json",
    title: "IAM policy",
    type: "object",
    markdownDescription: markdown("An IAM policy document: a `Version` and one or more `Statement`s.", "Version"),
    properties: {
      Version: {
        type: "string",
        enum: ["2012-10-17", "2008-10-17"],
        markdownEnumDescriptions: [
          "The current version of the policy language. Use it always: policy variables such as `${aws:username}` need it.",
          "An earlier version, without policy variables.",
        ],
        markdownDescription: markdown(
          "The version of the policy language (not a date you choose). Always `2012-10-17`; managed policies require it.",
          "Version",
        ),
      },
      Id: { type: "string", markdownDescription: markdown("An optional identifier for the policy.", "Id") },
      Statement: {
        markdownDescription: markdown("The policy's statements: one object, or an array of them.", "Statement"),
        oneOf: [statement, { type: "array", items: statement }],
      },
    },
    additionalProperties: false,
    required: ["Version", "Statement"],
  };
}
