-- Issue #16 §1: each reader's own read state of a notification (the unused shared "readAt" goes), and
-- links that open the web page where the reader acts instead of an API path or a page that never existed.
-- AlterTable
ALTER TABLE "Notification" DROP COLUMN "readAt";

-- CreateTable
CREATE TABLE "NotificationRead" (
    "notificationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "readAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NotificationRead_pkey" PRIMARY KEY ("notificationId","userId")
);

-- CreateIndex
CREATE INDEX "NotificationRead_userId_idx" ON "NotificationRead"("userId");

-- AddForeignKey
ALTER TABLE "NotificationRead" ADD CONSTRAINT "NotificationRead_notificationId_fkey" FOREIGN KEY ("notificationId") REFERENCES "Notification"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Links written before domain/notification-links.ts (pageOf).
UPDATE "Notification" SET "link" = regexp_replace("link", '^/review-tasks/', '/tasks/') WHERE "link" LIKE '/review-tasks/%';
UPDATE "Notification" SET "link" = regexp_replace("link", '^/api/cleanup-tasks/', '/cleanup/') WHERE "link" LIKE '/api/cleanup-tasks/%';
UPDATE "Notification" SET "link" = regexp_replace("link", '^/api/cleanup-runs/([0-9]+)$', '/cleanup?year=\1') WHERE "link" LIKE '/api/cleanup-runs/%';
UPDATE "Notification" SET "link" = regexp_replace("link", '^/api/training/shortfall\?year=([0-9]+).*$', '/training?year=\1') WHERE "link" LIKE '/api/training/shortfall%';
