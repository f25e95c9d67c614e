-- Issue #17: the reviewers' inbox at a million tasks. Its search (`q`: application number or officer
-- name, "contains") read every application; trigram GIN indexes serve ILIKE '%term%' from 3
-- characters on. pg_trgm is part of PostgreSQL's contrib, which the embedded PostgreSQL and the
-- postgres:16 image of docker-compose.yml both ship.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "Application_number_idx" ON "Application" USING GIN ("number" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Officer_name_idx" ON "Officer" USING GIN ("name" gin_trgm_ops);

-- The inbox's "mine" filter and count (assigned=me) read a reviewer's tasks without a scan.
-- CreateIndex
CREATE INDEX "ReviewTask_assigneeId_status_idx" ON "ReviewTask"("assigneeId", "status");
