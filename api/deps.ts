import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { WorkCalendar } from '../domain/time';
import type { Config } from '../infra/config';
import type { Db } from '../infra/db';

/** What route handlers may use; built once in api/main.ts (or by a test). */
export interface Deps {
  config: Config;
  db: Db;
  temporal: Client;
  logger: Logger;
  calendar: WorkCalendar;
}
