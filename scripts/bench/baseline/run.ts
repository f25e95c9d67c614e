// Runs a baseline: its worker as a child process on the bench stack's Temporal server, and `n`
// workflows of one shape driven `concurrency` at a time by a Temporal client (no HTTP, no database).
//   baseline      today's shape: update-with-start, per level an activity opening the task and a
//                 decision Update whose handler runs an activity (workflow.ts)
//   baseline-min  the leanest shape with the same semantics (min-workflow.ts)
import crypto from 'node:crypto';
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { spawnEntry, stopChild, whenPrinted } from '../../../infra/processes';
import { round2, pool, summary, timed } from '../http';
import { baselineMinWorkflow, decideLevel } from './min-workflow';
import { baselineWorkflow, decide, submitted } from './workflow';

async function startWorker(temporalAddress: string, taskQueue: string) {
  const child = spawnEntry(
    'scripts/bench/baseline/worker.ts',
    { ...process.env, TEMPORAL_ADDRESS: temporalAddress, BASELINE_TASK_QUEUE: taskQueue },
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await whenPrinted(child, 'worker started');
  return child;
}

/** One workflow from start to its third decision; `decision` times each decision's round trip. */
type Drive = (
  client: Client,
  workflow: { workflowId: string; taskQueue: string },
  decision: (update: () => Promise<unknown>) => Promise<void>,
) => Promise<void>;

const SHAPES = {
  baseline: async (client, options, decision) => {
    await client.workflow.executeUpdateWithStart(submitted, {
      startWorkflowOperation: new WithStartWorkflowOperation(baselineWorkflow, {
        ...options,
        workflowIdConflictPolicy: 'USE_EXISTING',
      }),
    });
    const handle = client.workflow.getHandle(options.workflowId);
    for (let level = 0; level < 3; level++) await decision(() => handle.executeUpdate(decide, { args: [level] }));
  },
  'baseline-min': async (client, options, decision) => {
    const handle = await client.workflow.start(baselineMinWorkflow, options);
    for (let level = 0; level < 3; level++) await decision(() => handle.executeUpdate(decideLevel, { args: [level] }));
  },
} satisfies Record<string, Drive>;

export type BaselineShape = keyof typeof SHAPES;

export async function runBaseline(temporalAddress: string, n: number, concurrency: number, shape: BaselineShape) {
  const taskQueue = `${shape}-${crypto.randomBytes(4).toString('hex')}`;
  const worker = await startWorker(temporalAddress, taskQueue);
  const connection = await Connection.connect({ address: temporalAddress });
  const client = new Client({ connection });
  const decisionMs: number[] = [];
  let completed = 0;
  try {
    const decision = async (update: () => Promise<unknown>) => void decisionMs.push((await timed(update))[1]);
    // Complete when the last decision is answered, as an application is when its 核准 returns.
    const one = async (i: number) => {
      await SHAPES[shape](client, { workflowId: `${taskQueue}-${i}`, taskQueue }, decision);
      completed++;
    };
    const started = performance.now();
    await pool(
      Array.from({ length: n }, (_, i) => i),
      concurrency,
      one,
    );
    const seconds = (performance.now() - started) / 1000;
    return {
      shape,
      workflows: n,
      concurrency,
      completed,
      seconds: round2(seconds),
      completed_per_second: round2(completed / seconds),
      decision: summary(decisionMs),
    };
  } finally {
    await connection.close();
    await stopChild(worker);
  }
}
