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

/** What a fault raises where the database refuses under contention (40001, retried as transient). */
export const SERIALIZATION_FAILURE = "RAISE EXCEPTION 'test: cannot serialize' USING ERRCODE = '40001'";

/**
 * A fault the database injects for a test, as contention or a slow disk would: a BEFORE … FOR EACH ROW
 * trigger on `table` running the PL/pgSQL `body`. The function it returns removes the fault (once or
 * again: a `finally` may call it after the test already did).
 */
export async function databaseFault(
  db: Db,
  f: { name: string; table: string; on?: 'UPDATE' | 'INSERT'; body: string },
): Promise<() => Promise<void>> {
  await db.$executeRawUnsafe(
    `CREATE OR REPLACE FUNCTION ${f.name}() RETURNS trigger AS $$ BEGIN ${f.body} END $$ LANGUAGE plpgsql`,
  );
  await db.$executeRawUnsafe(
    `CREATE TRIGGER ${f.name} BEFORE ${f.on ?? 'UPDATE'} ON "${f.table}" FOR EACH ROW EXECUTE FUNCTION ${f.name}()`,
  );
  return async () => {
    await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS ${f.name} ON "${f.table}"`);
  };
}
