-- Issue #17: every API and worker process keeps the statutory calendar in memory (store/calendar.ts).
-- A notice 'calendar:all' on "record_changed" (infra/record-changes.ts) when a year or a day is written
-- lets them serve it without asking the database on each step; one per statement (the same notice
-- twice in a transaction is sent once).
CREATE FUNCTION notify_calendar_changed() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('record_changed', 'calendar:all');
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "CalendarYear_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "CalendarYear"
  FOR EACH STATEMENT EXECUTE FUNCTION notify_calendar_changed();
CREATE TRIGGER "CalendarDay_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "CalendarDay"
  FOR EACH STATEMENT EXECUTE FUNCTION notify_calendar_changed();
