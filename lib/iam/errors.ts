// One error type for every failure AWS would report with an error code. Only lib/iam
// creates these; anything else thrown is a bug and surfaces as ServiceFailure.

export const ERROR_CODES = {
  AccessDenied: { status: 403, type: "Sender" },
  ConcurrentModification: { status: 409, type: "Sender" },
  DeleteConflict: { status: 409, type: "Sender" },
  DuplicateCertificate: { status: 409, type: "Sender" },
  DuplicateSSHPublicKey: { status: 400, type: "Sender" },
  EntityAlreadyExists: { status: 409, type: "Sender" },
  EntityTemporarilyUnmodifiable: { status: 409, type: "Sender" },
  InvalidAuthenticationCode: { status: 403, type: "Sender" },
  InvalidCertificate: { status: 400, type: "Sender" },
  InvalidClientTokenId: { status: 403, type: "Sender" },
  InvalidInput: { status: 400, type: "Sender" },
  InvalidPublicKey: { status: 400, type: "Sender" },
  InvalidUserType: { status: 400, type: "Sender" },
  LimitExceeded: { status: 409, type: "Sender" },
  MalformedCertificate: { status: 400, type: "Sender" },
  MalformedPolicyDocument: { status: 400, type: "Sender" },
  NoSuchEntity: { status: 404, type: "Sender" },
  NotSupportedService: { status: 404, type: "Sender" },
  PasswordPolicyViolation: { status: 400, type: "Sender" },
  PolicyEvaluation: { status: 500, type: "Receiver" },
  PolicyNotAttachable: { status: 400, type: "Sender" },
  ReportExpired: { status: 410, type: "Sender" },
  ReportInProgress: { status: 404, type: "Sender" },
  ReportNotPresent: { status: 410, type: "Sender" },
  ServiceFailure: { status: 500, type: "Receiver" },
  Throttling: { status: 400, type: "Sender" },
  UnmodifiableEntity: { status: 400, type: "Sender" },
  UnrecognizedPublicKeyEncoding: { status: 400, type: "Sender" },
  ValidationError: { status: 400, type: "Sender" },
  // IAM Access Analyzer (REST-JSON; the codes its API returns).
  ConflictException: { status: 409, type: "Sender" },
  ResourceNotFoundException: { status: 404, type: "Sender" },
  ServiceQuotaExceededException: { status: 402, type: "Sender" },
  ValidationException: { status: 400, type: "Sender" },
  // CloudTrail's LookupEvents (event history).
  InvalidLookupAttributesException: { status: 400, type: "Sender" },
  InvalidMaxResultsException: { status: 400, type: "Sender" },
  InvalidNextTokenException: { status: 400, type: "Sender" },
  InvalidTimeRangeException: { status: 400, type: "Sender" },
} as const satisfies Record<string, { status: number; type: "Sender" | "Receiver" }>;

export type IamErrorCode = keyof typeof ERROR_CODES;

export class IamError extends Error {
  readonly code: IamErrorCode;

  constructor(code: IamErrorCode, message: string) {
    super(message);
    this.name = "IamError";
    this.code = code;
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }

  get type(): "Sender" | "Receiver" {
    return ERROR_CODES[this.code].type;
  }

  /** Plain data for a server action's result or a log line. */
  toJSON(): { code: IamErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }
}

export function isIamError(err: unknown): err is IamError {
  return err instanceof IamError;
}

// Messages AWS repeats, in AWS's words.
export const noSuchUser = (name: string) =>
  new IamError("NoSuchEntity", `The user with name ${name} cannot be found.`);
export const noSuchGroup = (name: string) =>
  new IamError("NoSuchEntity", `The group with name ${name} cannot be found.`);
export const noSuchRole = (name: string) =>
  new IamError("NoSuchEntity", `The role with name ${name} cannot be found.`);
export const noSuchPolicy = (arn: string) =>
  new IamError("NoSuchEntity", `Policy ${arn} does not exist or is not attachable.`);
export const invalidMarker = () => new IamError("InvalidInput", "Invalid Marker.");
/** GetPolicy, DeletePolicy, DetachXPolicy… on a policy that does not exist (or is not attached). */
export const policyNotFound = (arn: string) => new IamError("NoSuchEntity", `Policy ${arn} was not found.`);
export const noSuchPolicyVersion = (arn: string, versionId: string) =>
  new IamError("NoSuchEntity", `Policy ${arn} version ${versionId} does not exist or is not attachable.`);
export const invalidArn = (arn: string) => new IamError("InvalidInput", `ARN ${arn} is not valid.`);
/** A permissions boundary (CreateUser/CreateRole, Put…PermissionsBoundary) naming no attachable managed policy. */
export const noSuchBoundaryPolicy = (arn: string) =>
  new IamError("NoSuchEntity", `Scope ARN: ${arn} does not exist or is not attachable.`);
export const noSuchInstanceProfile = (name: string) =>
  new IamError("NoSuchEntity", `Instance Profile ${name} cannot be found.`);
/** Service-linked (and other AWS-owned) roles refuse changes made through the ordinary role operations. */
export const unmodifiableRole = (name: string) =>
  new IamError("UnmodifiableEntity", `Cannot perform the operation on the protected role '${name}' - this role is only modifiable by AWS`);
/** A count or size quota, in the words AWS reports it: "Cannot exceed quota for PoliciesPerRole: 10". */
export const quotaExceeded = (quota: string, limit: number) => new IamError("LimitExceeded", `Cannot exceed quota for ${quota}: ${limit}`);
