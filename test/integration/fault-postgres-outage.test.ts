// Fault: PostgreSQL goes away for ~10 s under traffic (its own embedded server, stopped — a fast
// shutdown that cuts every session — and started again on the same data folder and port). The API
// must say "not ready" and "retry later" (503 + Retry-After, never 500), write nothing by halves, and
// the workflows' activities must retry until the database is back; then everything completes.
import fs from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startEmbeddedPostgres, tmpDataDir, type PostgresServer } from '../../infra/postgres';
import { examPassedOfficers } from '../../prisma/fixtures';
import { freshDatabase } from '../support/database';
import { eventually } from '../support/eventually';
import {
  approveCurrent,
  chainOutcome,
  completedOnce,
  mapLimit,
  openTaskOf,
  submitAll,
  tokensFor,
  untilAnswered,
} from '../support/review-flow';
import { startTestStack, type TestStack } from '../support/stack';

const OUTAGE_MS = 10_000;

type HistoryEvent = NonNullable<Awaited<ReturnType<WorkflowHandle['fetchHistory']>>['events']>[number];

/**
 * The attempt of every step in a history: a remote activity's started event, or a local activity's
 * marker (a decision runs in the workflow's own task; the marker's data names its attempt).
 */
function stepAttempts(events: HistoryEvent[]): number[] {
  return events.flatMap((e) => {
    if (e.activityTaskStartedEventAttributes) return [e.activityTaskStartedEventAttributes.attempt ?? 1];
    const marker = e.markerRecordedEventAttributes;
    const data = marker?.markerName === 'core_local_activity' && marker.details?.data?.payloads?.[0]?.data;
    return data ? [(JSON.parse(Buffer.from(data).toString()) as { attempt: number }).attempt] : [];
  });
}
const dataDir = path.join(tmpDataDir('zfz-fault-pg-'), 'data');
let port: number;
let server: PostgresServer;
let s: TestStack;
let tokens: Record<string, string>;
let held_lock: pg.Client | undefined;

const startServer = () => startEmbeddedPostgres({ dataDir, port, persistent: true });

beforeAll(async () => {
  port = await freePort();
  server = await startServer();
  s = await startTestStack({ database: await freshDatabase({ adminUrl: server.url('postgres') }) });
  tokens = await tokensFor(s);
});
afterAll(async () => {
  await held_lock?.end().catch(() => {});
  await s?.stop();
  await server?.stop();
  fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
});

type Answer = Awaited<ReturnType<TestStack['call']>>;

/** The attempts of an intent whose answer was "retry later". */
const retryLater = (answers: (Answer | undefined)[]) => answers.filter((a): a is Answer => !!a && a.status >= 500);

describe('fault: PostgreSQL unavailable', () => {
  it(
    'PostgreSQL down ~10 s under traffic: /readyz not ready, changes refused with 503 + Retry-After (never 500, nothing half-written), activities retry, all completes after (第七条)',
    { timeout: 150_000 },
    async () => {
      const officers = await examPassedOfficers(s.t.db, 30, 'PGDOWN');
      const apps = await submitAll(s, tokens.agency_admin, officers.slice(0, 20));
      // Few held: each holds one of the file's 5 pooled connections (shared by API and worker) while it waits.
      const [held, waiting] = [apps.slice(0, 3), apps.slice(10)];
      const waitingTasks = await Promise.all(waiting.map((id) => openTaskOf(s.t.db, id)));

      // The held applications' decision activities start and wait on our row locks: they are inside a
      // transaction when the server stops, and must be retried by Temporal after it returns.
      const lock = (held_lock = new pg.Client({ connectionString: s.t.url }));
      lock.on('error', () => {}); // the fast shutdown cuts this session too
      await lock.connect();
      await lock.query('BEGIN');
      await lock.query(`SELECT id FROM "ReviewTask" WHERE "applicationId" = ANY($1) AND status = 'OPEN' FOR UPDATE`, [
        held,
      ]);
      const heldDecisions = held.map((id) => approveCurrent(s, tokens, id));
      await eventually('the held decisions waiting on their row locks', async () => {
        const r = await lock.query(`SELECT count(DISTINCT pid)::int AS n FROM pg_locks WHERE NOT granted`);
        return r.rows[0].n >= held.length;
      });

      // Traffic through the outage: new submissions and decisions, each retried with its key until final.
      const seen: (Answer | undefined)[] = [];
      const readiness: Answer[] = [];
      let outage = true;
      const probe = (async () => {
        while (outage) {
          readiness.push(await s.call('GET', '/readyz'));
          await new Promise((r) => setTimeout(r, 500));
        }
      })();
      await server.stop();
      const traffic = [
        ...officers.slice(20).map((officerId) =>
          untilAnswered(
            () =>
              s.call('POST', '/api/applications', {
                token: tokens.agency_admin,
                body: { officerId, kind: 'INITIAL' },
                headers: { 'Idempotency-Key': `submit-${officerId}` },
              }),
            120_000,
            (a) => seen.push(a),
          ),
        ),
        ...waitingTasks.map((task) =>
          untilAnswered(
            () =>
              s.call('POST', `/api/review-tasks/${task.id}/decision`, {
                token: tokens.district_reviewer,
                body: { decision: 'APPROVE' },
                headers: { 'Idempotency-Key': `approve-${task.id}` },
              }),
            120_000,
            (a) => seen.push(a),
          ),
        ),
      ];
      await new Promise((r) => setTimeout(r, OUTAGE_MS));
      server = await startServer();
      outage = false;
      await probe;

      const finals = await Promise.all(traffic);
      expect(finals.map((a) => a.status).sort()).toEqual([...Array(10).fill(200), ...Array(10).fill(201)]);
      expect((await Promise.all(heldDecisions)).map((a) => a.status)).toEqual(held.map(() => 200));

      // What clients saw while the database was away: "not ready" and "retry later", nothing else.
      expect(readiness.some((r) => r.status === 503 && r.body.checks.postgres === 'unavailable')).toBe(true);
      const refused = retryLater(seen);
      expect(refused.length).toBeGreaterThan(0);
      expect(
        seen
          .filter((a) => a && ![200, 201, 503].includes(a.status))
          .map((a) => `${a!.status} ${JSON.stringify(a!.body)}`),
      ).toEqual([]);
      for (const r of refused) {
        expect(r.body.code).toBe('SERVICE_UNAVAILABLE');
        expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
      }

      // The held decisions' steps failed with the server and were retried (attempt ≥ 2) until it was back.
      for (const id of held) {
        const history = await s.temporal.workflow.getHandle(`application-${id}`).fetchHistory();
        expect(Math.max(...stepAttempts(history.events!))).toBeGreaterThan(1);
      }

      // Everything completes; each decision and submission counted once.
      const all = [
        ...apps,
        ...(await s.t.db.application.findMany({ where: { officerId: { in: officers.slice(20) } } })).map((a) => a.id),
      ];
      expect(all).toHaveLength(30);
      await mapLimit(all, 8, async (id) => {
        for (
          let r = await s.t.db.application.findUniqueOrThrow({ where: { id } });
          r.status !== 'ISSUED';
          r = await s.t.db.application.findUniqueOrThrow({ where: { id } })
        ) {
          expect((await approveCurrent(s, tokens, id)).status).toBe(200);
        }
      });
      expect(await chainOutcome(s.t.db, all)).toEqual(completedOnce(30));
      expect(await s.t.db.auditLog.count({ where: { targetId: { in: all }, action: 'application.submit' } })).toBe(30);
      expect((await s.call('GET', '/readyz')).status).toBe(200);
    },
  );
});
