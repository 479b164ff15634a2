"use client";

import { useCallback, useMemo, useSyncExternalStore } from "react";
import { normalizePreferences, type DataTableConfig, type TablePreferences } from "./table-config";

// A table's preferences (page size, columns, wrap lines, striped rows), kept in the
// browser's localStorage per table and shared by every tab. The server render and the first
// client render use the defaults; the stored ones follow right after hydration.

const STORAGE_PREFIX = "iam-console:table-preferences:";
const CHANGE_EVENT = "iam-console:table-preferences";

/** Where preferences go when the browser refuses storage: they last until the page is left. */
const memory = new Map<string, string>();

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key) ?? memory.get(key) ?? null;
  } catch {
    return memory.get(key) ?? null;
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener("storage", onChange);
  window.addEventListener(CHANGE_EVENT, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(CHANGE_EVENT, onChange);
  };
}

function parse(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function useTablePreferences<T>(
  config: DataTableConfig<T>,
): [TablePreferences, (preferences: TablePreferences) => void] {
  const key = STORAGE_PREFIX + (config.preferencesKey ?? config.resourceName.plural);
  const stored = useSyncExternalStore(
    subscribe,
    () => read(key),
    () => null,
  );
  const preferences = useMemo(() => normalizePreferences(parse(stored), config), [stored, config]);
  const save = useCallback(
    (next: TablePreferences) => {
      const text = JSON.stringify(next);
      try {
        window.localStorage.setItem(key, text);
        memory.delete(key);
      } catch {
        memory.set(key, text);
      }
      window.dispatchEvent(new Event(CHANGE_EVENT));
    },
    [key],
  );
  return [preferences, save];
}
