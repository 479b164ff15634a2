// Table-driven tests of every condition operator family, through a one-statement policy, so
// parsing, compilation and the shared rules (missing keys, IfExists, set operators) all count.
// Examples follow the IAM User Guide's condition operator and set operator pages.

import { describe, expect, it } from "vitest";
import { compilePolicy } from "../compile";
import { evaluate } from "../evaluate";
import type { RequestContext } from "../types";

type Row = [string, Record<string, unknown>, RequestContext, boolean];

function holds(condition: Record<string, unknown>, context: RequestContext, version = "2012-10-17"): boolean {
  const policy = compilePolicy(
    JSON.stringify({ Version: version, Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: condition }] }),
  );
  expect(policy.findings.filter((f) => f.malformedPolicyDocument !== undefined)).toEqual([]);
  const result = evaluate({ action: "s3:GetObject", resource: "*", context }, { identityPolicies: [{ id: "p", type: "none", document: policy }] });
  return result.decision === "allowed";
}

function table(rows: Row[]) {
  it.each(rows)("%s", (_name, condition, context, expected) => {
    expect(holds(condition, context)).toBe(expected);
  });
}

describe("String operators", () => {
  const team = { StringEquals: { "aws:PrincipalTag/job-category": "iamuser-admin" } };
  table([
    ["StringEquals: equal", team, { "aws:PrincipalTag/job-category": "iamuser-admin" }, true],
    ["StringEquals: different", team, { "aws:PrincipalTag/job-category": "other" }, false],
    ["StringEquals: values are case-sensitive", team, { "aws:PrincipalTag/job-category": "IAMUSER-ADMIN" }, false],
    ["StringEquals: keys are case-insensitive (tag key too)", team, { "AWS:principaltag/JOB-CATEGORY": "iamuser-admin" }, true],
    ["StringEquals: absent key fails", team, {}, false],
    ["StringEquals: an empty tag value counts as absent", team, { "aws:PrincipalTag/job-category": "" }, false],
    ["StringNotEquals: an empty tag value counts as absent", { StringNotEquals: { "aws:RequestTag/team": "" } }, { "aws:RequestTag/team": "" }, true],
    ["StringLike: other empty strings are values (s3:prefix at the bucket root)", { StringLike: { "s3:prefix": ["", "home/"] } }, { "s3:prefix": "" }, true],
    ["StringEquals: * is literal", { StringEquals: { "aws:username": "*" } }, { "aws:username": "bob" }, false],
    ["StringEquals: several values are OR'ed", { StringEquals: { "aws:RequestedRegion": ["us-east-1", "us-west-1"] } }, { "aws:RequestedRegion": "us-west-1" }, true],
    ["StringNotEquals: differs from all", { StringNotEquals: { "aws:RequestedRegion": ["us-east-1", "us-west-1"] } }, { "aws:RequestedRegion": "eu-west-1" }, true],
    ["StringNotEquals: equals one", { StringNotEquals: { "aws:RequestedRegion": ["us-east-1", "us-west-1"] } }, { "aws:RequestedRegion": "us-west-1" }, false],
    ["StringNotEquals: absent key holds", { StringNotEquals: { "aws:RequestedRegion": "us-east-1" } }, {}, true],
    ["StringEqualsIgnoreCase", { StringEqualsIgnoreCase: { "aws:PrincipalTag/role": "Admin" } }, { "aws:PrincipalTag/role": "aDMIN" }, true],
    ["StringNotEqualsIgnoreCase: same but for case", { StringNotEqualsIgnoreCase: { "aws:PrincipalTag/role": "Admin" } }, { "aws:PrincipalTag/role": "ADMIN" }, false],
    ["StringNotEqualsIgnoreCase: absent holds", { StringNotEqualsIgnoreCase: { "aws:PrincipalTag/role": "Admin" } }, {}, true],
    ["StringLike: * runs", { StringLike: { "s3:prefix": "home/*" } }, { "s3:prefix": "home/bob/docs" }, true],
    ["StringLike: ? is one character", { StringLike: { "aws:PrincipalTag/env": "dev?" } }, { "aws:PrincipalTag/env": "dev1" }, true],
    ["StringLike: ? is exactly one", { StringLike: { "aws:PrincipalTag/env": "dev?" } }, { "aws:PrincipalTag/env": "dev12" }, false],
    ["StringLike: case-sensitive", { StringLike: { "s3:prefix": "Home/*" } }, { "s3:prefix": "home/x" }, false],
    ["StringLike: absent fails", { StringLike: { "s3:prefix": "*" } }, {}, false],
    ["StringNotLike: matches → fails", { StringNotLike: { "s3:prefix": "private/*" } }, { "s3:prefix": "private/a" }, false],
    ["StringNotLike: no match → holds", { StringNotLike: { "s3:prefix": "private/*" } }, { "s3:prefix": "public/a" }, true],
    ["StringNotLike: absent → holds", { StringNotLike: { "s3:prefix": "private/*" } }, {}, true],
  ]);
});

