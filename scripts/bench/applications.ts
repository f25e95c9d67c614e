// `npm run bench:applications` — N applications through all three review levels over HTTP, then the
// inbox list query with 100,000 tasks in the database. Prints one JSON document.
//   BENCH_APPLICATIONS (default 200), BENCH_CONCURRENCY (default 16), BENCH_INBOX_TASKS (default 100000)
import { percentile, runBenchmark, timed, type BenchStack } from './harness';

const N = Number(process.env.BENCH_APPLICATIONS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const INBOX_TASKS = Number(process.env.BENCH_INBOX_TASKS ?? 100_000);
const REVIEWERS = [
  ['district_reviewer', 'DISTRICT'],
  ['city_reviewer', 'CITY'],
  ['province_reviewer', 'PROVINCE'],
] as const;

async function measure(stack: BenchStack): Promise<Record<string, unknown>> {
  const tokens: Record<string, string> = {};
  for (const u of ['agency_admin', ...REVIEWERS.map((r) => r[0])]) tokens[u] = await stack.token(u);
  const call = async (method: string, path: string, token: string, body?: unknown) => {
    const r = await fetch(stack.baseUrl + path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await r.json()) as any;
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(json)}`);
    return json;
  };

  // Officers with the comprehensive exam passed, straight into the database (setup, not measured).
  const agency = await stack.db.organisation.findUniqueOrThrow({ where: { name: '杭州市西湖区综合行政执法局' } });
  const officers: string[] = [];
  for (let i = 0; i < N; i++) {
    const o = await stack.db.officer.create({
      data: {
        name: `压测${i}`,
        idNumber: `BENCH${String(i).padStart(13, '0')}`,
        birthDate: new Date('1990-01-01T00:00:00Z'),
        organisationId: agency.id,
        examResults: { create: [{ type: 'COMPREHENSIVE', passed: true, takenOn: new Date('2025-05-10T00:00:00Z') }] },
      },
    });
    officers.push(o.id);
  }

  const submitMs: number[] = [];
  const decisionMs: number[] = [];
  let errors = 0;
  const one = async (officerId: string) => {
    const [app, ms] = await timed(() => call('POST', '/api/applications', tokens.agency_admin, { officerId, kind: 'INITIAL' }));
    submitMs.push(ms);
    for (const [reviewer, level] of REVIEWERS) {
      let taskId: string | undefined;
      while (!taskId) {
        const view = await call('GET', `/api/applications/${app.id}`, tokens[reviewer]);
        taskId = view.tasks.find((t: { level: string; status: string }) => t.level === level && t.status === 'OPEN')?.id;
        if (!taskId) await new Promise((r) => setTimeout(r, 50));
      }
      const [, dms] = await timed(() => call('POST', `/api/review-tasks/${taskId}/decision`, tokens[reviewer], { decision: 'APPROVE' }));
      decisionMs.push(dms);
    }
  };
  const queue = [...officers];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let id = queue.shift(); id; id = queue.shift()) await one(id).catch((e) => (errors++, console.error(e.message)));
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const issued = await stack.db.application.count({ where: { status: 'ISSUED' } });

  // Inbox with INBOX_TASKS open tasks for one bureau (bulk SQL; then the planner's statistics).
  const bureau = await stack.db.organisation.findUniqueOrThrow({ where: { name: '杭州市西湖区司法局' } });
  const filler = officers[0];
  await stack.db.$executeRawUnsafe(`
    INSERT INTO "Application" (id, number, kind, "officerId", "organisationId", status, eligibility, "submittedById", "submittedAt", "workflowId", "updatedAt")
    SELECT 'bench-' || g, 'BENCH' || lpad(g::text, 8, '0'), 'INITIAL', '${filler}', '${agency.id}', 'UNDER_REVIEW', '{}'::jsonb, 'bench', now(), 'bench-' || g, now()
    FROM generate_series(1, ${INBOX_TASKS}) g`);
  await stack.db.$executeRawUnsafe(`
    INSERT INTO "ReviewTask" (id, "applicationId", round, level, "bureauId", status, "remindAt", "dueAt", "createdAt", "updatedAt")
    SELECT 'bench-task-' || g, 'bench-' || g, 1, 'DISTRICT', '${bureau.id}', (CASE WHEN g % 5 = 0 THEN 'DONE' ELSE 'OPEN' END)::"TaskStatus",
           now() + (g % 900) * interval '1 hour', now() + (g % 1000) * interval '1 hour', now() - (g % 1000) * interval '1 minute', now()
    FROM generate_series(1, ${INBOX_TASKS}) g`);
  await stack.db.$executeRawUnsafe('VACUUM ANALYZE "ReviewTask"');
  await stack.db.$executeRawUnsafe('VACUUM ANALYZE "Application"');
  const latency = async (path: string) => {
    const ms: number[] = [];
    for (let i = 0; i < 20; i++) await call('GET', path, tokens.district_reviewer); // warm-up
    for (let i = 0; i < 200; i++) ms.push((await timed(() => call('GET', path, tokens.district_reviewer)))[1]);
    ms.sort((a, b) => a - b);
    return { p50_ms: percentile(ms, 50), p95_ms: percentile(ms, 95), p99_ms: percentile(ms, 99) };
  };
  const inbox = (query: string) => latency(`/api/review-tasks?${query}`);
  const plan = (await stack.db.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(
    `EXPLAIN SELECT id FROM "ReviewTask" WHERE "bureauId" = '${bureau.id}' AND status IN ('OPEN','WAITING_CONSULTATION') ORDER BY "dueAt", id LIMIT 21`,
  )).map((r) => r['QUERY PLAN']);

  submitMs.sort((a, b) => a - b);
  decisionMs.sort((a, b) => a - b);
  return {
    flow: {
      applications: N,
      concurrency: CONCURRENCY,
      issued,
      errors,
      seconds: Math.round(seconds * 100) / 100,
      completed_per_second: Math.round((issued / seconds) * 100) / 100,
      submit: { p50_ms: percentile(submitMs, 50), p95_ms: percentile(submitMs, 95), p99_ms: percentile(submitMs, 99) },
      decision: { count: decisionMs.length, p50_ms: percentile(decisionMs, 50), p95_ms: percentile(decisionMs, 95), p99_ms: percentile(decisionMs, 99) },
    },
    inbox: {
      tasks_in_database: await stack.db.reviewTask.count(),
      baseline_authenticated_get_me: await latency('/api/me'),
      first_page_by_due: await inbox('limit=20'),
      overdue_filter: await inbox('limit=20&overdue=false&sort=-createdAt'),
      text_search: await inbox('limit=20&q=BENCH0000123'),
      plan,
    },
    targets: { completed_per_second: '>= 20', decision_p99_ms: '<= 150', inbox_p95_ms: '<= 25' },
  };
}

runBenchmark('applications', {}, measure);
