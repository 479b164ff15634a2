import { describe, expect, it } from "vitest";
import { GET } from "./route";

describe("GET /api/policy-catalog", () => {
  it("serves the catalog for a week, revalidated by an ETag made from the data's version", async () => {
    const response = await GET(new Request("http://localhost/api/policy-catalog"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("public, max-age=604800, stale-while-revalidate=86400");
    const body = (await response.json()) as { version: string; services: unknown[] };
    expect(response.headers.get("etag")).toBe(`"iam-data-${body.version}"`);
    expect(body.services.length).toBeGreaterThan(400);

    const again = await GET(new Request("http://localhost/api/policy-catalog", { headers: { "If-None-Match": `"iam-data-${body.version}"` } }));
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
  });
});