describe("Numeric operators", () => {
  const maxKeys = (op: string, v: unknown = "10") => ({ [op]: { "s3:max-keys": v } });
  table([
    ["NumericLessThanEquals: equal", maxKeys("NumericLessThanEquals"), { "s3:max-keys": "10" }, true],
    ["NumericLessThanEquals: above", maxKeys("NumericLessThanEquals"), { "s3:max-keys": "11" }, false],
    ["NumericLessThan: equal fails", maxKeys("NumericLessThan"), { "s3:max-keys": "10" }, false],
    ["NumericLessThan: below", maxKeys("NumericLessThan"), { "s3:max-keys": "9.5" }, true],
    ["NumericGreaterThan: decimals", maxKeys("NumericGreaterThan", "1.25"), { "s3:max-keys": "1.5" }, true],
    ["NumericGreaterThanEquals: equal", maxKeys("NumericGreaterThanEquals"), { "s3:max-keys": "10.0" }, true],
    ["NumericEquals: JSON number in the policy", maxKeys("NumericEquals", 10), { "s3:max-keys": "10" }, true],
    ["NumericEquals: different", maxKeys("NumericEquals"), { "s3:max-keys": "1" }, false],
    ["NumericNotEquals: different", maxKeys("NumericNotEquals"), { "s3:max-keys": "1" }, true],
    ["NumericNotEquals: absent holds", maxKeys("NumericNotEquals"), {}, true],
    ["NumericLessThan: absent fails", maxKeys("NumericLessThan"), {}, false],
    ["NumericLessThan: not a number fails", maxKeys("NumericLessThan"), { "s3:max-keys": "abc" }, false],
    ["NumericNotEquals: not a number fails", maxKeys("NumericNotEquals"), { "s3:max-keys": "abc" }, false],
  ]);
});

describe("Date operators", () => {
  const after = { DateGreaterThan: { "aws:CurrentTime": "2019-07-16T12:00:00Z" } };
  table([
    ["DateGreaterThan: later", after, { "aws:CurrentTime": "2020-01-01T00:00:00Z" }, true],
    ["DateGreaterThan: earlier", after, { "aws:CurrentTime": "2019-01-01T00:00:00Z" }, false],
    ["DateGreaterThan: equal fails", after, { "aws:CurrentTime": "2019-07-16T12:00:00Z" }, false],
    ["DateGreaterThanEquals: equal", { DateGreaterThanEquals: { "aws:CurrentTime": "2019-07-16T12:00:00Z" } }, { "aws:CurrentTime": "2019-07-16T12:00:00Z" }, true],
    ["DateLessThan: epoch seconds vs ISO", { DateLessThan: { "aws:CurrentTime": "1735689600" } }, { "aws:CurrentTime": "2024-06-01T00:00:00Z" }, true],
    ["DateLessThanEquals: ISO vs epoch in the request", { DateLessThanEquals: { "aws:EpochTime": "2024-06-01T00:00:00Z" } }, { "aws:EpochTime": "1717200000" }, true],
    ["DateEquals: no zone means UTC", { DateEquals: { "aws:CurrentTime": "2020-01-01T00:00:00" } }, { "aws:CurrentTime": "2020-01-01T00:00:00Z" }, true],
    ["DateEquals: offsets are honoured", { DateEquals: { "aws:CurrentTime": "2020-01-01T02:00:00+02:00" } }, { "aws:CurrentTime": "2020-01-01T00:00:00Z" }, true],
    ["DateEquals: date only is midnight UTC", { DateEquals: { "aws:CurrentTime": "2020-01-01" } }, { "aws:CurrentTime": "2020-01-01T00:00:00Z" }, true],
    ["DateNotEquals: absent holds", { DateNotEquals: { "aws:CurrentTime": "2020-01-01" } }, {}, true],
    ["DateLessThan: absent fails", { DateLessThan: { "aws:TokenIssueTime": "2020-01-01" } }, {}, false],
    ["DateLessThan: not a date fails", { DateLessThan: { "aws:CurrentTime": "2020-01-01" } }, { "aws:CurrentTime": "yesterday" }, false],
  ]);
});

