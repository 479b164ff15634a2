import "server-only";
import { db, type Tx } from "@/lib/db";
import { operation, type OperationSpec } from "./activity";
import { insertAccessKey, lastUsed, noSuchAccessKey, type AccessKey } from "./access-keys";
import { ACCESS_KEY_ROTATION_DAYS, ageInDays } from "./access-key-rules";
import { rootArn } from "./arns";
import { authorize, type ExtraContext } from "./authorize";
import { isRoot, type Caller } from "./caller";
import { checkInput, consoleCalls } from "./console-calls";
import { IamError, isIamError, noSuchUser } from "./errors";
import { newId } from "./ids";
import { checkTags, requestTagContext, resourceTagContext, tagKeyKey, TAGS_PER_RESOURCE, toTags, type Tag } from "./tags";
import { checkCredentialId, credentialOwner, NON_USER_CREDENTIALS, ownedBy, type CredentialOwner, type CredentialStatus } from "./user-credentials";
import { EXISTING_USER_NAME_MAX, findUser, TAG_LIMIT_MESSAGE, userResourceArn, type UserDetailRow } from "./users";
import { checkName } from "./validation";

// What the IAM console does with access keys beyond single API calls. Its "Create access key"
// stores the optional description as a tag of the user, keyed by the new key's ID
// (CreateAccessKey, then TagUser); here both writes are one transaction, each call authorized
// before anything is written and recorded as its own event. Its access key table shows each
// key's description, age and last use, and flags keys due for rotation. Deleting a key also
// removes its description tag (DeleteAccessKey, then UntagUser).

interface ConsoleTarget {
  /** The named user (or the calling user), or the root user; null for a user that does not exist. */
  owner: CredentialOwner | null;
  userName?: string;
  arn: string;
  /** aws:ResourceTag/… of the user. */
  context: ExtraContext;
  tags: { key: string; value: string }[];
}

/** The principal a console call is about, read in the transaction and not yet authorized. */
async function consoleTarget(tx: Tx, caller: Caller, userName: string | undefined): Promise<ConsoleTarget> {
  let user: UserDetailRow | null;
  let name: string;
  if (userName !== undefined) {
    name = userName;
    user = await findUser(tx, caller.accountId, userName);
  } else if (isRoot(caller)) {
    return { owner: { kind: "root", arn: rootArn(caller.accountId) }, arn: rootArn(caller.accountId), context: {}, tags: [] };
  } else {
    if (caller.principalType !== "User" || !caller.userId) throw NON_USER_CREDENTIALS();
    const self = await tx.user.findUnique({ where: { id: caller.userId }, select: { name: true } });
    name = self?.name ?? caller.userName ?? "";
    user = self ? await findUser(tx, caller.accountId, name) : null;
  }
  if (!user) return { owner: null, userName: name, arn: userResourceArn(caller, name, null), context: {}, tags: [] };
  return {
    owner: { kind: "user", user, arn: user.arn },
    userName: user.name,
    arn: user.arn,
    context: resourceTagContext(toTags(user.tags)),
    tags: user.tags,
  };
}

function nameOf(target: ConsoleTarget): { UserName?: string } {
  return target.userName !== undefined ? { UserName: target.userName } : {};
}

function existing(target: ConsoleTarget, userName: string | undefined): CredentialOwner {
  if (!target.owner) throw noSuchUser(userName ?? target.userName ?? "");
  return target.owner;
}

const readUserName = (caller: Caller, fallback: OperationSpec, userName: string | undefined) =>
  checkInput(caller, fallback, () => (userName === undefined ? undefined : checkName(userName, "userName", EXISTING_USER_NAME_MAX)));

// ---- Create access key with a description ---------------------------------------------------

export interface CreateAccessKeyWithDescriptionInput {
  /** Absent: the caller's own key (the root user's when the caller is root). */
  UserName?: string;
  /** The console's "Description tag value"; empty or absent adds no tag. */
  Description?: string;
}

/**
 * The console's "Create access key": CreateAccessKey and, with a description, TagUser with the
 * tag { Key: AccessKeyId, Value: description } — authorized by iam:CreateAccessKey and
 * iam:TagUser (with the tag as aws:RequestTag) on the user, written in one transaction.
 */
export async function createAccessKeyWithDescription(
  caller: Caller,
  input: CreateAccessKeyWithDescriptionInput,
): Promise<{ AccessKey: AccessKey; Description?: string }> {
  const fallback: OperationSpec = { eventName: "CreateAccessKey", readOnly: false, params: input.UserName === undefined ? {} : { UserName: input.UserName } };
  const userName = await readUserName(caller, fallback, input.UserName);
  const description = input.Description ?? "";
  return consoleCalls(caller, fallback, async ({ tx, check, during }) => {
    const target = await consoleTarget(tx, caller, userName);
    if (description !== "" && target.owner?.kind === "root") {
      throw new IamError("InvalidInput", "The root user's access keys cannot have a description: it is stored as a tag of an IAM user.");
    }
    const id = newId("accessKey");
    const tags: Tag[] = description === "" ? [] : checkTags([{ Key: id, Value: description }], true);
    await check({
      spec: fallback,
      checks: [{ action: "iam:CreateAccessKey", resource: target.arn, context: target.context }],
    });
    if (tags.length > 0) {
      await check({
        spec: { eventName: "TagUser", readOnly: false, params: { ...nameOf(target), Tags: tags } },
        checks: [{ action: "iam:TagUser", resource: target.arn, context: { ...target.context, ...requestTagContext(tags) } }],
      });
    }
    const owner = existing(target, userName);
    during("CreateAccessKey");
    const key = await insertAccessKey(tx, caller, owner, id);
    if (owner.kind === "user" && tags.length > 0) {
      during("TagUser");
      // The user is locked (insertAccessKey): concurrent TagUser calls count this tag.
      if ((await tx.tag.count({ where: { userId: owner.user.id } })) >= TAGS_PER_RESOURCE) throw new IamError("LimitExceeded", TAG_LIMIT_MESSAGE);
      await tx.tag.create({ data: { userId: owner.user.id, key: id, keyKey: tagKeyKey(id, true), value: description } });
    }
    return { AccessKey: key, ...(tags.length > 0 ? { Description: description } : {}) };
  });
}

