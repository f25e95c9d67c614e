// Schemathesis (PyPI), the schema-driven API fuzzer of the security tests, pinned and installed into
// .tools/venv by `npm ci` like the Temporal servers.
import { spawnSync } from 'node:child_process';
import { inVenv, onPath, pipInstall } from './tools-venv';

export const SCHEMATHESIS_VERSION = '4.32.5';

function version(bin: string): string | undefined {
  const out = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  return out.status === 0 ? /version (\S+)/.exec(out.stdout)?.[1] : undefined;
}

/** The pinned schemathesis command: the venv's, else one on PATH of the same version. */
export function findSchemathesis(): string | undefined {
  return [inVenv('schemathesis'), onPath('schemathesis')].find((b) => b && version(b) === SCHEMATHESIS_VERSION);
}

export function ensureSchemathesis(): string | undefined {
  return findSchemathesis() ?? (pipInstall([`schemathesis==${SCHEMATHESIS_VERSION}`]) ? findSchemathesis() : undefined);
}
