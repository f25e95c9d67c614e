-- 第二十条 回避: declared conflicts of interest, one row per person and case (issue #15 §4).
-- CreateTable
CREATE TABLE "Recusal" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "applicationId" TEXT,
    "complaintId" TEXT,
    "organisationId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "handedToUserId" TEXT,
    "handedToOrgId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Recusal_pkey" PRIMARY KEY ("id"),
    -- One case per row: an application or a complaint.
    CONSTRAINT "Recusal_one_case" CHECK (("applicationId" IS NULL) <> ("complaintId" IS NULL))
);

-- CreateIndex
CREATE INDEX "Recusal_applicationId_idx" ON "Recusal"("applicationId");

-- CreateIndex
CREATE INDEX "Recusal_complaintId_idx" ON "Recusal"("complaintId");

-- CreateIndex
CREATE UNIQUE INDEX "Recusal_userId_applicationId_key" ON "Recusal"("userId", "applicationId");

-- CreateIndex
CREATE UNIQUE INDEX "Recusal_userId_complaintId_key" ON "Recusal"("userId", "complaintId");

-- AddForeignKey
ALTER TABLE "Recusal" ADD CONSTRAINT "Recusal_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Recusal" ADD CONSTRAINT "Recusal_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Recusal" ADD CONSTRAINT "Recusal_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint"("id") ON DELETE SET NULL ON UPDATE CASCADE;
