// The Security Token Service container's facts. The simulator serves STS at one endpoint and
// keeps the Regions' endpoints fixed, all active, so the container shows them read-only.

/** GetAccountSummary's GlobalEndpointTokenVersion, in the console's words. */
export function globalEndpointTokenText(version: number): string {
  return version === 2 ? "Valid in all AWS Regions" : "Valid only in AWS Regions enabled by default";
}

export interface StsEndpoint {
  region: string;
  regionName: string;
  endpoint: string;
  status: "Active";
}

const REGIONS: readonly [string, string][] = [
  ["us-east-1", "US East (N. Virginia)"],
  ["us-east-2", "US East (Ohio)"],
  ["us-west-1", "US West (N. California)"],
  ["us-west-2", "US West (Oregon)"],
  ["ca-central-1", "Canada (Central)"],
  ["eu-central-1", "Europe (Frankfurt)"],
  ["eu-west-1", "Europe (Ireland)"],
  ["eu-west-2", "Europe (London)"],
  ["eu-west-3", "Europe (Paris)"],
  ["eu-north-1", "Europe (Stockholm)"],
  ["ap-northeast-1", "Asia Pacific (Tokyo)"],
  ["ap-southeast-2", "Asia Pacific (Sydney)"],
  ["sa-east-1", "South America (São Paulo)"],
];

export const STS_GLOBAL_ENDPOINT = "sts.amazonaws.com";

export const STS_REGIONAL_ENDPOINTS: readonly StsEndpoint[] = REGIONS.map(([region, regionName]) => ({
  region,
  regionName,
  endpoint: `sts.${region}.amazonaws.com`,
  status: "Active",
}));
