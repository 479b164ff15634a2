import { describe, expect, it } from "vitest";
import { CONFIRM_WORD, confirmationLabel, confirmationPhrase, isConfirmed } from "./confirmation";

describe("the delete dialog's typed confirmation", () => {
  it("asks for the name of a single entity", () => {
    expect(confirmationPhrase(["Samy"], "name")).toBe("Samy");
    expect(confirmationLabel("Samy", "user name")).toBe("To confirm deletion, enter the user name in the text input field.");
  });

  it("asks for confirm when several entities go", () => {
    expect(confirmationPhrase(["Samy", "Ana"], "name")).toBe(CONFIRM_WORD);
    expect(confirmationLabel(CONFIRM_WORD, "user name")).toBe("To confirm deletion, enter confirm in the text input field.");
  });

  it("asks for confirm when told to, and for nothing when not", () => {
    expect(confirmationPhrase(["Samy"], "confirm")).toBe(CONFIRM_WORD);
    expect(confirmationPhrase(["Samy"], "none")).toBeUndefined();
    expect(isConfirmed("", undefined)).toBe(true);
  });

  it("accepts exactly the phrase (surrounding spaces aside)", () => {
    expect(isConfirmed("Samy", "Samy")).toBe(true);
    expect(isConfirmed(" Samy ", "Samy")).toBe(true);
    expect(isConfirmed("samy", "Samy")).toBe(false);
    expect(isConfirmed("Sam", "Samy")).toBe(false);
    expect(isConfirmed("Confirm", CONFIRM_WORD)).toBe(false);
  });
});
