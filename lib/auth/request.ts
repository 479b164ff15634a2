import "server-only";

// Facts about the HTTP request that become condition keys (aws:SourceIp, aws:SecureTransport).

type HeaderBag = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

function header(h: HeaderBag, name: string): string | undefined {
  if (typeof (h as { get?: unknown }).get === "function") return (h as { get(n: string): string | null }).get(name) ?? undefined;
  const v = (h as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(v) ? v[0] : v;
}

export function requestFacts(h: HeaderBag) {
  const forwarded = header(h, "x-forwarded-for")?.split(",")[0]?.trim();
  const sourceIp = (forwarded || header(h, "x-real-ip") || "127.0.0.1").replace(/^::ffff:/, "");
  const proto = header(h, "x-forwarded-proto");
  return {
    sourceIp: sourceIp === "::1" ? "127.0.0.1" : sourceIp,
    userAgent: header(h, "user-agent"),
    secureTransport: proto === "https",
  };
}
