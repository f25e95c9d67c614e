// Server-Timing (issue #17): the benchmark splits a decision's time into authentication and the
// Workflow Update's round trip from this header (scripts/bench/http.ts reads it), so a decision's
// answer must carry both phases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examPassedOfficers } from '../../prisma/fixtures';
import { serverTiming } from '../../scripts/bench/http';
import { openTaskOf } from '../support/review-flow';
import { startTestStack, type TestStack } from '../support/stack';

let s: TestStack;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  s = await startTestStack();
  for (const u of ['agency_admin', 'district_reviewer']) tokens[u] = await s.token(u);
});
afterAll(async () => {
  await s?.stop();
});

describe('Server-Timing', () => {
  it('第七条: a reviewer’s decision answers with the time of its auth and of its Workflow Update', async () => {
    const [officerId] = await examPassedOfficers(s.t.db, 1, 'TIMING');
    const app = await s.call('POST', '/api/applications', {
      token: tokens.agency_admin,
      body: { officerId, kind: 'INITIAL' },
    });
    expect(app.status).toBe(201);
    const task = await openTaskOf(s.t.db, app.body.id);
    const r = await s.call('POST', `/api/review-tasks/${task.id}/decision`, {
      token: tokens.district_reviewer,
      body: { decision: 'APPROVE' },
    });
    expect(r.status).toBe(200);
    const timing = serverTiming(r.headers.get('server-timing'));
    expect(Object.keys(timing)).toEqual(['auth', 'update']);
    for (const ms of Object.values(timing)) expect(ms).toBeGreaterThanOrEqual(0);
  });

  it('a read runs no Update: its answer names the auth phase only', async () => {
    const r = await s.call('GET', '/api/me', { token: tokens.district_reviewer });
    expect(r.status).toBe(200);
    expect(Object.keys(serverTiming(r.headers.get('server-timing')))).toEqual(['auth']);
  });
});
