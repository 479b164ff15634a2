import { describe, expect, it } from "vitest";
import { decodeFlash, encodeFlash, flashFromCookieHeader, FLASH_COOKIE, splitFlashLink } from "./flash-message";

describe("flash message cookie", () => {
  it("round-trips a message with characters a cookie cannot hold raw", () => {
    const message = { type: "success", content: "User Samy; created = \"yes\", 100%" } as const;
    expect(decodeFlash(encodeFlash(message))).toEqual(message);
  });

  it.each([
    ["empty", ""],
    ["not JSON", "%7Bnope"],
    ["bad escape", "%E0%A4%A"],
    ["unknown type", encodeURIComponent(JSON.stringify({ type: "fatal", content: "x" }))],
    ["content not a string", encodeURIComponent(JSON.stringify({ type: "info", content: 3 }))],
    ["header not a string", encodeURIComponent(JSON.stringify({ type: "info", content: "x", header: {} }))],
    ["an array", encodeURIComponent("[]")],
    ["a link out of the console", encodeURIComponent(JSON.stringify({ type: "info", content: "x", link: { text: "x", href: "https://evil.example" } }))],
    ["a protocol-relative link", encodeURIComponent(JSON.stringify({ type: "info", content: "x", link: { text: "x", href: "//evil.example" } }))],
    ["a link without text", encodeURIComponent(JSON.stringify({ type: "info", content: "x", link: { href: "/users" } }))],
  ])("rejects %s", (_, value) => {
    expect(decodeFlash(value)).toBeUndefined();
  });

  it("keeps a console link and splits the content around it", () => {
    const message = { type: "success", content: "User Samy created successfully.", link: { text: "Samy", href: "/users/details/Samy" } } as const;
    const decoded = decodeFlash(encodeFlash(message));
    expect(decoded).toEqual(message);
    expect(splitFlashLink(decoded!)).toEqual(["User ", "Samy", " created successfully."]);
    expect(splitFlashLink({ ...message, link: { text: "Bob", href: "/" } })).toBeUndefined();
    expect(splitFlashLink({ type: "info", content: "x" })).toBeUndefined();
  });

  it("finds the cookie among others", () => {
    const value = encodeFlash({ type: "info", content: "a=b" });
    expect(flashFromCookieHeader(`other=1; ${FLASH_COOKIE}=${value}; last=2`)).toBe(value);
    expect(flashFromCookieHeader(`x${FLASH_COOKIE}=1`)).toBeUndefined();
    expect(flashFromCookieHeader("")).toBeUndefined();
  });
});
