// The baseline's worker, a child process like the project's (TEMPORAL_ADDRESS, BASELINE_TASK_QUEUE).
import path from 'node:path';
import { NativeConnection, Runtime, DefaultLogger, Worker } from '@temporalio/worker';
import { baselineActivities } from './activities';

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS });
  const worker = await Worker.create({
    connection,
    taskQueue: process.env.BASELINE_TASK_QUEUE ?? 'baseline',
    workflowsPath: path.join(__dirname, 'workflows.ts'),
    activities: baselineActivities,
  });
  console.log(JSON.stringify({ level: 'info', msg: 'worker started' }));
  await worker.run();
  await connection.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
