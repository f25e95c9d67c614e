// The project's own workload, reusable by every benchmark: applications through all three review
// levels over HTTP (第七条), and the reviewers' inbox over a bulk-loaded task table.
import type { BenchStack } from './harness';
import { call, mean, pool, round2, send, summary, timed } from './http';

export const REVIEWERS = [
  ['district_reviewer', 'DISTRICT'],
  ['city_reviewer', 'CITY'],
  ['province_reviewer', 'PROVINCE'],
] as const;

export type Tokens = Record<string, string>;

export async function flowTokens(stack: BenchStack): Promise<Tokens> {
  const tokens: Tokens = {};
  for (const u of ['agency_admin', ...REVIEWERS.map((r) => r[0])]) tokens[u] = await stack.token(u);
  return tokens;
}

/** The OPEN task of `level` of an application, as its reviewer sees it (polled: the workflow opens it). */
export async function openTask(
  stack: BenchStack,
  tokens: Tokens,
  applicationId: string,
  reviewer: string,
  level: string,
): Promise<string> {
  for (;;) {
    const view = await call(stack, 'GET', `/api/applications/${applicationId}`, tokens[reviewer]);
    const id = view.tasks.find((t: { level: string; status: string }) => t.level === level && t.status === 'OPEN')?.id;
    if (id) return id;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * One application per officer of `officers` (exam passed: prisma/fixtures.ts examPassedOfficers),
 * `concurrency` at a time, each submitted and approved at every level over HTTP; completed
 * applications per second, the latency of submissions and decisions, and the mean of each phase a
 * decision's answer names in Server-Timing (api/server-timing.ts).
 */
export async function runApplicationFlow(stack: BenchStack, tokens: Tokens, officers: string[], concurrency: number) {
  const submitMs: number[] = [];
  const decisionMs: number[] = [];
  const phaseMs: Record<string, number[]> = {};
  let errors = 0;
  const one = async (officerId: string) => {
    const [app, ms] = await timed(() =>
      call(stack, 'POST', '/api/applications', tokens.agency_admin, { officerId, kind: 'INITIAL' }),
    );
    submitMs.push(ms);
    for (const [reviewer, level] of REVIEWERS) {
      const taskId = await openTask(stack, tokens, app.id, reviewer, level);
      const [answer, ms] = await timed(() =>
        send(stack, 'POST', `/api/review-tasks/${taskId}/decision`, tokens[reviewer], { decision: 'APPROVE' }),
      );
      decisionMs.push(ms);
      for (const [phase, d] of Object.entries(answer.timing)) (phaseMs[phase] ??= []).push(d);
    }
  };
  const started = performance.now();
  await pool(officers, concurrency, (id) => one(id).catch((e) => (errors++, console.error(e.message))));
  const seconds = (performance.now() - started) / 1000;
  const issued = await stack.db.application.count({ where: { status: 'ISSUED', officerId: { in: officers } } });
  return {
    applications: officers.length,
    concurrency,
    issued,
    errors,
    seconds: round2(seconds),
    completed_per_second: round2(issued / seconds),
    submit: summary(submitMs),
    decision: summary(decisionMs),
    decision_mean_ms: mean(decisionMs),
    decision_server_timing_mean_ms: Object.fromEntries(Object.entries(phaseMs).map(([p, ms]) => [p, mean(ms)])),
  };
}

/**
 * Grows the task table to `total` review tasks for the 西湖区 bureau (bulk SQL, generate_series; 80 %
 * open), with an application each; then the planner's statistics. Only the missing rows are added.
 */
async function loadInboxTasks(stack: BenchStack, total: number): Promise<{ bureauId: string }> {
  const db = stack.db;
  const agency = await db.organisation.findUniqueOrThrow({ where: { name: '杭州市西湖区综合行政执法局' } });
  const bureau = await db.organisation.findUniqueOrThrow({ where: { name: '杭州市西湖区司法局' } });
  const filler = (await db.officer.findFirstOrThrow({ where: { organisationId: agency.id } })).id;
  const from = (await db.reviewTask.count({ where: { id: { startsWith: 'bench-task-' } } })) + 1;
  if (from <= total) {
    await db.$executeRawUnsafe(
      `INSERT INTO "Application" (id, number, kind, "officerId", "organisationId", status, eligibility, "submittedById", "submittedAt", "workflowId", "updatedAt")
       SELECT 'bench-' || g, 'BENCH' || lpad(g::text, 8, '0'), 'INITIAL', $1, $2, 'UNDER_REVIEW', '{}'::jsonb, 'bench', now(), 'bench-' || g, now()
       FROM generate_series($3::int, $4::int) g`,
      filler,
      agency.id,
      from,
      total,
    );
    await db.$executeRawUnsafe(
      `INSERT INTO "ReviewTask" (id, "applicationId", round, level, "bureauId", status, "remindAt", "dueAt", "createdAt", "updatedAt")
       SELECT 'bench-task-' || g, 'bench-' || g, 1, 'DISTRICT', $1, (CASE WHEN g % 5 = 0 THEN 'DONE' ELSE 'OPEN' END)::"TaskStatus",
              now() + (g % 900) * interval '1 hour', now() + (g % 1000) * interval '1 hour', now() - (g % 1000) * interval '1 minute', now()
       FROM generate_series($2::int, $3::int) g`,
      bureau.id,
      from,
      total,
    );
  }
  await db.$executeRawUnsafe('VACUUM ANALYZE "ReviewTask"');
  await db.$executeRawUnsafe('VACUUM ANALYZE "Application"');
  return { bureauId: bureau.id };
}

/** p50/p95/p99 of `path` for the district reviewer: 20 warm-up requests, then 200 measured. */
export async function latencyOf(stack: BenchStack, token: string, path: string) {
  const ms: number[] = [];
  for (let i = 0; i < 20; i++) await call(stack, 'GET', path, token);
  for (let i = 0; i < 200; i++) ms.push((await timed(() => call(stack, 'GET', path, token)))[1]);
  return summary(ms);
}

/** The inbox list with `total` tasks in the table: latencies of three typical pages and the plan of the first. */
export async function inboxFigures(stack: BenchStack, tokens: Tokens, total: number) {
  const loadStart = performance.now();
  const { bureauId } = await loadInboxTasks(stack, total);
  const loadSeconds = (performance.now() - loadStart) / 1000;
  const token = tokens.district_reviewer;
  const plan = (
    await stack.db.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(
      `EXPLAIN ANALYZE SELECT id FROM "ReviewTask" WHERE "bureauId" = $1 AND status IN ('OPEN','WAITING_CONSULTATION') ORDER BY "dueAt", id LIMIT 21`,
      bureauId,
    )
  ).map((r) => r['QUERY PLAN']);
  return {
    tasks_in_database: await stack.db.reviewTask.count(),
    bulk_load_seconds: round2(loadSeconds),
    baseline_authenticated_get_me: await latencyOf(stack, token, '/api/me'),
    first_page_by_due: await latencyOf(stack, token, '/api/review-tasks?limit=20'),
    overdue_filter: await latencyOf(stack, token, '/api/review-tasks?limit=20&overdue=false&sort=-createdAt'),
    text_search: await latencyOf(stack, token, '/api/review-tasks?limit=20&q=BENCH0000123'),
    plan,
    plan_uses_index: plan.some((l) => /Index (Only )?Scan/.test(l)),
  };
}
