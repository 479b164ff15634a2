import type { Metadata } from "next";
import { entitySubpage } from "@/components/entity-permissions/pages";
import { loadPermissionChoices } from "../../../permission-choices-data";
import type { PermissionOption } from "../../../permission-options";
import { AddPermissionsForm } from "./add-permissions-form";

export const metadata: Metadata = { title: "Add permissions | Users | IAM" };

const OPTIONS: readonly PermissionOption[] = ["groups", "copy", "policies"];

export default entitySubpage("User", { page: "add-permissions", text: "Add permissions", contentType: "form" }, async ({ caller, entity, query }) => (
  <AddPermissionsForm
    userName={entity.name}
    initialOption={OPTIONS.find((o) => o === query.option) ?? "groups"}
    choices={await loadPermissionChoices(caller, query)}
  />
));
