-- Issue #17: the API caches signed-in users (api/auth.ts) and public verification answers
-- (api/routes/verification.ts). Every API process LISTENs on "record_changed" (infra/record-changes.ts)
-- and evicts what it holds of the row each notice names as '<kind>:<key>'; a notice is sent when the
-- writing transaction commits, whoever writes (API, worker, SQL by hand).

-- TG_ARGV: the kind, then the column whose value is the key (the old row's and the new row's; the
-- same notice twice in a transaction is sent once).
CREATE FUNCTION notify_record_changed() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM pg_notify('record_changed', TG_ARGV[0] || ':' || (to_jsonb(OLD) ->> TG_ARGV[1]));
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM pg_notify('record_changed', TG_ARGV[0] || ':' || (to_jsonb(NEW) ->> TG_ARGV[1]));
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- A sanction's term is part of the answer ("暂扣至…"): its certificate's number is the key.
CREATE FUNCTION notify_sanction_changed() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('record_changed', 'certificate:' || c.number) FROM "Certificate" c WHERE c.id = NEW."certificateId";
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- Who may sign in: a user's roles, organisation, link and whether it is active; an organisation's kind and whether it is active.
CREATE TRIGGER "User_changed" AFTER UPDATE OR DELETE ON "User"
  FOR EACH ROW EXECUTE FUNCTION notify_record_changed('user', 'id');
CREATE TRIGGER "Organisation_changed" AFTER UPDATE OR DELETE ON "Organisation"
  FOR EACH ROW EXECUTE FUNCTION notify_record_changed('organisation', 'id');

-- What the public verification shows: the card's status, its holder's name and photo, its agency's name.
CREATE TRIGGER "Certificate_changed" AFTER UPDATE OF number, status, "statusChangedAt", "issuedOn", "officerId", "organisationId" OR DELETE ON "Certificate"
  FOR EACH ROW EXECUTE FUNCTION notify_record_changed('certificate', 'number');
CREATE TRIGGER "Officer_changed" AFTER UPDATE OF name, "photoId" OR DELETE ON "Officer"
  FOR EACH ROW EXECUTE FUNCTION notify_record_changed('officer', 'id');
CREATE TRIGGER "Sanction_changed" AFTER INSERT OR UPDATE OF status, type, "termEndsAt" ON "Sanction"
  FOR EACH ROW EXECUTE FUNCTION notify_sanction_changed();
