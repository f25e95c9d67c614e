// The integration stack of one test file: its own database, a real worker on its own task queue
// against the run's Temporal dev server, and the real API listening on a loopback port.
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { storeCalendar } from '../../store/calendar';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { inject } from 'vitest';
import { createApp } from '../../api/app';
import { startCaches } from '../../api/caches';
import { humanLine } from '../../api/human-log';
import { createLogger } from '../../api/logger';
import { apiConnectionOptions } from '../../api/temporal-connection';
import { loadConfig, reviewSettings, type Config } from '../../infra/config';
import { createWorker } from '../../worker/create-worker';
import { ensureSchedules } from '../../worker/schedules';
import { freePort } from '../../infra/postgres';
import { freshDatabase, type TestDatabase } from './database';
import type { LogCapture } from './log-capture';
import type { TestOidcProvider } from './oidc-provider';
import { quietTemporalRuntime } from './runtime';
import { testLog } from './test-log';
import { workflowBundle } from './time-skipping';

export interface TestStack {
  baseUrl: string;
  config: Config;
  t: TestDatabase;
  temporal: Client;
  /**
   * A bearer token for a seeded user, minted through the dev endpoint like a user would — or, with
   * `oidc`, an access token that provider issues for the user.
   */
  token(username: string): Promise<string>;
  /** fetch against the API with JSON in and out. */
  call: Caller;
  /**
   * Another API process on the same database and Temporal, with `env` on top of this stack's
   * configuration (e.g. another TRUST_PROXY): its own rate-limit buckets, its own port.
   */
  api(env: Record<string, string>): Promise<{ baseUrl: string; config: Config; call: Caller; stop(): Promise<void> }>;
  stop(): Promise<void>;
}

export type Caller = (
  method: string,
  path: string,
  opts?: { token?: string; body?: unknown; headers?: Record<string, string> },
) => Promise<{ status: number; body: any; headers: Headers }>;

export interface StackOptions {
  env?: Record<string, string>;
  /** Another Temporal frontend than the run's shared dev server (a fault test's own). */
  temporalAddress?: string;
  /** A database the test made itself (e.g. on its own PostgreSQL); dropped by stop(). */
  database?: TestDatabase;
  /** 'none': no worker in this process; the test runs its own (e.g. as a child process it can kill). */
  worker?: 'in-process' | 'none';
  /** The API and worker log everything (trace/debug) into it as well as into the test file's log. */
  logs?: LogCapture;
  /** Sign-in through this OpenID Provider (test/support/oidc-provider.ts) instead of HS256 tokens. */
  oidc?: TestOidcProvider;
}

export async function startTestStack(opts: StackOptions = {}): Promise<TestStack> {
  const metricsPort = await freePort();
  quietTemporalRuntime(metricsPort, opts.logs?.worker);
  const address = opts.temporalAddress ?? inject('temporalAddress');
  const t = opts.database ?? (await freshDatabase());
  const taskQueue = `it-${crypto.randomBytes(4).toString('hex')}`;
  const stackEnv = {
    NODE_ENV: 'test',
    ENABLE_DEV_TOKENS: '1',
    DATABASE_URL: t.url,
    TEMPORAL_ADDRESS: address,
    TEMPORAL_TASK_QUEUE: taskQueue,
    PORT: '0',
    LOG_LEVEL: 'silent',
    WORKER_METRICS_URL: `http://127.0.0.1:${metricsPort}/metrics`,
    ...opts.oidc?.env,
    ...opts.env,
  };
  const config = loadConfig(stackEnv);

  const nativeConnection = await NativeConnection.connect({ address });
  const worker =
    opts.worker === 'none'
      ? undefined
      : await createWorker({
          connection: nativeConnection,
          namespace: 'default',
          taskQueue,
          db: t.db,
          settings: reviewSettings(config),
          calendar: storeCalendar(t.db),
          workflowBundle: await workflowBundle(),
        });
  const running = worker?.run();

  const connection = await Connection.connect(apiConnectionOptions(address)); // as api/main.ts
  const temporal = new Client({ connection, namespace: 'default' });
  await ensureSchedules(temporal, config); // as worker/main.ts does at start-up

  // The API's log (production redaction) as a person reads it, in the test file's log (test/support/test-log.ts).
  const toTestLog = (line: string) => testLog(humanLine(line));
  const logger = opts.logs
    ? createLogger('trace', { write: (line) => (opts.logs!.api.write(line), toTestLog(line)) })
    : createLogger('info', { write: toTestLog });
  const listen = async (apiConfig: Config) => {
    // Each API process has its caches and its listener for change notices, as api/main.ts.
    const caches = startCaches(apiConfig, logger);
    const { app } = createApp({ config: apiConfig, db: t.db, temporal, logger, calendar: storeCalendar(t.db), caches });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const stop = async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await caches.stop();
    };
    return { baseUrl, config: apiConfig, call: caller(baseUrl), stop };
  };
  const main = await listen(config);
  const others: (() => Promise<void>)[] = [];
  const { baseUrl, call } = main;

  return {
    baseUrl,
    config,
    t,
    temporal,
    call,
    async token(username) {
      if (opts.oidc) return opts.oidc.accessToken(username);
      const r = await call('POST', '/api/dev/tokens', { body: { username } });
      if (r.status !== 201) throw new Error(`no token for ${username}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.token;
    },
    async api(env) {
      const other = await listen(loadConfig({ ...stackEnv, ...env }));
      others.push(other.stop);
      return other;
    },
    async stop() {
      await Promise.all([main.stop(), ...others.map((stop) => stop())]);
      worker?.shutdown();
      await running;
      await connection.close();
      await nativeConnection.close();
      await t.drop();
    },
  };
}

/** fetch against an API at `baseUrl` with JSON in and out. */
function caller(baseUrl: string): Caller {
  return async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(baseUrl + path, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON (docs page, metrics)
    }
    return { status: res.status, body, headers: res.headers };
  };
}
