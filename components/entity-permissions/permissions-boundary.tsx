"use client";

import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import Container from "@cloudscape-design/components/container";
import Header from "@cloudscape-design/components/header";
import KeyValuePairs from "@cloudscape-design/components/key-value-pairs";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { useState, useTransition } from "react";
import { resultError } from "@/components/action-error-alert";
import { useNotifications } from "@/components/console-layout/notifications";
import { RouterLink } from "@/components/console-layout/router-link";
import { useFollow } from "@/components/console-layout/use-follow";
import { entityHref, policyHref } from "@/lib/console-paths";
import { deletePermissionsBoundary } from "./actions";
import { failureNotification } from "./failure-notification";
import { ENTITY_WORDS, managedPolicyType, type EntityKind } from "./kinds";
import { RemoveModal } from "./remove-modal";

// The "Permissions boundary" container of a user's or role's Permissions tab: the boundary
// policy when one is set, "Set permissions boundary" / "Change boundary" (their own page), and
// "Remove boundary" here.

export function PermissionsBoundary({
  kind,
  entityName,
  arn,
  readOnly = false,
}: {
  kind: EntityKind;
  entityName: string;
  arn?: string;
  /** A service-linked role: only the service changes it. */
  readOnly?: boolean;
}) {
  const follow = useFollow();
  const { notify } = useNotifications();
  const [removing, setRemoving] = useState(false);
  const [pending, startTransition] = useTransition();
  const words = ENTITY_WORDS[kind];
  const href = entityHref(kind, entityName, "permissions-boundary");

  const confirmRemove = () => {
    startTransition(async () => {
      const result = await deletePermissionsBoundary(kind, entityName);
      setRemoving(false);
      if (result.ok) notify({ type: "success", content: result.message });
      else notify(failureNotification("Remove permissions boundary failed", resultError(result)));
    });
  };

  const change = (text: string) => (
    <Button href={href} onFollow={follow}>
      {text}
    </Button>
  );
  return (
    <Container
      header={
        <Header
          variant="h2"
          description={words.boundaryDescription}
          actions={
            readOnly ? undefined : arn ? (
              <SpaceBetween direction="horizontal" size="xs">
                <Button onClick={() => setRemoving(true)}>Remove boundary</Button>
                {change("Change boundary")}
              </SpaceBetween>
            ) : (
              change("Set permissions boundary")
            )
          }
        >
          {arn ? "Permissions boundary (set)" : "Permissions boundary (not set)"}
        </Header>
      }
    >
      {arn ? (
        <KeyValuePairs
          columns={3}
          items={[
            { label: "Policy name", value: <RouterLink href={policyHref(arn)}>{arn.replace(/^.*:policy\/(?:.*\/)?/, "")}</RouterLink> },
            { label: "Type", value: managedPolicyType(arn) },
            { label: "Policy ARN", value: arn },
          ]}
        />
      ) : (
        <Box color="text-status-inactive">{`No permissions boundary is set for this ${words.noun}.`}</Box>
      )}
      <RemoveModal
        visible={removing}
        header="Remove permissions boundary?"
        confirmLabel="Remove boundary"
        pending={pending}
        onConfirm={confirmRemove}
        onDismiss={() => setRemoving(false)}
      >
        {`The permissions boundary will be removed from ${entityName}. Its permissions are then limited only by its permissions policies.`}
      </RemoveModal>
    </Container>
  );
}
