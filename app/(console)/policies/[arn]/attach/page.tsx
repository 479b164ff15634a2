import type { Metadata } from "next";
import { readOrDenied } from "@/components/permission-alert";
import { listEntitiesForPolicy } from "@/lib/iam/attachments";
import { listGroups } from "@/lib/iam/groups";
import { listRoles } from "@/lib/iam/roles";
import { listUsers } from "@/lib/iam/users";
import { attachedEntities, policySubpage } from "../policy-subpage";
import { EntitiesForm, type EntityChoice } from "./entities-form";

export const metadata: Metadata = { title: "Attach policy | Policies | IAM" };

/** One page of each list: the console's attach page lists every entity of the account. */
const MAX_ENTITIES = 1000;

export default policySubpage("attach", "Attach policy", async ({ caller, arn, read, frame }) => {
  const [users, groups, roles, attached] = await Promise.all([
    readOrDenied(listUsers(caller, { MaxItems: MAX_ENTITIES })),
    readOrDenied(listGroups(caller, { MaxItems: MAX_ENTITIES })),
    readOrDenied(listRoles(caller, { MaxItems: MAX_ENTITIES })),
    readOrDenied(listEntitiesForPolicy(caller, { PolicyArn: arn, PolicyUsageFilter: "PermissionsPolicy", MaxItems: MAX_ENTITIES })),
  ]);
  const already = new Set(attached.ok ? attachedEntities(attached.data).map((e) => e.id) : []);
  const entities: EntityChoice[] = [
    ...(users.ok ? users.data.Users.map((u): EntityChoice => ({ id: `User:${u.UserName}`, kind: "User", name: u.UserName })) : []),
    ...(groups.ok ? groups.data.Groups.map((g): EntityChoice => ({ id: `Group:${g.GroupName}`, kind: "Group", name: g.GroupName })) : []),
    ...(roles.ok
      ? roles.data.Roles.filter((r) => !r.Path.startsWith("/aws-service-role/")).map(
          (r): EntityChoice => ({ id: `Role:${r.RoleName}`, kind: "Role", name: r.RoleName }),
        )
      : []),
  ].filter((e) => !already.has(e.id));
  const denied = [users, groups, roles].flatMap((r) => (r.ok ? [] : [r.accessDenied]));
  return frame(<EntitiesForm mode="attach" policyName={read.policy.PolicyName} arn={arn} entities={entities} denied={denied} />, "table");
});
