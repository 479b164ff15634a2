import "server-only";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

// The one place that reads process.env. Values are read once, on first use.

export interface Env {
  /** PostgreSQL connection string; absent means the embedded PGlite database. */
  databaseUrl: string | undefined;
  /** Folder for the embedded database and generated secrets. */
  dataDir: string;
  /** Keep the embedded database in memory (each test file gets its own). */
  embeddedInMemory: boolean;
  /** An initialized data directory (a tar file) an in-memory database starts from, skipping initdb (tests). */
  embeddedTemplate: string | undefined;
  port: number;
  /** Public URL of the console (next-auth's NEXTAUTH_URL). */
  baseUrl: string;
  /** Signs session JWTs. */
  authSecret: string;
  /** 32-byte AES-256-GCM key for secrets stored in the database. */
  secretsKey: Buffer;
  seedRootEmail: string;
  seedRootPassword: string | undefined;
  seedUserPassword: string | undefined;
  /** Lower than default bcrypt cost, only for tests. */
  passwordHashCost: number;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= readEnv(process.env);
  return cached;
}

function readEnv(e: NodeJS.ProcessEnv): Env {
  const dataDir = path.resolve(/*turbopackIgnore: true*/ e.IAM_DATA_DIR || ".data");
  const port = Number(e.PORT || 3000);
  const baseUrl = e.NEXTAUTH_URL || `http://localhost:${port}`;
  // next-auth reads NEXTAUTH_URL itself; make the default visible to it.
  e.NEXTAUTH_URL ??= baseUrl;
  const generated = () => generatedSecrets(dataDir);
  const authSecret = e.AUTH_SECRET || e.NEXTAUTH_SECRET || generated().authSecret;
  const keyText = e.IAM_SECRETS_KEY || generated().secretsKey;
  const secretsKey = Buffer.from(keyText, "base64");
  if (secretsKey.length !== 32) {
    throw new Error("IAM_SECRETS_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32).");
  }
  return {
    databaseUrl: e.DATABASE_URL || undefined,
    dataDir,
    embeddedInMemory: e.IAM_EMBEDDED_DB === "memory",
    embeddedTemplate: e.IAM_EMBEDDED_DB_TEMPLATE || undefined,
    port,
    baseUrl,
    authSecret,
    secretsKey,
    seedRootEmail: e.SEED_ROOT_EMAIL || "root@demo.example.com",
    seedRootPassword: e.SEED_ROOT_PASSWORD || undefined,
    seedUserPassword: e.SEED_USER_PASSWORD || undefined,
    passwordHashCost: Number(e.IAM_PASSWORD_HASH_COST || 12),
  };
}

interface GeneratedSecrets {
  authSecret: string;
  secretsKey: string;
}

let generatedCache: GeneratedSecrets | undefined;

/** Secrets not given in the environment are generated once into DATA_DIR/secrets.json (0600). */
function generatedSecrets(dataDir: string): GeneratedSecrets {
  if (generatedCache) return generatedCache;
  const file = path.join(dataDir, "secrets.json");
  if (existsSync(file)) {
    generatedCache = JSON.parse(readFileSync(file, "utf8")) as GeneratedSecrets;
    return generatedCache;
  }
  mkdirSync(dataDir, { recursive: true });
  const secrets: GeneratedSecrets = {
    authSecret: randomBytes(32).toString("base64"),
    secretsKey: randomBytes(32).toString("base64"),
  };
  try {
    writeFileSync(file, JSON.stringify(secrets, null, 2) + "\n", { mode: 0o600, flag: "wx" });
  } catch (err) {
    // Another process wrote it first: use theirs.
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    return generatedSecrets(dataDir);
  }
  chmodSync(file, 0o600);
  generatedCache = secrets;
  return secrets;
}
