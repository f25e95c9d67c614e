-- Issue #16 §4: an officer's 证件照 (printed on the card, shown to staff, and on the public page only
-- with the card's signed token), stored as an attachment of the agency.
-- AlterTable
ALTER TABLE "Officer" ADD COLUMN "photoId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Officer_photoId_key" ON "Officer"("photoId");

-- AddForeignKey
ALTER TABLE "Officer" ADD CONSTRAINT "Officer_photoId_fkey" FOREIGN KEY ("photoId") REFERENCES "Attachment"("id") ON DELETE SET NULL ON UPDATE CASCADE;
