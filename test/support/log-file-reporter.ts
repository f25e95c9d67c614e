// Each test file's log goes to test-results/logs/<file under test/>.log: this reporter writes the
// file's console output there (all of it, passed tests included: vitest shows the terminal only the
// failing tests' part), and test/support/test-log.ts appends what is too detailed for the console (the
// worker's INFO lines, the API's request log, child processes' output). At the end of the run the log
// of each failed file is named, so a person knows where to read on.
import fs from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import type { Reporter, TestModule, TestSpecification, Vitest } from 'vitest/node';
import type { UserConsoleLog } from 'vitest';
import { clock } from '../../api/human-log';

/** test/integration/x.test.ts → <root>/test-results/logs/integration/x.test.ts.log */
export function logFileOf(root: string, testFile: string): string {
  return path.join(root, 'test-results', 'logs', `${path.relative(path.join(root, 'test'), testFile)}.log`);
}

export default class LogFileReporter implements Reporter {
  private vitest!: Vitest;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunStart(specifications: ReadonlyArray<TestSpecification>): void {
    // Only the files about to run start afresh: the logs of files not run this time stay.
    for (const spec of specifications) {
      const file = logFileOf(this.vitest.config.root, spec.moduleId);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.rmSync(file, { force: true });
    }
  }

  onUserConsoleLog(log: UserConsoleLog): void {
    const entity = log.taskId ? this.vitest.state.getReportedEntityById(log.taskId) : undefined;
    if (!entity) return; // not from a test file (vitest prints it as always)
    const module = entity.type === 'module' ? entity : entity.module;
    const where = entity.type === 'module' ? module.relativeModuleId : entity.fullName;
    const content = stripVTControlCharacters(log.content.endsWith('\n') ? log.content : `${log.content}\n`); // no terminal colours in a file
    fs.appendFileSync(
      logFileOf(this.vitest.config.root, module.moduleId),
      `${clock(log.time)} ${log.type} · ${where}\n${content}`,
    );
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const logs = modules
      .filter((m) => m.state() === 'failed')
      .map((m) => logFileOf(this.vitest.config.root, m.moduleId))
      .filter((file) => fs.existsSync(file));
    if (logs.length)
      console.log(
        `\nLogs of the failed test files:\n${logs.map((file) => `  ${path.relative(process.cwd(), file)}`).join('\n')}`,
      );
  }
}
