// `npm run bench:applications` — N applications through all three review levels over HTTP, then the
// inbox list query with 100,000 tasks in the database. Prints one JSON document.
//   BENCH_APPLICATIONS (default 200), BENCH_CONCURRENCY (default 16), BENCH_INBOX_TASKS (default 100000)
import { examPassedOfficers } from '../../prisma/fixtures';
import { flowTokens, inboxFigures, runApplicationFlow } from './application-flow';
import { runBenchmark, type BenchStack } from './harness';

const N = Number(process.env.BENCH_APPLICATIONS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const INBOX_TASKS = Number(process.env.BENCH_INBOX_TASKS ?? 100_000);

async function measure(stack: BenchStack): Promise<Record<string, unknown>> {
  const tokens = await flowTokens(stack);
  return {
    flow: await runApplicationFlow(stack, tokens, await examPassedOfficers(stack.db, N, 'BENCHFLOW'), CONCURRENCY),
    inbox: await inboxFigures(stack, tokens, INBOX_TASKS),
    targets: { completed_per_second: '>= 20', decision_p99_ms: '<= 150', inbox_p95_ms: '<= 25' },
  };
}

runBenchmark('applications', {}, measure);
