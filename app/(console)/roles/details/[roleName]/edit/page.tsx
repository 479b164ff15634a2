import type { Metadata } from "next";
import { entitySubpage } from "@/components/entity-permissions/pages";
import { EditRoleForm } from "./edit-role-form";

export const metadata: Metadata = { title: "Edit role | Roles | IAM" };

export default entitySubpage("Role", { page: "edit", text: "Edit", contentType: "form" }, ({ entity }) => (
  <EditRoleForm
    roleName={entity.name}
    description={entity.role?.Description ?? ""}
    maxSessionDuration={entity.role?.MaxSessionDuration ?? 3600}
    serviceLinked={entity.serviceLinked}
  />
));
