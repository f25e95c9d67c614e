// Operators see a stuck process (README "Failures"), over HTTP against the real stack: a decision
// whose write PostgreSQL keeps refusing (a trigger raising a serialization failure, 40001, as under
// heavy contention) is retried a bounded number of times, listed with its application while it
// fails, counted in /metrics, answered 503 STEP_FAILED after the last attempt with nothing changed —
// and the same task is decided once the database accepts it again.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../infra/paths';
import { databaseFault, SERIALIZATION_FAILURE } from '../support/database';
import { buildWorld, type World } from '../support/security/world';
import { startTestStack, type TestStack } from '../support/stack';

let s: TestStack;
let w: World;
beforeAll(async () => {
  // A long request deadline: the 503 STEP_FAILED after the last attempt (~15 s), not STILL_PROCESSING, on a loaded machine.
  s = await startTestStack({ env: { STUCK_UPDATE_SECONDS: '2', TEMPORAL_REQUEST_SECONDS: '60' } });
  w = await buildWorld(s);
});
afterAll(async () => {
  await s?.stop();
});

const metric = (text: string, name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);

const refuseDecisionsOn = (taskId: string) =>
  databaseFault(s.t.db, {
    name: 'refuse_decision',
    table: 'ReviewTask',
    body: `IF NEW.id = '${taskId}' AND NEW.status = 'DONE' THEN ${SERIALIZATION_FAILURE}; END IF; RETURN NEW;`,
  });

describe('stuck processes: listed, measured, answered, recovered', () => {
  it('第七条: a decision that keeps failing is listed with its application and waiting time, answered 503 STEP_FAILED, and decided once the database recovers', async () => {
    const app = await w.application('xihu');
    const number = (await s.t.db.application.findUniqueOrThrow({ where: { id: app.id } })).number;
    const accept = await refuseDecisionsOn(app.taskId);
    const [reviewer, city] = await Promise.all([w.token('district_reviewer'), w.token('city_reviewer')]);
    const started = Date.now();
    const decision = s.call('POST', `/api/review-tasks/${app.taskId}/decision`, {
      token: reviewer,
      body: { decision: 'APPROVE' },
      headers: { 'Idempotency-Key': `stuck-${app.taskId}` },
    });

    // While it is retried: the request is on the list (waiting past 2 s), then the step (3+ attempts).
    await expect
      .poll(async () => (await s.call('GET', '/api/operations/stuck-processes', { token: city })).body, {
        timeout: 15_000,
        interval: 500,
      })
      .toMatchObject({
        thresholds: { attempts: 3, seconds: 2 },
        activities: [
          {
            process: { kind: 'APPLICATION', reference: number, id: app.id },
            activityType: 'decideAndOpenNext',
            errorKind: 'transient',
            exhausted: false,
          },
        ],
        waits: [{ area: 'review-tasks' }],
      });
    const during = (await s.call('GET', '/metrics')).body as string;
    expect(metric(during, 'zhifazheng_stuck_activities')).toBe(1);
    expect(metric(during, 'zhifazheng_process_waits_over_threshold')).toBeGreaterThanOrEqual(1);
    expect(metric(during, 'zhifazheng_process_wait_oldest_seconds')).toBeGreaterThanOrEqual(2);

    // After its last attempt: 503 with Retry-After, nothing changed, the step marked exhausted.
    const answer = await decision;
    expect([answer.status, answer.body.code, answer.headers.get('retry-after')]).toEqual([503, 'STEP_FAILED', '30']);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect((await s.t.db.reviewTask.findUniqueOrThrow({ where: { id: app.taskId } })).status).toBe('OPEN');
    expect(
      await s.t.db.activityTrouble.findFirstOrThrow({ where: { activityType: 'decideAndOpenNext' } }),
    ).toMatchObject({
      attempts: 5,
      exhausted: true,
    });

    // The database accepts it again: the next legitimate decision (a new request) goes through and the list empties.
    await accept();
    const retried = await s.call('POST', `/api/review-tasks/${app.taskId}/decision`, {
      token: reviewer,
      body: { decision: 'APPROVE' },
      headers: { 'Idempotency-Key': `stuck-${app.taskId}-2` },
    });
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    const after = (await s.call('GET', '/api/operations/stuck-processes', { token: city })).body;
    expect([after.activities, after.waits]).toEqual([[], []]);
    expect(metric((await s.call('GET', '/metrics')).body, 'zhifazheng_stuck_activities')).toBe(0);
  }, 90_000);

  it('the alert rules in the repository use metrics the API really serves', async () => {
    const rules = parse(fs.readFileSync(path.join(ROOT, 'infra/prometheus/alerts.yml'), 'utf8')) as {
      groups: { rules: { alert: string; expr: string; for: string }[] }[];
    };
    const exprs = rules.groups.flatMap((g) => g.rules);
    expect(exprs.map((r) => r.alert)).toEqual([
      'ZhifazhengProcessStepStuck',
      'ZhifazhengStuckListUnreadable',
      'ZhifazhengRequestsWaitingOnProcesses',
    ]);
    const served = (await s.call('GET', '/metrics')).body as string;
    for (const r of exprs) {
      const names = r.expr.match(/zhifazheng_[a-z_]+/g) ?? [];
      expect(names.length, r.alert).toBeGreaterThan(0);
      for (const n of names) expect(served, `${r.alert} uses ${n}`).toMatch(new RegExp(`^# TYPE ${n} gauge$`, 'm'));
    }
  });
});
