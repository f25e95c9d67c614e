// Runs the baseline: its worker as a child process on the bench stack's Temporal server, and `n`
// workflows driven `concurrency` at a time by a Temporal client (no HTTP, no database).
import crypto from 'node:crypto';
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { spawnEntry, stopChild, whenPrinted } from '../../../infra/processes';
import { round2, pool, summary, timed } from '../http';
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

export async function runBaseline(temporalAddress: string, n: number, concurrency: number) {
  const taskQueue = `baseline-${crypto.randomBytes(4).toString('hex')}`;
  const worker = await startWorker(temporalAddress, taskQueue);
  const connection = await Connection.connect({ address: temporalAddress });
  const client = new Client({ connection });
  const decisionMs: number[] = [];
  let completed = 0;
  try {
    const one = async (i: number) => {
      const workflowId = `${taskQueue}-${i}`;
      await client.workflow.executeUpdateWithStart(submitted, {
        startWorkflowOperation: new WithStartWorkflowOperation(baselineWorkflow, {
          workflowId,
          taskQueue,
          workflowIdConflictPolicy: 'USE_EXISTING',
        }),
      });
      const handle = client.workflow.getHandle(workflowId);
      // Complete when the last decision is answered, as an application is when its 核准 returns.
      for (let level = 0; level < 3; level++)
        decisionMs.push((await timed(() => handle.executeUpdate(decide, { args: [level] })))[1]);
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
