// The client side of a statement (issue #17): the same lookups through Prisma's model API, Prisma's
// $queryRaw, and the `pg` pool (plain and prepared), one at a time against a throw-away embedded
// PostgreSQL; wall time and this process's CPU per statement, and per transaction of three. It
// decided the hot path's form: fewer statements in Prisma's transaction, not a second client
// (README, Architecture). Prints one JSON document.
import pg from 'pg';
import { createDb } from '../../infra/db';
import { ensureDatabase, freePort, startEmbeddedPostgres, tmpDataDir } from '../../infra/postgres';
import { migrate } from '../../prisma/migrate';
import { seed } from '../../prisma/seed';
const round3 = (x: number) => Math.round(x * 1000) / 1000;

const N = Number(process.env.BENCH_STATEMENTS ?? 2000);

async function main() {
  const server = await startEmbeddedPostgres({
    dataDir: `${tmpDataDir('zfz-sql-client-')}/data`,
    port: await freePort(),
    persistent: false,
  });
  const url = server.url('bench');
  await ensureDatabase(url);
  await migrate(url);
  const db = createDb(url, 4);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  try {
    await seed(db);
    const { id } = await db.organisation.findFirstOrThrow();
    const text = 'SELECT * FROM "Organisation" WHERE id = $1';
    const cpuMs = () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    };
    const figures: Record<string, { wall_ms: number; cpu_ms: number }> = {};
    const time = async (name: string, run: () => Promise<unknown>) => {
      for (let i = 0; i < N / 10; i++) await run(); // warm-up
      const cpu = cpuMs();
      const start = performance.now();
      for (let i = 0; i < N; i++) await run();
      figures[name] = { wall_ms: round3((performance.now() - start) / N), cpu_ms: round3((cpuMs() - cpu) / N) };
    };
    const threeInPg = async (query: (c: pg.PoolClient) => Promise<unknown>) => {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        for (let i = 0; i < 3; i++) await query(c);
        await c.query('COMMIT');
      } finally {
        c.release();
      }
    };
    await time('prisma_model', () => db.organisation.findUnique({ where: { id } }));
    await time('prisma_raw', () => db.$queryRaw`SELECT * FROM "Organisation" WHERE id = ${id}`);
    await time('pg', () => pool.query(text, [id]));
    await time('pg_prepared', () => pool.query({ name: 'organisation', text, values: [id] }));
    await time('transaction_of_3_prisma_model', () =>
      db.$transaction(async (tx) => {
        for (let i = 0; i < 3; i++) await tx.organisation.findUnique({ where: { id } });
      }),
    );
    await time('transaction_of_3_prisma_raw', () =>
      db.$transaction(async (tx) => {
        for (let i = 0; i < 3; i++) await tx.$queryRaw`SELECT * FROM "Organisation" WHERE id = ${id}`;
      }),
    );
    await time('transaction_of_3_pg_prepared', () =>
      threeInPg((c) => c.query({ name: 'organisation', text, values: [id] })),
    );
    console.log(JSON.stringify({ benchmark: 'sql-client', statements: N, per_call: figures }, null, 2));
  } finally {
    await db.$disconnect();
    await pool.end();
    await server.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
