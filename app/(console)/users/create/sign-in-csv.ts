// The .csv file the console's "Retrieve password" page downloads: a header row and the user's
// sign-in details, fields quoted where CSV needs it.

function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function signInCsv(userName: string, password: string, signInUrl: string): string {
  return ["User name,Password,Console sign-in URL", [userName, password, signInUrl].map(field).join(",")].join("\n") + "\n";
}
