import "server-only";
import { csvQuote } from "@/lib/csv";
import { redact } from "@/lib/iam/activity";
import { parseArn } from "@/lib/iam/arns";

// How a recorded activity event reads in CloudTrail's words: its event ID, the user name the
// event history shows, the resources it names, the CloudTrail record (eventVersion 1.09) and a
// CSV line of the console's export. Pure: the rows come in, text goes out.

/** The columns of an activity event these functions read. */
export interface EventRow {
  id: bigint;
  accountId: string;
  eventTime: Date;
  requestId: string;
  eventSource: string;
  eventName: string;
  principalArn: string;
  principalId: string | null;
  principalType: string;
  accessKeyId: string | null;
  sessionName: string | null;
  sourceIp: string | null;
  userAgent: string | null;
  requestParameters: unknown;
  resourceArn: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  readOnly: boolean;
  mfaAuthenticated: boolean;
  identityArn: string | null;
  awsRegion: string | null;
}

export const EVENT_ROW_SELECT = {
  id: true,
  accountId: true,
  eventTime: true,
  requestId: true,
  eventSource: true,
  eventName: true,
  principalArn: true,
  principalId: true,
  principalType: true,
  accessKeyId: true,
  sessionName: true,
  sourceIp: true,
  userAgent: true,
  requestParameters: true,
  resourceArn: true,
  errorCode: true,
  errorMessage: true,
  readOnly: true,
  mfaAuthenticated: true,
  identityArn: true,
  awsRegion: true,
} as const;

// ---- Event IDs ---------------------------------------------------------------------------------

// An event ID is a UUID (version 8, RFC 9562's custom layout) whose last 48 bits are the event's
// row number and whose other bits come from its request ID: it looks up by primary key, and
// a row number alone does not make a valid ID.
const EVENT_ID = /^([0-9a-f]{8})-([0-9a-f]{4})-8([0-9a-f]{3})-([89ab])([0-9a-f]{3})-([0-9a-f]{12})$/;

export function eventIdOf(row: Pick<EventRow, "id" | "requestId">): string {
  const r = row.requestId.replace(/-/g, "").toLowerCase();
  const variant = "89ab"[parseInt(r[16], 16) & 3];
  return `${r.slice(0, 8)}-${r.slice(8, 12)}-8${r.slice(13, 16)}-${variant}${r.slice(17, 20)}-${row.id.toString(16).padStart(12, "0")}`;
}

/** The row an event ID names, or undefined when it is not an event ID at all. */
export function rowIdOfEventId(eventId: string): bigint | undefined {
  const m = EVENT_ID.exec(eventId.toLowerCase());
  return m ? BigInt(`0x${m[6]}`) : undefined;
}

// ---- Who and what ------------------------------------------------------------------------------

/** The last segment of an IAM ARN's resource ("user/division/bob" → "bob"). */
function friendlyName(resource: string): string {
  return resource.slice(resource.lastIndexOf("/") + 1);
}

/**
 * The event history's "User name": an IAM user's name, "root", a role session's name, a
 * federated user's name.
 */
export function userNameOf(row: Pick<EventRow, "principalType" | "principalArn" | "sessionName">): string | undefined {
  switch (row.principalType) {
    case "Root":
      return "root";
    case "AssumedRole":
      return row.sessionName ?? friendlyName(parseArn(row.principalArn)?.resource ?? "");
    default: {
      const resource = parseArn(row.principalArn)?.resource;
      return resource ? friendlyName(resource) : undefined;
    }
  }
}

export interface EventResource {
  ResourceType?: string;
  ResourceName?: string;
}

