import type { Db } from '../infra/db';
import { sanctionActivities } from './sanctions';

export function createActivities(db: Db) {
  return { ...sanctionActivities(db) };
}

export type Activities = ReturnType<typeof createActivities>;
