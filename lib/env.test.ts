import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import type { Env } from "./env";

// lib/env.ts is the one reader of process.env. Secrets missing from the environment are
// generated once into DATA_DIR/secrets.json (mode 0600) and reused after.

const root = mkdtempSync(path.join(os.tmpdir(), "iam-env-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const KEYS = ["IAM_DATA_DIR", "DATABASE_URL", "IAM_EMBEDDED_DB", "IAM_EMBEDDED_DB_TEMPLATE", "PORT", "NEXTAUTH_URL", "AUTH_SECRET", "NEXTAUTH_SECRET", "IAM_SECRETS_KEY", "SEED_ROOT_EMAIL", "SEED_ROOT_PASSWORD", "SEED_USER_PASSWORD", "IAM_PASSWORD_HASH_COST"];

/** env() as a fresh process with exactly these variables would see it. */
async function envWith(vars: Record<string, string>): Promise<{ env: Env; process: Record<string, string | undefined> }> {
  const saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));
  try {
    for (const k of KEYS) delete process.env[k];
    Object.assign(process.env, vars);
    vi.resetModules();
    const { env } = await import("./env");
    const result = env();
    expect(env()).toBe(result); // read once
    return { env: result, process: Object.fromEntries(KEYS.map((k) => [k, process.env[k]])) };
  } finally {
    for (const k of KEYS) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    vi.resetModules();
  }
}

describe("env()", () => {
  it("generates missing secrets once into DATA_DIR/secrets.json, mode 0600, and reuses them", async () => {
    const dataDir = path.join(root, "generated");
    const first = (await envWith({ IAM_DATA_DIR: dataDir })).env;
    const file = path.join(dataDir, "secrets.json");
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(readFileSync(file, "utf8")) as { authSecret: string; secretsKey: string };
    expect(first.authSecret).toBe(stored.authSecret);
    expect(first.secretsKey).toEqual(Buffer.from(stored.secretsKey, "base64"));
    expect(first.secretsKey).toHaveLength(32);
    expect(Buffer.from(first.authSecret, "base64")).toHaveLength(32);

    const second = (await envWith({ IAM_DATA_DIR: dataDir })).env;
    expect(second.authSecret).toBe(first.authSecret);
    expect(second.secretsKey).toEqual(first.secretsKey);
    expect(readFileSync(file, "utf8")).toBe(JSON.stringify(stored, null, 2) + "\n");
  });

  it("another data folder gets other secrets", async () => {
    const a = (await envWith({ IAM_DATA_DIR: path.join(root, "a") })).env;
    const b = (await envWith({ IAM_DATA_DIR: path.join(root, "b") })).env;
    expect(a.authSecret).not.toBe(b.authSecret);
    expect(a.secretsKey).not.toEqual(b.secretsKey);
  });

  it("secrets from the environment win, and then nothing is written", async () => {
    const dataDir = path.join(root, "given");
    const key = randomBytes(32);
    const { env } = await envWith({ IAM_DATA_DIR: dataDir, AUTH_SECRET: "session-secret", IAM_SECRETS_KEY: key.toString("base64") });
    expect(env.authSecret).toBe("session-secret");
    expect(env.secretsKey).toEqual(key);
    expect(existsSync(path.join(dataDir, "secrets.json"))).toBe(false);
    expect((await envWith({ IAM_DATA_DIR: dataDir, NEXTAUTH_SECRET: "legacy", IAM_SECRETS_KEY: key.toString("base64") })).env.authSecret).toBe("legacy");
  });

  it("refuses a secrets key that is not 32 bytes", async () => {
    await expect(envWith({ IAM_DATA_DIR: path.join(root, "bad"), AUTH_SECRET: "s", IAM_SECRETS_KEY: randomBytes(16).toString("base64") })).rejects.toThrow(
      "IAM_SECRETS_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32).",
    );
  });

  it("defaults: embedded database in .data, port 3000, NEXTAUTH_URL on localhost (also given to next-auth), bcrypt cost 12", async () => {
    const dataDir = path.join(root, "defaults");
    const { env, process: after } = await envWith({ IAM_DATA_DIR: dataDir, DATABASE_URL: "" });
    expect(env).toMatchObject({
      databaseUrl: undefined,
      dataDir,
      embeddedInMemory: false,
      embeddedTemplate: undefined,
      port: 3000,
      baseUrl: "http://localhost:3000",
      seedRootEmail: "root@demo.example.com",
      seedRootPassword: undefined,
      seedUserPassword: undefined,
      passwordHashCost: 12,
    });
    expect(after.NEXTAUTH_URL).toBe("http://localhost:3000");
  });

  it("reads the other settings", async () => {
    const { env, process: after } = await envWith({
      IAM_DATA_DIR: path.join(root, "settings"),
      DATABASE_URL: "postgresql://u@db:5432/iam",
      IAM_EMBEDDED_DB: "memory",
      IAM_EMBEDDED_DB_TEMPLATE: "/tmp/template.tar",
      PORT: "8080",
      SEED_ROOT_EMAIL: "admin@example.com",
      SEED_ROOT_PASSWORD: "Root-Passw0rd!",
      SEED_USER_PASSWORD: "User-Passw0rd!",
      IAM_PASSWORD_HASH_COST: "4",
    });
    expect(env).toMatchObject({
      databaseUrl: "postgresql://u@db:5432/iam",
      embeddedInMemory: true,
      embeddedTemplate: "/tmp/template.tar",
      port: 8080,
      baseUrl: "http://localhost:8080",
      seedRootEmail: "admin@example.com",
      seedRootPassword: "Root-Passw0rd!",
      seedUserPassword: "User-Passw0rd!",
      passwordHashCost: 4,
    });
    expect(after.NEXTAUTH_URL).toBe("http://localhost:8080");
    const custom = await envWith({ IAM_DATA_DIR: path.join(root, "settings"), NEXTAUTH_URL: "https://iam.example.com" });
    expect(custom.env.baseUrl).toBe("https://iam.example.com");
  });

  it("a relative IAM_DATA_DIR is resolved against the working directory", async () => {
    const { env } = await envWith({ IAM_DATA_DIR: path.relative(process.cwd(), path.join(root, "relative")) });
    expect(env.dataDir).toBe(path.join(root, "relative"));
  });
});
