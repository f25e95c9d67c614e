import type { WorkCalendar } from '../domain/time';
import type { ReviewSettings } from '../infra/config';
import type { Db } from '../infra/db';
import { applicationActivities } from './applications';
import { cleanupActivities } from './cleanup';
import { complaintActivities } from './complaints';
import { operationsActivities } from './operations';
import { sanctionActivities } from './sanctions';
import { trainingWarningActivities } from './training-warnings';

export function createActivities(db: Db, settings: ReviewSettings, calendar: WorkCalendar) {
  return {
    ...sanctionActivities(db),
    ...applicationActivities(db, settings, calendar),
    ...cleanupActivities(db, settings, calendar),
    ...trainingWarningActivities(db, settings),
    ...complaintActivities(db, settings.complaint, calendar),
    ...operationsActivities(db),
  };
}

export type Activities = ReturnType<typeof createActivities>;
