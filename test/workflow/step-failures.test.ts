// What a process does when a step fails (README "Failures"), on the time-skipping server with real
// activities on a real PostgreSQL. Before: every activity retried without limit, so one NUL that got
// past validation froze the Update for good and the process refused every later action as busy.
import type { ActorRef } from '../../domain/contracts/actor';
import crypto from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeComplaint, workflowInput, type Submission } from '../../api/complaint-intake';
import { complaintSubmission } from '../support/security/world';
import { demoIdNumber } from '../../prisma/seed';
import { DATA_ERROR } from '../../domain/failure-types';
import {
  accept,
  addInformation,
  complaintState,
  complaintWorkflow,
  received,
  transfer,
} from '../../workflows/complaint';
import { applicationWorkflow, decide, submitted } from '../../workflows/application';
import { databaseFault, freshDatabase, type TestDatabase } from '../support/database';
import { TASK_QUEUE, timeSkippingEnv, withWorker } from '../support/time-skipping';

let env: TestWorkflowEnvironment;
let t: TestDatabase;
const actor = async (username: string, role: string): Promise<ActorRef> => {
  const u = await t.db.user.findUniqueOrThrow({ where: { username } });
  return { userId: u.id, organisationId: u.organisationId, role };
};

beforeAll(async () => {
  [env, t] = await Promise.all([timeSkippingEnv(), freshDatabase()]);
});
afterAll(async () => {
  await env?.teardown();
  await t?.drop();
});

/** The failure an Update ended with, within `ms` of wall time (a wedged one never ends). */
async function failureOf(p: Promise<unknown>, ms = 10_000): Promise<{ type?: string; details?: unknown[] }> {
  const err = await Promise.race([
    p.then(
      () => new Error('the update succeeded'),
      (e: unknown) => e,
    ),
    new Promise((r) => setTimeout(() => r(new Error(`no answer within ${ms} ms`)), ms)),
  ]);
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  return (err as WorkflowUpdateFailedError).cause as { type?: string; details?: unknown[] };
}

async function complaint() {
  const handler = await actor('complaint_handler', 'COMPLAINT_HANDLER');
  const c = await storeComplaint(
    t.db,
    crypto.randomUUID(),
    {
      ...complaintSubmission(handler.organisationId, '330106-2023-00001'),
      occurredAt: new Date(Number(await env.currentTimeMs()) - 86_400_000).toISOString(),
    } as Submission,
    { source: 'PUBLIC' },
  );
  const h = await env.client.workflow.start(complaintWorkflow, {
    workflowId: c.workflowId,
    taskQueue: TASK_QUEUE,
    args: [workflowInput(c)],
  });
  await h.executeUpdate(received);
  return { c, h, handler };
}

