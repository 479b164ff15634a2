"use client";

import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import Modal from "@cloudscape-design/components/modal";
import { useState } from "react";
import { DialogFooter } from "@/components/action-modal";
import { useFollow } from "@/components/console-layout/use-follow";
import { PolicyEditor } from "@/components/policy-editor";
import { prettyJson } from "@/components/policy-editor/pretty-json";

// An inline policy's name in a permissions table: opens its document, with "Edit" when the
// page may edit it (editHref). A policy a user has through a group is read on the group's page.

export function InlinePolicyLink({ name, document, editHref, groupName }: { name: string; document?: string; editHref?: string; groupName?: string }) {
  const [open, setOpen] = useState(false);
  const follow = useFollow();
  return (
    <>
      <Button variant="inline-link" onClick={() => setOpen(true)}>
        {name}
      </Button>
      <Modal
        visible={open}
        onDismiss={() => setOpen(false)}
        header={name}
        size="large"
        closeAriaLabel="Close dialog"
        footer={
          <DialogFooter>
            <Button variant="link" onClick={() => setOpen(false)}>
              Close
            </Button>
            {editHref && (
              <Button href={editHref} onFollow={follow}>
                Edit
              </Button>
            )}
          </DialogFooter>
        }
      >
        {open && document !== undefined ? (
          <PolicyEditor value={prettyJson(document)} readOnly ariaLabel={`Policy document of ${name}`} height={360} />
        ) : (
          <Box>{groupName ? "Open the group's page to see this policy." : "The policy document could not be read."}</Box>
        )}
      </Modal>
    </>
  );
}
