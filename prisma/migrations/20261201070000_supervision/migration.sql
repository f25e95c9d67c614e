-- Supervision by spot checks and unannounced visits (第二十七条第二款, issue #15 §3): plans with their
-- reproducible draw, the checks' findings, correction orders (督促整改) with their reports and
-- timeline; a sanction proposal now comes from a complaint or from a correction order.

-- CreateEnum
CREATE TYPE "SpotCheckPopulation" AS ENUM ('OFFICERS', 'AGENCIES');

-- CreateEnum
CREATE TYPE "SpotCheckMethod" AS ENUM ('SPOT_CHECK', 'UNANNOUNCED_VISIT');

-- CreateEnum
CREATE TYPE "CorrectionOrderStatus" AS ENUM ('OPEN', 'REPORTED', 'CORRECTED', 'NOT_CORRECTED');

-- CreateEnum
CREATE TYPE "CorrectionReportDecision" AS ENUM ('ACCEPTED', 'SENT_BACK');

-- AlterTable
ALTER TABLE "SanctionProposal" ALTER COLUMN "complaintId" DROP NOT NULL,
ADD COLUMN     "correctionOrderId" TEXT;

-- A proposal comes from exactly one source: a complaint (第二十八条) or a correction order (第二十七条第二款).
ALTER TABLE "SanctionProposal" ADD CONSTRAINT "SanctionProposal_one_source" CHECK (("complaintId" IS NULL) <> ("correctionOrderId" IS NULL));

-- CreateTable
CREATE TABLE "SpotCheckPlan" (
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "bureauOrgId" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "population" "SpotCheckPopulation" NOT NULL,
    "method" "SpotCheckMethod" NOT NULL,
    "sampleSize" INTEGER NOT NULL,
    "seed" TEXT NOT NULL,
    "seedAnnounced" BOOLEAN NOT NULL DEFAULT false,
    "populationIds" TEXT[],
    "populationSha256" TEXT NOT NULL,
    "sampleIds" TEXT[],
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SpotCheckPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SpotCheck" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "agencyId" TEXT NOT NULL,
    "officerId" TEXT,
    "finding" TEXT NOT NULL,
    "facts" TEXT NOT NULL,
    "checkedOn" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SpotCheck_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CorrectionOrder" (
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "checkId" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "bureauOrgId" TEXT NOT NULL,
    "agencyId" TEXT NOT NULL,
    "agencyRegionCode" TEXT NOT NULL,
    "officerId" TEXT,
    "rule" TEXT NOT NULL,
    "facts" TEXT NOT NULL,
    "status" "CorrectionOrderStatus" NOT NULL DEFAULT 'OPEN',
    "issuedById" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3),
    "dueAtProvisional" BOOLEAN NOT NULL DEFAULT false,
    "remindAt" TIMESTAMP(3),
    "overdue" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "CorrectionOrder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CorrectionReport" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "attachmentIds" TEXT[],
    "reportedById" TEXT NOT NULL,
    "reportedAt" TIMESTAMP(3) NOT NULL,
    "decision" "CorrectionReportDecision",
    "decisionNote" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "CorrectionReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CorrectionOrderEvent" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "actorId" TEXT,
    "actorRole" TEXT,
    "organisationId" TEXT,
    "comment" TEXT,
    "detail" JSONB,
    "occurredAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CorrectionOrderEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SanctionProposal_correctionOrderId_key" ON "SanctionProposal"("correctionOrderId");

-- CreateIndex
CREATE UNIQUE INDEX "SpotCheckPlan_number_key" ON "SpotCheckPlan"("number");

-- CreateIndex
CREATE INDEX "SpotCheckPlan_bureauOrgId_createdAt_idx" ON "SpotCheckPlan"("bureauOrgId", "createdAt");

-- CreateIndex
CREATE INDEX "SpotCheckPlan_regionCode_idx" ON "SpotCheckPlan"("regionCode");

-- CreateIndex
CREATE INDEX "SpotCheck_agencyId_idx" ON "SpotCheck"("agencyId");

-- CreateIndex
CREATE INDEX "SpotCheck_officerId_idx" ON "SpotCheck"("officerId");

-- CreateIndex
CREATE UNIQUE INDEX "SpotCheck_planId_targetId_key" ON "SpotCheck"("planId", "targetId");

-- CreateIndex
CREATE UNIQUE INDEX "CorrectionOrder_number_key" ON "CorrectionOrder"("number");

-- CreateIndex
CREATE UNIQUE INDEX "CorrectionOrder_checkId_key" ON "CorrectionOrder"("checkId");

-- CreateIndex
CREATE UNIQUE INDEX "CorrectionOrder_workflowId_key" ON "CorrectionOrder"("workflowId");

-- CreateIndex
CREATE INDEX "CorrectionOrder_agencyId_status_idx" ON "CorrectionOrder"("agencyId", "status");

-- CreateIndex
CREATE INDEX "CorrectionOrder_bureauOrgId_status_idx" ON "CorrectionOrder"("bureauOrgId", "status");

-- CreateIndex
CREATE INDEX "CorrectionOrder_agencyRegionCode_idx" ON "CorrectionOrder"("agencyRegionCode");

-- CreateIndex
CREATE INDEX "CorrectionOrder_officerId_idx" ON "CorrectionOrder"("officerId");

-- CreateIndex
CREATE UNIQUE INDEX "CorrectionReport_orderId_key_key" ON "CorrectionReport"("orderId", "key");

-- CreateIndex
CREATE INDEX "CorrectionOrderEvent_orderId_occurredAt_idx" ON "CorrectionOrderEvent"("orderId", "occurredAt");

-- AddForeignKey
ALTER TABLE "SanctionProposal" ADD CONSTRAINT "SanctionProposal_correctionOrderId_fkey" FOREIGN KEY ("correctionOrderId") REFERENCES "CorrectionOrder"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SpotCheck" ADD CONSTRAINT "SpotCheck_planId_fkey" FOREIGN KEY ("planId") REFERENCES "SpotCheckPlan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CorrectionOrder" ADD CONSTRAINT "CorrectionOrder_checkId_fkey" FOREIGN KEY ("checkId") REFERENCES "SpotCheck"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CorrectionReport" ADD CONSTRAINT "CorrectionReport_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "CorrectionOrder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CorrectionOrderEvent" ADD CONSTRAINT "CorrectionOrderEvent_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "CorrectionOrder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
