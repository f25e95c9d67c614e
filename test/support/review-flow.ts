// Driving applications through the review chain (第七条) over HTTP the way a careful client does:
// every state-changing request carries an Idempotency-Key and is retried with the same key while the
// answer is "try again" (503, a dropped connection) — so a fault test can assert one effect per intent.
import type { Db } from '../../infra/db';
import { eventually } from './eventually';
import type { TestStack } from './stack';

export const REVIEWER_OF_LEVEL = {
  DISTRICT: 'district_reviewer',
  CITY: 'city_reviewer',
  PROVINCE: 'province_reviewer',
} as const;
export const CLIENT_USERS = ['agency_admin', ...Object.values(REVIEWER_OF_LEVEL)];

type Answer = Awaited<ReturnType<TestStack['call']>>;

/**
 * Sends until the answer is final (not 5xx, not a network error); at most `ms`. The last answer;
 * `seen` gets every answer on the way (undefined for a network error).
 */
export async function untilAnswered(
  send: () => Promise<Answer>,
  ms = 120_000,
  seen?: (r: Answer | undefined) => void,
): Promise<Answer> {
  const until = Date.now() + ms;
  for (;;) {
    const r = await send().catch(() => undefined);
    seen?.(r);
    if (r && r.status < 500) return r;
    if (Date.now() > until)
      throw new Error(
        `no final answer within ${ms / 1000}s (last: ${r ? `${r.status} ${JSON.stringify(r.body)}` : 'network error'})`,
      );
    await new Promise((res) => setTimeout(res, 500));
  }
}

/** The application's OPEN review task, once the workflow has opened it. */
export const openTaskOf = (db: Db, applicationId: string) =>
  eventually(`an open task of ${applicationId}`, () =>
    db.reviewTask.findFirst({ where: { applicationId, status: 'OPEN' } }),
  );

/** Approves the current task with the reviewer of its level; the key is the task's, so a retry is the same intent. */
export async function approveCurrent(
  s: TestStack,
  tokens: Record<string, string>,
  applicationId: string,
): Promise<Answer> {
  const task = await openTaskOf(s.t.db, applicationId);
  return untilAnswered(() =>
    s.call('POST', `/api/review-tasks/${task.id}/decision`, {
      token: tokens[REVIEWER_OF_LEVEL[task.level]],
      body: { decision: 'APPROVE' },
      headers: { 'Idempotency-Key': `approve-${task.id}` },
    }),
  );
}

/** Submits an application for each officer (keyed by officer), `limit` at a time; the application ids. */
export function submitAll(s: TestStack, token: string, officerIds: string[], limit = 8): Promise<string[]> {
  return mapLimit(officerIds, limit, async (officerId) => {
    const r = await untilAnswered(() =>
      s.call('POST', '/api/applications', {
        token,
        body: { officerId, kind: 'INITIAL' },
        headers: { 'Idempotency-Key': `submit-${officerId}` },
      }),
    );
    if (r.status !== 201) throw new Error(`submission refused: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.id as string;
  });
}

/** Runs `fn` over `items`, at most `limit` at once, keeping the order of the results. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i], i);
    }),
  );
  return out;
}

export async function tokensFor(
  s: TestStack,
  users: readonly string[] = CLIENT_USERS,
): Promise<Record<string, string>> {
  return Object.fromEntries(await Promise.all(users.map(async (u) => [u, await s.token(u)] as const)));
}

/**
 * What a fault must never break, for applications approved at every level (第七条): each is ISSUED
 * with its own certificate number, and each of its three decisions is there exactly once — one
 * DONE task, one timeline event and one audit row per decision.
 */
export async function chainOutcome(db: Db, applicationIds: string[]) {
  const apps = await db.application.findMany({ where: { id: { in: applicationIds } }, include: { tasks: true } });
  const certificates = await db.certificate.findMany({
    where: { id: { in: apps.map((a) => a.certificateId).filter((c): c is string => !!c) } },
  });
  const count = async (model: 'event' | 'audit') => {
    const rows =
      model === 'event'
        ? await db.applicationEvent.groupBy({
            by: ['applicationId'],
            where: { applicationId: { in: applicationIds }, type: 'DECISION_APPROVE' },
            _count: true,
          })
        : await db.auditLog.groupBy({
            by: ['targetId'],
            where: { targetId: { in: applicationIds }, action: 'application.decision.approve' },
            _count: true,
          });
    return new Set(rows.map((r) => r._count));
  };
  return {
    statuses: new Set(apps.map((a) => a.status)),
    tasksPerApplication: new Set(
      apps.map((a) => a.tasks.filter((t) => t.status === 'DONE' && t.decision === 'APPROVE').length),
    ),
    otherTasks: apps.flatMap((a) => a.tasks).filter((t) => t.status !== 'DONE').length,
    decisionEventsPerApplication: await count('event'),
    auditRowsPerApplication: await count('audit'),
    certificates: certificates.length,
    distinctNumbers: new Set(certificates.map((c) => c.number)).size,
  };
}

/** The outcome chainOutcome must show for `n` applications. */
export const completedOnce = (n: number) => ({
  statuses: new Set(['ISSUED']),
  tasksPerApplication: new Set([3]),
  otherTasks: 0,
  decisionEventsPerApplication: new Set([3]),
  auditRowsPerApplication: new Set([3]),
  certificates: n,
  distinctNumbers: n,
});
