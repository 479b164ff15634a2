import { NextResponse, type NextRequest } from "next/server";

// Console pages need a session. Without a session cookie at all, go straight to sign-in;
// otherwise pass the requested path on, so a page whose session turns out to be expired or
// revoked can send the browser to sign-in and back. The session itself is checked by
// requireConsoleIdentity against the database.

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];
const PATHNAME_HEADER = "x-iam-pathname";

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const back = pathname + search;
  if (!SESSION_COOKIES.some((c) => request.cookies.has(c))) {
    const url = request.nextUrl.clone();
    url.pathname = "/signin";
    url.search = `?callbackUrl=${encodeURIComponent(back)}`;
    return NextResponse.redirect(url);
  }
  const headers = new Headers(request.headers);
  headers.set(PATHNAME_HEADER, back);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Everything but sign-in, next-auth, the AWS API endpoint and static files.
  matcher: ["/((?!signin|api/|_next/|favicon.ico|icon.svg|robots.txt).*)"],
};
