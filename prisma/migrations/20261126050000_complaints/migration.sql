-- CreateEnum
CREATE TYPE "ComplaintSource" AS ENUM ('PUBLIC', 'SUPERVISOR');

-- CreateEnum
CREATE TYPE "ComplaintAddressee" AS ENUM ('OFFICER_AGENCY', 'SUPERIOR_AGENCY', 'SUPERVISORY_ORGAN');

-- CreateEnum
CREATE TYPE "ComplainantKind" AS ENUM ('PERSON', 'ORGANISATION');

-- CreateEnum
CREATE TYPE "ComplaintStatus" AS ENUM ('SUBMITTED', 'AWAITING_ACCEPTANCE', 'INVESTIGATING', 'AWAITING_FEEDBACK', 'FEEDBACK_GIVEN', 'CLOSED');

-- CreateEnum
CREATE TYPE "ComplaintFinding" AS ENUM ('SUBSTANTIATED', 'PARTLY_SUBSTANTIATED', 'NOT_SUBSTANTIATED');

-- CreateEnum
CREATE TYPE "FeedbackChannel" AS ENUM ('PHONE', 'SMS', 'EMAIL', 'LETTER', 'IN_PERSON', 'PUBLISHED');

-- CreateEnum
CREATE TYPE "ComplaintTaskKind" AS ENUM ('ACCEPTANCE', 'INVESTIGATION', 'EXTENSION_APPROVAL', 'FEEDBACK');

-- CreateEnum
CREATE TYPE "ComplaintTaskStatus" AS ENUM ('OPEN', 'DONE', 'CANCELLED');

-- CreateEnum
CREATE TYPE "ExtensionStatus" AS ENUM ('REQUESTED', 'APPROVED', 'REFUSED');

-- AlterTable
ALTER TABLE "Attachment" ADD COLUMN     "complaintId" TEXT;

-- CreateTable
CREATE TABLE "Complaint" (
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "receiptCode" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "round" INTEGER NOT NULL DEFAULT 1,
    "source" "ComplaintSource" NOT NULL,
    "filedById" TEXT,
    "receivingOrgId" TEXT NOT NULL,
    "handlingOrgId" TEXT NOT NULL,
    "addressedTo" "ComplaintAddressee" NOT NULL,
    "complainantKind" "ComplainantKind" NOT NULL,
    "complainantName" TEXT,
    "complainantContact" TEXT,
    "facts" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "place" TEXT NOT NULL,
    "status" "ComplaintStatus" NOT NULL DEFAULT 'SUBMITTED',
    "investigatorId" TEXT,
    "investigationDueAt" TIMESTAMP(3),
    "extensionStatus" "ExtensionStatus",
    "extensionReason" TEXT,
    "finding" "ComplaintFinding",
    "measures" TEXT,
    "resultById" TEXT,
    "resultAt" TIMESTAMP(3),
    "feedbackDueAt" TIMESTAMP(3),
    "feedbackChannel" "FeedbackChannel",
    "feedbackContent" TEXT,
    "feedbackById" TEXT,
    "feedbackAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Complaint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ComplaintSubject" (
    "id" TEXT NOT NULL,
    "complaintId" TEXT NOT NULL,
    "officerId" TEXT,
    "certificateNumber" TEXT,
    "name" TEXT NOT NULL,
    "agencyId" TEXT NOT NULL,

    CONSTRAINT "ComplaintSubject_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ComplaintEvent" (
    "id" TEXT NOT NULL,
    "complaintId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "public" BOOLEAN NOT NULL DEFAULT false,
    "actorId" TEXT,
    "actorRole" TEXT,
    "organisationId" TEXT,
    "comment" TEXT,
    "detail" JSONB,
    "occurredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ComplaintEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ComplaintTask" (
    "id" TEXT NOT NULL,
    "complaintId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "kind" "ComplaintTaskKind" NOT NULL,
    "organisationId" TEXT NOT NULL,
    "status" "ComplaintTaskStatus" NOT NULL DEFAULT 'OPEN',
    "assigneeId" TEXT,
    "remindAt" TIMESTAMP(3),
    "dueAt" TIMESTAMP(3) NOT NULL,
    "remindedAt" TIMESTAMP(3),
    "overdue" BOOLEAN NOT NULL DEFAULT false,
    "escalations" INTEGER NOT NULL DEFAULT 0,
    "outcome" TEXT,
    "doneById" TEXT,
    "doneAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ComplaintTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SanctionProposal" (
    "id" TEXT NOT NULL,
    "complaintId" TEXT NOT NULL,
    "certificateId" TEXT NOT NULL,
    "type" "SanctionType" NOT NULL,
    "grounds" INTEGER[],
    "facts" TEXT NOT NULL,
    "proposedById" TEXT NOT NULL,
    "proposedByOrgId" TEXT NOT NULL,
    "bureauOrgId" TEXT NOT NULL,
    "status" "ReferralStatus" NOT NULL DEFAULT 'OPEN',
    "sanctionId" TEXT,
    "decisionNote" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "SanctionProposal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Attachment_complaintId_idx" ON "Attachment"("complaintId");

-- CreateIndex
CREATE UNIQUE INDEX "Complaint_number_key" ON "Complaint"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Complaint_receiptCode_key" ON "Complaint"("receiptCode");

-- CreateIndex
CREATE UNIQUE INDEX "Complaint_workflowId_key" ON "Complaint"("workflowId");

-- CreateIndex
CREATE INDEX "Complaint_handlingOrgId_status_idx" ON "Complaint"("handlingOrgId", "status");

-- CreateIndex
CREATE INDEX "Complaint_createdAt_idx" ON "Complaint"("createdAt");

-- CreateIndex
CREATE INDEX "ComplaintSubject_complaintId_idx" ON "ComplaintSubject"("complaintId");

-- CreateIndex
CREATE INDEX "ComplaintSubject_officerId_idx" ON "ComplaintSubject"("officerId");

-- CreateIndex
CREATE INDEX "ComplaintEvent_complaintId_occurredAt_idx" ON "ComplaintEvent"("complaintId", "occurredAt");

-- CreateIndex
CREATE INDEX "ComplaintTask_organisationId_status_dueAt_idx" ON "ComplaintTask"("organisationId", "status", "dueAt");

-- CreateIndex
CREATE INDEX "ComplaintTask_organisationId_dueAt_id_idx" ON "ComplaintTask"("organisationId", "dueAt", "id");

-- CreateIndex
CREATE INDEX "ComplaintTask_organisationId_createdAt_id_idx" ON "ComplaintTask"("organisationId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "ComplaintTask_overdue_status_idx" ON "ComplaintTask"("overdue", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ComplaintTask_complaintId_key_key" ON "ComplaintTask"("complaintId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "SanctionProposal_sanctionId_key" ON "SanctionProposal"("sanctionId");

-- CreateIndex
CREATE INDEX "SanctionProposal_bureauOrgId_status_idx" ON "SanctionProposal"("bureauOrgId", "status");

-- CreateIndex
CREATE INDEX "SanctionProposal_complaintId_idx" ON "SanctionProposal"("complaintId");

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Complaint" ADD CONSTRAINT "Complaint_handlingOrgId_fkey" FOREIGN KEY ("handlingOrgId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ComplaintSubject" ADD CONSTRAINT "ComplaintSubject_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ComplaintEvent" ADD CONSTRAINT "ComplaintEvent_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ComplaintTask" ADD CONSTRAINT "ComplaintTask_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ComplaintTask" ADD CONSTRAINT "ComplaintTask_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SanctionProposal" ADD CONSTRAINT "SanctionProposal_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
