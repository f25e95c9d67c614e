// Server-Timing (issue #17): the benchmark splits a decision's time into authentication and the
// Workflow Update's round trip from this header, so a decision's answer must carry both phases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examPassedOfficers } from '../../prisma/fixtures';
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

/** The phases of a Server-Timing header, by name: their durations in ms. */
function phases(header: string | null): Record<string, number> {
  return Object.fromEntries(
    (header ?? '')
      .split(',')
      .filter((p) => p.trim())
      .map((p) => {
        const [name, ...params] = p.trim().split(';');
        const dur = params.find((x) => x.startsWith('dur='));
        return [name, dur ? Number(dur.slice(4)) : NaN];
      }),
  );
}

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
    const timing = phases(r.headers.get('server-timing'));
    expect(Object.keys(timing)).toEqual(['auth', 'update']);
    for (const ms of Object.values(timing)) expect(ms).toBeGreaterThanOrEqual(0);
  });

  it('a read runs no Update: its answer names the auth phase only', async () => {
    const r = await s.call('GET', '/api/me', { token: tokens.district_reviewer });
    expect(r.status).toBe(200);
    expect(Object.keys(phases(r.headers.get('server-timing')))).toEqual(['auth']);
  });
});
