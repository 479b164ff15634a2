import type { Metadata } from "next";
import { inlinePolicyPage } from "@/components/entity-permissions/pages";

export const metadata: Metadata = { title: "Create inline policy | Roles | IAM" };

export default inlinePolicyPage("Role");