describe('a step that fails (time-skipping server, real PostgreSQL)', () => {
  it('第二十八条: a NUL in the complainant’s added information ends that Update with a data error at once; the complaint goes on', async () => {
    await withWorker(env, t.db, async () => {
      const { c, h, handler } = await complaint();
      const f = await failureOf(h.executeUpdate(addInformation, { args: [{ text: '补充\u0000材料' }] }));
      expect(f.type).toBe(DATA_ERROR);
      expect(await t.db.complaintEvent.count({ where: { complaintId: c.id, type: 'INFORMATION_ADDED' } })).toBe(0);
      // The next legitimate actions are accepted: the information, then the handler's acceptance.
      await h.executeUpdate(addInformation, { args: [{ text: '补充：现场有监控' }] });
      const s = await h.executeUpdate(accept, { args: [{ actor: handler, investigatorId: handler.userId }] });
      expect(s.phase).toBe('INVESTIGATION');
      await h.terminate();
    });
  });

  it('a staff action whose write fails never leaves the complaint busy (第二十八条)', async () => {
    await withWorker(env, t.db, async () => {
      const { h, handler } = await complaint();
      const supervisory = await actor('supervisory_handler', 'COMPLAINT_HANDLER');
      const f = await failureOf(
        h.executeUpdate(transfer, {
          args: [{ actor: handler, toOrgId: supervisory.organisationId, reason: '转交\u0000' }],
        }),
      );
      expect(f.type).toBe(DATA_ERROR);
      const s = await h.executeUpdate(accept, { args: [{ actor: handler, investigatorId: handler.userId }] });
      expect(s.phase).toBe('INVESTIGATION');
      await h.terminate();
    });
  });

  it('第二十八条: the complainant’s addition finishing while a staff action is under way does not release that action’s busy mark', async () => {
    await withWorker(env, t.db, async () => {
      const { c, h, handler } = await complaint();
      // The acceptance takes 2 s in the database (a trigger holds its task update), so the addition
      // runs and ends while it is under way — before, that cleared the one shared flag.
      const fast = await databaseFault(t.db, {
        name: 'slow_task_update',
        table: 'ComplaintTask',
        body: 'PERFORM pg_sleep(2); RETURN NEW;',
      });
      try {
        const accepting = h.executeUpdate(accept, { args: [{ actor: handler, investigatorId: handler.userId }] });
        await expect.poll(() => h.query(complaintState).then((st) => st.phase), { timeout: 5_000 }).toBe('ACCEPTANCE');
        await new Promise((r) => setTimeout(r, 300)); // the acceptance's activity is inside its transaction
        await h.executeUpdate(addInformation, { args: [{ text: '补充：现场有监控' }] });
        // A second staff action while the acceptance is still being written: refused as busy.
        const supervisory = await actor('supervisory_handler', 'COMPLAINT_HANDLER');
        const second = await h
          .executeUpdate(transfer, { args: [{ actor: handler, toOrgId: supervisory.organisationId, reason: '转交' }] })
          .then(
            () => 'accepted',
            (e: unknown) =>
              ((e as WorkflowUpdateFailedError).cause as { details?: { code?: string }[] }).details?.[0]?.code,
          );
        expect(second).toBe('COMPLAINT_BUSY');
        expect((await accepting).phase).toBe('INVESTIGATION');
        expect(await t.db.complaintEvent.count({ where: { complaintId: c.id, type: 'TRANSFERRED' } })).toBe(0);
      } finally {
        await fast();
      }
      await h.terminate();
    });
  });

  it('第七条: a decision whose comment the database refuses is a data error; the same task is decided afterwards', async () => {
    const admin = await actor('agency_admin', 'AGENCY_ADMIN');
    const reviewer = await actor('district_reviewer', 'DISTRICT_REVIEWER');
    const officer = await t.db.officer.create({
      data: {
        name: '测试步骤',
        idNumber: demoIdNumber('1990-01-01', 777),
        birthDate: new Date('1990-01-01T00:00:00Z'),
        organisationId: admin.organisationId,
        examResults: { create: [{ type: 'COMPREHENSIVE', passed: true, takenOn: new Date('2025-05-10T00:00:00Z') }] },
      },
    });
    const applicationId = crypto.randomUUID();
    const workflowId = `application-${applicationId}`;
    await withWorker(env, t.db, async () => {
      const h = await env.client.workflow.start(applicationWorkflow, {
        workflowId,
        taskQueue: TASK_QUEUE,
        args: [
          {
            applicationId,
            workflowId,
            kind: 'INITIAL',
            officerId: officer.id,
            organisationId: admin.organisationId,
            attachmentIds: [],
            eligibility: { eligible: true, basis: [], refusals: [] },
            submittedBy: admin,
            submittedAt: new Date(Number(await env.currentTimeMs())).toISOString(),
          },
        ],
      });
      await h.executeUpdate(submitted);
      await expect.poll(() => t.db.reviewTask.count({ where: { applicationId } }), { timeout: 10_000 }).toBe(1);
      const task = await t.db.reviewTask.findFirstOrThrow({ where: { applicationId } });
      const f = await failureOf(
        h.executeUpdate(decide, {
          args: [{ taskId: task.id, decision: 'RETURN', comment: '请补充\u0000材料', actor: reviewer }],
        }),
      );
      expect(f.type).toBe(DATA_ERROR);
      expect((await t.db.reviewTask.findUniqueOrThrow({ where: { id: task.id } })).status).toBe('OPEN');
      const outcome = await h.executeUpdate(decide, {
        args: [{ taskId: task.id, decision: 'APPROVE', actor: reviewer }],
      });
      expect(outcome).toBeDefined();
      expect((await t.db.reviewTask.findUniqueOrThrow({ where: { id: task.id } })).status).toBe('DONE');
      await h.terminate();
    });
  });
});
