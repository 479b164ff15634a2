"use client";

import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import Container from "@cloudscape-design/components/container";
import Header from "@cloudscape-design/components/header";
import SpaceBetween from "@cloudscape-design/components/space-between";
import Table from "@cloudscape-design/components/table";
import type { TagEditorProps } from "@cloudscape-design/components/tag-editor";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { DialogFooter } from "@/components/action-modal";
import { useNotifications } from "@/components/console-layout/notifications";
import { ActionErrorAlert, resultError } from "@/components/action-error-alert";
import type { ActionError, ActionResult } from "@/lib/action-result";
import { TAGS_DESCRIPTION, tagChanges, tagsToEditorTags, type KeyValueTag } from "./tags";
import { TagsEditor } from "./tags-editor";

// A detail page's Tags tab: the tags in a table, and "Manage tags" to edit them in place.
// The page gives the save action (set and remove); this shows its outcome in the Flashbar.

export function TagsContainer({
  tags,
  description = TAGS_DESCRIPTION,
  canEdit = true,
  save,
}: {
  tags: readonly KeyValueTag[];
  description?: string;
  canEdit?: boolean;
  save: (changes: { set: KeyValueTag[]; remove: string[] }) => Promise<ActionResult<unknown>>;
}) {
  const router = useRouter();
  const { notify } = useNotifications();
  const [editing, setEditing] = useState<readonly TagEditorProps.Tag[] | null>(null);
  const [valid, setValid] = useState(true);
  const [error, setError] = useState<ActionError | undefined>();
  const [pending, startTransition] = useTransition();

  const submit = () => {
    if (!editing) return;
    const changes = tagChanges(tags, editing);
    startTransition(async () => {
      const result = await save(changes);
      if (result.ok) {
        setEditing(null);
        setError(undefined);
        notify({ type: "success", content: result.message ?? "Tags saved." });
        router.refresh();
      } else {
        setError(resultError(result));
      }
    });
  };

  if (editing) {
    return (
      <Container header={<Header variant="h2" description={description}>Manage tags</Header>}>
        <SpaceBetween size="l">
          <TagsEditor
            tags={editing}
            onChange={(next, ok) => {
              setEditing(next);
              setValid(ok);
            }}
          />
          <ActionErrorAlert error={error} />
          <DialogFooter onCancel={() => setEditing(null)} pending={pending}>
            <Button variant="primary" onClick={submit} loading={pending} disabled={!valid}>
              Save changes
            </Button>
          </DialogFooter>
        </SpaceBetween>
      </Container>
    );
  }

  return (
    <Table
      variant="container"
      items={[...tags]}
      trackBy="Key"
      header={
        <Header
          variant="h2"
          counter={`(${tags.length})`}
          description={description}
          actions={
            canEdit ? (
              <Button
                onClick={() => {
                  setError(undefined);
                  setEditing(tagsToEditorTags(tags));
                }}
              >
                Manage tags
              </Button>
            ) : undefined
          }
        >
          Tags
        </Header>
      }
      columnDefinitions={[
        { id: "key", header: "Key", cell: (t) => t.Key, isRowHeader: true },
        { id: "value", header: "Value", cell: (t) => t.Value || "-" },
      ]}
      ariaLabels={{ tableLabel: "Tags" }}
      empty={
        <Box textAlign="center" color="inherit">
          <b>No tags</b>
          <Box variant="p" color="inherit">
            No tags associated with the resource.
          </Box>
        </Box>
      }
    />
  );
}
