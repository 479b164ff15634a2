/**
 * Where to go after signing in: the callbackUrl of the query string when it is a path on this
 * site ("/users?x=1"), else the dashboard. Never another origin ("//evil.example", "https://…").
 */
export function safeCallbackUrl(value: string | string[] | undefined): string {
  const url = Array.isArray(value) ? value[0] : value;
  if (!url || !url.startsWith("/") || url.startsWith("//") || url.startsWith("/\\")) return "/";
  if (url === "/signin" || url.startsWith("/signin/") || url.startsWith("/signin?")) return "/";
  return url;
}

/** "?callbackUrl=…" to carry the destination along, or nothing for the dashboard. */
export function callbackQuery(callbackUrl: string): string {
  return callbackUrl === "/" ? "" : `?${new URLSearchParams({ callbackUrl })}`;
}
