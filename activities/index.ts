import type { WorkCalendar } from '../domain/time';
import type { ReviewSettings } from '../infra/config';
import type { Db } from '../infra/db';
import { applicationActivities } from './applications';
import { complaintActivities } from './complaints';
import { sanctionActivities } from './sanctions';

export function createActivities(db: Db, settings: ReviewSettings, calendar: WorkCalendar) {
  return { ...sanctionActivities(db), ...applicationActivities(db, settings, calendar), ...complaintActivities(db, settings.complaint, calendar) };
}

export type Activities = ReturnType<typeof createActivities>;
