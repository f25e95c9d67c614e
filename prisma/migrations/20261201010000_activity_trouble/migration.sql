-- CreateTable
CREATE TABLE "ActivityTrouble" (
    "workflowId" TEXT NOT NULL,
    "workflowType" TEXT NOT NULL,
    "activityType" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "errorKind" TEXT NOT NULL,
    "errorLabel" TEXT NOT NULL,
    "exhausted" BOOLEAN NOT NULL DEFAULT false,
    "firstFailedAt" TIMESTAMP(3) NOT NULL,
    "lastFailedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ActivityTrouble_pkey" PRIMARY KEY ("workflowId","activityType")
);

-- CreateIndex
CREATE INDEX "ActivityTrouble_lastFailedAt_idx" ON "ActivityTrouble"("lastFailedAt");
