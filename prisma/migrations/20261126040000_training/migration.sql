-- CreateEnum
CREATE TYPE "TrainingCategory" AS ENUM ('PUBLIC_LAW', 'SPECIALIZED_LAW', 'NEW_LAWS', 'ENFORCEMENT_SKILLS');

-- CreateEnum
CREATE TYPE "TrainingMode" AS ENUM ('CENTRALIZED', 'DAILY');

-- CreateEnum
CREATE TYPE "TrainingScope" AS ENUM ('COMPREHENSIVE', 'PROFESSIONAL');

-- CreateTable
CREATE TABLE "TrainingRecord" (
    "id" TEXT NOT NULL,
    "officerId" TEXT NOT NULL,
    "takenOn" DATE NOT NULL,
    "hours" DOUBLE PRECISION NOT NULL,
    "category" "TrainingCategory" NOT NULL,
    "mode" "TrainingMode" NOT NULL,
    "scope" "TrainingScope" NOT NULL,
    "organiser" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrainingRecord_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TrainingRecord_officerId_takenOn_idx" ON "TrainingRecord"("officerId", "takenOn");

-- AddForeignKey
ALTER TABLE "TrainingRecord" ADD CONSTRAINT "TrainingRecord_officerId_fkey" FOREIGN KEY ("officerId") REFERENCES "Officer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- CreateEnum
CREATE TYPE "AssessmentKind" AS ENUM ('DAILY', 'ANNUAL');

-- CreateEnum
CREATE TYPE "AssessmentGrade" AS ENUM ('EXCELLENT', 'COMPETENT', 'BASICALLY_COMPETENT', 'INCOMPETENT');

-- CreateTable
CREATE TABLE "Assessment" (
    "id" TEXT NOT NULL,
    "officerId" TEXT NOT NULL,
    "kind" "AssessmentKind" NOT NULL,
    "year" INTEGER NOT NULL,
    "assessedOn" DATE NOT NULL,
    "grade" "AssessmentGrade" NOT NULL,
    "note" TEXT,
    "recordedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Assessment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Assessment_officerId_year_idx" ON "Assessment"("officerId", "year");

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_officerId_fkey" FOREIGN KEY ("officerId") REFERENCES "Officer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
