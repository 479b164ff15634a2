"use client";

import type { AppLayoutProps } from "@cloudscape-design/components/app-layout";
import { createContext, useContext, useLayoutEffect } from "react";
import type { Trail } from "./breadcrumbs";

// A page tells the console frame (rendered by the layout, above it) its breadcrumbs and
// content type by rendering <PageFrame />. Until a page does, the frame shows the trail of
// the navigation entry the path belongs to.

export interface PageFrameSettings {
  breadcrumbs: Trail;
  contentType: AppLayoutProps.ContentType;
}

export const PageFrameContext = createContext<((settings: PageFrameSettings | null) => void) | null>(null);

export function PageFrame({
  breadcrumbs,
  contentType = "default",
}: {
  breadcrumbs: Trail;
  contentType?: AppLayoutProps.ContentType;
}) {
  const setFrame = useContext(PageFrameContext);
  // Compared by value: a server page sends new arrays on every render.
  const key = JSON.stringify(breadcrumbs);
  useLayoutEffect(() => {
    if (!setFrame) return;
    setFrame({ breadcrumbs: JSON.parse(key) as Trail, contentType });
    return () => setFrame(null);
  }, [setFrame, key, contentType]);
  return null;
}
