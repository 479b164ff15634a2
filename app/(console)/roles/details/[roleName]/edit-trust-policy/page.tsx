import type { Metadata } from "next";
import { prettyJson } from "@/components/policy-editor/pretty-json";
import { entitySubpage } from "@/components/entity-permissions/pages";
import { EditTrustPolicyForm } from "./edit-trust-policy-form";

export const metadata: Metadata = { title: "Edit trust policy | Roles | IAM" };

export default entitySubpage("Role", { page: "edit-trust-policy", text: "Edit trust policy", contentType: "form" }, ({ entity }) => (
  <EditTrustPolicyForm roleName={entity.name} document={prettyJson(entity.role?.AssumeRolePolicyDocument ?? "")} serviceLinked={entity.serviceLinked} />
));
