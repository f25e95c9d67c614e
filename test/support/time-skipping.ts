import { storeCalendar } from '../../store/calendar';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundle } from '@temporalio/worker';
import { ensureTemporalBinaries, executableOption } from '../../infra/temporal-binaries';
import type { Db } from '../../infra/db';
import { loadConfig, reviewSettings, type ReviewSettings } from '../../infra/config';
import { bundleWorkflows, createWorker } from '../../worker/create-worker';
import { quietTemporalRuntime } from './runtime';

export const TASK_QUEUE = 'test';

/** The Java time-skipping test server, from the project's tools venv. */
export async function timeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  quietTemporalRuntime();
  const { testServer } = await ensureTemporalBinaries();
  return TestWorkflowEnvironment.createTimeSkipping({ server: { executable: executableOption(testServer) } });
}

let bundle: Promise<WorkflowBundle> | undefined;
export const workflowBundle = () => (bundle ??= bundleWorkflows());

/** Runs `fn` while a real worker (real activities on `db`) polls the test queue. */
/** The default review settings (SLA 10 working days, reminder 2 before, resubmit within 30 days). */
export const DEFAULT_SETTINGS: ReviewSettings = reviewSettings(
  loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgresql://unused/unused' }),
);

export async function withWorker<T>(
  env: TestWorkflowEnvironment,
  db: Db,
  fn: () => Promise<T>,
  settings = DEFAULT_SETTINGS,
): Promise<T> {
  const worker = await createWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue: TASK_QUEUE,
    db,
    settings,
    calendar: storeCalendar(db),
    workflowBundle: await workflowBundle(),
  });
  return worker.runUntil(fn);
}
