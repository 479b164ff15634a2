import { describe, expect, it } from "vitest";
import { CONSOLE_POLICY_TYPES, CONSOLE_POLICY_USAGES } from "@/lib/iam/policies-console";
import { POLICY_TYPE_CHOICES, POLICY_USAGE_CHOICES } from "./policies-table-config";

describe("the Policies table's filters", () => {
  it("offer the types and usages listPoliciesForConsole filters by", () => {
    expect([...POLICY_TYPE_CHOICES]).toEqual([...CONSOLE_POLICY_TYPES]);
    expect([...POLICY_USAGE_CHOICES]).toEqual([...CONSOLE_POLICY_USAGES]);
  });
});
