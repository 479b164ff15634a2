// A throwaway PostgreSQL database beside the one DATABASE_URL names, for a test or benchmark
// run that must not touch that one: created empty, dropped when the run ends.
import pg from "pg";

/** Runs one statement on the server `base` names (CREATE and DROP DATABASE run outside transactions). */
async function onServer(base, sql) {
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates database `name` on `base`'s server (dropping one a crashed run left behind first). */
export async function createScratchDatabase(base, name) {
  await onServer(base, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await onServer(base, `CREATE DATABASE "${name}"`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onServer(base, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
