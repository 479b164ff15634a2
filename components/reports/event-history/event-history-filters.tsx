"use client";

import Autosuggest from "@cloudscape-design/components/autosuggest";
import DateRangePicker from "@cloudscape-design/components/date-range-picker";
import Input from "@cloudscape-design/components/input";
import Select from "@cloudscape-design/components/select";
import { useState, type ReactNode } from "react";
import styles from "./event-history-filters.module.css";
import {
  EVENT_SOURCES,
  OUTCOMES,
  pickerValue,
  rangeError,
  rangeFromPicker,
  RELATIVE_OPTIONS,
  type EventHistoryFilterParams,
} from "./event-history-query";

// The filters beside the table's principal filter: event name, event source, outcome and time
// range. A choice applies at once; typed text applies on Enter or when the field is left.

export function EventHistoryFilters({
  filters,
  onChange,
}: {
  filters: EventHistoryFilterParams;
  onChange: (next: EventHistoryFilterParams) => void;
}) {
  return (
    <div className={styles.filters}>
      <TextFilterField
        key={`name:${filters.eventName}`}
        value={filters.eventName}
        onCommit={(eventName) => onChange({ ...filters, eventName })}
        render={(text, setText, commit) => (
          <Input
            type="search"
            value={text}
            placeholder="Event name"
            ariaLabel="Filter by event name"
            onChange={({ detail }) => setText(detail.value)}
            onBlur={commit}
            onKeyDown={({ detail }) => detail.key === "Enter" && commit()}
          />
        )}
      />
      <TextFilterField
        key={`source:${filters.eventSource}`}
        value={filters.eventSource}
        onCommit={(eventSource) => onChange({ ...filters, eventSource })}
        render={(text, setText, commit, commitValue) => (
          <Autosuggest
            value={text}
            options={EVENT_SOURCES.map((value) => ({ value }))}
            placeholder="Event source"
            ariaLabel="Filter by event source"
            enteredTextLabel={(value) => `Use: "${value}"`}
            empty="No matching event sources"
            onChange={({ detail }) => setText(detail.value)}
            onSelect={({ detail }) => commitValue(detail.value)}
            onBlur={commit}
            onKeyDown={({ detail }) => detail.key === "Enter" && commit()}
          />
        )}
      />
      <Select
        selectedOption={OUTCOMES.find((o) => o.value === filters.outcome) ?? OUTCOMES[0]}
        options={OUTCOMES.map((o) => ({ value: o.value, label: o.label }))}
        ariaLabel="Filter by outcome"
        onChange={({ detail }) => onChange({ ...filters, outcome: OUTCOMES.find((o) => o.value === detail.selectedOption.value)?.value ?? "all" })}
      />
      <DateRangePicker
        value={pickerValue(filters.range)}
        relativeOptions={[...RELATIVE_OPTIONS]}
        isValidRange={(value) => {
          const error = rangeError(value);
          return error ? { valid: false, errorMessage: error } : { valid: true };
        }}
        onChange={({ detail }) => onChange({ ...filters, range: rangeFromPicker(detail.value) })}
        timeOffset={0}
        placeholder="Filter by a date and time range"
        ariaLabel="Filter by time range"
        expandToViewport
      />
    </div>
  );
}

/** A text field that holds what is typed and applies it once, when it differs from the URL's. */
function TextFilterField({
  value,
  onCommit,
  render,
}: {
  value: string;
  onCommit: (value: string) => void;
  render: (text: string, setText: (text: string) => void, commit: () => void, commitValue: (value: string) => void) => ReactNode;
}) {
  const [text, setText] = useState(value);
  const commitValue = (next: string) => {
    setText(next);
    if (next.trim() !== value) onCommit(next.trim());
  };
  return render(text, setText, () => commitValue(text), commitValue);
}
