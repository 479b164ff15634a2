// The .csv files the console downloads with a new credential: a header row and one row of
// values, quoted where CSV needs it. Plain module: the browser builds the file from the values
// it was shown once, so the secret never travels again.

import { csvQuote } from "./csv";

/** A header row and one row of values, each line ended with a newline. */
export function csvFile(header: readonly string[], values: readonly string[]): string {
  return `${header.map(csvQuote).join(",")}\n${values.map(csvQuote).join(",")}\n`;
}

/** "Download .csv file" after creating an access key, as AWS's file has it. */
export function accessKeyCsv(key: { AccessKeyId: string; SecretAccessKey: string }): string {
  return csvFile(["Access key ID", "Secret access key"], [key.AccessKeyId, key.SecretAccessKey]);
}
