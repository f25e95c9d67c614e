-- 民法典 第二百零三条: the statutory calendar is data the city bureau maintains (issue #14 §3).
CREATE TYPE "CalendarDayKind" AS ENUM ('HOLIDAY', 'MAKEUP_WORKDAY');
CREATE TYPE "CalendarSource" AS ENUM ('CHINESE_DAYS', 'ENTERED', 'IMPORTED');

CREATE TABLE "CalendarYear" (
    "year" INTEGER NOT NULL,
    "noticeReference" TEXT NOT NULL,
    "source" "CalendarSource" NOT NULL,
    "enteredById" TEXT,
    "enteredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CalendarYear_pkey" PRIMARY KEY ("year")
);

CREATE TABLE "CalendarDay" (
    "date" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "kind" "CalendarDayKind" NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "CalendarDay_pkey" PRIMARY KEY ("date")
);

CREATE INDEX "CalendarDay_year_idx" ON "CalendarDay"("year");

ALTER TABLE "CalendarDay" ADD CONSTRAINT "CalendarDay_year_fkey" FOREIGN KEY ("year") REFERENCES "CalendarYear"("year") ON DELETE CASCADE ON UPDATE CASCADE;

-- A deadline computed over a year not entered yet is provisional: it may still move later, never earlier.
ALTER TABLE "Sanction" ADD COLUMN "reviewDeadlineProvisional" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Application" ADD COLUMN "resubmitDeadlineProvisional" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "ReviewTask" ADD COLUMN "dueAtProvisional" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "ReviewRequest" ADD COLUMN "dueAtProvisional" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "CleanupTask" ADD COLUMN "dueAtProvisional" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "ComplaintTask" ADD COLUMN "dueAtProvisional" BOOLEAN NOT NULL DEFAULT false;
