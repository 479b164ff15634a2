import { describe, expect, it } from "vitest";
import { ID_PREFIX, newId, newSecretAccessKey, stableId } from "./ids";

describe("AWS unique IDs", () => {
  it.each([
    ["user", "AIDA"],
    ["group", "AGPA"],
    ["role", "AROA"],
    ["policy", "ANPA"],
    ["instanceProfile", "AIPA"],
    ["serverCertificate", "ASCA"],
  ] as const)("a %s ID is %s + 17 uppercase base32 characters (21 in all)", (kind, prefix) => {
    expect(ID_PREFIX[kind]).toBe(prefix);
    const id = newId(kind);
    expect(id).toMatch(new RegExp(`^${prefix}[A-Z2-7]{17}$`));
  });

  it("an access key ID is AKIA + 16 (20 in all); a temporary one ASIA + 16", () => {
    expect(newId("accessKey")).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(newId("temporaryAccessKey")).toMatch(/^ASIA[A-Z2-7]{16}$/);
  });

  it("new IDs do not repeat", () => {
    const ids = new Set(Array.from({ length: 2000 }, () => newId("user")));
    expect(ids.size).toBe(2000);
  });

  it("stable IDs depend only on the seed", () => {
    const arn = "arn:aws:iam::aws:policy/AdministratorAccess";
    expect(stableId("policy", arn)).toBe(stableId("policy", arn));
    expect(stableId("policy", arn)).toMatch(/^ANPA[A-Z2-7]{17}$/);
    expect(stableId("policy", arn)).not.toBe(stableId("policy", `${arn}2`));
  });

  it("a secret access key is 40 characters of [A-Za-z0-9+/]", () => {
    for (let i = 0; i < 50; i++) expect(newSecretAccessKey()).toMatch(/^[A-Za-z0-9+/]{40}$/);
    expect(newSecretAccessKey()).not.toBe(newSecretAccessKey());
  });
});
