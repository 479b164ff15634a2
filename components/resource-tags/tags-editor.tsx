"use client";

import TagEditor, { type TagEditorProps } from "@cloudscape-design/components/tag-editor";

// Cloudscape's TagEditor with IAM's limit and the console's words. Create forms and the
// "Manage tags" view of detail pages use it.

export const TAGS_LIMIT = 50;

const I18N: TagEditorProps.I18nStrings = {
  keyPlaceholder: "Enter key",
  valuePlaceholder: "Enter value",
  addButton: "Add new tag",
  removeButton: "Remove",
  undoButton: "Undo",
  undoPrompt: "This tag will be removed upon saving changes",
  keyHeader: "Key",
  valueHeader: "Value - optional",
  emptyTags: "No tags associated with the resource.",
  tagLimit: (available, limit) =>
    available === limit ? `You can add up to ${limit} tags.` : `You can add up to ${available} more tags.`,
  tagLimitReached: (limit) => `You have reached the limit of ${limit} tags.`,
  tagLimitExceeded: (limit) => `You have exceeded the limit of ${limit} tags.`,
};

export function TagsEditor({
  tags,
  onChange,
}: {
  tags: readonly TagEditorProps.Tag[];
  onChange: (tags: readonly TagEditorProps.Tag[], valid: boolean) => void;
}) {
  return (
    <TagEditor
      tags={tags}
      tagLimit={TAGS_LIMIT}
      i18nStrings={I18N}
      onChange={({ detail }) => onChange(detail.tags, detail.valid)}
    />
  );
}
