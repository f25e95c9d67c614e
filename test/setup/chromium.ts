// Browser tests use Debian's chromium (never a browser download). On a fresh machine the set-up
// installs it with apt when it is missing (as root, or through passwordless sudo), with a Chinese
// font so that the screenshots for review show text rather than empty boxes.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { TestProject } from 'vitest/node';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc';

function install(packages: string[]): void {
  const asRoot = process.getuid?.() === 0;
  const run = (args: string[]) =>
    execFileSync(asRoot ? args[0] : 'sudo', asRoot ? args.slice(1) : ['-n', ...args], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  run(['apt-get', 'update', '-q']);
  run(['apt-get', 'install', '-y', '-q', '--no-install-recommends', ...packages]);
}

export default function setup(project: TestProject) {
  const missing = [
    ...(fs.existsSync(CHROMIUM) ? [] : ['chromium']),
    ...(fs.existsSync(CJK_FONT) ? [] : ['fonts-wqy-zenhei']),
  ];
  if (missing.length > 0) install(missing);
  if (!fs.existsSync(CHROMIUM)) throw new Error(`chromium is not at ${CHROMIUM} and could not be installed with apt`);
  project.provide('chromiumPath', CHROMIUM);
}

declare module 'vitest' {
  export interface ProvidedContext {
    chromiumPath: string;
  }
}
