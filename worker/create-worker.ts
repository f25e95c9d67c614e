import path from 'node:path';
import { bundleWorkflowCode, NativeConnection, Worker, type WorkflowBundle } from '@temporalio/worker';
import { createActivities } from '../activities';
import { activityFailureInterceptor } from './activity-failures';
import type { CalendarSource } from '../domain/calendar';
import { DEFAULT_STUCK_ACTIVITY_ATTEMPTS, type ReviewSettings } from '../infra/config';
import type { Db } from '../infra/db';

export const WORKFLOWS_PATH = path.join(__dirname, '..', 'workflows', 'index.ts');

/** Bundles the workflow code once; workers (and tests) reuse the bundle. */
export function bundleWorkflows(): Promise<WorkflowBundle> {
  return bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietBundlerLogger });
}

const noop = () => {};
const quietBundlerLogger = {
  log: noop,
  trace: noop,
  debug: noop,
  info: noop,
  warn: console.warn,
  error: console.error,
};

export async function createWorker(opts: {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  db: Db;
  settings: ReviewSettings;
  calendar: CalendarSource;
  workflowBundle?: WorkflowBundle;
  /** An activity failing this many attempts is listed as stuck (STUCK_ACTIVITY_ATTEMPTS). */
  stuckActivityAttempts?: number;
}): Promise<Worker> {
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    workflowBundle: opts.workflowBundle ?? (await bundleWorkflows()),
    activities: createActivities(opts.db, opts.settings, opts.calendar),
    interceptors: {
      activity: [activityFailureInterceptor(opts.db, opts.stuckActivityAttempts ?? DEFAULT_STUCK_ACTIVITY_ATTEMPTS)],
    },
    // Two threads run workflow tasks (the SDK's default is one when V8 contexts are reused): one can
    // replay while the other runs an Update's local activity callbacks. Issue #17, five A/B pairs of
    // `npm run bench:applications` on 2 cores: 7.08→7.46, 7.33→8.22, 9.08→9.33, 7.51→8.90, 7.60→8.83
    // applications/s. Fewer pollers (2 instead of the default) measured within the noise: left as is.
    workflowThreadPoolSize: 2,
    // SIGTERM/SIGINT: stop polling, let in-flight activities finish, then exit.
    shutdownGraceTime: '30 seconds',
  });
}
