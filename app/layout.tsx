import type { Metadata } from "next";
import type { ReactNode } from "react";
import "@cloudscape-design/global-styles/index.css";
import { CloudscapeProvider } from "@/components/console-layout/cloudscape-provider";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "IAM Console", template: "%s | IAM Console" },
  description: "A self-hosted simulation of the AWS Identity and Access Management console.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <CloudscapeProvider>{children}</CloudscapeProvider>
      </body>
    </html>
  );
}
