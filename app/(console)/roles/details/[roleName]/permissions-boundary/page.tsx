import type { Metadata } from "next";
import { boundaryPage } from "@/components/entity-permissions/pages";

export const metadata: Metadata = { title: "Set permissions boundary | Roles | IAM" };

export default boundaryPage("Role");
