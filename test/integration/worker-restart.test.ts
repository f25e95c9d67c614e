// 第三十条: a suspension's reinstatement survives the worker: the timer lives in the Temporal server
// (dev server, real PostgreSQL), so a new worker started after the due instant still reinstates.
import crypto from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { chineseCalendar } from '../../domain/time';
import { loadConfig, reviewSettings } from '../../infra/config';
import { createWorker } from '../../worker/create-worker';
import { decisionApplied, sanctionWorkflow } from '../../workflows/sanction';
import { freshDatabase, type TestDatabase } from '../support/database';
import { quietTemporalRuntime } from '../support/runtime';
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
    settings: reviewSettings(loadConfig({ DATABASE_URL: t.url })),
    calendar: chineseCalendar(() => {}),
    workflowBundle: await workflowBundle(),
  });

describe('worker restart during a suspension', () => {
  it('第三十条: the worker is stopped before the term ends; a new worker started after it reinstates at the stored instant', async () => {
    const client = new Client({ connection });
    const cert = await t.db.certificate.findUniqueOrThrow({ where: { number: '330106-2023-00001' } });
    const so = await t.db.user.findUniqueOrThrow({ where: { username: 'sanction_officer' } });
    const now = new Date();
    const termEndsAt = new Date(now.getTime() + 4_000).toISOString(); // a short term: the instant is what is stored
    const sanctionId = crypto.randomUUID();

    const first = await newWorker();
    const running = first.run();
    const handle = await client.workflow.start(sanctionWorkflow, {
      workflowId: `sanction-${sanctionId}`,
      taskQueue,
      args: [
        {
          sanctionId,
          workflowId: `sanction-${sanctionId}`,
          certificateId: cert.id,
          type: 'SUSPENSION',
          grounds: [1],
          facts: '重启测试',
          decidedById: so.id,
          decidedAt: now.toISOString(),
          decidingOrgId: so.organisationId,
          deliveredAt: now.toISOString(),
          termEndsAt,
          reviewDeadline: new Date(now.getTime() + 1_000).toISOString(),
        },
      ],
    });
    await handle.executeUpdate(decisionApplied);
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
