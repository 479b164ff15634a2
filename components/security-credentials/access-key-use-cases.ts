import { ACCESS_KEY_DESCRIPTION_MAX } from "@/lib/iam/access-key-rules";

// Step 1 of the console's "Create access key" for an IAM user: "Access key best practices &
// alternatives". Each use case comes with the alternative AWS recommends instead of a long-term
// key, in the console's words; where AWS asks, the user confirms before going on. The choice
// is advice only: CreateAccessKey itself takes no use case. Plain data, tested once.

export type AccessKeyUseCase = "cli" | "local-code" | "aws-compute" | "third-party" | "outside-aws" | "other";

export interface UseCaseAdvice {
  value: AccessKeyUseCase;
  label: string;
  description: string;
  /** The "Alternative(s) recommended" alert; absent for "Other". */
  alternatives: readonly { text: string; learnMore: string }[];
  /** Whether "I understand the above recommendation…" must be checked to go on. */
  confirmation: boolean;
}

export const USE_CASE_CONFIRMATION = "I understand the above recommendation and want to proceed to create an access key.";

export const ACCESS_KEY_USE_CASES: readonly UseCaseAdvice[] = [
  {
    value: "cli",
    label: "Command Line Interface (CLI)",
    description: "You plan to use this access key to enable the AWS CLI to access your AWS account.",
    alternatives: [
      { text: "Use AWS CloudShell, a browser-based CLI, to run commands.", learnMore: "https://docs.aws.amazon.com/cloudshell/latest/userguide/welcome.html" },
      {
        text: "Use the AWS CLI V2 and enable authentication through a user in IAM Identity Center.",
        learnMore: "https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-sso.html",
      },
    ],
    confirmation: true,
  },
  {
    value: "local-code",
    label: "Local code",
    description: "You plan to use this access key to enable application code in a local development environment to access your AWS account.",
    alternatives: [
      {
        text: "Use an integrated development environment (IDE) which supports the AWS Toolkit enabling authentication through IAM Identity Center.",
        learnMore: "https://aws.amazon.com/getting-started/tools-sdks/#IDE_and_IDE_Toolkits",
      },
    ],
    confirmation: true,
  },
  {
    value: "aws-compute",
    label: "Application running on an AWS compute service",
    description:
      "You plan to use this access key to enable application code running on an AWS compute service like Amazon EC2, Amazon ECS, or AWS Lambda to access your AWS account.",
    alternatives: [
      {
        text: "Assign an IAM role to compute resources like EC2 instances or Lambda functions to automatically supply temporary credentials to enable access.",
        learnMore: "https://docs.aws.amazon.com/console/iam/use-role-compute",
      },
    ],
    confirmation: true,
  },
  {
    value: "third-party",
    label: "Third-party service",
    description: "You plan to use this access key to enable access for a third-party application or service that monitors or manages your AWS resources.",
    alternatives: [
      {
        text: "As a best practice, use temporary security credentials (IAM roles) instead of creating long-term credentials like access keys, and don't create AWS account root user access keys.",
        learnMore: "https://docs.aws.amazon.com/console/iam/use-role-third-party",
      },
    ],
    confirmation: true,
  },
  {
    value: "outside-aws",
    label: "Application running outside AWS",
    description:
      "You plan to use this access key to authenticate workloads running in your data center or other infrastructure outside of AWS that needs to access your AWS resources.",
    alternatives: [
      {
        text: "Use IAM Roles Anywhere to generate temporary security credentials for non AWS workloads accessing AWS services.",
        learnMore: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_non-aws.html",
      },
    ],
    confirmation: false,
  },
  {
    value: "other",
    label: "Other",
    description: "Your use case is not listed here.",
    alternatives: [],
    confirmation: false,
  },
];

export function useCaseAdvice(value: string | undefined): UseCaseAdvice | undefined {
  return ACCESS_KEY_USE_CASES.find((u) => u.value === value);
}

/** Why step 1 cannot be left yet, or undefined when it can. */
export function useCaseStepError(value: string | undefined, confirmed: boolean): string | undefined {
  const advice = useCaseAdvice(value);
  if (!advice) return "Choose a use case to continue.";
  if (advice.confirmation && !confirmed) return "Confirm that you understand the recommendation to continue.";
  return undefined;
}

// ---- Step 2: "Set description tag - optional" ---------------------------------------------

/** Checked as it is typed with accessKeyDescriptionError (lib/iam/access-key-rules), TagUser's rules. */
export const DESCRIPTION_CONSTRAINT = `Maximum ${ACCESS_KEY_DESCRIPTION_MAX} characters. Allowed characters are letters, numbers, spaces representable in UTF-8, and: _ . : / = + - @`;
