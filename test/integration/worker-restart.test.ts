// 第三十条: a suspension's reinstatement survives the worker: the timer lives in the Temporal server
// (dev server, real PostgreSQL), so a new worker started after the due instant still reinstates.
import crypto from 'node:crypto';
import { storeCalendar } from '../../store/calendar';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { loadConfig, reviewSettings } from '../../infra/config';
import { createWorker } from '../../worker/create-worker';
import { freshDatabase, type TestDatabase } from '../support/database';
import { quietTemporalRuntime } from '../support/runtime';
import { startShortSuspension } from '../support/short-suspension';
import { workflowBundle } from '../support/time-skipping';

let t: TestDatabase;
let connection: Connection;
let native: NativeConnection;
const taskQueue = `restart-${crypto.randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  quietTemporalRuntime();
  t = await freshDatabase();
  connection = await Connection.connect({ address: inject('temporalAddress') });
  native = await NativeConnection.connect({ address: inject('temporalAddress') });
});
afterAll(async () => {
  await connection?.close();
  await native?.close();
  await t?.drop();
});

const newWorker = async () =>
  createWorker({
    connection: native,
    namespace: 'default',
    taskQueue,
    db: t.db,
    settings: reviewSettings(loadConfig({ NODE_ENV: 'test', DATABASE_URL: t.url })),
    calendar: storeCalendar(t.db),
    workflowBundle: await workflowBundle(),
  });

describe('worker restart during a suspension', () => {
  it('第三十条: the worker is stopped before the term ends; a new worker started after it reinstates at the stored instant', async () => {
    const client = new Client({ connection });
    const first = await newWorker();
    const running = first.run();
    const { handle, sanctionId, certificateId, termEndsAt } = await startShortSuspension(
      client,
      t.db,
      taskQueue,
      '330106-2023-00001',
      4_000,
    );
    const cert = { id: certificateId };
    first.shutdown();
    await running;
    expect((await t.db.certificate.findUniqueOrThrow({ where: { id: cert.id } })).status).toBe('SUSPENDED');

    await new Promise((r) => setTimeout(r, Date.parse(termEndsAt) - Date.now() + 1_000)); // no worker at the due instant
    expect((await t.db.certificate.findUniqueOrThrow({ where: { id: cert.id } })).status).toBe('SUSPENDED');

    const second = await newWorker();
    const result = await second.runUntil(handle.result());
    expect(result.phase).toBe('ENDED');
    expect((await t.db.certificate.findUniqueOrThrow({ where: { id: cert.id } })).status).toBe('ACTIVE');
    const reinstated = await t.db.certificateEvent.findFirstOrThrow({ where: { sanctionId, type: 'REINSTATE' } });
    expect(reinstated.occurredAt.toISOString()).toBe(termEndsAt); // the legal instant, not the late wake-up
  });
});
