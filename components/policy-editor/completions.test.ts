import { describe, expect, it } from "vitest";
import type { CatalogData } from "@/lib/iam/policy/catalog";
import { toEditorCatalog } from "./catalog";
import { arnSnippet, hoverAt, servicesInDocument, suggestionsAt } from "./completions";

const DATA: CatalogData = {
  version: "test",
  globalConditionKeys: [
    ["aws:MultiFactorAuthPresent", "Bool"],
    ["aws:RequestTag/${TagKey}", "String"],
  ],
  services: [
    {
      prefix: "s3",
      name: "Amazon S3",
      actions: [
        ["GetObject", "Read", "Retrieve objects from Amazon S3", ["object*"], [0]],
        ["GetObjectAcl", "Read", "Return the access control list (ACL) of an object"],
        ["PutObject", "Write", "Add an object to a bucket"],
      ],
      resourceTypes: [
        ["bucket", "arn:${Partition}:s3:::${BucketName}"],
        ["object", "arn:${Partition}:s3:::${BucketName}/${ObjectName}"],
      ],
      conditionKeys: [["s3:prefix", "String"]],
    },
    { prefix: "iam", name: "AWS Identity and Access Management (IAM)", actions: [["GetUser", "Read", "Retrieve a user"]], resourceTypes: [], conditionKeys: [] },
  ],
};
const CATALOG = toEditorCatalog(DATA);

function at(textWithCursor: string) {
  const offset = textWithCursor.indexOf("|");
  const text = textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1);
  return suggestionsAt(text, offset, CATALOG).suggestions;
}

describe("suggestionsAt", () => {
  it("offers service prefixes, then the service's actions, in Action", () => {
    const services = at('{"Statement": [{"Action": ["|"]}]}');
    expect(services.map((s) => s.label)).toEqual(["*", "s3:", "iam:"]);
    expect(services.find((s) => s.label === "s3:")).toMatchObject({ kind: "service", retrigger: true, detail: "Amazon S3" });

    const actions = at('{"Statement": [{"NotAction": "s3:Get|"}]}');
    expect(actions.map((s) => s.label)).toEqual(["s3:*", "s3:GetObject", "s3:GetObjectAcl", "s3:PutObject"]);
    expect(actions[1]).toMatchObject({ kind: "action", detail: "Read", documentation: "Retrieve objects from Amazon S3" });
  });

  it("offers nothing for an unknown service", () => {
    expect(at('{"Statement": [{"Action": "nope:Get|"}]}')).toEqual([]);
  });

  it("offers ARN templates of the services the document uses in Resource", () => {
    const resources = at('{"Statement": [{"Action": "s3:GetObject", "Resource": "|"}]}');
    expect(resources.map((s) => s.label)).toEqual(["*", "arn:${Partition}:s3:::${BucketName}", "arn:${Partition}:s3:::${BucketName}/${ObjectName}"]);
    expect(resources[2]).toMatchObject({ snippet: true, insertText: "arn:aws:s3:::${1:BucketName}/${2:ObjectName}" });
  });

  it("offers the ARN templates of a service typed in the ARN", () => {
    expect(at('{"Statement": [{"Resource": ["arn:aws:s3|"]}]}').map((s) => s.label)).toContain("arn:${Partition}:s3:::${BucketName}");
  });

  it("offers global and service condition keys under an operator", () => {
    const keys = at('{"Statement": [{"Action": "s3:GetObject", "Condition": {"StringLike": {"|"}}}]}');
    expect(keys.map((s) => s.label)).toEqual(["aws:MultiFactorAuthPresent", "aws:RequestTag/${TagKey}", "s3:prefix"]);
  });

  it("offers true and false for a Bool key's value", () => {
    expect(at('{"Statement": [{"Condition": {"Bool": {"aws:MultiFactorAuthPresent": "|"}}}]}').map((s) => s.label)).toEqual(["true", "false"]);
    expect(at('{"Statement": [{"Condition": {"StringEquals": {"s3:prefix": "|"}}}]}')).toEqual([]);
  });

  it("offers nothing in other places", () => {
    expect(at('{"Version": "|"}')).toEqual([]);
    expect(at('{"Statement": [{"Sid": "|"}]}')).toEqual([]);
  });
});

describe("arnSnippet", () => {
  it("fills the partition, numbers the variables and escapes snippet syntax", () => {
    expect(arnSnippet("arn:${Partition}:iam::${Account}:user/${UserNameWithPath}")).toBe("arn:aws:iam::${1:Account}:user/${2:UserNameWithPath}");
    expect(arnSnippet("a$b}c")).toBe("a\\$b\\}c");
  });
});

describe("servicesInDocument", () => {
  it("lists the action prefixes, not ARNs or global keys", () => {
    expect(servicesInDocument('{"Action": ["S3:Get*", "iam:GetUser"], "Resource": "arn:aws:s3:::b", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}')).toEqual([
      "s3",
      "iam",
    ]);
  });
});

describe("hoverAt", () => {
  const text = '{"Statement": [{"Action": ["s3:getobject", "s3:Get*"], "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}]}';

  it("describes an action, whatever its case", () => {
    const help = hoverAt(text, text.indexOf("getobject"), CATALOG);
    expect(help?.contents).toContain("**s3:GetObject** — Amazon S3");
    expect(help?.contents).toContain("Access level: Read");
    expect(text.slice(help!.start, help!.end)).toBe('"s3:getobject"');
  });

  it("lists the actions a wildcard matches", () => {
    expect(hoverAt(text, text.indexOf("Get*"), CATALOG)?.contents).toMatch(/matches 2 of 3 Amazon S3 actions:\n\n- s3:GetObject \(Read\)\n- s3:GetObjectAcl/);
  });

  it("describes a condition key", () => {
    expect(hoverAt(text, text.indexOf("MultiFactor"), CATALOG)?.contents).toContain("**aws:MultiFactorAuthPresent** (Bool)");
  });
});
