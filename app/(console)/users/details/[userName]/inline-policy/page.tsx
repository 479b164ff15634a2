import type { Metadata } from "next";
import { inlinePolicyPage } from "@/components/entity-permissions/pages";

export const metadata: Metadata = { title: "Inline policy | Users | IAM" };

export default inlinePolicyPage("User");
