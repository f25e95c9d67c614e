-- CreateEnum
CREATE TYPE "CleanupTaskStatus" AS ENUM ('OPEN', 'RESOLVED', 'ESCALATED');

-- CreateEnum
CREATE TYPE "CleanupFindingKind" AS ENUM ('NOT_ON_STAFF', 'DEPARTED', 'LOST_NOT_REISSUED', 'TRAINING_SHORTFALL', 'ASSESSMENT_MISSING', 'RETENTION_EXPIRING');

-- CreateEnum
CREATE TYPE "CleanupResolution" AS ENUM ('CANCEL', 'REISSUE', 'KEEP');

-- CreateTable
CREATE TABLE "CleanupRun" (
    "year" INTEGER NOT NULL,
    "workflowId" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "completedAt" TIMESTAMP(3),
    "totals" JSONB,

    CONSTRAINT "CleanupRun_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "CleanupTask" (
    "id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "organisationId" TEXT NOT NULL,
    "status" "CleanupTaskStatus" NOT NULL DEFAULT 'OPEN',
    "dueAt" TIMESTAMP(3) NOT NULL,
    "findingCount" INTEGER NOT NULL,
    "openCount" INTEGER NOT NULL,
    "escalatedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CleanupTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CleanupFinding" (
    "id" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "kind" "CleanupFindingKind" NOT NULL,
    "officerId" TEXT NOT NULL,
    "certificateId" TEXT,
    "subjectKey" TEXT NOT NULL,
    "detail" JSONB,
    "resolution" "CleanupResolution",
    "resolutionNote" TEXT,
    "resolvedById" TEXT,
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "CleanupFinding_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CleanupTask_organisationId_status_idx" ON "CleanupTask"("organisationId", "status");

-- CreateIndex
CREATE INDEX "CleanupTask_status_dueAt_idx" ON "CleanupTask"("status", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "CleanupTask_year_organisationId_key" ON "CleanupTask"("year", "organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "CleanupFinding_taskId_kind_subjectKey_key" ON "CleanupFinding"("taskId", "kind", "subjectKey");

-- AddForeignKey
ALTER TABLE "CleanupTask" ADD CONSTRAINT "CleanupTask_year_fkey" FOREIGN KEY ("year") REFERENCES "CleanupRun"("year") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CleanupTask" ADD CONSTRAINT "CleanupTask_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CleanupFinding" ADD CONSTRAINT "CleanupFinding_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "CleanupTask"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
