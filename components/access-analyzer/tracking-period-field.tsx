"use client";

import Box from "@cloudscape-design/components/box";
import FormField from "@cloudscape-design/components/form-field";
import Input from "@cloudscape-design/components/input";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { TRACKING_PERIOD_CONSTRAINT } from "@/lib/iam/access-analyzer/analyzer-rules";

/** The unused access analyzer's tracking period in days, as its create page and settings edit it. */
export function TrackingPeriodField(props: {
  controlId: string;
  description: string;
  value: string;
  onChange: (value: string) => void;
  onBlur: () => void;
  /** Shown once the field was left. */
  errorText: string | undefined;
  autoFocus?: boolean;
}) {
  return (
    <FormField label="Tracking period" description={props.description} constraintText={TRACKING_PERIOD_CONSTRAINT} errorText={props.errorText} controlId={props.controlId}>
      <SpaceBetween direction="horizontal" size="xs" alignItems="center">
        <Input
          controlId={props.controlId}
          type="number"
          inputMode="numeric"
          value={props.value}
          onChange={({ detail }) => props.onChange(detail.value)}
          onBlur={props.onBlur}
          invalid={!!props.errorText}
          autoFocus={props.autoFocus}
        />
        <Box variant="span">days</Box>
      </SpaceBetween>
    </FormField>
  );
}
