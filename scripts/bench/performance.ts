// `npm run bench` — the performance figures of issues #8 and #17 in one run, side by side on one
// stack and one machine, printed as one JSON document on stdout (and the targets as a table on stderr):
//   flow           the project's application flow over HTTP (第七条, three levels), C in parallel:
//                  completed/s, submission and decision p50/p95/p99; CPU per completed application of
//                  every process of the stack (scripts/bench/cpu.ts); where a decision's time goes
//                  (scripts/bench/decision-time.ts)
//   sequential     the same flow one application at a time: decision latency without queueing
//   baseline       today's Temporal shape with no HTTP and no database; ratio = flow / baseline
//   baseline_min   the leanest Temporal shape with the same semantics: the engine's floor here
//   soak           mixed traffic at a fixed rate: error rate, p99 per minute, API and worker RSS
//   inbox          the reviewers' inbox with 100,000 and 1,000,000 tasks in PostgreSQL, with the query plan
//   verification   public verification at a fixed rate, open loop (scripts/bench/public-verification.ts)
// Knobs: BENCH_APPLICATIONS (200), BENCH_CONCURRENCY (16), BENCH_SEQUENTIAL_APPLICATIONS (30),
// BENCH_SOAK_SECONDS (600), BENCH_SOAK_RATE (requests/s, 10), BENCH_INBOX_SIZES (100000,1000000),
// BENCH_VERIFICATION_RATE (requests/s, 200), BENCH_VERIFICATION_SECONDS (30),
// BENCH_VERIFICATION_CERTIFICATES (10000).
import os from 'node:os';
import { examPassedOfficers } from '../../prisma/fixtures';
import { flowTokens, inboxFigures, runApplicationFlow, type Tokens } from './application-flow';
import { runBaseline } from './baseline/run';
import { cpuMeter } from './cpu';
import { decisionTime, snapshot } from './decision-time';
import { runBenchmark, type BenchStack } from './harness';
import { round2 } from './http';
import { measureVerification } from './public-verification';
import { runSoak } from './soak';
import { atLeast, atMost, targetTable, type Target } from './targets';

const env = process.env;
const N = Number(env.BENCH_APPLICATIONS ?? 200);
const CONCURRENCY = Number(env.BENCH_CONCURRENCY ?? 16);
const SEQUENTIAL = Number(env.BENCH_SEQUENTIAL_APPLICATIONS ?? 30);
const SOAK_SECONDS = Number(env.BENCH_SOAK_SECONDS ?? 600);
const SOAK_RATE = Number(env.BENCH_SOAK_RATE ?? 10);
const INBOX_SIZES = (env.BENCH_INBOX_SIZES ?? '100000,1000000').split(',').map(Number);
const VERIFICATION = {
  rate: Number(env.BENCH_VERIFICATION_RATE ?? 200),
  seconds: Number(env.BENCH_VERIFICATION_SECONDS ?? 30),
  certificates: Number(env.BENCH_VERIFICATION_CERTIFICATES ?? 10_000),
};

/** The parallel flow with the CPU every process of the stack spent on it and where a decision's time went. */
async function measuredFlow(stack: BenchStack, tokens: Tokens) {
  const officers = await examPassedOfficers(stack.db, N, 'BENCHFLOW');
  const before = await snapshot(stack);
  const cpu = cpuMeter(stack.pids());
  const flow = await runApplicationFlow(stack, tokens, officers, CONCURRENCY);
  const used = cpu.stop();
  const after = await snapshot(stack);
  const perApp = (ms: number) => round2(ms / flow.issued);
  return {
    ...flow,
    cpu: {
      core_ms_per_application: perApp(used.total),
      by_process_core_ms_per_application: Object.fromEntries(
        Object.entries(used.ms).map(([process, ms]) => [process, perApp(ms)]),
      ),
      // How many of the machine's cores the stack kept busy on average during the run.
      cores_busy: round2(used.total / (flow.seconds * 1000)),
    },
    where_time_goes: decisionTime(before, after, flow),
  };
}

