"use client";

import Container from "@cloudscape-design/components/container";
import Header from "@cloudscape-design/components/header";
import type { TagEditorProps } from "@cloudscape-design/components/tag-editor";
import { useState } from "react";
import { editorTagsToTags, TAGS_DESCRIPTION, type KeyValueTag } from "./tags";
import { TagsEditor } from "./tags-editor";

// The tags section of a create form or wizard (user, role, policy, identity provider): the
// editor in its own container, and the tags it holds for the create action.

export interface NewTagsState {
  tags: readonly TagEditorProps.Tag[];
  /** The editor has no invalid key or value: the form may submit. */
  valid: boolean;
  onChange: (tags: readonly TagEditorProps.Tag[], valid: boolean) => void;
  /** The tags to create the resource with. */
  chosen: () => KeyValueTag[];
}

export function useNewTags(): NewTagsState {
  const [tags, setTags] = useState<readonly TagEditorProps.Tag[]>([]);
  const [valid, setValid] = useState(true);
  return {
    tags,
    valid,
    onChange: (next, ok) => {
      setTags(next);
      setValid(ok);
    },
    chosen: () => editorTagsToTags(tags),
  };
}

/** Each create form words its header as the console does ("Add tags", "Tags", "Step 3: Add tags"). */
export function NewTagsContainer({
  state,
  title = "Add tags",
  description = TAGS_DESCRIPTION,
}: {
  state: NewTagsState;
  title?: string;
  description?: string;
}) {
  return (
    <Container
      header={
        <Header variant="h2" description={description}>
          {title} - <i>optional</i>
        </Header>
      }
    >
      <TagsEditor tags={state.tags} onChange={state.onChange} />
    </Container>
  );
}
