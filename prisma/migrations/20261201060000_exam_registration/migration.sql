-- 第六条: exam registration (考试申报) — sessions a justice bureau publishes, registrations agencies
-- file for their 在编 staff, and the results imported onto the officers' records (第四条).
CREATE TYPE "ExamSessionStatus" AS ENUM ('OPEN', 'CLOSED', 'RESULTS_IMPORTED');
CREATE TYPE "ExamRegistrationStatus" AS ENUM ('SUBMITTED', 'CONFIRMED', 'REFUSED');

CREATE TABLE "ExamSession" (
    "id" TEXT NOT NULL,
    "bureauId" TEXT NOT NULL,
    "examType" "ExamType" NOT NULL,
    "examDate" DATE NOT NULL,
    "place" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL,
    "registrationDeadline" DATE NOT NULL,
    "registrationClosesAt" TIMESTAMP(3) NOT NULL,
    "status" "ExamSessionStatus" NOT NULL DEFAULT 'OPEN',
    "workflowId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),
    "resultsImportedAt" TIMESTAMP(3),

    CONSTRAINT "ExamSession_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "ExamRegistration" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "officerId" TEXT NOT NULL,
    "agencyId" TEXT NOT NULL,
    "status" "ExamRegistrationStatus" NOT NULL DEFAULT 'SUBMITTED',
    "attachmentIds" TEXT[],
    "declaredById" TEXT NOT NULL,
    "declaredAt" TIMESTAMP(3) NOT NULL,
    "submissions" INTEGER NOT NULL DEFAULT 1,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "refusalReason" TEXT,
    "declarationFalse" BOOLEAN NOT NULL DEFAULT false,
    "falseDeclarationEvidence" TEXT,
    "falseDeclarationById" TEXT,
    "falseDeclarationAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExamRegistration_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "ExamRegistrationEvent" (
    "id" TEXT NOT NULL,
    "registrationId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "actorId" TEXT,
    "comment" TEXT,
    "occurredAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ExamRegistrationEvent_pkey" PRIMARY KEY ("id")
);

ALTER TABLE "ExamResult" ADD COLUMN "registrationId" TEXT;

CREATE UNIQUE INDEX "ExamSession_workflowId_key" ON "ExamSession"("workflowId");
CREATE INDEX "ExamSession_bureauId_examDate_idx" ON "ExamSession"("bureauId", "examDate");
CREATE INDEX "ExamRegistration_agencyId_idx" ON "ExamRegistration"("agencyId");
CREATE UNIQUE INDEX "ExamRegistration_sessionId_officerId_key" ON "ExamRegistration"("sessionId", "officerId");
CREATE UNIQUE INDEX "ExamRegistrationEvent_registrationId_key_key" ON "ExamRegistrationEvent"("registrationId", "key");
CREATE UNIQUE INDEX "ExamResult_registrationId_key" ON "ExamResult"("registrationId");

ALTER TABLE "ExamSession" ADD CONSTRAINT "ExamSession_bureauId_fkey" FOREIGN KEY ("bureauId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ExamRegistration" ADD CONSTRAINT "ExamRegistration_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "ExamSession"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ExamRegistration" ADD CONSTRAINT "ExamRegistration_officerId_fkey" FOREIGN KEY ("officerId") REFERENCES "Officer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ExamRegistration" ADD CONSTRAINT "ExamRegistration_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ExamRegistrationEvent" ADD CONSTRAINT "ExamRegistrationEvent_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "ExamRegistration"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ExamResult" ADD CONSTRAINT "ExamResult_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "ExamRegistration"("id") ON DELETE SET NULL ON UPDATE CASCADE;
