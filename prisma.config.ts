import { defineConfig } from "prisma/config";

// The runtime never reads this file: lib/db builds the client with a driver adapter.
// It only tells the Prisma CLI where the schema and migrations are.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
