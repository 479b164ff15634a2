import { RouterLink } from "@/components/console-layout/router-link";
import { defineTable } from "@/components/data-table/table-config";
import { identityProviderHref } from "./provider-href";

// The Identity providers table's columns, apart from the page. An account has at most 100
// providers of each type, so the table sorts, filters and pages in the browser.

export interface ProviderListRow {
  arn: string;
  /** A SAML provider's name, or an OIDC provider's URL without https://. */
  name: string;
  /** "SAML" or "OpenID Connect". */
  type: string;
  createDate: Date;
  /** "2 days ago" */
  created: string;
}

export const PROVIDERS_TABLE = defineTable<ProviderListRow>({
  resourceName: { singular: "provider", plural: "providers" },
  preferencesKey: "identity-providers",
  getRowId: (p) => p.arn,
  getRowLabel: (p) => p.name,
  columns: [
    {
      id: "provider",
      header: "Provider",
      cell: (p) => <RouterLink href={identityProviderHref(p.arn)}>{p.name}</RouterLink>,
      value: (p) => p.name,
      isRowHeader: true,
      alwaysVisible: true,
    },
    { id: "type", header: "Type", cell: (p) => p.type, value: (p) => p.type },
    { id: "creationTime", header: "Creation time", cell: (p) => p.created, value: (p) => p.createDate, filterValue: (p) => p.created },
  ],
  defaultSort: { columnId: "provider", descending: false },
});
