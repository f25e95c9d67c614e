// Fault: the Temporal server goes away and comes back. Its own dev server (not the run's shared one)
// persists to a SQLite file in a temp folder; it is stopped while suspensions wait on their term's
// timer and applications wait on reviewers' decisions, and started again on the same file and port.
// Timers that fell due meanwhile fire, decisions refused meanwhile (503) are accepted after.
import fs from 'node:fs';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, tmpDataDir } from '../../infra/postgres';
import { startDevServer } from '../../infra/temporal-dev-server';
import { examPassedOfficers } from '../../prisma/fixtures';
import { quietTemporalRuntime } from '../support/runtime';
import {
  approveCurrent,
  chainOutcome,
  completedOnce,
  mapLimit,
  openTaskOf,
  submitAll,
  tokensFor,
} from '../support/review-flow';
import { startShortSuspension } from '../support/short-suspension';
import { startTestStack, type TestStack } from '../support/stack';

const OUTAGE_MS = 10_000;
const dbFilename = path.join(tmpDataDir('zfz-fault-temporal-'), 'temporal.sqlite');
let port: number;
let server: TestWorkflowEnvironment | undefined;
let s: TestStack;
let tokens: Record<string, string>;

const startServer = () => startDevServer({ port, dbFilename });

beforeAll(async () => {
  quietTemporalRuntime();
  port = await freePort();
  server = await startServer();
  s = await startTestStack({ temporalAddress: `127.0.0.1:${port}` });
  tokens = await tokensFor(s);
});
afterAll(async () => {
  await s?.stop();
  await server?.teardown();
  fs.rmSync(path.dirname(dbFilename), { recursive: true, force: true });
});

describe('fault: Temporal server restarted', () => {
  it(
    '第三十条/第七条: the dev server (SQLite) stopped ~10 s and restarted on its file while workflows wait on timers and decisions: timers due meanwhile fire after, decisions refused meanwhile (503 + Retry-After, nothing written) are accepted after, nothing lost',
    { timeout: 150_000 },
    async () => {
      const apps = await submitAll(s, tokens.agency_admin, await examPassedOfficers(s.t.db, 6, 'TEMPORAL'));
      await mapLimit(apps, 6, async (id, i) => {
        for (let level = 0; level < i % 3; level++) expect((await approveCurrent(s, tokens, id)).status).toBe(200);
      });
      // Suspensions whose term ends while the server is down (the shortened term is what is stored).
      const suspensions = await Promise.all(
        ['330106-2023-00001', '330106-2023-00002', '330102-2022-00007'].map((n) =>
          startShortSuspension(s.temporal, s.t.db, s.config.TEMPORAL_TASK_QUEUE, n, OUTAGE_MS / 2),
        ),
      );
      const task = await openTaskOf(s.t.db, apps[0]);

      await server!.teardown();
      server = undefined;
      const downAt = Date.now();
      const decision = () =>
        s.call('POST', `/api/review-tasks/${task.id}/decision`, {
          token: tokens.district_reviewer,
          body: { decision: 'APPROVE' },
          headers: { 'Idempotency-Key': `approve-${task.id}` },
        });
      const refused = await decision();
      expect([refused.status, refused.body.code]).toEqual([503, 'SERVICE_UNAVAILABLE']);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await s.t.db.reviewTask.findUniqueOrThrow({ where: { id: task.id } })).status).toBe('OPEN');
      const ready = await s.call('GET', '/readyz');
      expect([ready.status, ready.body.checks]).toEqual([503, { postgres: 'ok', temporal: 'unavailable' }]);
      await new Promise((r) => setTimeout(r, Math.max(0, downAt + OUTAGE_MS - Date.now())));
      for (const x of suspensions) expect(Date.parse(x.termEndsAt)).toBeLessThan(Date.now()); // due while down

      server = await startServer();
      // The timers fire: each suspension ends with its reinstatement at the stored instant.
      for (const x of suspensions) {
        expect((await x.handle.result()).phase).toBe('ENDED');
        expect((await s.t.db.certificate.findUniqueOrThrow({ where: { id: x.certificateId } })).status).toBe('ACTIVE');
        const reinstated = await s.t.db.certificateEvent.findFirstOrThrow({
          where: { sanctionId: x.sanctionId, type: 'REINSTATE' },
        });
        expect(reinstated.occurredAt.toISOString()).toBe(x.termEndsAt);
      }
      // The refused decision, sent again with its key, is accepted; every application goes on to the end.
      expect((await approveCurrent(s, tokens, apps[0])).status).toBe(200);
      await mapLimit(apps, 6, async (id) => {
        for (
          let r = await s.t.db.application.findUniqueOrThrow({ where: { id } });
          r.status !== 'ISSUED';
          r = await s.t.db.application.findUniqueOrThrow({ where: { id } })
        ) {
          expect((await approveCurrent(s, tokens, id)).status).toBe(200);
        }
      });
      expect(await chainOutcome(s.t.db, apps)).toEqual(completedOnce(apps.length));
      expect((await s.call('GET', '/readyz')).status).toBe(200);
    },
  );
});