// ---- The access keys table ------------------------------------------------------------------

export interface AccessKeyRow {
  AccessKeyId: string;
  Status: CredentialStatus;
  CreateDate: Date;
  /** The user tag keyed by the key's ID, when the caller may read the user's tags. */
  description?: string;
  /** Whole days since the key was created. */
  ageDays: number;
  lastUsed: { date?: Date; service: string; region: string };
  /** The key is at least ACCESS_KEY_ROTATION_DAYS old. */
  needsRotation: boolean;
}

/**
 * The console's access key table of a user (or of the root user). Authorized by the reads the
 * console makes: iam:ListAccessKeys and iam:GetAccessKeyLastUsed on the owner; descriptions
 * need iam:ListUserTags, and are left out when it is denied, as the console leaves the column
 * empty.
 */
export function listAccessKeysWithDetails(caller: Caller, input: { UserName?: string } = {}): Promise<{ rows: AccessKeyRow[] }> {
  return operation(caller, { eventName: "ListAccessKeys", readOnly: true, params: { ...input } }, async () => {
    const prisma = await db();
    const owner = await credentialOwner(prisma, caller, "iam:ListAccessKeys", input.UserName, {
      maxNameLength: EXISTING_USER_NAME_MAX,
      rootAllowed: true,
    });
    const context = owner.kind === "user" ? resourceTagContext(toTags(owner.user.tags)) : {};
    await authorize(caller, "iam:GetAccessKeyLastUsed", owner.arn, { context });
    const descriptions = owner.kind === "user" && (await allowed(caller, "iam:ListUserTags", owner.arn, context)) ? owner.user.tags : [];
    const keys = await prisma.accessKey.findMany({
      where: ownedBy(caller, owner),
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, status: true, createdAt: true, lastUsedDate: true, lastUsedServiceName: true, lastUsedRegion: true },
    });
    return {
      rows: keys.map((k) => {
        const age = ageInDays(k.createdAt, caller.now);
        const used = lastUsed(k);
        const description = descriptions.find((t) => t.key.toLowerCase() === k.id.toLowerCase())?.value;
        return {
          AccessKeyId: k.id,
          Status: k.status as CredentialStatus,
          CreateDate: k.createdAt,
          ...(description !== undefined ? { description } : {}),
          ageDays: age,
          lastUsed: { ...(used.LastUsedDate ? { date: used.LastUsedDate } : {}), service: used.ServiceName, region: used.Region },
          needsRotation: age >= ACCESS_KEY_ROTATION_DAYS,
        };
      }),
    };
  });
}

async function allowed(caller: Caller, action: string, resource: string, context: ExtraContext): Promise<boolean> {
  try {
    await authorize(caller, action, resource, { context });
    return true;
  } catch (err) {
    if (isIamError(err) && err.code === "AccessDenied") return false;
    throw err;
  }
}

// ---- Delete access key with its description -------------------------------------------------

/**
 * The console's "Delete" of an access key: DeleteAccessKey and, when the user has the key's
 * description tag, UntagUser of it — both authorized first, written in one transaction.
 */
export async function deleteAccessKeyWithDescription(caller: Caller, input: { UserName?: string; AccessKeyId: string }): Promise<void> {
  const fallback: OperationSpec = { eventName: "DeleteAccessKey", readOnly: false, params: { ...input } };
  const userName = await readUserName(caller, fallback, input.UserName);
  const id = await checkInput(caller, fallback, () => checkCredentialId(input.AccessKeyId, "accessKeyId", 16));
  await consoleCalls(caller, fallback, async ({ tx, check, during }) => {
    const target = await consoleTarget(tx, caller, userName);
    await check({ spec: fallback, checks: [{ action: "iam:DeleteAccessKey", resource: target.arn, context: target.context }] });
    const tag = target.tags.find((t) => t.key.toLowerCase() === id.toLowerCase());
    if (tag) {
      await check({
        spec: { eventName: "UntagUser", readOnly: false, params: { ...nameOf(target), TagKeys: [tag.key] } },
        checks: [{ action: "iam:UntagUser", resource: target.arn, context: { ...target.context, "aws:TagKeys": [tag.key] } }],
      });
    }
    const owner = existing(target, userName);
    during("DeleteAccessKey");
    const { count } = await tx.accessKey.deleteMany({ where: { id, ...ownedBy(caller, owner) } });
    if (count === 0) throw noSuchAccessKey(id);
    if (tag && owner.kind === "user") {
      during("UntagUser");
      await tx.tag.deleteMany({ where: { userId: owner.user.id, keyKey: tagKeyKey(tag.key, true) } });
    }
  });
}
