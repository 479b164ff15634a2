import { describe, expect, it } from "vitest";
import { CONSOLE_POLICY_TYPES } from "@/lib/iam/policies-console";
import { parsePolicyPickerQuery, POLICY_TYPE_FILTERS, policyPickerInput } from "./policy-picker-config";

describe("the policy picker's query", () => {
  it("offers the types listPoliciesForConsole filters by", () => {
    expect([...POLICY_TYPE_FILTERS]).toEqual([...CONSOLE_POLICY_TYPES]);
  });

  it("reads its own prefixed params and asks for that page", () => {
    const params = new URLSearchParams(
      "policies.filter=s3&policies.type=AWS+managed&policies.page=2&policies.sort=type&policies.order=desc&page=9",
    );
    const picker = parsePolicyPickerQuery(params, "policies");
    expect(picker.type).toBe("AWS managed");
    expect(policyPickerInput(picker)).toEqual({
      filter: "s3",
      type: "AWS managed",
      sort: { by: "type", descending: true },
      page: 2,
      pageSize: 25,
    });
  });

  it("ignores a type the console does not offer", () => {
    const picker = parsePolicyPickerQuery({ "boundary.type": "Inline" }, "boundary");
    expect(picker.type).toBeUndefined();
    expect(policyPickerInput(picker, "Permissions boundary")).toEqual({
      filter: "",
      usage: "Permissions boundary",
      sort: { by: "name", descending: false },
      page: 1,
      pageSize: 25,
    });
  });
});
