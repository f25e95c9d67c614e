// A self-contained stack for benchmarks: throw-away embedded PostgreSQL, an in-memory Temporal dev
// server, and the real worker and API as child processes (so the load generator does not share their
// event loop). Loopback only; everything stops at the end.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { createDb, type Db } from '../../infra/db';
import { spawnEntry, stopChild } from '../../infra/processes';
import { waitForReady } from '../../infra/wait-for-ready';
import { ensureDatabase, freePort, startEmbeddedPostgres, tmpDataDir } from '../../infra/postgres';
import { Connection } from '@temporalio/client';
import { ensureTemporalBinaries } from '../../infra/temporal-binaries';
import { SEARCH_ATTRIBUTES } from '../../domain/search-attributes';
import { migrate } from '../../prisma/migrate';
import { seed } from '../../prisma/seed';

export interface BenchStack {
  baseUrl: string;
  db: Db;
  databaseUrl: string;
  temporalAddress: string;
  /** The worker's Temporal SDK metrics (Prometheus text). */
  workerMetricsUrl: string;
  token(username: string): Promise<string>;
  /** The stack's processes: API and worker, the Temporal dev server, PostgreSQL's postmaster. */
  pids(): { api: number; worker: number; temporal: number; postgres: number };
  stop(): Promise<void>;
}

export async function startBenchStack(env: Record<string, string> = {}): Promise<BenchStack> {
  const dataDir = `${tmpDataDir('zfz-bench-')}/data`;
  const pg = await startEmbeddedPostgres({
    dataDir,
    port: await freePort(),
    persistent: false,
    // Time and calls per SQL statement, for where a decision's time goes (scripts/bench/decision-time.ts).
    postgresFlags: ['-c', 'shared_preload_libraries=pg_stat_statements'],
  });
  // The postmaster writes its pid on the first line of postmaster.pid.
  const postgresPid = Number(fs.readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0]);
  const databaseUrl = pg.url('bench');
  await ensureDatabase(databaseUrl);
  await migrate(databaseUrl);
  const db = createDb(databaseUrl, 4);
  await db.$executeRawUnsafe('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  await seed(db);
  // The dev server started directly (not through the SDK) so its banner stays off stdout, which
  // carries only the benchmark's JSON.
  const { cli } = await ensureTemporalBinaries();
  if (!cli) throw new Error('the Temporal CLI is needed (npm ci installs it)');
  const temporalPort = await freePort();
  const temporal = spawn(
    cli,
    [
      'server',
      'start-dev',
      '--headless',
      '--ip',
      '127.0.0.1',
      '--port',
      String(temporalPort),
      '--log-level',
      'error',
      '--dynamic-config-value',
      'frontend.enableUpdateWorkflowExecution=true',
      ...SEARCH_ATTRIBUTES.flatMap((a) => ['--search-attribute', `${a.name}=Keyword`]),
    ],
    { stdio: 'ignore' },
  );
  const temporalAddress = `127.0.0.1:${temporalPort}`;
  for (let i = 0; ; i++) {
    try {
      const c = await Connection.connect({ address: temporalAddress, connectTimeout: 1000 });
      await c.workflowService.getSystemInfo({});
      await c.close();
      break;
    } catch (err) {
      if (i > 60) throw err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  const port = await freePort();
  const workerMetricsPort = await freePort();
  const childEnv = {
    ...process.env,
    ENABLE_DEV_TOKENS: '1',
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    PORT: String(port),
    WORKER_METRICS_PORT: String(workerMetricsPort),
    ...env,
  };
  const children: ChildProcess[] = [];
  const start = (entry: string) => {
    // BENCH_CPU_PROFILE=dir writes a V8 CPU profile of the API and the worker there (on exit).
    const nodeArgs = process.env.BENCH_CPU_PROFILE
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`]
      : [];
    const c = spawnEntry(entry, childEnv, { nodeArgs });
    children.push(c);
    return c;
  };
  const worker = start('worker/main.ts');
  const api = start('api/main.ts');
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForReady(`${baseUrl}/readyz`, 60_000);
  return {
    baseUrl,
    db,
    databaseUrl,
    temporalAddress,
    workerMetricsUrl: `http://127.0.0.1:${workerMetricsPort}/metrics`,
    async token(username) {
      const r = await fetch(`${baseUrl}/api/dev/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username }),
      });
      return ((await r.json()) as { token: string }).token;
    },
    pids: () => ({ api: api.pid!, worker: worker.pid!, temporal: temporal.pid!, postgres: postgresPid }),
    async stop() {
      for (const c of children.reverse()) await stopChild(c);
      await db.$disconnect();
      temporal.kill('SIGTERM');
      await new Promise((r) => temporal.once('exit', r));
      await pg.stop();
    },
  };
}

/**
 * Runs one benchmark on a fresh stack and prints its figures as one JSON document on stdout (the
 * machine first, so figures are never read without it); exits non-zero on failure.
 */
export function runBenchmark(
  name: string,
  env: Record<string, string>,
  measure: (stack: BenchStack) => Promise<Record<string, unknown>>,
): void {
  (async () => {
    const stack = await startBenchStack(env);
    try {
      const figures = await measure(stack);
      const machine = {
        cpus: os.cpus().length,
        model: os.cpus()[0]?.model,
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
        loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100),
      };
      console.log(JSON.stringify({ benchmark: name, machine, ...figures }, null, 2));
    } finally {
      await stack.stop();
    }
  })().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
