import { afterEach, describe, expect, it } from "vitest";
import { clearPolicyCache, compilePolicy, policyCacheSize, setPolicyCacheLimit } from "./compile";
import { evaluate } from "./evaluate";
import { hashText } from "./hash";

const text = (n: number) => JSON.stringify({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: `s3:Get${n}`, Resource: "*" } });

afterEach(() => {
  setPolicyCacheLimit(1000);
  clearPolicyCache();
});

describe("compilePolicy", () => {
  it("compiles each text once and serves it from the cache", () => {
    clearPolicyCache();
    const a = compilePolicy(text(1));
    expect(compilePolicy(text(1))).toBe(a);
    expect(compilePolicy(text(2))).not.toBe(a);
    expect(policyCacheSize()).toBe(2);
  });

  it("evaluate reuses the cached compilation for string documents", () => {
    clearPolicyCache();
    const doc = text(3);
    evaluate({ action: "s3:Get3", resource: "*", context: {} }, { identityPolicies: [{ id: "p", type: "user", document: doc }] });
    const cached = compilePolicy(doc);
    evaluate({ action: "s3:Get3", resource: "*", context: {} }, { identityPolicies: [{ id: "p", type: "user", document: doc }] });
    expect(compilePolicy(doc)).toBe(cached);
    expect(policyCacheSize()).toBe(1);
  });

  it("renders objects as 4-space JSON, so positions refer to that text", () => {
    const compiled = compilePolicy({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] });
    expect(compiled.text.split("\n")[1]).toBe('    "Version": "2012-10-17",');
    expect(compiled.statements[0].range.start).toEqual({ line: 4, column: 9 });
    expect(compilePolicy(compiled.text)).toBe(compiled);
  });

  it("keeps findings and marks unreadable statements", () => {
    const compiled = compilePolicy('{"Statement": [{"Effect": "Allow", "Action": "s3:*"}, {"Effect": "Permit", "Action": "s3:*"}]}');
    expect(compiled.statements.map((s) => s.usable)).toEqual([true, false]);
    expect(compiled.findings.map((f) => f.issueCode)).toEqual(["INVALID_EFFECT"]);
    expect(compilePolicy("nope").statements).toEqual([]);
  });

  it("is bounded, dropping the least recently used", () => {
    setPolicyCacheLimit(2);
    const one = compilePolicy(text(1));
    compilePolicy(text(2));
    compilePolicy(text(1)); // refresh 1
    compilePolicy(text(3)); // evicts 2
    expect(policyCacheSize()).toBe(2);
    expect(compilePolicy(text(1))).toBe(one);
    const two = compilePolicy(text(2));
    expect(compilePolicy(text(2))).toBe(two);
  });

  it("hashes quickly and differently", () => {
    expect(hashText("a")).not.toBe(hashText("b"));
    expect(hashText("ab")).not.toBe(hashText("ba"));
    expect(hashText(text(1))).toBe(hashText(text(1)));
  });

  it("evaluates 10,000 requests over cached policies quickly", () => {
    const identityPolicies = Array.from({ length: 10 }, (_, i) => ({
      id: `p${i}`,
      type: "user-managed" as const,
      document: JSON.stringify({
        Version: "2012-10-17",
        Statement: Array.from({ length: 10 }, (_, j) => ({
          Effect: "Allow",
          Action: [`ec2:Describe${j}*`, `iam:Get${i}${j}*`],
          Resource: "arn:aws:iam::123456789012:user/${aws:username}",
          Condition: { StringEquals: { "aws:PrincipalTag/team": "red" } },
        })),
      }),
    }));
    const started = performance.now();
    for (let n = 0; n < 10000; n++) {
      evaluate({ action: "iam:ListUsers", resource: "arn:aws:iam::123456789012:user/", context: { "aws:username": "bob" } }, { identityPolicies });
    }
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