describe("Bool", () => {
  table([
    ["true = true", { Bool: { "aws:SecureTransport": "true" } }, { "aws:SecureTransport": "true" }, true],
    ["true ≠ false", { Bool: { "aws:SecureTransport": "true" } }, { "aws:SecureTransport": "false" }, false],
    ["JSON boolean in the policy", { Bool: { "aws:SecureTransport": true } }, { "aws:SecureTransport": "true" }, true],
    ["case-insensitive", { Bool: { "aws:SecureTransport": "true" } }, { "aws:SecureTransport": "TRUE" }, true],
    ["absent fails", { Bool: { "aws:MultiFactorAuthPresent": "false" } }, {}, false],
    // The IAM User Guide's MFA example: long-term keys carry no aws:MultiFactorAuthPresent.
    ["BoolIfExists: absent holds", { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } }, {}, true],
    ["BoolIfExists: present and false", { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } }, { "aws:MultiFactorAuthPresent": "false" }, true],
    ["BoolIfExists: present and true", { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } }, { "aws:MultiFactorAuthPresent": "true" }, false],
  ]);
});

describe("BinaryEquals", () => {
  const c = { BinaryEquals: { "s3:key-name": "QmluYXJ5VmFsdWVJbkJhc2U2NA==" } };
  table([
    ["same bytes", c, { "s3:key-name": "QmluYXJ5VmFsdWVJbkJhc2U2NA==" }, true],
    ["other bytes", c, { "s3:key-name": "QmluYXJ5" }, false],
    ["not base64", c, { "s3:key-name": "???" }, false],
    ["absent", c, {}, false],
  ]);
});

describe("IpAddress / NotIpAddress", () => {
  const v4 = { IpAddress: { "aws:SourceIp": ["192.0.2.0/24", "203.0.113.0/24"] } };
  const v6 = { IpAddress: { "aws:SourceIp": "2001:DB8:1234:5678::/64" } };
  table([
    ["in the second block", v4, { "aws:SourceIp": "203.0.113.5" }, true],
    ["outside both", v4, { "aws:SourceIp": "198.51.100.1" }, false],
    ["bare address is /32", { IpAddress: { "aws:SourceIp": "203.0.113.5" } }, { "aws:SourceIp": "203.0.113.5" }, true],
    ["bare address is /32 (other)", { IpAddress: { "aws:SourceIp": "203.0.113.5" } }, { "aws:SourceIp": "203.0.113.6" }, false],
    ["/0 covers all IPv4", { IpAddress: { "aws:SourceIp": "0.0.0.0/0" } }, { "aws:SourceIp": "8.8.8.8" }, true],
    ["IPv6 inside", v6, { "aws:SourceIp": "2001:db8:1234:5678::1" }, true],
    ["IPv6 outside", v6, { "aws:SourceIp": "2001:db8:1234:5679::1" }, false],
    ["IPv6 full form", v6, { "aws:SourceIp": "2001:0db8:1234:5678:0000:0000:0000:ffff" }, true],
    ["IPv4 request vs IPv6 block", v6, { "aws:SourceIp": "203.0.113.5" }, false],
    ["IPv4-mapped IPv6 request", v4, { "aws:SourceIp": "::ffff:203.0.113.5" }, true],
    ["not an address", v4, { "aws:SourceIp": "localhost" }, false],
    ["absent fails", v4, {}, false],
    ["NotIpAddress: inside fails", { NotIpAddress: { "aws:SourceIp": "192.0.2.0/24" } }, { "aws:SourceIp": "192.0.2.9" }, false],
    ["NotIpAddress: outside holds", { NotIpAddress: { "aws:SourceIp": "192.0.2.0/24" } }, { "aws:SourceIp": "192.0.3.9" }, true],
    ["NotIpAddress: absent holds", { NotIpAddress: { "aws:SourceIp": "192.0.2.0/24" } }, {}, true],
  ]);
});

