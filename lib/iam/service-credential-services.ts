// The services IAM issues service-specific credentials for, and the console's names for them.
// No 'server-only': the console's sections and dialogs name the services too.

export const SERVICE_SPECIFIC_CREDENTIAL_SERVICES = ["codecommit.amazonaws.com", "cassandra.amazonaws.com"] as const;
export type ServiceSpecificCredentialService = (typeof SERVICE_SPECIFIC_CREDENTIAL_SERVICES)[number];

export const SERVICE_LABELS: Record<ServiceSpecificCredentialService, string> = {
  "codecommit.amazonaws.com": "AWS CodeCommit",
  "cassandra.amazonaws.com": "Amazon Keyspaces",
};

/** The console's name of a service, or its service name when it has none. */
export function serviceLabel(serviceName: string): string {
  return (SERVICE_LABELS as Record<string, string>)[serviceName] ?? serviceName;
}
