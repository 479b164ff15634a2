import type { Metadata } from "next";
import { entitySubpage } from "@/components/entity-permissions/pages";
import { AssignMfaWizard } from "@/components/security-credentials/assign-mfa-wizard";

export const metadata: Metadata = { title: "Assign MFA device | Users | IAM" };

export default entitySubpage("User", { page: "assign-mfa", text: "Assign MFA device", contentType: "wizard" }, ({ entity }) => (
  <AssignMfaWizard target={{ kind: "user", userName: entity.name }} />
));
