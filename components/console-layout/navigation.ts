// The console's pages as the side navigation shows them, in the IAM console's order.
// One list: add a page's entry here when the page exists. A section with no entries is
// not shown, so the navigation never links to a page that is not there yet.
//
// The IAM console's full navigation, for when the pages come:
//   Access management: User groups /groups · Users /users · Roles /roles · Policies /policies ·
//                      Identity providers /identity-providers · Account settings /account-settings
//   Access reports:    Access Analyzer /access-analyzer · Credential report /credential-report ·
//                      Organization activity /organization-activity ·
//                      Service control policies /service-control-policies
//                      Event history /event-history is CloudTrail's page in AWS; here the IAM calls'
//                      history sits with the other reports read from the same events.
//   Tools:             Policy simulator /policy-simulator — AWS lists it under "Tools" (on the IAM
//                      dashboard, beside the navigation); here it is a console page, so the
//                      navigation gets a "Tools" section with AWS's own wording.

export type NavSection = "Access management" | "Access reports" | "Tools";

export interface ConsolePageEntry {
  /** The link text, as the IAM console words it. */
  text: string;
  href: string;
  /** Absent for the entries above the sections (the dashboard). */
  section?: NavSection;
}

/** Section order in the navigation. */
export const NAV_SECTIONS: readonly NavSection[] = ["Access management", "Access reports", "Tools"];

export const CONSOLE_PAGES: readonly ConsolePageEntry[] = [
  { text: "Dashboard", href: "/" },
  { text: "User groups", href: "/groups", section: "Access management" },
  { text: "Users", href: "/users", section: "Access management" },
  { text: "Roles", href: "/roles", section: "Access management" },
  { text: "Policies", href: "/policies", section: "Access management" },
  { text: "Identity providers", href: "/identity-providers", section: "Access management" },
  { text: "Account settings", href: "/account-settings", section: "Access management" },
  { text: "Access Analyzer", href: "/access-analyzer", section: "Access reports" },
  { text: "Credential report", href: "/credential-report", section: "Access reports" },
  { text: "Event history", href: "/event-history", section: "Access reports" },
  { text: "Policy simulator", href: "/policy-simulator", section: "Tools" },
];

export const NAV_HEADER = { text: "Identity and Access Management (IAM)", href: "/" } as const;

/** The entry a path belongs to: the longest href that is the path or a parent of it. */
export function navEntryFor(pathname: string): ConsolePageEntry | undefined {
  let best: ConsolePageEntry | undefined;
  for (const entry of CONSOLE_PAGES) {
    const matches =
      entry.href === "/" ? pathname === "/" : pathname === entry.href || pathname.startsWith(`${entry.href}/`);
    if (matches && (!best || entry.href.length > best.href.length)) best = entry;
  }
  return best;
}

/** The href of a page if it exists yet, e.g. to link a dashboard count to its list. */
export function consolePageHref(text: string): string | undefined {
  return CONSOLE_PAGES.find((entry) => entry.text === text)?.href;
}
