// Browser tests use Debian's chromium (never a browser download). On a fresh machine the set-up
// installs it with apt when it is missing (as root, or through passwordless sudo), with a Chinese
// font so that the screenshots for review show text rather than empty boxes.
import fs from 'node:fs';
import type { TestProject } from 'vitest/node';
import { aptInstall, ensureCjkFont } from './apt';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default function setup(project: TestProject) {
  if (!fs.existsSync(CHROMIUM)) aptInstall(['chromium']);
  ensureCjkFont();
  if (!fs.existsSync(CHROMIUM)) throw new Error(`chromium is not at ${CHROMIUM} and could not be installed with apt`);
  project.provide('chromiumPath', CHROMIUM);
}

declare module 'vitest' {
  export interface ProvidedContext {
    chromiumPath: string;
  }
}