describe("Arn operators", () => {
  const trail = { ArnLike: { "aws:SourceArn": "arn:aws:cloudtrail:*:111122223333:trail/*" } };
  table([
    ["ArnLike: wildcard region and name", trail, { "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:111122223333:trail/mytrail" }, true],
    ["ArnLike: other account", trail, { "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:444455556666:trail/mytrail" }, false],
    ["ArnLike: * does not cross a colon", { ArnLike: { "aws:SourceArn": "arn:aws:iam::*:user/bob" } }, { "aws:SourceArn": "arn:aws:iam::1:2:user/bob" }, false],
    ["ArnLike: the resource segment keeps its colons", { ArnLike: { "aws:SourceArn": "arn:aws:logs:us-east-1:111122223333:log-group:*" } }, { "aws:SourceArn": "arn:aws:logs:us-east-1:111122223333:log-group:app:log-stream:x" }, true],
    ["ArnLike: too few segments never match", { ArnLike: { "aws:SourceArn": "arn:aws:iam::*" } }, { "aws:SourceArn": "arn:aws:iam::111122223333:user/bob" }, false],
    ["ArnLike: * alone", { ArnLike: { "aws:SourceArn": "*" } }, { "aws:SourceArn": "arn:aws:iam::111122223333:user/bob" }, true],
    ["ArnEquals behaves as ArnLike", { ArnEquals: { "iam:PolicyARN": "arn:aws:iam::aws:policy/*" } }, { "iam:PolicyARN": "arn:aws:iam::aws:policy/ReadOnlyAccess" }, true],
    ["ArnEquals: case-sensitive", { ArnEquals: { "iam:PolicyARN": "arn:aws:iam::aws:policy/readonlyaccess" } }, { "iam:PolicyARN": "arn:aws:iam::aws:policy/ReadOnlyAccess" }, false],
    ["ArnLike: not an ARN", trail, { "aws:SourceArn": "mytrail" }, false],
    ["ArnNotLike: match fails", { ArnNotLike: { "iam:PolicyARN": "arn:aws:iam::*:policy/Admin*" } }, { "iam:PolicyARN": "arn:aws:iam::111122223333:policy/AdminAll" }, false],
    ["ArnNotLike: no match holds", { ArnNotLike: { "iam:PolicyARN": "arn:aws:iam::*:policy/Admin*" } }, { "iam:PolicyARN": "arn:aws:iam::111122223333:policy/Read" }, true],
    ["ArnNotEquals: absent holds", { ArnNotEquals: { "iam:PolicyARN": "arn:aws:iam::*:policy/x" } }, {}, true],
  ]);
});

describe("Null", () => {
  table([
    ['"true": absent', { Null: { "aws:TokenIssueTime": "true" } }, {}, true],
    ['"true": present', { Null: { "aws:TokenIssueTime": "true" } }, { "aws:TokenIssueTime": "2024-01-01T00:00:00Z" }, false],
    ['"false": present', { Null: { "aws:TokenIssueTime": "false" } }, { "aws:TokenIssueTime": "2024-01-01T00:00:00Z" }, true],
    ['"false": absent', { Null: { "aws:TokenIssueTime": "false" } }, {}, false],
    ["JSON boolean", { Null: { "aws:TokenIssueTime": true } }, {}, true],
    ["empty string is null", { Null: { "aws:RequestTag/team": "true" } }, { "aws:RequestTag/team": "" }, true],
  ]);
});

