import Box from "@cloudscape-design/components/box";
import { defineTable } from "@/components/data-table/table-config";
import type { ActionUsedRow } from "./generated-policy-view";

// Generate policy's "Actions used": what the generated policy allows, and the calls behind it.

export const ACTIONS_USED_TABLE = defineTable<ActionUsedRow>({
  resourceName: { singular: "action", plural: "actions" },
  getRowId: (row) => row.id,
  columns: [
    { id: "service", header: "Service", cell: (row) => row.serviceName, value: (row) => row.serviceName },
    { id: "action", header: "Action", cell: (row) => row.action, value: (row) => row.action, isRowHeader: true, alwaysVisible: true },
    {
      id: "resources",
      header: "Resources",
      cell: (row) => (
        <>
          {row.resources.map((r) => (
            <Box key={r} variant="code" display="block" fontSize="body-s">
              {r}
            </Box>
          ))}
        </>
      ),
      filterValue: (row) => row.resources.join(" "),
    },
    { id: "calls", header: "Calls", cell: (row) => row.calls, value: (row) => row.calls, filterable: false },
    { id: "denied", header: "Denied calls", cell: (row) => row.denied, value: (row) => row.denied, filterable: false },
  ],
  defaultSort: { columnId: "action", descending: false },
  preferencesKey: "generate-policy-actions",
});
