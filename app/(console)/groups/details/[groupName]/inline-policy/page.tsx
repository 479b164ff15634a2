import type { Metadata } from "next";
import { inlinePolicyPage } from "@/components/entity-permissions/pages";

export const metadata: Metadata = { title: "Inline policy | User groups | IAM" };

export default inlinePolicyPage("Group");
