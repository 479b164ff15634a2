"use client";

import Flashbar, { type FlashbarProps } from "@cloudscape-design/components/flashbar";
import { usePathname } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { decodeFlash, FLASH_COOKIE, flashFromCookieHeader, splitFlashLink, type FlashMessage } from "@/lib/flash-message";
import { RouterLink } from "./router-link";

// The console's Flashbar. Pages push messages with useNotifications().notify(...); each has a
// stable id (given, or generated), is dismissible, and pushing the same id again replaces it.

export interface Notification {
  /** Give an id when the same event may be reported twice (it then replaces, never repeats). */
  id?: string;
  type: FlashbarProps.Type;
  header?: ReactNode;
  content?: ReactNode;
  action?: ReactNode;
  loading?: boolean;
}

export interface NotificationsApi {
  /** Shows a message and returns its id. */
  notify(notification: Notification): string;
  dismiss(id: string): void;
}

const ApiContext = createContext<NotificationsApi | null>(null);
const ItemsContext = createContext<readonly FlashbarProps.MessageDefinition[]>([]);

export function NotificationsProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<readonly FlashbarProps.MessageDefinition[]>([]);
  const nextId = useRef(0);

  const dismiss = useCallback((id: string) => {
    setItems((current) => current.filter((item) => item.id !== id));
  }, []);

  const notify = useCallback(
    ({ id: givenId, ...message }: Notification) => {
      const id = givenId ?? `notification-${++nextId.current}`;
      const item: FlashbarProps.MessageDefinition = {
        ...message,
        id,
        dismissible: true,
        dismissLabel: "Dismiss message",
        onDismiss: () => dismiss(id),
      };
      setItems((current) =>
        current.some((existing) => existing.id === id)
          ? current.map((existing) => (existing.id === id ? item : existing))
          : [item, ...current],
      );
      return id;
    },
    [dismiss],
  );

  const api = useMemo(() => ({ notify, dismiss }), [notify, dismiss]);
  const pathname = usePathname();
  // A server action that redirected left its message in a cookie (lib/flash.ts): show it on the
  // page the redirect landed on, once.
  useEffect(() => {
    const raw = flashFromCookieHeader(document.cookie);
    if (raw === undefined) return;
    document.cookie = `${FLASH_COOKIE}=; Max-Age=0; path=/; SameSite=Lax`;
    const message = decodeFlash(raw);
    if (message) notify({ type: message.type, header: message.header, content: <FlashContent message={message} /> });
  }, [pathname, notify]);

  return (
    <ApiContext value={api}>
      <ItemsContext value={items}>{children}</ItemsContext>
    </ApiContext>
  );
}

export function useNotifications(): NotificationsApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error("useNotifications() must be used inside the console layout.");
  return api;
}

/** The Flashbar itself; the shell renders it in AppLayout's notifications slot. */
export function Notifications() {
  const items = useContext(ItemsContext);
  return <Flashbar items={[...items]} />;
}

/**
 * Shows a message when a server-rendered page mounts, e.g. a detail page reached by the
 * redirect after "Create user". The id is required so that re-renders never repeat it.
 */
export function Notify({ id, type, header, content, action }: Notification & { id: string }) {
  const { notify } = useNotifications();
  useEffect(() => {
    notify({ id, type, header, content, action });
    // Once per id: a server page's props are new objects on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [notify, id]);
  return null;
}

function FlashContent({ message }: { message: FlashMessage }) {
  const parts = splitFlashLink(message);
  if (!parts || !message.link) return <>{message.content}</>;
  return (
    <>
      {parts[0]}
      <RouterLink href={message.link.href}>{parts[1]}</RouterLink>
      {parts[2]}
    </>
  );
}
