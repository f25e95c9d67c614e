-- 第三条: the city justice bureau administers the system.
ALTER TYPE "Role" ADD VALUE 'SYSTEM_ADMIN';

-- A deactivated organisation keeps its records; its users can no longer sign in.
ALTER TABLE "Organisation" ADD COLUMN "active" BOOLEAN NOT NULL DEFAULT true;
