-- Where an imported record came from: the file's name and the row (issue #14 §4).
ALTER TABLE "Officer" ADD COLUMN "importedFrom" TEXT;
ALTER TABLE "ExamResult" ADD COLUMN "importedFrom" TEXT;
ALTER TABLE "TrainingRecord" ADD COLUMN "importedFrom" TEXT;
