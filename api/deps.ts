import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { CalendarSource } from '../domain/calendar';
import type { Config } from '../infra/config';
import type { Db } from '../infra/db';
import type { ApiCaches } from './caches';

/** What route handlers may use; built once in api/main.ts (or by a test). */
export interface Deps {
  config: Config;
  db: Db;
  temporal: Client;
  logger: Logger;
  /** The statutory calendar from the database (store/calendar.ts). */
  calendar: CalendarSource;
  /** Signed-in users and public verifications, kept fresh by change notices (api/caches.ts). */
  caches: ApiCaches;
}
