import { describe, expect, it } from "vitest";
import { accessKeyCsv, csvFile } from "./access-key-csv";

describe("the downloaded credential files", () => {
  it("an access key's file has AWS's header and the key's ID and secret", () => {
    expect(accessKeyCsv({ AccessKeyId: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" })).toBe(
      "Access key ID,Secret access key\nAKIAIOSFODNN7EXAMPLE,wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
    );
  });

  it("quotes values that CSV would otherwise split", () => {
    expect(csvFile(["a", "b"], ['x,y', 'say "hi"'])).toBe('a,b\n"x,y","say ""hi"""\n');
  });
});
