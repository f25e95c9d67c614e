// `npm run bench` — the performance figures of issue #8 in one run, side by side on one stack and one
// machine, printed as one JSON document:
//   flow      the project's application flow over HTTP (第七条, three levels): completed/s, decision p50/p95/p99
//   baseline  the same Temporal shape with no HTTP and no database: the engine's ceiling here; ratio = flow/baseline
//   soak      mixed traffic at a fixed rate: error rate, p99 per minute, API and worker RSS from start to end
//   inbox     the reviewers' inbox with 100,000 and 1,000,000 tasks in PostgreSQL, with the query plan
// Knobs: BENCH_APPLICATIONS (200), BENCH_CONCURRENCY (16), BENCH_SOAK_SECONDS (600), BENCH_SOAK_RATE
// (requests/s, 10), BENCH_INBOX_SIZES (100000,1000000).
import os from 'node:os';
import { flowTokens, inboxFigures, runApplicationFlow } from './application-flow';
import { runBaseline } from './baseline/run';
import { runBenchmark, type BenchStack } from './harness';
import { round2 } from './http';
import { runSoak } from './soak';

const env = process.env;
const N = Number(env.BENCH_APPLICATIONS ?? 200);
const CONCURRENCY = Number(env.BENCH_CONCURRENCY ?? 16);
const SOAK_SECONDS = Number(env.BENCH_SOAK_SECONDS ?? 600);
const SOAK_RATE = Number(env.BENCH_SOAK_RATE ?? 10);
const INBOX_SIZES = (env.BENCH_INBOX_SIZES ?? '100000,1000000').split(',').map(Number);

async function measure(stack: BenchStack): Promise<Record<string, unknown>> {
  const loadAtStart = os.loadavg().map(round2);
  const tokens = await flowTokens(stack);
  const flow = await runApplicationFlow(stack, tokens, N, CONCURRENCY);
  const baseline = await runBaseline(stack.temporalAddress, N, CONCURRENCY);
  const soak = await runSoak(stack, tokens, SOAK_SECONDS, SOAK_RATE);
  const inbox: Record<string, Awaited<ReturnType<typeof inboxFigures>>> = {};
  for (const size of INBOX_SIZES) inbox[`tasks_${size}`] = await inboxFigures(stack, tokens, size);
  const ratio = round2(flow.completed_per_second / baseline.completed_per_second);
  const largest = inbox[`tasks_${Math.max(...INBOX_SIZES)}`];
  return {
    load_average_at_start: loadAtStart,
    flow,
    baseline,
    ratio_flow_to_baseline: ratio,
    soak,
    inbox,
    targets: {
      ratio: { target: '>= 0.5', value: ratio, met: ratio >= 0.5 },
      inbox_p95_ms_at_largest: {
        target: '<= 25',
        value: largest.first_page_by_due.p95_ms,
        met: largest.first_page_by_due.p95_ms <= 25,
      },
      soak_errors: { target: 0, value: soak.errors, met: soak.errors === 0 },
      rss_growth_percent: {
        target: '< 10',
        value: soak.rss_growth_percent,
        met: soak.rss_growth_percent.api < 10 && soak.rss_growth_percent.worker < 10,
      },
    },
  };
}

// The public rate limit protects production from one client; the load generator is one client.
// The public limits protect production from one client; the load generator is one client.
runBenchmark(
  'performance (issue #8)',
  { PUBLIC_RATE_LIMIT_PER_MINUTE: '100000', COMPLAINT_INTAKE_RATE_LIMIT_PER_HOUR: '100000' },
  measure,
);
