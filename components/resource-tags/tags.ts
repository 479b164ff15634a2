import type { TagEditorProps } from "@cloudscape-design/components/tag-editor";

// Tags between Cloudscape's TagEditor and IAM's Tag shape: what a create form sends, and what
// a "Manage tags" save changes (keys to set, keys to remove). Plain functions, no React.

/** The console's description of tags, on detail pages' Tags tabs and in create forms. */
export const TAGS_DESCRIPTION =
  "Tags are key-value pairs that you can add to AWS resources to help identify, organize, or search for resources.";

export interface KeyValueTag {
  Key: string;
  Value: string;
}

/** The tags an editor holds, without those marked for removal or left with an empty key. */
export function editorTagsToTags(tags: readonly TagEditorProps.Tag[]): KeyValueTag[] {
  return tags.filter((t) => !t.markedForRemoval && t.key.trim() !== "").map((t) => ({ Key: t.key, Value: t.value }));
}

export function tagsToEditorTags(tags: readonly KeyValueTag[]): TagEditorProps.Tag[] {
  return tags.map((t) => ({ key: t.Key, value: t.Value, existing: true }));
}

/** What a save must do: the tags to (re)set and the keys to remove, compared to the stored ones. */
export function tagChanges(
  stored: readonly KeyValueTag[],
  edited: readonly TagEditorProps.Tag[],
): { set: KeyValueTag[]; remove: string[] } {
  const kept = editorTagsToTags(edited);
  const keptKeys = new Set(kept.map((t) => t.Key));
  const before = new Map(stored.map((t) => [t.Key, t.Value]));
  return {
    set: kept.filter((t) => before.get(t.Key) !== t.Value),
    remove: stored.filter((t) => !keptKeys.has(t.Key)).map((t) => t.Key),
  };
}

