// The real worker entrypoint (worker/main.ts) as a child process of a test: the only way to kill a
// worker the way a machine or the OOM killer does (SIGKILL, no shutdown hooks, no finally blocks).
import type { ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { humanLine } from '../../api/human-log';
import { exitOf, spawnEntry, stopChild, whenPrinted } from '../../infra/processes';
import { freePort } from '../../infra/postgres';
import type { Config } from '../../infra/config';
import { testLog } from './test-log';

export interface WorkerProcess {
  pid: number;
  /** SIGKILL, then wait until the process is gone. */
  kill(): Promise<void>;
  /** A graceful stop (SIGTERM), as at the end of a test. */
  stop(): Promise<void>;
}

/** Starts worker/main.ts on the stack's database, Temporal address and task queue; resolves once it polls. */
export async function startWorkerProcess(config: Config): Promise<WorkerProcess> {
  const child: ChildProcess = spawnEntry(
    'worker/main.ts',
    {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: config.DATABASE_URL,
      TEMPORAL_ADDRESS: config.TEMPORAL_ADDRESS,
      TEMPORAL_TASK_QUEUE: config.TEMPORAL_TASK_QUEUE,
      WORKER_METRICS_PORT: String(await freePort()),
      LOG_LEVEL: 'warn',
    },
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // The SDK's per-task INFO lines go to the test file's log only; warnings and errors are shown like
  // the console of the test (for a failing test), and its pino lines (stdout) are logged too.
  readline.createInterface({ input: child.stderr! }).on('line', (line) => {
    if (line.includes('[INFO]')) testLog(`[worker process] ${line}`);
    else console.warn(`[worker process] ${line}`);
  });
  readline
    .createInterface({ input: child.stdout! })
    .on('line', (line) => testLog(`[worker process] ${humanLine(line)}`));
  await whenPrinted(child, '"worker started"');
  return {
    pid: child.pid!,
    async kill() {
      child.kill('SIGKILL');
      await exitOf(child);
    },
    stop: () => stopChild(child),
  };
}