// Resource types as CloudTrail names them, by service and the ARN's resource type.
const RESOURCE_TYPES: Record<string, Record<string, string>> = {
  iam: {
    user: "AWS::IAM::User",
    group: "AWS::IAM::Group",
    role: "AWS::IAM::Role",
    policy: "AWS::IAM::Policy",
    "instance-profile": "AWS::IAM::InstanceProfile",
    mfa: "AWS::IAM::MFADevice",
    "saml-provider": "AWS::IAM::SAMLProvider",
    "oidc-provider": "AWS::IAM::OIDCProvider",
    "server-certificate": "AWS::IAM::ServerCertificate",
  },
  s3: { bucket: "AWS::S3::Bucket", object: "AWS::S3::Object" },
  dynamodb: { table: "AWS::DynamoDB::Table" },
  ec2: { instance: "AWS::EC2::Instance", volume: "AWS::EC2::Volume", "security-group": "AWS::EC2::SecurityGroup" },
  lambda: { function: "AWS::Lambda::Function" },
  sqs: { queue: "AWS::SQS::Queue" },
  sns: { topic: "AWS::SNS::Topic" },
  kms: { key: "AWS::KMS::Key" },
};

// IAM users, groups, roles and instance profiles are named by their friendly name, S3 buckets
// by the bucket's name, anything else by its ARN, as the event history shows them.
const NAMED_BY_NAME = new Set(["AWS::IAM::User", "AWS::IAM::Group", "AWS::IAM::Role", "AWS::IAM::InstanceProfile", "AWS::S3::Bucket"]);

function resourceTypeOf(service: string, resource: string): { type: string; typeKey: string } | undefined {
  if (service === "s3") {
    const slash = resource.indexOf("/");
    return slash === -1 ? { type: "AWS::S3::Bucket", typeKey: "bucket" } : { type: "AWS::S3::Object", typeKey: "object" };
  }
  const typeKey = /^[\w-]+/.exec(resource)?.[0] ?? "";
  const type = RESOURCE_TYPES[service]?.[typeKey];
  return type ? { type, typeKey } : undefined;
}

/** The resource an event names, or none for "*" and for the path ARNs that list operations use. */
export function resourcesOf(row: Pick<EventRow, "resourceArn">): EventResource[] {
  const arn = row.resourceArn;
  if (!arn || arn === "*") return [];
  const parsed = parseArn(arn);
  if (!parsed) return [{ ResourceName: arn }];
  if (parsed.resource.endsWith("/") || parsed.resource === "root") return [];
  const kind = resourceTypeOf(parsed.service, parsed.resource);
  if (!kind) return [{ ResourceName: arn }];
  return [{ ResourceType: kind.type, ResourceName: NAMED_BY_NAME.has(kind.type) ? friendlyName(parsed.resource) : arn }];
}

/** The ARN prefix a resource type's ARNs start with in an account, for the ResourceType lookup. */
export function resourceArnPrefix(resourceType: string, accountId: string): string | undefined {
  for (const [service, types] of Object.entries(RESOURCE_TYPES)) {
    for (const [typeKey, type] of Object.entries(types)) {
      if (type !== resourceType) continue;
      if (service === "s3") return "arn:aws:s3:::";
      if (service === "iam") return `arn:aws:iam::${accountId}:${typeKey}/`;
      return `arn:aws:${service}:`;
    }
  }
  return undefined;
}

// ---- The CloudTrail record -----------------------------------------------------------------------

export const EVENT_VERSION = "1.09";

/** CloudTrail writes times to the second: 2026-06-01T12:00:00Z. */
export function cloudTrailTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Console sign-in events are AwsConsoleSignIn; every other call is an AwsApiCall. */
function eventTypeOf(row: Pick<EventRow, "eventSource">): "AwsConsoleSignIn" | "AwsApiCall" {
  return row.eventSource === "signin.amazonaws.com" ? "AwsConsoleSignIn" : "AwsApiCall";
}

/**
 * The userIdentity block. A role session names its issuer (the role) in sessionContext; a
 * console session or temporary credentials carry the session's attributes. `sessionStart` is
 * when those credentials were issued, when known.
 */
