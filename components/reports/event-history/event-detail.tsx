import Alert from "@cloudscape-design/components/alert";
import Box from "@cloudscape-design/components/box";
import Container from "@cloudscape-design/components/container";
import ContentLayout from "@cloudscape-design/components/content-layout";
import CopyToClipboard from "@cloudscape-design/components/copy-to-clipboard";
import Header from "@cloudscape-design/components/header";
import KeyValuePairs from "@cloudscape-design/components/key-value-pairs";
import SpaceBetween from "@cloudscape-design/components/space-between";
import type { EventResource } from "@/lib/iam/reports/event-history";
import styles from "./event-detail.module.css";

// An event's page: what happened, who did it and from where, why it failed (AccessDenied
// with its reason), the resources it names, and the CloudTrail record itself. Plain props: the
// server page renders it.

export interface EventDetailProps {
  eventId: string;
  eventName: string;
  eventTime: string;
  eventSource: string;
  userName: string;
  /** The role a session acts for, or "". */
  roleName: string;
  principalArn: string;
  accessKeyId: string;
  awsRegion: string;
  sourceIp: string;
  userAgent: string;
  requestId: string;
  readOnly: string;
  errorCode?: string;
  errorMessage?: string;
  resources: EventResource[];
  /** The CloudTrail record, pretty-printed. */
  record: string;
}

function copyable(label: string, text: string) {
  return (
    <CopyToClipboard
      variant="inline"
      textToCopy={text}
      copyButtonAriaLabel={`Copy ${label}`}
      copySuccessText={`${label} copied`}
      copyErrorText={`${label} failed to copy`}
    />
  );
}

export function EventDetail({ event }: { event: EventDetailProps }) {
  const failure = event.errorCode ? (
    <Alert type="error" header={event.errorCode === "AccessDenied" ? "Access denied" : `The call failed: ${event.errorCode}`}>
      {event.errorMessage ?? event.errorCode}
    </Alert>
  ) : null;
  return (
    <ContentLayout header={<Header variant="h1" description={`Event ID ${event.eventId}`}>{event.eventName}</Header>}>
      <SpaceBetween size="l">
        {failure}
        <Container header={<Header variant="h2">Details</Header>}>
          <KeyValuePairs
            columns={3}
            items={[
              { label: "Event time", value: event.eventTime },
              { label: "User name", value: event.roleName ? `${event.userName} (session of ${event.roleName})` : event.userName },
              { label: "Principal ARN", value: copyable("Principal ARN", event.principalArn) },
              { label: "Event name", value: event.eventName },
              { label: "Event source", value: event.eventSource },
              { label: "AWS access key", value: event.accessKeyId },
              { label: "AWS region", value: event.awsRegion },
              { label: "Source IP address", value: event.sourceIp },
              { label: "User agent", value: event.userAgent },
              { label: "Read-only", value: event.readOnly },
              { label: "Event ID", value: copyable("Event ID", event.eventId) },
              { label: "Request ID", value: event.requestId },
              { label: "Error code", value: event.errorCode ?? "-" },
              { label: "Error message", value: event.errorMessage ?? "-" },
            ]}
          />
        </Container>
        <Container header={<Header variant="h2" counter={`(${event.resources.length})`}>Resources referenced</Header>}>
          {event.resources.length === 0 ? (
            <Box color="text-body-secondary">The event names no resource.</Box>
          ) : (
            <KeyValuePairs
              columns={2}
              items={event.resources.flatMap((r, i) => [
                { label: "Resource type", value: r.ResourceType ?? "-", id: `type-${i}` },
                { label: "Resource name", value: r.ResourceName ?? "-", id: `name-${i}` },
              ])}
            />
          )}
        </Container>
        <Container
          header={
            <Header
              variant="h2"
              description="The event as CloudTrail records it."
              actions={
                <CopyToClipboard
                  variant="button"
                  copyButtonText="Copy"
                  textToCopy={event.record}
                  copyButtonAriaLabel="Copy the event record"
                  copySuccessText="Event record copied"
                  copyErrorText="Event record failed to copy"
                />
              }
            >
              Event record
            </Header>
          }
        >
          <pre className={styles.record}>
            {event.record}
          </pre>
        </Container>
      </SpaceBetween>
    </ContentLayout>
  );
}