describe("…IfExists", () => {
  const type = { StringEqualsIfExists: { "ec2:InstanceType": ["t1.*", "t2.micro"] } };
  table([
    ["absent holds", type, {}, true],
    ["present and equal", type, { "ec2:InstanceType": "t2.micro" }, true],
    ["present and different", type, { "ec2:InstanceType": "m5.large" }, false],
    ["NumericLessThanIfExists present", { NumericLessThanIfExists: { "aws:MultiFactorAuthAge": "3600" } }, { "aws:MultiFactorAuthAge": "7200" }, false],
    ["StringLikeIfExists present", { StringLikeIfExists: { "ec2:InstanceType": "t2.*" } }, { "ec2:InstanceType": "t2.nano" }, true],
  ]);
});

describe("Set operators", () => {
  const allOf = { "ForAllValues:StringEquals": { "aws:TagKeys": ["environment", "cost-center"] } };
  const anyOf = { "ForAnyValue:StringEquals": { "aws:TagKeys": ["environment", "cost-center"] } };
  table([
    ["ForAllValues: a subset", allOf, { "aws:TagKeys": ["environment"] }, true],
    ["ForAllValues: every value allowed", allOf, { "aws:TagKeys": ["cost-center", "environment"] }, true],
    ["ForAllValues: one value not allowed", allOf, { "aws:TagKeys": ["environment", "owner"] }, false],
    ["ForAllValues: absent holds", allOf, {}, true],
    ["ForAllValues: empty list holds", allOf, { "aws:TagKeys": [] }, true],
    ["ForAllValues: a single string is a one-element set", allOf, { "aws:TagKeys": "environment" }, true],
    ["ForAnyValue: one value listed", anyOf, { "aws:TagKeys": ["owner", "environment"] }, true],
    ["ForAnyValue: none listed", anyOf, { "aws:TagKeys": ["owner"] }, false],
    ["ForAnyValue: absent fails", anyOf, {}, false],
    ["ForAnyValue: empty list fails", anyOf, { "aws:TagKeys": [] }, false],
    ["ForAllValues:StringLike", { "ForAllValues:StringLike": { "aws:TagKeys": "dept-*" } }, { "aws:TagKeys": ["dept-a", "dept-b"] }, true],
    ["ForAllValues:StringLike: one off", { "ForAllValues:StringLike": { "aws:TagKeys": "dept-*" } }, { "aws:TagKeys": ["dept-a", "team"] }, false],
    ["ForAnyValue:StringNotEquals: one differs", { "ForAnyValue:StringNotEquals": { "aws:TagKeys": "a" } }, { "aws:TagKeys": ["a", "b"] }, true],
    ["ForAnyValue:StringNotEquals: none differs", { "ForAnyValue:StringNotEquals": { "aws:TagKeys": "a" } }, { "aws:TagKeys": ["a"] }, false],
    ["ForAllValues:StringNotEquals: all differ", { "ForAllValues:StringNotEquals": { "aws:TagKeys": ["a", "b"] } }, { "aws:TagKeys": ["c", "d"] }, true],
    ["ForAllValues:StringNotEquals: one equals", { "ForAllValues:StringNotEquals": { "aws:TagKeys": ["a", "b"] } }, { "aws:TagKeys": ["c", "b"] }, false],
    ["ForAnyValue:StringEqualsIfExists: absent holds", { "ForAnyValue:StringEqualsIfExists": { "aws:TagKeys": "a" } }, {}, true],
    ["no set operator, multivalued key: any value equal", { StringEquals: { "aws:TagKeys": "b" } }, { "aws:TagKeys": ["a", "b"] }, true],
    ["no set operator, negated: must differ everywhere", { StringNotEquals: { "aws:TagKeys": "b" } }, { "aws:TagKeys": ["a", "b"] }, false],
  ]);
});

