import type { Metadata } from "next";
import { attachPoliciesPage } from "@/components/entity-permissions/pages";

export const metadata: Metadata = { title: "Attach policies | Roles | IAM" };

export default attachPoliciesPage("Role");
