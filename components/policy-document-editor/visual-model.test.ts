import { describe, expect, it } from "vitest";
import { anyArn, emptyStatement, parseVisualModel, serializeVisualModel, statementProblems } from "./visual-model";

const S3_READ = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "Read",
      Effect: "Allow",
      Action: ["s3:GetObject", "s3:ListBucket"],
      Resource: ["arn:aws:s3:::bucket", "arn:aws:s3:::bucket/*"],
      Condition: { StringEquals: { "aws:RequestedRegion": ["eu-west-1", "us-east-1"] }, Bool: { "aws:SecureTransport": true } },
    },
  ],
});

describe("the visual policy model", () => {
  it("reads a statement of one service and writes the same document back", () => {
    const parsed = parseVisualModel(S3_READ);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const [s] = parsed.model.statements;
    expect(s).toMatchObject({
      kind: "visual",
      sid: "Read",
      service: "s3",
      actions: ["GetObject", "ListBucket"],
      allResources: false,
      conditions: [
        { operator: "StringEquals", key: "aws:RequestedRegion", values: ["eu-west-1", "us-east-1"] },
        { operator: "Bool", key: "aws:SecureTransport", values: ["true"] },
      ],
    });
    const back = JSON.parse(serializeVisualModel(parsed.model));
    expect(back.Statement[0].Action).toEqual(["s3:GetObject", "s3:ListBucket"]);
    expect(back.Statement[0].Condition).toEqual({
      StringEquals: { "aws:RequestedRegion": ["eu-west-1", "us-east-1"] },
      Bool: { "aws:SecureTransport": "true" },
    });
  });

  it("reads service:* as all actions and * as all resources", () => {
    const parsed = parseVisualModel('{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"iam:*","Resource":"*"}}');
    expect(parsed.ok && parsed.model.statements[0]).toMatchObject({ kind: "visual", effect: "Deny", service: "iam", allActions: true, allResources: true });
    if (parsed.ok) expect(JSON.parse(serializeVisualModel(parsed.model)).Statement[0]).toEqual({ Effect: "Deny", Action: "iam:*", Resource: "*" });
  });

  it.each([
    [{ Effect: "Allow", NotAction: "s3:*", Resource: "*" }, /NotAction/],
    [{ Effect: "Allow", Action: "s3:Get*", Resource: "*" }, /wildcard/],
    [{ Effect: "Allow", Action: ["s3:GetObject", "ec2:RunInstances"], Resource: "*" }, /more than one service/],
    [{ Effect: "Allow", Action: "*", Resource: "*" }, /all services/],
    [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" }, /Principal/],
  ])("keeps %j as JSON-only, with the reason", (statement, reason) => {
    const text = JSON.stringify({ Version: "2012-10-17", Statement: [statement] });
    const parsed = parseVisualModel(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const [s] = parsed.model.statements;
    expect(s.kind).toBe("json");
    if (s.kind === "json") expect(s.reason).toMatch(reason);
    expect(JSON.parse(serializeVisualModel(parsed.model))).toEqual(JSON.parse(text));
  });

  it("refuses text that is not JSON", () => {
    expect(parseVisualModel("{ nope").ok).toBe(false);
  });

  it("starts an empty document with one statement to fill", () => {
    const parsed = parseVisualModel("");
    expect(parsed.ok && parsed.model.statements).toHaveLength(1);
  });

  it("reads a statement still being written (no actions yet) as visual", () => {
    const parsed = parseVisualModel('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[],"Resource":[]}]}');
    expect(parsed.ok && parsed.model.statements[0]).toMatchObject({ kind: "visual", service: "", actions: [], resources: [] });
  });

  it("says what a statement still needs", () => {
    const s = emptyStatement();
    expect(statementProblems(s)).toEqual({ service: "Choose a service.", resources: "Add an ARN, or choose All." });
    expect(statementProblems({ ...s, service: "s3", allResources: true })).toEqual({ actions: "Choose at least one action." });
  });

  it("fills an ARN format for any resource", () => {
    expect(anyArn("arn:${Partition}:s3:::${BucketName}/${ObjectName}")).toBe("arn:aws:s3:::*/*");
    expect(anyArn("arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}", "123456789012")).toBe("arn:aws:iam::123456789012:role/*");
  });
});
