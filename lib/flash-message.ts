// A message for the console's Flashbar that survives a server action's redirect: the action
// stores it in a short-lived cookie and redirects; the console shell shows it on the page the
// redirect lands on and clears it. Plain module, read by both sides.

export const FLASH_COOKIE = "iam-flash";

/** Seconds a message waits for its page: long enough for a slow render, short enough to never surprise. */
export const FLASH_MAX_AGE = 60;

export interface FlashMessage {
  type: "success" | "error" | "warning" | "info";
  /** The message; where it contains `link.text`, that text links to `link.href`. */
  content: string;
  header?: string;
  link?: { text: string; href: string };
}

const TYPES: ReadonlySet<string> = new Set(["success", "error", "warning", "info"]);

export function encodeFlash(message: FlashMessage): string {
  return encodeURIComponent(JSON.stringify(message));
}

/** The message a cookie value holds, or undefined for anything else (a cookie is user input). */
export function decodeFlash(value: string | undefined): FlashMessage | undefined {
  if (!value) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(decodeURIComponent(value));
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== "object") return undefined;
  const { type, content, header, link } = parsed as Record<string, unknown>;
  if (typeof type !== "string" || !TYPES.has(type) || typeof content !== "string") return undefined;
  if (header !== undefined && typeof header !== "string") return undefined;
  const message: FlashMessage = { type: type as FlashMessage["type"], content, ...(header !== undefined ? { header } : {}) };
  if (link === undefined) return message;
  if (!link || typeof link !== "object") return undefined;
  const { text, href } = link as Record<string, unknown>;
  // Only a path inside the console: the cookie must never turn the message into a way out.
  if (typeof text !== "string" || typeof href !== "string" || !href.startsWith("/") || href.startsWith("//")) return undefined;
  return { ...message, link: { text, href } };
}

/** The message split around its link text: [before, link text, after], or undefined without a link in it. */
export function splitFlashLink(message: FlashMessage): [string, string, string] | undefined {
  if (!message.link) return undefined;
  const at = message.content.indexOf(message.link.text);
  if (at < 0 || message.link.text === "") return undefined;
  return [message.content.slice(0, at), message.link.text, message.content.slice(at + message.link.text.length)];
}

/** The flash cookie's value in a document.cookie string. */
export function flashFromCookieHeader(cookieHeader: string): string | undefined {
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === FLASH_COOKIE) return part.slice(eq + 1).trim();
  }
  return undefined;
}
