-- DropIndex
DROP INDEX "ActivityEvent_accountId_eventTime_idx";

-- AlterTable
ALTER TABLE "ActivityEvent" ADD COLUMN     "awsRegion" VARCHAR(32),
ADD COLUMN     "identityArn" TEXT,
ADD COLUMN     "serviceNamespace" VARCHAR(64) NOT NULL DEFAULT 'iam';

-- CreateTable
CREATE TABLE "CredentialReport" (
    "accountId" VARCHAR(12) NOT NULL,
    "state" VARCHAR(16) NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "generatedAt" TIMESTAMPTZ(3),
    "content" BYTEA,

    CONSTRAINT "CredentialReport_pkey" PRIMARY KEY ("accountId")
);

-- CreateTable
CREATE TABLE "ServiceLastAccessedJob" (
    "jobId" UUID NOT NULL,
    "accountId" VARCHAR(12) NOT NULL,
    "requesterArn" TEXT NOT NULL,
    "entityArn" TEXT NOT NULL,
    "granularity" VARCHAR(16) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "completedAt" TIMESTAMPTZ(3),
    "result" JSONB,
    "errorCode" VARCHAR(64),
    "errorMessage" TEXT,

    CONSTRAINT "ServiceLastAccessedJob_pkey" PRIMARY KEY ("jobId")
);

-- CreateTable
CREATE TABLE "Analyzer" (
    "arn" TEXT NOT NULL,
    "accountId" VARCHAR(12) NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "type" VARCHAR(32) NOT NULL,
    "unusedAccessAge" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "lastScannedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Analyzer_pkey" PRIMARY KEY ("arn")
);

-- CreateTable
CREATE TABLE "AnalyzerFinding" (
    "id" UUID NOT NULL,
    "analyzerArn" TEXT NOT NULL,
    "findingType" VARCHAR(32) NOT NULL,
    "resource" TEXT NOT NULL,
    "resourceType" VARCHAR(32) NOT NULL,
    "subject" TEXT NOT NULL DEFAULT '',
    "status" VARCHAR(16) NOT NULL,
    "details" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "analyzedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AnalyzerFinding_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ServiceLastAccessedJob_accountId_createdAt_idx" ON "ServiceLastAccessedJob"("accountId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Analyzer_accountId_name_key" ON "Analyzer"("accountId", "name");

-- CreateIndex
CREATE INDEX "AnalyzerFinding_analyzerArn_status_updatedAt_idx" ON "AnalyzerFinding"("analyzerArn", "status", "updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "AnalyzerFinding_analyzerArn_findingType_resource_subject_key" ON "AnalyzerFinding"("analyzerArn", "findingType", "resource", "subject");

-- CreateIndex
CREATE INDEX "ActivityEvent_accountId_eventTime_id_idx" ON "ActivityEvent"("accountId", "eventTime" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "ActivityEvent_accountId_errorCode_eventTime_idx" ON "ActivityEvent"("accountId", "errorCode", "eventTime");

-- CreateIndex
CREATE INDEX "ActivityEvent_accountId_identityArn_serviceNamespace_eventT_idx" ON "ActivityEvent"("accountId", "identityArn", "serviceNamespace", "eventTime");

-- AddForeignKey
ALTER TABLE "CredentialReport" ADD CONSTRAINT "CredentialReport_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceLastAccessedJob" ADD CONSTRAINT "ServiceLastAccessedJob_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Analyzer" ADD CONSTRAINT "Analyzer_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnalyzerFinding" ADD CONSTRAINT "AnalyzerFinding_analyzerArn_fkey" FOREIGN KEY ("analyzerArn") REFERENCES "Analyzer"("arn") ON DELETE CASCADE ON UPDATE CASCADE;


-- Backfill: earlier events were made by users and root (no role sessions existed), and by IAM or sign-in.
UPDATE "ActivityEvent" SET "identityArn" = "principalArn" WHERE "identityArn" IS NULL;
UPDATE "ActivityEvent" SET "serviceNamespace" = split_part("eventSource", '.', 1), "awsRegion" = 'us-east-1';
