-- CreateEnum
CREATE TYPE "ApplicationKind" AS ENUM ('INITIAL', 'TRANSFER', 'REISSUE', 'REAPPLY');

-- CreateEnum
CREATE TYPE "ApplicationStatus" AS ENUM ('UNDER_REVIEW', 'RETURNED', 'ISSUED', 'REJECTED', 'WITHDRAWN', 'LAPSED');

-- CreateEnum
CREATE TYPE "TaskStatus" AS ENUM ('OPEN', 'WAITING_CONSULTATION', 'DONE', 'CANCELLED');

-- CreateEnum
CREATE TYPE "ReviewDecision" AS ENUM ('APPROVE', 'REJECT', 'RETURN', 'CONSULT');

-- AlterTable
ALTER TABLE "IdempotencyRecord" ADD COLUMN     "responseBody" JSONB,
ADD COLUMN     "responseStatus" INTEGER;

-- CreateTable
CREATE TABLE "Attachment" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "applicationId" TEXT,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "uploadedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Application" (
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "kind" "ApplicationKind" NOT NULL,
    "officerId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "status" "ApplicationStatus" NOT NULL DEFAULT 'UNDER_REVIEW',
    "openForOfficerId" TEXT,
    "currentLevel" "OrgLevel",
    "round" INTEGER NOT NULL DEFAULT 1,
    "previousCertificateId" TEXT,
    "reissueReason" TEXT,
    "note" TEXT,
    "eligibility" JSONB NOT NULL,
    "submittedById" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL,
    "resubmitDeadline" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "certificateId" TEXT,
    "workflowId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Application_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewTask" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "level" "OrgLevel" NOT NULL,
    "bureauId" TEXT NOT NULL,
    "status" "TaskStatus" NOT NULL DEFAULT 'OPEN',
    "assigneeId" TEXT,
    "remindAt" TIMESTAMP(3) NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "remindedAt" TIMESTAMP(3),
    "overdue" BOOLEAN NOT NULL DEFAULT false,
    "decision" "ReviewDecision",
    "comment" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReviewTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Consultation" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "staffingOfficeId" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "askedById" TEXT NOT NULL,
    "askedAt" TIMESTAMP(3) NOT NULL,
    "answer" TEXT,
    "answeredById" TEXT,
    "answeredAt" TIMESTAMP(3),

    CONSTRAINT "Consultation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApplicationEvent" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "actorId" TEXT,
    "actorRole" TEXT,
    "level" "OrgLevel",
    "taskId" TEXT,
    "comment" TEXT,
    "detail" JSONB,
    "occurredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApplicationEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "recipientOrgId" TEXT NOT NULL,
    "recipientUserId" TEXT,
    "kind" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "link" TEXT,
    "dedupeKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMP(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Sequence" (
    "name" TEXT NOT NULL,
    "value" INTEGER NOT NULL,

    CONSTRAINT "Sequence_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "QualificationRetention" (
    "id" TEXT NOT NULL,
    "officerId" TEXT NOT NULL,
    "certificateId" TEXT NOT NULL,
    "retainedUntil" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QualificationRetention_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Attachment_organisationId_idx" ON "Attachment"("organisationId");

-- CreateIndex
CREATE INDEX "Attachment_applicationId_idx" ON "Attachment"("applicationId");

-- CreateIndex
CREATE UNIQUE INDEX "Application_number_key" ON "Application"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Application_openForOfficerId_key" ON "Application"("openForOfficerId");

-- CreateIndex
CREATE UNIQUE INDEX "Application_certificateId_key" ON "Application"("certificateId");

-- CreateIndex
CREATE UNIQUE INDEX "Application_workflowId_key" ON "Application"("workflowId");

-- CreateIndex
CREATE INDEX "Application_organisationId_status_idx" ON "Application"("organisationId", "status");

-- CreateIndex
CREATE INDEX "Application_officerId_idx" ON "Application"("officerId");

-- CreateIndex
CREATE INDEX "ReviewTask_bureauId_status_dueAt_idx" ON "ReviewTask"("bureauId", "status", "dueAt");

-- CreateIndex
CREATE INDEX "ReviewTask_bureauId_dueAt_id_idx" ON "ReviewTask"("bureauId", "dueAt", "id");

-- CreateIndex
CREATE INDEX "ReviewTask_bureauId_createdAt_id_idx" ON "ReviewTask"("bureauId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "ReviewTask_level_overdue_status_idx" ON "ReviewTask"("level", "overdue", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewTask_applicationId_round_level_key" ON "ReviewTask"("applicationId", "round", "level");

-- CreateIndex
CREATE INDEX "Consultation_staffingOfficeId_answeredAt_idx" ON "Consultation"("staffingOfficeId", "answeredAt");

-- CreateIndex
CREATE INDEX "Consultation_taskId_idx" ON "Consultation"("taskId");

-- CreateIndex
CREATE INDEX "ApplicationEvent_applicationId_occurredAt_idx" ON "ApplicationEvent"("applicationId", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_dedupeKey_key" ON "Notification"("dedupeKey");

-- CreateIndex
CREATE INDEX "Notification_recipientOrgId_createdAt_idx" ON "Notification"("recipientOrgId", "createdAt");

-- CreateIndex
CREATE INDEX "QualificationRetention_officerId_idx" ON "QualificationRetention"("officerId");

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_officerId_fkey" FOREIGN KEY ("officerId") REFERENCES "Officer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewTask" ADD CONSTRAINT "ReviewTask_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewTask" ADD CONSTRAINT "ReviewTask_bureauId_fkey" FOREIGN KEY ("bureauId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewTask" ADD CONSTRAINT "ReviewTask_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consultation" ADD CONSTRAINT "Consultation_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consultation" ADD CONSTRAINT "Consultation_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "ReviewTask"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApplicationEvent" ADD CONSTRAINT "ApplicationEvent_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QualificationRetention" ADD CONSTRAINT "QualificationRetention_officerId_fkey" FOREIGN KEY ("officerId") REFERENCES "Officer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
