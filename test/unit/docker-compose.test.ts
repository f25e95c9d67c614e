// No Docker engine runs on these machines, so the production compose file is checked by parsing it.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { SEARCH_ATTRIBUTES } from '../../domain/search-attributes';

const ROOT = path.join(__dirname, '..', '..');
const compose = parse(fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true });
const services = compose.services as Record<string, any>;
const LONG_RUNNING = ['postgres', 'temporal', 'temporal-ui', 'api', 'worker'];

describe('docker-compose.yml', () => {
  it('has PostgreSQL, Temporal (PostgreSQL persistence), Temporal UI, migrations, API and worker', () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining([...LONG_RUNNING, 'migrate', 'temporal-setup']));
    expect(services.temporal.environment).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'postgres' });
  });

  it('every long-running service has a health check', () => {
    for (const name of LONG_RUNNING) expect(services[name].healthcheck?.test, name).toBeDefined();
  });

  it('publishes API 3000, Temporal 7233 and the Temporal Web UI on 8233', () => {
    expect(services.api.ports).toContain('${PORT:-3000}:3000');
    expect(services.temporal.ports).toContain('${TEMPORAL_PORT:-7233}:7233');
    expect(services['temporal-ui'].ports).toContain('${TEMPORAL_UI_PORT:-8233}:8080');
  });

  it('the worker scales with --scale worker=N: no host ports, no container name, graceful stop', () => {
    expect(services.worker.ports).toBeUndefined();
    expect(services.worker.container_name).toBeUndefined();
    expect(services.worker.stop_grace_period).toBeDefined();
    expect(services.worker.command.join(' ')).toContain('worker/main.ts');
  });

  it('API and worker are configured through the environment, with secrets required, and start after migrations', () => {
    for (const name of ['api', 'worker']) {
      const env = services[name].environment;
      for (const key of [
        'DATABASE_URL',
        'TEMPORAL_ADDRESS',
        'TEMPORAL_TASK_QUEUE',
        'OIDC_ISSUER',
        'OIDC_AUDIENCE',
        'OIDC_CLIENT_ID',
        'VERIFICATION_KEYS',
        'NODE_ENV',
      ])
        expect(env[key], `${name}.${key}`).toBeDefined();
      expect(env.NODE_ENV).toBe('production');
      for (const key of ['OIDC_ISSUER', 'OIDC_AUDIENCE', 'OIDC_CLIENT_ID'])
        expect(env[key], `${name}.${key}`).toMatch(/:\?/); // compose refuses to start without it
      expect(env.JWT_SECRET, 'no shared-secret sign-in in production').toBeUndefined();
      expect(env.VERIFICATION_KEYS).toMatch(/:\?/);
      expect(services[name].depends_on.migrate.condition).toBe('service_completed_successfully');
      expect(services[name].depends_on['temporal-setup'].condition).toBe('service_completed_successfully');
    }
    expect(services.migrate.command.join(' ')).toContain('prisma/migrate.ts');
    // 第三条: a new deployment gets its regions, city bureau and first system admin after migrating.
    expect(services.migrate.command.join(' ')).toContain('prisma/bootstrap.ts');
  });

  it('the containers listen on every interface (HOST=0.0.0.0 in the image): the app itself defaults to loopback', () => {
    const dockerfile = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^\s*HOST=0\.0\.0\.0\b/m);
    for (const name of ['api', 'worker']) expect(services[name].environment.HOST, name).toBeUndefined(); // not overridden to loopback
  });

  it('Prometheus reaches /metrics on ports that are not published: the API on METRICS_PORT, workers on WORKER_METRICS_PORT', () => {
    const metricsPort = String(services.api.environment.METRICS_PORT);
    expect(metricsPort).toMatch(/^\d+$/);
    expect(metricsPort).not.toBe(String(services.api.environment.PORT));
    expect(services.api.ports).toEqual(['${PORT:-3000}:3000']);
    expect(services.worker.environment.WORKER_METRICS_PORT).toBeDefined();
  });

  it('enables Workflow Update on the Temporal server and registers the search attributes the code uses', () => {
    const dyn = fs.readFileSync(path.join(ROOT, 'docker', 'temporal-dynamicconfig.yaml'), 'utf8');
    expect(parse(dyn)['frontend.enableUpdateWorkflowExecution'][0].value).toBe(true);
    const setup = services['temporal-setup'].command.join(' ');
    for (const a of SEARCH_ATTRIBUTES) expect(setup).toContain(a.name);
    expect(setup).toContain('TEMPORAL_NAMESPACE'); // the namespace the app uses, not a hard-coded one
    expect(setup).not.toContain('|| true'); // a failed registration must fail the deployment
  });
});
