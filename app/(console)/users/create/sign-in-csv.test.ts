import { describe, expect, it } from "vitest";
import { signInCsv } from "./sign-in-csv";

describe("the Retrieve password .csv file", () => {
  it("has the console's header row and the user's details", () => {
    expect(signInCsv("Samy", "Abc-123!", "http://localhost:3000/signin/demo")).toBe(
      "User name,Password,Console sign-in URL\nSamy,Abc-123!,http://localhost:3000/signin/demo\n",
    );
  });

  it("quotes a password holding a comma or a quote", () => {
    expect(signInCsv("Samy", 'a,b"c', "u")).toBe('User name,Password,Console sign-in URL\nSamy,"a,b""c",u\n');
  });
});
