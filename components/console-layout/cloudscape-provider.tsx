"use client";

import { I18nProvider } from "@cloudscape-design/components/i18n";
import messages from "@cloudscape-design/components/i18n/messages/all.en";
import { useEffect, type ReactNode } from "react";

/** Cloudscape's English strings (aria labels of every component), for the whole app. */
export function CloudscapeProvider({ children }: { children: ReactNode }) {
  // Marks the page once React has hydrated it (this effect runs after every child's): a click
  // before then may be lost, so end-to-end tests wait for the mark before clicking.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <I18nProvider locale="en" messages={[messages]}>
      {children}
    </I18nProvider>
  );
}
