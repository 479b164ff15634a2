// A managed policy's pages are keyed by its ARN encoded into one path segment (policyHref in
// lib/console-paths.ts), as the IAM console keys them.

/**
 * The ARN a route segment names. Next decodes route params; a segment that still holds escapes
 * (a proxy left %2F alone) is decoded once more. ARNs of policies never contain "%".
 */
export function arnFromSegment(segment: string): string {
  return segment.includes("%") ? decodeURIComponent(segment) : segment;
}