async function measure(stack: BenchStack): Promise<Record<string, unknown>> {
  const loadAtStart = os.loadavg().map(round2);
  const tokens = await flowTokens(stack);
  const flow = await measuredFlow(stack, tokens);
  const sequential = await runApplicationFlow(
    stack,
    tokens,
    await examPassedOfficers(stack.db, SEQUENTIAL, 'BENCHSEQ'),
    1,
  );
  const baseline = await runBaseline(stack.temporalAddress, N, CONCURRENCY, 'baseline');
  const baselineMin = await runBaseline(stack.temporalAddress, N, CONCURRENCY, 'baseline-min');
  const soak = await runSoak(stack, tokens, SOAK_SECONDS, SOAK_RATE);
  const inbox: Record<string, Awaited<ReturnType<typeof inboxFigures>>> = {};
  for (const size of INBOX_SIZES) inbox[`tasks_${size}`] = await inboxFigures(stack, tokens, size);
  const verification = await measureVerification(stack, VERIFICATION);

  const ratio = round2(flow.completed_per_second / baseline.completed_per_second);
  const ratioMin = round2(flow.completed_per_second / baselineMin.completed_per_second);
  const largestSize = Math.max(...INBOX_SIZES);
  const largest = inbox[`tasks_${largestSize}`];
  // Where a run used smaller knobs than a target's condition, the row says what it measured.
  const unless = (differs: boolean, what: string) => (differs ? what : undefined);
  const inParallel = unless(CONCURRENCY !== 16, `${CONCURRENCY} in parallel`);
  const atInbox = unless(largestSize !== 1_000_000, `${largestSize} tasks`);
  const targets: Record<string, Target> = {
    completed_per_second_16_parallel: atLeast(flow.completed_per_second, 15, inParallel),
    ratio_to_baseline: atLeast(ratio, 1.2),
    ratio_to_baseline_min: atLeast(ratioMin, 0.5),
    decision_p50_ms_16_parallel: atMost(flow.decision.p50_ms, 100, inParallel),
    decision_p99_ms_16_parallel: atMost(flow.decision.p99_ms, 300, inParallel),
    decision_p99_ms_one_at_a_time: atMost(sequential.decision.p99_ms, 60),
    submission_p99_ms_16_parallel: atMost(flow.submit.p99_ms, 500, inParallel),
    cpu_core_ms_per_application: atMost(flow.cpu.core_ms_per_application, 120),
    inbox_first_page_p95_ms_at_1000000: atMost(largest.first_page_by_due.p95_ms, 15, atInbox),
    inbox_text_search_p95_ms_at_1000000: atMost(largest.text_search.p95_ms, 30, atInbox),
    verification_p99_ms_at_200_per_second: atMost(
      verification.latencyMs.p99,
      20,
      unless(VERIFICATION.rate !== 200, `${VERIFICATION.rate} requests/s`),
    ),
    soak_errors: { target: '0', value: soak.errors, met: soak.errors === 0 },
    soak_rss_growth_percent: {
      target: '< 10',
      value: soak.rss_growth_percent,
      met: soak.rss_growth_percent.api < 10 && soak.rss_growth_percent.worker < 10,
    },
  };
  console.error(`\n${targetTable(targets)}\n`);
  return {
    load_average_at_start: loadAtStart,
    flow,
    sequential,
    baseline,
    baseline_min: baselineMin,
    ratio_flow_to_baseline: ratio,
    ratio_flow_to_baseline_min: ratioMin,
    soak,
    inbox,
    verification,
    targets,
  };
}

// The public limits protect production from one client; the load generator is one client.
runBenchmark(
  'performance (issues #8, #17)',
  { PUBLIC_RATE_LIMIT_PER_MINUTE: '100000', COMPLAINT_INTAKE_RATE_LIMIT_PER_HOUR: '100000' },
  measure,
);
