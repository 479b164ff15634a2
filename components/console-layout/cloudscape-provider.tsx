"use client";

import { I18nProvider } from "@cloudscape-design/components/i18n";
import messages from "@cloudscape-design/components/i18n/messages/all.en";
import type { ReactNode } from "react";

/** Cloudscape's English strings (aria labels of every component), for the whole app. */
export function CloudscapeProvider({ children }: { children: ReactNode }) {
  return (
    <I18nProvider locale="en" messages={[messages]}>
      {children}
    </I18nProvider>
  );
}
