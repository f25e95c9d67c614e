// What is too detailed for the console of a failing test (the worker's INFO lines, the API's request
// log, child processes' output) goes straight to the running test file's log, next to the console
// output that test/support/log-file-reporter.ts writes there. TEST_LOGS=1 prints it instead, live.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { ROOT } from '../../infra/paths';
import { logFileOf } from './log-file-reporter';

const made = new Set<string>();
let heading: string | undefined;

/**
 * Appends `text` (one or more lines) to the log of the test file this process runs, under the name of
 * the test that has been running since (a line whenever that changes).
 */
export function testLog(text: string): void {
  const { testPath, currentTestName } = expect.getState();
  if (process.env.TEST_LOGS === '1' || !testPath) return void console.log(text.replace(/\n$/, ''));
  const file = logFileOf(ROOT, testPath);
  if (!made.has(file)) fs.mkdirSync(path.dirname(file), { recursive: true });
  made.add(file);
  const head = currentTestName && currentTestName !== heading ? `── ${currentTestName}\n` : '';
  heading = currentTestName;
  fs.appendFileSync(file, `${head}${text.endsWith('\n') ? text : `${text}\n`}`);
}
