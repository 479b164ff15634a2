import type { CatalogData } from "@/lib/iam/policy/catalog";
import type { SummaryCatalog } from "@/lib/iam/policy-summary";

// The policy summary's view of the action catalog, from the catalog data the server loads
// (policyCatalogData) or the browser downloads (loadCatalogData). Pure.

export function summaryCatalog(data: CatalogData): SummaryCatalog {
  const byPrefix = new Map(data.services.map((s) => [s.prefix.toLowerCase(), s]));
  const actions = new Map<string, { name: string; accessLevel: CatalogData["services"][number]["actions"][number][1] }[]>();
  const prefixes = [...byPrefix.keys()].sort();
  return {
    services: () => prefixes,
    serviceName: (service) => byPrefix.get(service.toLowerCase())?.name,
    actions: (service) => {
      const key = service.toLowerCase();
      const data = byPrefix.get(key);
      if (!data) return undefined;
      let list = actions.get(key);
      if (!list) actions.set(key, (list = data.actions.map(([name, accessLevel]) => ({ name, accessLevel }))));
      return list;
    },
  };
}
