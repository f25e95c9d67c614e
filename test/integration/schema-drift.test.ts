// The migrations and schema.prisma must describe the same database: applied with prisma/migrate.ts
// (Prisma's own bookkeeping), the result is compared with what schema.prisma declares.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMigrations, migrate } from '../../prisma/migrate';
import { actualShape, diffShapes, expectedShape } from '../../prisma/schema-shape';
import { freshDatabase, type TestDatabase } from '../support/database';

let t: TestDatabase;
let client: pg.Client;
beforeAll(async () => {
  t = await freshDatabase({ seed: false });
  client = new pg.Client({ connectionString: t.url });
  await client.connect();
});
afterAll(async () => {
  await client?.end();
  await t?.drop();
});

describe('schema drift', () => {
  it('the migrated database matches schema.prisma: tables, columns, types, nullability, indexes', async () => {
    const diff = diffShapes(await expectedShape(), await actualShape(client));
    expect(diff).toEqual([]);
  });

  it('keeps Prisma’s _prisma_migrations bookkeeping, with Prisma’s checksums, and re-running applies nothing', async () => {
    const rows = (
      await client.query(
        'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
      )
    ).rows;
    expect(rows.map((r) => [r.migration_name, r.checksum, r.applied_steps_count])).toEqual(
      listMigrations().map((m) => [m.name, m.checksum, 1]),
    );
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
    expect(await migrate(t.url)).toEqual([]);
  });

  it('detects drift: a column changed behind the schema’s back is reported', async () => {
    await client.query('BEGIN');
    try {
      await client.query('ALTER TABLE "Officer" ALTER COLUMN "name" DROP NOT NULL');
      await client.query('DROP INDEX "Certificate_officerId_idx"');
      const diff = diffShapes(await expectedShape(), await actualShape(client));
      expect(diff).toEqual([
        'Officer.name: schema.prisma says text NOT NULL, database has text NULL',
        'index Certificate_officerId_idx: schema.prisma says Certificate (officerId), database has nothing',
      ]);
    } finally {
      await client.query('ROLLBACK');
    }
  });
});
