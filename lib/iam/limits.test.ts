import { describe, expect, it } from "vitest";
import { POLICY_SIZE_QUOTAS } from "@/lib/iam/policy";
import { INLINE_POLICY_SIZE_MAX, MANAGED_POLICY_SIZE_MAX, TRUST_POLICY_SIZE_MAX } from "./limits";

describe("limits", () => {
  it("the policy size quotas the domain enforces are the ones the policy validator reports against", () => {
    expect({
      managed: MANAGED_POLICY_SIZE_MAX,
      "inline-user": INLINE_POLICY_SIZE_MAX.user,
      "inline-group": INLINE_POLICY_SIZE_MAX.group,
      "inline-role": INLINE_POLICY_SIZE_MAX.role,
      trust: TRUST_POLICY_SIZE_MAX,
    }).toEqual({
      managed: POLICY_SIZE_QUOTAS.managed,
      "inline-user": POLICY_SIZE_QUOTAS["inline-user"],
      "inline-group": POLICY_SIZE_QUOTAS["inline-group"],
      "inline-role": POLICY_SIZE_QUOTAS["inline-role"],
      trust: POLICY_SIZE_QUOTAS.trust,
    });
  });
});