function userIdentityOf(row: EventRow, sessionStart: Date | undefined): Record<string, unknown> {
  const identity: Record<string, unknown> = {
    type: row.principalType,
    principalId: row.principalId ?? undefined,
    arn: row.principalArn,
    accountId: row.accountId,
    accessKeyId: row.accessKeyId ?? undefined,
  };
  if (row.principalType === "IAMUser") identity.userName = userNameOf(row);
  const signIn = eventTypeOf(row) === "AwsConsoleSignIn";
  const temporary = !row.accessKeyId || row.accessKeyId.startsWith("ASIA") || row.principalType === "AssumedRole";
  if (!signIn && temporary) {
    const context: Record<string, unknown> = {};
    if (row.principalType === "AssumedRole" && row.identityArn) {
      const roleId = row.principalId?.split(":")[0];
      context.sessionIssuer = {
        type: "Role",
        principalId: roleId,
        arn: row.identityArn,
        accountId: row.accountId,
        userName: friendlyName(parseArn(row.identityArn)?.resource ?? ""),
      };
    }
    context.attributes = {
      ...(sessionStart ? { creationDate: cloudTrailTime(sessionStart) } : {}),
      mfaAuthenticated: String(row.mfaAuthenticated),
    };
    identity.sessionContext = context;
  }
  return identity;
}

/**
 * The event as CloudTrail records it, with its keys in CloudTrail's order. Request parameters
 * are redacted again here: rows written by other means than lib/iam's operation (imports,
 * benchmarks) must not show a secret either.
 */
export function cloudTrailRecord(row: EventRow, sessionStart?: Date): Record<string, unknown> {
  const signIn = eventTypeOf(row) === "AwsConsoleSignIn";
  const params = row.requestParameters ?? null;
  const record: Record<string, unknown> = {
    eventVersion: EVENT_VERSION,
    userIdentity: userIdentityOf(row, sessionStart),
    eventTime: cloudTrailTime(row.eventTime),
    eventSource: row.eventSource,
    eventName: row.eventName,
    awsRegion: row.awsRegion ?? "us-east-1",
    sourceIPAddress: row.sourceIp ?? undefined,
    userAgent: row.userAgent ?? undefined,
    errorCode: row.errorCode ?? undefined,
    errorMessage: row.errorMessage ?? undefined,
    requestParameters: signIn ? null : redact(params),
    responseElements: row.eventName === "ConsoleLogin" ? { ConsoleLogin: row.errorCode ? "Failure" : "Success" } : null,
    additionalEventData: signIn ? { MobileVersion: "No", ...(redact(params) as Record<string, unknown> | null) } : undefined,
    requestID: row.requestId,
    eventID: eventIdOf(row),
    readOnly: row.readOnly,
    resources: resourcesOf(row).map((r) => ({ accountId: row.accountId, type: r.ResourceType, ARN: row.resourceArn })),
    eventType: eventTypeOf(row),
    managementEvent: true,
    recipientAccountId: row.accountId,
    eventCategory: "Management",
  };
  if ((record.resources as unknown[]).length === 0) delete record.resources;
  return JSON.parse(JSON.stringify(record)) as Record<string, unknown>;
}

// ---- CSV -------------------------------------------------------------------------------------------

export const EVENT_CSV_COLUMNS = [
  "Event ID",
  "Event time",
  "User name",
  "Principal ARN",
  "Event name",
  "Event source",
  "AWS region",
  "Source IP address",
  "User agent",
  "AWS access key",
  "Read-only",
  "Resource type",
  "Resource name",
  "Error code",
  "Error message",
] as const;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. A field a
 * spreadsheet would run as a formula (=, +, -, @ first) is prefixed with an apostrophe: user
 * agents and error messages come from whoever made the call.
 */
export function csvField(value: string | undefined | null): string {
  let text = value ?? "";
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return csvQuote(text);
}

export function csvLine(values: readonly (string | undefined | null)[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

export const EVENT_CSV_HEADER = csvLine(EVENT_CSV_COLUMNS);

export function eventCsvLine(row: EventRow): string {
  const [resource] = resourcesOf(row);
  return csvLine([
    eventIdOf(row),
    cloudTrailTime(row.eventTime),
    userNameOf(row),
    row.principalArn,
    row.eventName,
    row.eventSource,
    row.awsRegion,
    row.sourceIp,
    row.userAgent,
    row.accessKeyId,
    String(row.readOnly),
    resource?.ResourceType,
    resource?.ResourceName,
    row.errorCode,
    row.errorMessage,
  ]);
}
