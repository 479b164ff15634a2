import type { Metadata } from "next";
import { entitySubpage } from "@/components/entity-permissions/pages";
import { loadUserChoices } from "../../../../users/permission-choices-data";
import { AddUsersForm } from "./add-users-form";

export const metadata: Metadata = { title: "Add users | User groups | IAM" };

export default entitySubpage("Group", { page: "add-users", text: "Add users", contentType: "table" }, async ({ caller, entity, query }) => (
  <AddUsersForm groupName={entity.name} members={entity.members ?? []} users={await loadUserChoices(caller, query)} />
));
