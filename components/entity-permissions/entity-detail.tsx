"use client";

import Button from "@cloudscape-design/components/button";
import Container from "@cloudscape-design/components/container";
import ContentLayout from "@cloudscape-design/components/content-layout";
import Header from "@cloudscape-design/components/header";
import KeyValuePairs, { type KeyValuePairsProps } from "@cloudscape-design/components/key-value-pairs";
import SpaceBetween from "@cloudscape-design/components/space-between";
import Tabs, { type TabsProps } from "@cloudscape-design/components/tabs";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import type { ReactNode } from "react";
import { useDeleteEntitiesModal } from "./delete-entities-modal";
import { ENTITY_WORDS, SECTION_PARAM, type EntityKind } from "./kinds";

// The page of a user, user group or role, as the IAM console lays it out: the name with Delete,
// a Summary, then tabs (the open one in the URL's ?section=, or ?tab=). Each kind brings its summary
// items and its tabs; Delete goes back to the list.

/** Accepted in place of ?section=, for links that name the open tab so. */
const TAB_PARAM = "tab";

export function EntityDetail({
  kind,
  name,
  description,
  canDelete = true,
  alert,
  summaryActions,
  summary,
  tabs,
  children,
}: {
  kind: EntityKind;
  name: string;
  description?: string;
  /** False for a service-linked role: only its service deletes it. */
  canDelete?: boolean;
  /** Shown above the summary. */
  alert?: ReactNode;
  summaryActions?: ReactNode;
  summary: KeyValuePairsProps.Item[];
  /** The first tab is open by default. */
  tabs: TabsProps.Tab[];
  /** Dialogs of the kind's own actions. */
  children?: ReactNode;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const requested = searchParams.get(SECTION_PARAM) ?? searchParams.get(TAB_PARAM);
  const active = tabs.some((t) => t.id === requested) ? requested! : tabs[0]?.id;
  const deletion = useDeleteEntitiesModal(kind, { returnToList: true });
  const noun = ENTITY_WORDS[kind].noun;

  return (
    <ContentLayout
      header={
        <Header variant="h1" description={description} actions={canDelete ? <Button onClick={() => deletion.open([name])}>Delete</Button> : undefined}>
          {name}
        </Header>
      }
    >
      <SpaceBetween size="l">
        {alert}
        <Container header={<Header variant="h2" actions={summaryActions}>Summary</Header>}>
          <KeyValuePairs columns={3} items={summary} />
        </Container>
        <Tabs
          activeTabId={active}
          onChange={({ detail }) => {
            const params = new URLSearchParams(searchParams.toString());
            params.set(SECTION_PARAM, detail.activeTabId);
            params.delete(TAB_PARAM);
            router.replace(`${pathname}?${params.toString()}`, { scroll: false });
          }}
          ariaLabel={`${noun[0].toUpperCase()}${noun.slice(1)} details`}
          tabs={tabs}
        />
      </SpaceBetween>
      {children}
      {deletion.modal}
    </ContentLayout>
  );
}
