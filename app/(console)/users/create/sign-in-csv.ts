import { csvFile } from "@/lib/access-key-csv";

// The .csv file the console's "Retrieve password" page downloads: a header row and the user's
// sign-in details, fields quoted where CSV needs it.

export function signInCsv(userName: string, password: string, signInUrl: string): string {
  return csvFile(["User name", "Password", "Console sign-in URL"], [userName, password, signInUrl]);
}
