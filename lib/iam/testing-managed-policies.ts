// The AWS managed policies tests load: every one the test files name is read once per run by
// vitest's global setup, not from the 77 MB package in each file. Apart from testing.ts so that
// the global setup can read the list without a database.

/** Those setupDemoAccount loads: the demo account's and those most tests attach. */
export const DEMO_TEST_MANAGED_POLICIES = ["AdministratorAccess", "SecurityAudit", "AmazonS3ReadOnlyAccess", "ReadOnlyAccess", "IAMReadOnlyAccess"];

export const TEST_MANAGED_POLICIES = [
  ...DEMO_TEST_MANAGED_POLICIES,
  "AWSLambdaBasicExecutionRole",
  "ViewOnlyAccess",
  "AutoScalingServiceRolePolicy",
  "AmazonECSServiceRolePolicy",
  "AWSElasticLoadBalancingServiceRolePolicy",
  "IAMUserChangePassword",
];
