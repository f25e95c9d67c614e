-- CreateEnum
CREATE TYPE "ReviewRequestStatus" AS ENUM ('PENDING', 'UPHELD', 'ANNULLED', 'VARIED');

-- CreateEnum
CREATE TYPE "SanctionTaskKind" AS ENUM ('TRAINING', 'EXAM');

-- CreateEnum
CREATE TYPE "ReferralStatus" AS ENUM ('OPEN', 'DECIDED', 'DECLINED');

-- AlterEnum
ALTER TYPE "SanctionStatus" ADD VALUE 'PENDING_DELIVERY' BEFORE 'IN_EFFECT';

-- AlterTable
ALTER TABLE "Sanction" ADD COLUMN     "reviewDeadline" TIMESTAMP(3),
ADD COLUMN     "variedFromType" "SanctionType",
ALTER COLUMN "deliveredAt" DROP NOT NULL;

-- CreateTable
CREATE TABLE "ReviewRequest" (
    "id" TEXT NOT NULL,
    "sanctionId" TEXT NOT NULL,
    "filedById" TEXT NOT NULL,
    "filedByRole" TEXT NOT NULL,
    "filedAt" TIMESTAMP(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "ReviewRequestStatus" NOT NULL DEFAULT 'PENDING',
    "dueAt" TIMESTAMP(3) NOT NULL,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionComment" TEXT,

    CONSTRAINT "ReviewRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SanctionTask" (
    "id" TEXT NOT NULL,
    "sanctionId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "kind" "SanctionTaskKind" NOT NULL,
    "completedAt" TIMESTAMP(3),
    "completedById" TEXT,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SanctionTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SanctionReferral" (
    "id" TEXT NOT NULL,
    "certificateId" TEXT NOT NULL,
    "type" "SanctionType" NOT NULL,
    "grounds" INTEGER[],
    "facts" TEXT NOT NULL,
    "referredById" TEXT NOT NULL,
    "referredByOrgId" TEXT NOT NULL,
    "provinceOrgId" TEXT NOT NULL,
    "status" "ReferralStatus" NOT NULL DEFAULT 'OPEN',
    "sanctionId" TEXT,
    "decisionNote" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "SanctionReferral_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SanctionReferral_sanctionId_key" ON "SanctionReferral"("sanctionId");

-- CreateIndex
CREATE INDEX "SanctionReferral_provinceOrgId_status_idx" ON "SanctionReferral"("provinceOrgId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewRequest_sanctionId_key" ON "ReviewRequest"("sanctionId");

-- CreateIndex
CREATE INDEX "SanctionTask_organisationId_completedAt_idx" ON "SanctionTask"("organisationId", "completedAt");

-- CreateIndex
CREATE UNIQUE INDEX "SanctionTask_sanctionId_kind_key" ON "SanctionTask"("sanctionId", "kind");

-- AddForeignKey
ALTER TABLE "ReviewRequest" ADD CONSTRAINT "ReviewRequest_sanctionId_fkey" FOREIGN KEY ("sanctionId") REFERENCES "Sanction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SanctionTask" ADD CONSTRAINT "SanctionTask_sanctionId_fkey" FOREIGN KEY ("sanctionId") REFERENCES "Sanction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
