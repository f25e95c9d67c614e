-- Issue #15 §4 (第二十条 回避, 第二十五条): the case a notice is about, so that it never reaches the officer
-- concerned nor whoever declared a conflict in it (store/notifications.ts visibleTo).
-- AlterTable
ALTER TABLE "Notification" ADD COLUMN "complaintId" TEXT,
ADD COLUMN "applicationId" TEXT;

-- At most one case per notice.
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_one_case" CHECK ("complaintId" IS NULL OR "applicationId" IS NULL);

-- CreateIndex
CREATE INDEX "Notification_complaintId_idx" ON "Notification"("complaintId");

-- CreateIndex
CREATE INDEX "Notification_applicationId_idx" ON "Notification"("applicationId");

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Backfill from the link, as domain/notification-links.ts caseNotice sets both: a complaint's page is a
-- complaint handler's notice, a review task's page a reviewer's (the links were made pages of the web
-- UI by 20261201090000_notification_reads). Notices linking elsewhere (the agency's, the staffing
-- office's, the sanction officers') are about no case whose recusal holds them back.
UPDATE "Notification" n SET "complaintId" = c."id" FROM "Complaint" c WHERE n."link" = '/complaints/' || c."id";
UPDATE "Notification" n SET "applicationId" = t."applicationId" FROM "ReviewTask" t WHERE n."link" = '/tasks/' || t."id";
