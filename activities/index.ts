import type { CalendarSource } from '../domain/calendar';
import { calendarActivities } from './calendar';
import type { ReviewSettings } from '../infra/config';
import type { Db } from '../infra/db';
import { applicationActivities } from './applications';
import { cleanupActivities } from './cleanup';
import { complaintActivities } from './complaints';
import { examActivities } from './exams';
import { operationsActivities } from './operations';
import { sanctionActivities } from './sanctions';
import { trainingWarningActivities } from './training-warnings';

export function createActivities(db: Db, settings: ReviewSettings, calendar: CalendarSource) {
  return {
    ...sanctionActivities(db),
    ...applicationActivities(db, settings, calendar),
    ...cleanupActivities(db, settings, calendar),
    ...trainingWarningActivities(db, settings),
    ...complaintActivities(db, settings.complaint, calendar),
    ...operationsActivities(db),
    ...calendarActivities(db, settings, calendar),
    ...examActivities(db),
  };
}

export type Activities = ReturnType<typeof createActivities>;
