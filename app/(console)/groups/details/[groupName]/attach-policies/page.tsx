import type { Metadata } from "next";
import { attachPoliciesPage } from "@/components/entity-permissions/pages";

export const metadata: Metadata = { title: "Attach policies | User groups | IAM" };

export default attachPoliciesPage("Group");
