-- AlterTable
ALTER TABLE "MfaDevice" ADD COLUMN     "aaguid" VARCHAR(36),
ADD COLUMN     "credentialId" TEXT,
ADD COLUMN     "lastTimeStep" BIGINT,
ADD COLUMN     "publicKey" TEXT,
ADD COLUMN     "signCount" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "transports" JSONB;

-- CreateTable
CREATE TABLE "SignInChallenge" (
    "tokenHash" VARCHAR(64) NOT NULL,
    "accountId" VARCHAR(12) NOT NULL,
    "userId" VARCHAR(32),
    "principalArn" TEXT NOT NULL,
    "throttleKey" TEXT NOT NULL,
    "mfaRequired" BOOLEAN NOT NULL,
    "mfaVerifiedAt" TIMESTAMPTZ(3),
    "passwordChange" VARCHAR(16) NOT NULL,
    "passwordChangedAt" TIMESTAMPTZ(3),
    "webauthnChallenge" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SignInChallenge_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateTable
CREATE TABLE "MfaRegistration" (
    "id" UUID NOT NULL,
    "accountId" VARCHAR(12) NOT NULL,
    "userId" VARCHAR(32),
    "deviceName" VARCHAR(128) NOT NULL,
    "challenge" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MfaRegistration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SshPublicKey" (
    "id" VARCHAR(128) NOT NULL,
    "accountId" VARCHAR(12) NOT NULL,
    "userId" VARCHAR(32) NOT NULL,
    "body" TEXT NOT NULL,
    "fingerprint" VARCHAR(64) NOT NULL,
    "status" VARCHAR(8) NOT NULL DEFAULT 'Active',
    "uploadDate" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SshPublicKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceSpecificCredential" (
    "id" VARCHAR(128) NOT NULL,
    "accountId" VARCHAR(12) NOT NULL,
    "userId" VARCHAR(32) NOT NULL,
    "serviceName" VARCHAR(128) NOT NULL,
    "serviceUserName" VARCHAR(200) NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "status" VARCHAR(8) NOT NULL DEFAULT 'Active',
    "createDate" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ServiceSpecificCredential_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SigningCertificate" (
    "id" VARCHAR(128) NOT NULL,
    "accountId" VARCHAR(12) NOT NULL,
    "userId" VARCHAR(32),
    "body" TEXT NOT NULL,
    "fingerprint" VARCHAR(64) NOT NULL,
    "status" VARCHAR(8) NOT NULL DEFAULT 'Active',
    "uploadDate" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SigningCertificate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SignInChallenge_expiresAt_idx" ON "SignInChallenge"("expiresAt");

-- CreateIndex
CREATE INDEX "MfaRegistration_accountId_userId_idx" ON "MfaRegistration"("accountId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "SshPublicKey_userId_fingerprint_key" ON "SshPublicKey"("userId", "fingerprint");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceSpecificCredential_serviceUserName_key" ON "ServiceSpecificCredential"("serviceUserName");

-- CreateIndex
CREATE INDEX "ServiceSpecificCredential_userId_serviceName_idx" ON "ServiceSpecificCredential"("userId", "serviceName");

-- CreateIndex
CREATE INDEX "SigningCertificate_accountId_userId_idx" ON "SigningCertificate"("accountId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "SigningCertificate_accountId_fingerprint_key" ON "SigningCertificate"("accountId", "fingerprint");

-- CreateIndex
CREATE UNIQUE INDEX "MfaDevice_credentialId_key" ON "MfaDevice"("credentialId");

-- AddForeignKey
ALTER TABLE "SignInChallenge" ADD CONSTRAINT "SignInChallenge_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MfaRegistration" ADD CONSTRAINT "MfaRegistration_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SshPublicKey" ADD CONSTRAINT "SshPublicKey_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SshPublicKey" ADD CONSTRAINT "SshPublicKey_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceSpecificCredential" ADD CONSTRAINT "ServiceSpecificCredential_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceSpecificCredential" ADD CONSTRAINT "ServiceSpecificCredential_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SigningCertificate" ADD CONSTRAINT "SigningCertificate_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SigningCertificate" ADD CONSTRAINT "SigningCertificate_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