describe("Combining", () => {
  const twoKeys = { StringEquals: { "aws:username": "bob", "aws:PrincipalTag/team": "red" } };
  const twoOps = { StringEquals: { "aws:username": "bob" }, IpAddress: { "aws:SourceIp": "10.0.0.0/8" } };
  table([
    ["keys under one operator are AND'ed: both", twoKeys, { "aws:username": "bob", "aws:PrincipalTag/team": "red" }, true],
    ["keys under one operator are AND'ed: one", twoKeys, { "aws:username": "bob", "aws:PrincipalTag/team": "blue" }, false],
    ["operators are AND'ed: both", twoOps, { "aws:username": "bob", "aws:SourceIp": "10.1.2.3" }, true],
    ["operators are AND'ed: one", twoOps, { "aws:username": "bob", "aws:SourceIp": "11.1.2.3" }, false],
  ]);
});

describe("Variables in condition values", () => {
  const home = { StringLike: { "s3:prefix": ["", "home/", "home/${aws:username}/*"] } };
  table([
    ["substituted (IAM User Guide home-folder example)", home, { "s3:prefix": "home/bob/docs", "aws:username": "bob" }, true],
    ["someone else's folder", home, { "s3:prefix": "home/alice/docs", "aws:username": "bob" }, false],
    ["variable without a value: positive operator fails", { StringEquals: { "aws:PrincipalTag/team": "${aws:username}" } }, { "aws:PrincipalTag/team": "bob" }, false],
    ["variable without a value: negated operator holds", { StringNotEquals: { "aws:PrincipalTag/team": "${aws:username}" } }, { "aws:PrincipalTag/team": "bob" }, true],
    ["default value", { StringEquals: { "aws:ResourceTag/team": "${aws:PrincipalTag/team, 'company-wide'}" } }, { "aws:ResourceTag/team": "company-wide" }, true],
    ["value wins over the default", { StringEquals: { "aws:ResourceTag/team": "${aws:PrincipalTag/team, 'company-wide'}" } }, { "aws:ResourceTag/team": "red", "aws:PrincipalTag/team": "red" }, true],
    ["variable keys are case-insensitive", { StringEquals: { "aws:ResourceTag/owner": "${AWS:UserName}" } }, { "aws:ResourceTag/owner": "bob", "aws:username": "bob" }, true],
    ["a substituted * is literal under StringLike", { StringLike: { "s3:prefix": "${aws:username}" } }, { "s3:prefix": "anything", "aws:username": "*" }, false],
    ["${*} is a literal *", { StringLike: { "s3:prefix": "a${*}" } }, { "s3:prefix": "a*" }, true],
    ["${*} is not a wildcard", { StringLike: { "s3:prefix": "a${*}" } }, { "s3:prefix": "abc" }, false],
    ["ArnLike with a variable", { ArnLike: { "aws:SourceArn": "arn:aws:iam::${aws:PrincipalAccount}:user/*" } }, { "aws:SourceArn": "arn:aws:iam::111122223333:user/x", "aws:PrincipalAccount": "111122223333" }, true],
    ["iam:ResourceTag and aws:ResourceTag are one key", { StringEquals: { "iam:ResourceTag/team": "${aws:PrincipalTag/team}" } }, { "aws:ResourceTag/team": "red", "aws:PrincipalTag/team": "red" }, true],
    ["multivalued key is not a variable", { StringEquals: { "s3:prefix": "${aws:TagKeys}" } }, { "s3:prefix": "a", "aws:TagKeys": ["a", "b"] }, false],
  ]);

  it("are literal text without Version 2012-10-17", () => {
    const c = { StringEquals: { "s3:prefix": "${aws:username}" } };
    expect(holds(c, { "s3:prefix": "${aws:username}", "aws:username": "bob" }, "2008-10-17")).toBe(true);
    expect(holds(c, { "s3:prefix": "bob", "aws:username": "bob" }, "2008-10-17")).toBe(false);
    expect(holds(c, { "s3:prefix": "bob", "aws:username": "bob" })).toBe(true);
  });
});
