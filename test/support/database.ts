import crypto from 'node:crypto';
import { inject } from 'vitest';
import { createDb, type Db } from '../../infra/db';
import { dropDatabase, ensureDatabase } from '../../infra/postgres';
import { migrate } from '../../prisma/migrate';
import { seed } from '../../prisma/seed';

export interface TestDatabase {
  url: string;
  db: Db;
  drop(): Promise<void>;
}

/**
 * A new, migrated database of its own for one test file; seeded with the demo data unless told not to.
 * On the run's PostgreSQL unless `adminUrl` names another server (a fault test's own).
 */
export async function freshDatabase(opts: { seed?: boolean; adminUrl?: string } = {}): Promise<TestDatabase> {
  const url = new URL(opts.adminUrl ?? inject('postgresAdminUrl'));
  url.pathname = `/zfz_test_${crypto.randomBytes(6).toString('hex')}`;
  const dbUrl = url.toString();
  await ensureDatabase(dbUrl);
  await migrate(dbUrl);
  const db = createDb(dbUrl, 5);
  if (opts.seed !== false) await seed(db);
  return {
    url: dbUrl,
    db,
    async drop() {
      await db.$disconnect();
      await dropDatabase(dbUrl);
    },
  };
}
