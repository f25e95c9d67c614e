// Issue #12 §5 "safe by default", on the real entrypoints (api/main.ts, worker/main.ts) started as
// child processes: a start that does not say it is development refuses to run without its OpenID
// Provider (no shared-secret sign-in); both listen on loopback unless HOST says otherwise; in production the API's /metrics is
// on its own port, never on the public one.
import type { ChildProcess } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { freePort } from '../../infra/postgres';
import { exitOf, spawnEntry, stopChild, whenPrinted } from '../../infra/processes';
import { waitForReady } from '../../infra/wait-for-ready';
import { freshDatabase, type TestDatabase } from '../support/database';
import { listeningAddresses } from '../support/listening';

const SECRET = 'a-production-secret-of-32-chars!';

/** The caller's environment without what configures the app (vitest itself sets NODE_ENV=test). */
function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of [
    'NODE_ENV',
    'JWT_SECRET',
    'OIDC_ISSUER',
    'OIDC_AUDIENCE',
    'OIDC_CLIENT_ID',
    'HOST',
    'PORT',
    'METRICS_PORT',
    'ENABLE_DEV_TOKENS',
    'WORKER_METRICS_PORT',
    'WORKER_METRICS_URL',
    'VERIFICATION_KEYS',
    'TRUST_PROXY',
    'CARD_FONT',
  ])
    delete env[key];
  return env;
}

let t: TestDatabase;
const children: ChildProcess[] = [];
beforeAll(async () => {
  t = await freshDatabase({ seed: false });
});
afterEach(async () => {
  await Promise.all(children.splice(0).map((c) => stopChild(c, 5_000)));
});
afterAll(async () => {
  await t?.drop();
});

/** Runs `entry` with `env` until it exits; its exit code and what it printed on stderr. */
async function runToExit(entry: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  const child = spawnEntry(entry, env, { stdio: ['ignore', 'ignore', 'pipe'] });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  await exitOf(child);
  return { code: child.exitCode, stderr };
}

async function startApi(env: NodeJS.ProcessEnv): Promise<void> {
  const child = spawnEntry('api/main.ts', env, { stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(child);
}

describe('without NODE_ENV the entrypoints are production: OpenID Connect, no shared secret', () => {
  for (const entry of ['api/main.ts', 'worker/main.ts']) {
    it(`${entry} without OIDC_ISSUER refuses to start, saying which variable and how to fix it`, async () => {
      const r = await runToExit(entry, {
        ...baseEnv(),
        DATABASE_URL: t.url,
        TEMPORAL_ADDRESS: inject('temporalAddress'),
        LOG_LEVEL: 'silent',
      });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(
        'invalid configuration: OIDC_ISSUER, OIDC_AUDIENCE and OIDC_CLIENT_ID are required in production',
      );
      expect(r.stderr).toContain('NODE_ENV=development');
      expect(r.stderr).not.toMatch(/^\s+at /m); // a message, not a stack trace
    });
  }

  it('api/main.ts in production with a JWT_SECRET refuses to start: the shared secret is no way in there', async () => {
    const r = await runToExit('api/main.ts', {
      ...baseEnv(),
      NODE_ENV: 'production',
      JWT_SECRET: SECRET,
      OIDC_ISSUER: 'https://127.0.0.1:9/realms/zhifa',
      OIDC_AUDIENCE: 'zhifazheng-api',
      OIDC_CLIENT_ID: 'zhifazheng-web',
      VERIFICATION_KEYS: `p1:${'v'.repeat(32)}`,
      DATABASE_URL: t.url,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      LOG_LEVEL: 'silent',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('invalid configuration: JWT_SECRET is for development and tests only');
  });

  it('api/main.ts in production without the printed card’s CJK font refuses to start, naming the package', async () => {
    const r = await runToExit('api/main.ts', {
      ...baseEnv(),
      NODE_ENV: 'production',
      OIDC_ISSUER: 'https://127.0.0.1:9/realms/zhifa',
      OIDC_AUDIENCE: 'zhifazheng-api',
      OIDC_CLIENT_ID: 'zhifazheng-web',
      VERIFICATION_KEYS: `p1:${'v'.repeat(32)}`,
      CARD_FONT: '/nonexistent/wqy-zenhei.ttc#WenQuanYiZenHei',
      DATABASE_URL: t.url,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      LOG_LEVEL: 'silent',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('invalid configuration: CARD_FONT: /nonexistent/wqy-zenhei.ttc not found');
    expect(r.stderr).toContain('apt-get install fonts-wqy-zenhei');
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});

describe('listening addresses (HOST)', () => {
  it('the API listens on 127.0.0.1 only, unless HOST says otherwise', async () => {
    const port = await freePort();
    await startApi({
      ...baseEnv(),
      NODE_ENV: 'development',
      ENABLE_DEV_TOKENS: '1',
      DATABASE_URL: t.url,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      PORT: String(port),
      LOG_LEVEL: 'silent',
    });
    await waitForReady(`http://127.0.0.1:${port}/healthz`, 60_000);
    expect(listeningAddresses(port)).toEqual(['127.0.0.1']);

    const open = await freePort();
    await startApi({
      ...baseEnv(),
      NODE_ENV: 'development',
      HOST: '0.0.0.0',
      DATABASE_URL: t.url,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      PORT: String(open),
      LOG_LEVEL: 'silent',
    });
    await waitForReady(`http://127.0.0.1:${open}/healthz`, 60_000);
    expect(listeningAddresses(open)).toEqual(['0.0.0.0']);
  });

  it('the worker serves its metrics on 127.0.0.1 only by default', async () => {
    const metricsPort = await freePort();
    const child = spawnEntry(
      'worker/main.ts',
      {
        ...baseEnv(),
        NODE_ENV: 'test',
        DATABASE_URL: t.url,
        TEMPORAL_ADDRESS: inject('temporalAddress'),
        TEMPORAL_TASK_QUEUE: `safe-${metricsPort}`,
        WORKER_METRICS_PORT: String(metricsPort),
        LOG_LEVEL: 'warn',
      },
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    children.push(child);
    await whenPrinted(child, '"worker started"');
    expect(listeningAddresses(metricsPort)).toEqual(['127.0.0.1']);
    expect((await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).status).toBe(200);
  });
});

describe('production: /metrics is not on the public port', () => {
  it('the API serves /metrics on METRICS_PORT (on HOST) and answers 404 for it on PORT', async () => {
    const [port, metricsPort] = [await freePort(), await freePort()];
    await startApi({
      ...baseEnv(),
      NODE_ENV: 'production',
      // An issuer nobody answers at: the API starts anyway (discovery waits for the first token).
      OIDC_ISSUER: 'https://127.0.0.1:9/realms/zhifa',
      OIDC_AUDIENCE: 'zhifazheng-api',
      OIDC_CLIENT_ID: 'zhifazheng-web',
      VERIFICATION_KEYS: `p1:${'v'.repeat(32)}`,
      DATABASE_URL: t.url,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      PORT: String(port),
      METRICS_PORT: String(metricsPort),
      LOG_LEVEL: 'silent',
    });
    await waitForReady(`http://127.0.0.1:${port}/healthz`, 60_000);

    const publicAnswer = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(publicAnswer.status).toBe(404);
    expect(publicAnswer.headers.get('content-type')).toContain('application/problem+json');

    const scraped = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('http_request_duration_seconds');
    expect(listeningAddresses(metricsPort)).toEqual(['127.0.0.1']);
  });
});
