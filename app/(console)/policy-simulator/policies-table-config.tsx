import { defineTable } from "@/components/data-table/table-config";
import type { SimulationPolicyListing } from "@/lib/iam/simulator";

// The principal's permissions policies, ticked in or out of the simulation. The name column's
// "view" link is the page's, so the cell renderer is given by the page (see policySource).

export const POLICY_TYPE_TEXT: Record<SimulationPolicyListing["PolicyType"], string> = {
  inline: "Inline",
  "aws-managed": "AWS managed",
  "user-managed": "Customer managed",
};

export function policiesTable(nameCell: (policy: SimulationPolicyListing) => React.ReactNode) {
  return defineTable<SimulationPolicyListing>({
    resourceName: { singular: "policy", plural: "policies" },
    preferencesKey: "policy-simulator-policies",
    getRowId: (p) => p.SourcePolicyId,
    getRowLabel: (p) => p.PolicyName,
    columns: [
      {
        id: "name",
        header: "Policy name",
        cell: nameCell,
        value: (p) => p.PolicyName,
        isRowHeader: true,
        alwaysVisible: true,
      },
      {
        id: "type",
        header: "Type",
        cell: (p) => POLICY_TYPE_TEXT[p.PolicyType],
        value: (p) => POLICY_TYPE_TEXT[p.PolicyType],
      },
      {
        id: "attached",
        header: "Attached via",
        cell: (p) => (p.Via ? `Group ${p.Via}` : "Directly"),
        value: (p) => (p.Via ? `Group ${p.Via}` : "Directly"),
      },
    ],
    defaultSort: undefined,
    pageSizeOptions: [10, 20, 50],
    defaultPageSize: 10,
  });
}
