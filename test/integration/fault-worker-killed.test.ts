// Fault: the worker process dies by SIGKILL (no graceful shutdown) while 50 applications are open —
// half of them between decisions, half with their decision's transaction waiting inside PostgreSQL — and a
// new worker process is started. Temporal retries what the dead worker held; the activities'
// idempotency and the database's transactions make every decision count once (第七条).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_POOL_SIZE } from '../../infra/db';
import { examPassedOfficers } from '../../prisma/fixtures';
import { eventually } from '../support/eventually';
import { approveCurrent, chainOutcome, completedOnce, mapLimit, submitAll, tokensFor } from '../support/review-flow';
import { startTestStack, type TestStack } from '../support/stack';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process';

const N = 50;
let s: TestStack;
let worker: WorkerProcess;
let tokens: Record<string, string>;

beforeAll(async () => {
  s = await startTestStack({ worker: 'none' });
  worker = await startWorkerProcess(s.config);
  tokens = await tokensFor(s);
});
afterAll(async () => {
  await worker?.stop();
  await s?.stop();
});

/**
 * Decisions waiting inside PostgreSQL on the rows we hold: each is a worker transaction mid-way (the
 * decision runs in the workflow's own task, a local activity, so Temporal lists no pending activity).
 */
async function decisionsInside(lock: pg.Client): Promise<number> {
  const r = await lock.query(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
  );
  return r.rows[0].n;
}

describe('fault: worker killed', () => {
  it(
    '第七条: SIGKILL of the worker amid 50 open applications (some between decisions, some inside the decision activity), then a new worker: all complete, no decision lost or applied twice, one audit row per decision, no certificate number twice',
    { timeout: 180_000 },
    async () => {
      const apps = await submitAll(s, tokens.agency_admin, await examPassedOfficers(s.t.db, N, 'KILL'));
      // Spread them over the chain: a third waits at each of district, city and province.
      await mapLimit(apps, 8, async (id, i) => {
        for (let level = 0; level < i % 3; level++) expect((await approveCurrent(s, tokens, id)).status).toBe(200);
      });

      // Every other application: its task row is locked by us, so its decision activity starts on the
      // worker and waits inside PostgreSQL — it is mid-transaction when the worker dies.
      const inside = apps.filter((_, i) => i % 2 === 0);
      const lock = new pg.Client({ connectionString: s.t.url });
      await lock.connect();
      await lock.query('BEGIN');
      await lock.query(`SELECT id FROM "ReviewTask" WHERE "applicationId" = ANY($1) AND status = 'OPEN' FOR UPDATE`, [
        inside,
      ]);
      const decisionsInFlight = inside.map((id) => approveCurrent(s, tokens, id));
      // Most of the worker's connections (the rest of the held decisions wait for one, in the worker;
      // a transaction that waits past Prisma's timeout starts again, so the count moves).
      await eventually(
        'held decisions mid-transaction in the worker',
        async () => (await decisionsInside(lock)) >= Math.min(inside.length, DB_POOL_SIZE) / 2,
      );

      await worker.kill();
      // Its connections are gone: PostgreSQL rolls back the dead worker's open transactions once they wake.
      await lock.query('ROLLBACK');
      await lock.end();
      worker = await startWorkerProcess(s.config);

      const answers = await Promise.all(decisionsInFlight);
      expect(answers.map((a) => a.status)).toEqual(inside.map(() => 200));
      // Every application on to the end, each decision sent once with its own key (retried only on 5xx).
      await mapLimit(apps, 8, async (id) => {
        for (
          let r = await s.t.db.application.findUniqueOrThrow({ where: { id } });
          r.status !== 'ISSUED';
          r = await s.t.db.application.findUniqueOrThrow({ where: { id } })
        ) {
          expect((await approveCurrent(s, tokens, id)).status).toBe(200);
        }
      });

      expect(await chainOutcome(s.t.db, apps)).toEqual(completedOnce(N));
      const results = await Promise.all(apps.map((id) => s.temporal.workflow.getHandle(`application-${id}`).result()));
      expect(new Set(results.map((r) => r.phase))).toEqual(new Set(['ISSUED']));
    },
  );
});
