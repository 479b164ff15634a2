// The .csv files the console downloads with a new credential: a header row and one row of
// values, quoted where CSV needs it. Plain module: the browser builds the file from the values
// it was shown once, so the secret never travels again.

function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A header row and one row of values, each line ended with a newline. */
export function csvFile(header: readonly string[], values: readonly string[]): string {
  return `${header.map(field).join(",")}\n${values.map(field).join(",")}\n`;
}

/** "Download .csv file" after creating an access key, as AWS's file has it. */
export function accessKeyCsv(key: { AccessKeyId: string; SecretAccessKey: string }): string {
  return csvFile(["Access key ID", "Secret access key"], [key.AccessKeyId, key.SecretAccessKey]);
}
