// Worker entrypoint: one process runs every workflow and activity of the task queue. Scale out by
// running more of them. The Temporal SDK's metrics are served for Prometheus on WORKER_METRICS_PORT.
import net from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime } from '@temporalio/worker';
import { ConfigError, loadConfig, reviewSettings } from '../infra/config';
import { createDb } from '../infra/db';
import { listenForRecordChanges, toSubscribers } from '../infra/record-changes';
import { storeCalendar } from '../store/calendar';
import { createWorker } from './create-worker';
import { ensureSchedules } from './schedules';

async function main(): Promise<void> {
  const config = loadConfig();
  Runtime.install({
    // On HOST (loopback unless told otherwise), like the API.
    telemetryOptions: {
      metrics: {
        prometheus: {
          bindAddress: `${net.isIPv6(config.HOST) ? `[${config.HOST}]` : config.HOST}:${config.WORKER_METRICS_PORT}`,
        },
      },
    },
  });
  const db = createDb(config.DATABASE_URL);
  // The statutory calendar the city bureau maintains (store/calendar.ts), re-read when a notice says
  // a year was entered; without notices (listener down), checked on each use.
  const calendar = storeCalendar(db, { seed: true });
  const notices = listenForRecordChanges(
    config.DATABASE_URL,
    toSubscribers([calendar], (err) =>
      console.warn(JSON.stringify({ level: 'warn', msg: 'calendar notices lost', err: err.message })),
    ),
  );
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const worker = await createWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    db,
    settings: reviewSettings(config),
    stuckActivityAttempts: config.STUCK_ACTIVITY_ATTEMPTS,
    calendar,
  });
  const clientConnection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  await ensureSchedules(new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE }), config);
  await clientConnection.close();
  console.log(JSON.stringify({ level: 'info', msg: 'worker started', taskQueue: config.TEMPORAL_TASK_QUEUE }));
  process.once('disconnect', () => worker.shutdown()); // started by `npm start`, whose launcher is gone
  try {
    await worker.run(); // resolves after a graceful shutdown on SIGTERM/SIGINT
  } finally {
    await connection.close();
    await notices.stop();
    await db.$disconnect();
  }
  console.log(JSON.stringify({ level: 'info', msg: 'worker stopped' }));
}

main().then(
  // Everything is closed by now, but the Temporal runtime's native side (its metrics exporter) keeps
  // the event loop alive: without this the launcher has to SIGKILL a worker that stopped cleanly.
  () => process.exit(0),
  (err) => {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  },
);
