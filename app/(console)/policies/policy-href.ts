// Where a managed policy's pages are: keyed by its ARN, encoded into one path segment, as the
// IAM console keys them (…/policies/arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FAdministratorAccess).

export function policyHref(arn: string, page?: "edit"): string {
  return `/policies/${encodeURIComponent(arn)}${page ? `/${page}` : ""}`;
}

/**
 * The ARN a route segment names. Next decodes route params; a segment that still holds escapes
 * (a proxy left %2F alone) is decoded once more. ARNs of policies never contain "%".
 */
export function arnFromSegment(segment: string): string {
  return segment.includes("%") ? decodeURIComponent(segment) : segment;
}
