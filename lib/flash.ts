import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { FLASH_COOKIE, FLASH_MAX_AGE, type FlashMessage } from "./flash-message";

/**
 * Ends a server action by going to `href` with a Flashbar message there. The redirect is part of
 * the action's own response, so the new page (already revalidated) and the message arrive
 * together; a client-side router.push after the action could lose the race with the action's
 * refresh and leave the form on screen. Call it outside try/catch: redirect() throws.
 */
export async function redirectWithFlash(href: string, message: FlashMessage): Promise<never> {
  // Next writes the value through encodeURIComponent itself, so the browser receives exactly
  // encodeFlash(message); encoding it here as well would leave it undecodable.
  (await cookies()).set(FLASH_COOKIE, JSON.stringify(message), {
    path: "/",
    maxAge: FLASH_MAX_AGE,
    sameSite: "lax",
    // The shell reads and clears it in the browser; it holds only the message shown on screen.
    httpOnly: false,
  });
  redirect(href);
}
