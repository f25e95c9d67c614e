// `prisma generate` offline. The CLI wants a schema-engine binary it would otherwise download;
// generation does not use it, so any existing file satisfies the check. A silent no-op is the known
// failure mode, hence the check that the client was really written.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './paths';

export function generatePrismaClient(): void {
  const env = {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
  };
  const cli = path.join(ROOT, 'node_modules', 'prisma', 'build', 'index.js');
  const res = spawnSync(process.execPath, [cli, 'generate'], { cwd: ROOT, env, stdio: 'inherit' });
  const out = path.join(ROOT, 'generated', 'prisma', 'client.ts');
  if (res.status !== 0 || !fs.existsSync(out)) {
    throw new Error(`prisma generate did not produce ${out} (exit ${res.status})`);
  }
}
