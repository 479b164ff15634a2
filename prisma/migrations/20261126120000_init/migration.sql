-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Account" (
    "id" VARCHAR(12) NOT NULL,
    "alias" VARCHAR(63),
    "rootEmail" TEXT NOT NULL,
    "rootPasswordHash" TEXT NOT NULL,
    "rootPasswordLastUsed" TIMESTAMPTZ(3),
    "rootPasswordChangedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "globalEndpointTokenVersion" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" VARCHAR(32) NOT NULL,
    "accountId" VARCHAR(12) NOT NULL,
    "name" VARCHAR(128) NOT NULL,
    "nameKey" VARCHAR(128) NOT NULL,
    "path" VARCHAR(512) NOT NULL DEFAULT '/',
    "arn" TEXT NOT NULL,
    "permissionsBoundaryId" VARCHAR(32),
    "passwordLastUsed" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginProfile" (
    "userId" VARCHAR(32) NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "passwordResetRequired" BOOLEAN NOT NULL DEFAULT false,
    "passwordChangedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoginProfile_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "PasswordHistory" (
    "id" UUID NOT NULL,
    "userId" VARCHAR(32) NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PasswordHistory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Group" (
    "id" VARCHAR(32) NOT NULL,
    "accountId" VARCHAR(12) NOT NULL,
    "name" VARCHAR(128) NOT NULL,
    "nameKey" VARCHAR(128) NOT NULL,
    "path" VARCHAR(512) NOT NULL DEFAULT '/',
    "arn" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Group_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GroupMembership" (
    "groupId" VARCHAR(32) NOT NULL,
    "userId" VARCHAR(32) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GroupMembership_pkey" PRIMARY KEY ("groupId","userId")
);

-- CreateTable
CREATE TABLE "Role" (
    "id" VARCHAR(32) NOT NULL,
    "accountId" VARCHAR(12) NOT NULL,
    "name" VARCHAR(64) NOT NULL,
    "nameKey" VARCHAR(64) NOT NULL,
    "path" VARCHAR(512) NOT NULL DEFAULT '/',
    "arn" TEXT NOT NULL,
    "description" VARCHAR(1000),
    "assumeRolePolicyDocument" TEXT NOT NULL,
    "maxSessionDuration" INTEGER NOT NULL DEFAULT 3600,
    "permissionsBoundaryId" VARCHAR(32),
    "lastUsedDate" TIMESTAMPTZ(3),
    "lastUsedRegion" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Role_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Policy" (
    "id" VARCHAR(32) NOT NULL,
    "accountId" VARCHAR(12),
    "name" VARCHAR(128) NOT NULL,
    "nameKey" VARCHAR(128) NOT NULL,
    "path" VARCHAR(512) NOT NULL DEFAULT '/',
    "arn" TEXT NOT NULL,
    "description" VARCHAR(1000),
    "defaultVersionId" VARCHAR(16) NOT NULL DEFAULT 'v1',
    "nextVersionNumber" INTEGER NOT NULL DEFAULT 2,
    "isAttachable" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Policy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PolicyVersion" (
    "policyId" VARCHAR(32) NOT NULL,
    "versionId" VARCHAR(16) NOT NULL,
    "document" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PolicyVersion_pkey" PRIMARY KEY ("policyId","versionId")
);

