import Box from "@cloudscape-design/components/box";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { RouterLink } from "@/components/console-layout/router-link";
import { ACCESS_ANALYZER_HREF, GENERATE_POLICY_HREF, POLICY_VALIDATION_HREF } from "./unused-access-text";

// Access Analyzer's pages, as the IAM console lists them under "Access analyzer": the unused
// access findings, policy validation findings and policy generation. The current page is
// named, not linked. Server pages render it.

const PAGES = [
  { text: "Unused access", href: ACCESS_ANALYZER_HREF },
  { text: "Policy validation", href: POLICY_VALIDATION_HREF },
  { text: "Generate policy", href: GENERATE_POLICY_HREF },
] as const;

export function AccessAnalyzerLinks({ current }: { current?: string }) {
  return (
    <nav aria-label="Access Analyzer">
      <SpaceBetween direction="horizontal" size="l">
        {PAGES.map((page) =>
          page.href === current ? (
            <Box key={page.href} fontWeight="bold" variant="span">
              <span aria-current="page">{page.text}</span>
            </Box>
          ) : (
            <RouterLink key={page.href} href={page.href}>
              {page.text}
            </RouterLink>
          ),
        )}
      </SpaceBetween>
    </nav>
  );
}
