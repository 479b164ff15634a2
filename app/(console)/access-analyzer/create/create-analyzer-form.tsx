"use client";

import Button from "@cloudscape-design/components/button";
import Container from "@cloudscape-design/components/container";
import Form from "@cloudscape-design/components/form";
import FormField from "@cloudscape-design/components/form-field";
import Header from "@cloudscape-design/components/header";
import Input from "@cloudscape-design/components/input";
import KeyValuePairs from "@cloudscape-design/components/key-value-pairs";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { useState } from "react";
import { ActionErrorAlert } from "@/components/action-error-alert";
import { TrackingPeriodField } from "@/components/access-analyzer/tracking-period-field";
import { ACCESS_ANALYZER_HREF } from "@/components/access-analyzer/unused-access-text";
import { useFollow } from "@/components/console-layout/use-follow";
import { useActionSubmit } from "@/components/use-action-submit";
import { ANALYZER_NAME_CONSTRAINT, analyzerNameError, readTrackingPeriod, UNUSED_ACCESS_AGE } from "@/lib/iam/access-analyzer/analyzer-rules";
import { createUnusedAccessAnalyzer } from "../actions";

// "Create analyzer" for unused access, as the IAM console's Analyzer settings offers it: the
// analysis (unused access of the current account), a name, and the tracking period.

export function CreateAnalyzerForm({ suggestedName, accountId }: { suggestedName: string; accountId: string }) {
  const follow = useFollow();
  const [name, setName] = useState(suggestedName);
  const [period, setPeriod] = useState(String(UNUSED_ACCESS_AGE.default));
  const [touched, setTouched] = useState(false);
  const { pending, error, submit: run } = useActionSubmit();
  const nameError = analyzerNameError(name);
  const tracking = readTrackingPeriod(period);
  const periodError = "error" in tracking ? tracking.error : undefined;

  const submit = () => {
    setTouched(true);
    if (nameError || !("days" in tracking) || pending) return;
    run(() => createUnusedAccessAnalyzer({ analyzerName: name, unusedAccessAge: tracking.days }));
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Form
        header={
          <Header variant="h1" description="An unused access analyzer finds the roles, access keys, console passwords and permissions of this account that are not used.">
            Create analyzer
          </Header>
        }
        actions={
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="link" href={ACCESS_ANALYZER_HREF} onFollow={follow} disabled={pending}>
              Cancel
            </Button>
            <Button variant="primary" formAction="submit" loading={pending}>
              Create analyzer
            </Button>
          </SpaceBetween>
        }
      >
        <SpaceBetween size="l">
          <ActionErrorAlert error={error} />
          <Container header={<Header variant="h2">Analysis</Header>}>
            <KeyValuePairs
              columns={2}
              items={[
                { label: "Analysis", value: "Principal analysis - Unused access" },
                { label: "Scope of analysis", value: `Current account (${accountId})` },
              ]}
            />
          </Container>
          <Container header={<Header variant="h2">Analyzer details</Header>}>
            <SpaceBetween size="l">
              <FormField label="Name" constraintText={ANALYZER_NAME_CONSTRAINT} errorText={touched || name !== suggestedName ? nameError : undefined} controlId="analyzer-name">
                <Input
                  controlId="analyzer-name"
                  value={name}
                  onChange={({ detail }) => setName(detail.value)}
                  onBlur={() => setTouched(true)}
                  invalid={(touched || name !== suggestedName) && !!nameError}
                  autoComplete={false}
                  spellcheck={false}
                />
              </FormField>
              <TrackingPeriodField
                controlId="tracking-period"
                description="Access not used for this many days is reported. Only roles, users, credentials and permissions that have existed for the whole period are analyzed."
                value={period}
                onChange={setPeriod}
                onBlur={() => setTouched(true)}
                errorText={touched ? periodError : undefined}
              />
            </SpaceBetween>
          </Container>
        </SpaceBetween>
      </Form>
    </form>
  );
}