-- CreateTable
CREATE TABLE "PolicyAttachment" (
    "id" UUID NOT NULL,
    "accountId" VARCHAR(12) NOT NULL,
    "policyId" VARCHAR(32) NOT NULL,
    "userId" VARCHAR(32),
    "groupId" VARCHAR(32),
    "roleId" VARCHAR(32),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PolicyAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InlinePolicy" (
    "id" UUID NOT NULL,
    "accountId" VARCHAR(12) NOT NULL,
    "name" VARCHAR(128) NOT NULL,
    "userId" VARCHAR(32),
    "groupId" VARCHAR(32),
    "roleId" VARCHAR(32),
    "document" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InlinePolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Tag" (
    "id" UUID NOT NULL,
    "key" VARCHAR(128) NOT NULL,
    "keyKey" VARCHAR(128) NOT NULL,
    "value" VARCHAR(256) NOT NULL,
    "userId" VARCHAR(32),
    "roleId" VARCHAR(32),
    "policyId" VARCHAR(32),
    "instanceProfileId" VARCHAR(32),
    "mfaSerialNumber" TEXT,
    "identityProviderArn" TEXT,

    CONSTRAINT "Tag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccessKey" (
    "id" VARCHAR(32) NOT NULL,
    "accountId" VARCHAR(12) NOT NULL,
    "userId" VARCHAR(32),
    "status" VARCHAR(8) NOT NULL DEFAULT 'Active',
    "secretEncrypted" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedDate" TIMESTAMPTZ(3),
    "lastUsedServiceName" TEXT,
    "lastUsedRegion" TEXT,

    CONSTRAINT "AccessKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MfaDevice" (
    "serialNumber" TEXT NOT NULL,
    "accountId" VARCHAR(12) NOT NULL,
    "name" VARCHAR(256) NOT NULL,
    "path" VARCHAR(512) NOT NULL DEFAULT '/',
    "type" VARCHAR(16) NOT NULL DEFAULT 'virtual',
    "userId" VARCHAR(32),
    "assignedToRoot" BOOLEAN NOT NULL DEFAULT false,
    "seedEncrypted" TEXT,
    "enableDate" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MfaDevice_pkey" PRIMARY KEY ("serialNumber")
);

-- CreateTable
CREATE TABLE "PasswordPolicy" (
    "accountId" VARCHAR(12) NOT NULL,
    "minimumPasswordLength" INTEGER NOT NULL DEFAULT 6,
    "requireSymbols" BOOLEAN NOT NULL DEFAULT false,
    "requireNumbers" BOOLEAN NOT NULL DEFAULT false,
    "requireUppercaseCharacters" BOOLEAN NOT NULL DEFAULT false,
    "requireLowercaseCharacters" BOOLEAN NOT NULL DEFAULT false,
    "allowUsersToChangePassword" BOOLEAN NOT NULL DEFAULT false,
    "maxPasswordAge" INTEGER,
    "passwordReusePrevention" INTEGER,
    "hardExpiry" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "PasswordPolicy_pkey" PRIMARY KEY ("accountId")
);

-- CreateTable
CREATE TABLE "StsSession" (
    "accessKeyId" VARCHAR(32) NOT NULL,
    "accountId" VARCHAR(12) NOT NULL,
    "secretEncrypted" TEXT NOT NULL,
    "sessionTokenHash" TEXT NOT NULL,
    "kind" VARCHAR(32) NOT NULL,
    "userId" VARCHAR(32),
    "roleId" VARCHAR(32),
    "principalArn" TEXT NOT NULL,
    "principalId" TEXT NOT NULL,
    "sessionName" VARCHAR(64),
    "sourceIdentity" VARCHAR(64),
    "sessionPolicy" TEXT,
    "policyArns" JSONB,
    "tags" JSONB,
    "transitiveTagKeys" JSONB,
    "mfaAuthenticated" BOOLEAN NOT NULL DEFAULT false,
    "chained" BOOLEAN NOT NULL DEFAULT false,
    "expiration" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StsSession_pkey" PRIMARY KEY ("accessKeyId")
);

-- CreateTable
CREATE TABLE "ActivityEvent" (
    "id" BIGSERIAL NOT NULL,
    "accountId" VARCHAR(12) NOT NULL,
    "eventTime" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "requestId" UUID NOT NULL,
    "eventSource" VARCHAR(64) NOT NULL,
    "eventName" VARCHAR(128) NOT NULL,
    "principalArn" TEXT NOT NULL,
    "principalId" TEXT,
    "principalType" VARCHAR(32) NOT NULL,
    "accessKeyId" VARCHAR(32),
    "sessionName" TEXT,
    "sourceIp" VARCHAR(64),
    "userAgent" TEXT,
    "requestParameters" JSONB,
    "resourceArn" TEXT,
    "errorCode" VARCHAR(64),
    "errorMessage" TEXT,
    "readOnly" BOOLEAN NOT NULL DEFAULT false,
    "mfaAuthenticated" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "ActivityEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdentityProvider" (
    "arn" TEXT NOT NULL,
    "accountId" VARCHAR(12) NOT NULL,
    "type" VARCHAR(8) NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT,
    "samlMetadata" TEXT,
    "clientIds" JSONB,
    "thumbprints" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "validUntil" TIMESTAMPTZ(3),

    CONSTRAINT "IdentityProvider_pkey" PRIMARY KEY ("arn")
);

-- CreateTable
CREATE TABLE "InstanceProfile" (
    "id" VARCHAR(32) NOT NULL,
    "accountId" VARCHAR(12) NOT NULL,
    "name" VARCHAR(128) NOT NULL,
    "nameKey" VARCHAR(128) NOT NULL,
    "path" VARCHAR(512) NOT NULL DEFAULT '/',
    "arn" TEXT NOT NULL,
    "roleId" VARCHAR(32),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InstanceProfile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsoleSession" (
    "id" UUID NOT NULL,
    "accountId" VARCHAR(12) NOT NULL,
    "principalArn" TEXT NOT NULL,
    "userId" VARCHAR(32),
    "sourceIp" VARCHAR(64),
    "mfaAuthenticatedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ConsoleSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignInThrottle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "blockedUntil" TIMESTAMPTZ(3),

    CONSTRAINT "SignInThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "SystemSetting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "SystemSetting_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "Account_alias_key" ON "Account"("alias");

-- CreateIndex
CREATE UNIQUE INDEX "Account_rootEmail_key" ON "Account"("rootEmail");

-- CreateIndex
CREATE UNIQUE INDEX "User_arn_key" ON "User"("arn");

-- CreateIndex
CREATE INDEX "User_accountId_path_idx" ON "User"("accountId", "path");

-- CreateIndex
CREATE UNIQUE INDEX "User_accountId_nameKey_key" ON "User"("accountId", "nameKey");

-- CreateIndex
CREATE INDEX "PasswordHistory_userId_createdAt_idx" ON "PasswordHistory"("userId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Group_arn_key" ON "Group"("arn");

-- CreateIndex
CREATE UNIQUE INDEX "Group_accountId_nameKey_key" ON "Group"("accountId", "nameKey");

-- CreateIndex
CREATE INDEX "GroupMembership_userId_idx" ON "GroupMembership"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Role_arn_key" ON "Role"("arn");

-- CreateIndex
CREATE UNIQUE INDEX "Role_accountId_nameKey_key" ON "Role"("accountId", "nameKey");

-- CreateIndex
CREATE UNIQUE INDEX "Policy_arn_key" ON "Policy"("arn");

-- CreateIndex
CREATE INDEX "Policy_path_idx" ON "Policy"("path");

-- CreateIndex
CREATE UNIQUE INDEX "Policy_accountId_nameKey_key" ON "Policy"("accountId", "nameKey");

-- CreateIndex
CREATE INDEX "PolicyAttachment_accountId_policyId_idx" ON "PolicyAttachment"("accountId", "policyId");

-- CreateIndex
CREATE UNIQUE INDEX "PolicyAttachment_userId_policyId_key" ON "PolicyAttachment"("userId", "policyId");

-- CreateIndex
CREATE UNIQUE INDEX "PolicyAttachment_groupId_policyId_key" ON "PolicyAttachment"("groupId", "policyId");

-- CreateIndex
CREATE UNIQUE INDEX "PolicyAttachment_roleId_policyId_key" ON "PolicyAttachment"("roleId", "policyId");

-- CreateIndex
CREATE UNIQUE INDEX "InlinePolicy_userId_name_key" ON "InlinePolicy"("userId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "InlinePolicy_groupId_name_key" ON "InlinePolicy"("groupId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "InlinePolicy_roleId_name_key" ON "InlinePolicy"("roleId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Tag_userId_keyKey_key" ON "Tag"("userId", "keyKey");

-- CreateIndex
CREATE UNIQUE INDEX "Tag_roleId_keyKey_key" ON "Tag"("roleId", "keyKey");

-- CreateIndex
CREATE UNIQUE INDEX "Tag_policyId_keyKey_key" ON "Tag"("policyId", "keyKey");

-- CreateIndex
CREATE UNIQUE INDEX "Tag_instanceProfileId_keyKey_key" ON "Tag"("instanceProfileId", "keyKey");

-- CreateIndex
CREATE UNIQUE INDEX "Tag_mfaSerialNumber_keyKey_key" ON "Tag"("mfaSerialNumber", "keyKey");

-- CreateIndex
CREATE UNIQUE INDEX "Tag_identityProviderArn_keyKey_key" ON "Tag"("identityProviderArn", "keyKey");

-- CreateIndex
CREATE INDEX "AccessKey_accountId_userId_idx" ON "AccessKey"("accountId", "userId");

-- CreateIndex
CREATE INDEX "MfaDevice_accountId_userId_idx" ON "MfaDevice"("accountId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "StsSession_sessionTokenHash_key" ON "StsSession"("sessionTokenHash");

-- CreateIndex
CREATE INDEX "StsSession_accountId_expiration_idx" ON "StsSession"("accountId", "expiration");

-- CreateIndex
CREATE INDEX "ActivityEvent_accountId_eventTime_idx" ON "ActivityEvent"("accountId", "eventTime");

-- CreateIndex
CREATE INDEX "ActivityEvent_accountId_principalArn_eventTime_idx" ON "ActivityEvent"("accountId", "principalArn", "eventTime");

-- CreateIndex
CREATE INDEX "ActivityEvent_accountId_eventName_eventTime_idx" ON "ActivityEvent"("accountId", "eventName", "eventTime");

-- CreateIndex
CREATE UNIQUE INDEX "IdentityProvider_accountId_type_name_key" ON "IdentityProvider"("accountId", "type", "name");

-- CreateIndex
CREATE UNIQUE INDEX "InstanceProfile_arn_key" ON "InstanceProfile"("arn");

-- CreateIndex
CREATE UNIQUE INDEX "InstanceProfile_accountId_nameKey_key" ON "InstanceProfile"("accountId", "nameKey");

-- CreateIndex
CREATE INDEX "ConsoleSession_accountId_principalArn_idx" ON "ConsoleSession"("accountId", "principalArn");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_permissionsBoundaryId_fkey" FOREIGN KEY ("permissionsBoundaryId") REFERENCES "Policy"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LoginProfile" ADD CONSTRAINT "LoginProfile_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PasswordHistory" ADD CONSTRAINT "PasswordHistory_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Group" ADD CONSTRAINT "Group_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupMembership" ADD CONSTRAINT "GroupMembership_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupMembership" ADD CONSTRAINT "GroupMembership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Role" ADD CONSTRAINT "Role_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Role" ADD CONSTRAINT "Role_permissionsBoundaryId_fkey" FOREIGN KEY ("permissionsBoundaryId") REFERENCES "Policy"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Policy" ADD CONSTRAINT "Policy_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PolicyVersion" ADD CONSTRAINT "PolicyVersion_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "Policy"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PolicyAttachment" ADD CONSTRAINT "PolicyAttachment_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "Policy"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PolicyAttachment" ADD CONSTRAINT "PolicyAttachment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PolicyAttachment" ADD CONSTRAINT "PolicyAttachment_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PolicyAttachment" ADD CONSTRAINT "PolicyAttachment_roleId_fkey" FOREIGN KEY ("roleId") REFERENCES "Role"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InlinePolicy" ADD CONSTRAINT "InlinePolicy_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InlinePolicy" ADD CONSTRAINT "InlinePolicy_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InlinePolicy" ADD CONSTRAINT "InlinePolicy_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InlinePolicy" ADD CONSTRAINT "InlinePolicy_roleId_fkey" FOREIGN KEY ("roleId") REFERENCES "Role"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Tag" ADD CONSTRAINT "Tag_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Tag" ADD CONSTRAINT "Tag_roleId_fkey" FOREIGN KEY ("roleId") REFERENCES "Role"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Tag" ADD CONSTRAINT "Tag_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "Policy"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Tag" ADD CONSTRAINT "Tag_instanceProfileId_fkey" FOREIGN KEY ("instanceProfileId") REFERENCES "InstanceProfile"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Tag" ADD CONSTRAINT "Tag_mfaSerialNumber_fkey" FOREIGN KEY ("mfaSerialNumber") REFERENCES "MfaDevice"("serialNumber") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Tag" ADD CONSTRAINT "Tag_identityProviderArn_fkey" FOREIGN KEY ("identityProviderArn") REFERENCES "IdentityProvider"("arn") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessKey" ADD CONSTRAINT "AccessKey_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessKey" ADD CONSTRAINT "AccessKey_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MfaDevice" ADD CONSTRAINT "MfaDevice_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MfaDevice" ADD CONSTRAINT "MfaDevice_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PasswordPolicy" ADD CONSTRAINT "PasswordPolicy_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StsSession" ADD CONSTRAINT "StsSession_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StsSession" ADD CONSTRAINT "StsSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StsSession" ADD CONSTRAINT "StsSession_roleId_fkey" FOREIGN KEY ("roleId") REFERENCES "Role"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityEvent" ADD CONSTRAINT "ActivityEvent_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdentityProvider" ADD CONSTRAINT "IdentityProvider_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InstanceProfile" ADD CONSTRAINT "InstanceProfile_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InstanceProfile" ADD CONSTRAINT "InstanceProfile_roleId_fkey" FOREIGN KEY ("roleId") REFERENCES "Role"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsoleSession" ADD CONSTRAINT "ConsoleSession_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

