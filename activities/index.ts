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
// 第二十七条第二款: supervision's correction orders.
import { correctionOrderActivities } from './correction-orders';

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
    ...correctionOrderActivities(db, settings, calendar),
  };
}

export type Activities = ReturnType<typeof createActivities>;
