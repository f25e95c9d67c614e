// The complaint workflow (第二十八条) on the time-skipping server with real activities: deadlines,
// escalations to the supervisor, the extension, the feedback obligation and transfers.
import type { ActorRef } from '../../domain/contracts/actor';
import crypto from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeComplaint, workflowInput, type Submission } from '../../api/complaint-intake';
import {
  accept,
  close,
  complaintWorkflow,
  decideExtension,
  declareConflict,
  received,
  recordFeedback,
  recordResult,
  requestExtension,
  transfer,
} from '../../workflows/complaint';
import { freshDatabase, type TestDatabase } from '../support/database';
import { seededActor } from '../support/seeded-actor';
import { TASK_QUEUE, timeSkippingEnv, withWorker } from '../support/time-skipping';

let env: TestWorkflowEnvironment;
let t: TestDatabase;
let handler: ActorRef;
let head: ActorRef;
let organHandler: ActorRef;
let supervisoryOrgId: string;
const DAY = 86_400_000;

const actor = (username: string, role: string): Promise<ActorRef> => seededActor(t.db, username, role);

beforeAll(async () => {
  [env, t] = await Promise.all([timeSkippingEnv(), freshDatabase()]);
  handler = await actor('complaint_handler', 'COMPLAINT_HANDLER');
  head = await actor('agency_head', 'SUPERVISOR');
  organHandler = await actor('supervisory_handler', 'COMPLAINT_HANDLER');
  supervisoryOrgId = organHandler.organisationId;
});
afterAll(async () => {
  await env?.teardown();
  await t?.drop();
});

/** A complaint about 张伟 addressed to his own agency, stored as the API stores it, and its workflow started. */
async function file(contact?: string) {
  const body: Submission = {
    organisationId: handler.organisationId,
    complainant: contact
      ? { kind: 'PERSON', anonymous: false, name: '刘洋', contact }
      : { kind: 'PERSON', anonymous: true },
    subjects: [{ certificateNumber: '330106-2023-00001' }],
    facts: '执法过程中态度恶劣，未出示执法证件',
    occurredAt: new Date(Number(await env.currentTimeMs()) - DAY).toISOString(),
    place: '西湖区文三路',
  };
  const c = await storeComplaint(t.db, crypto.randomUUID(), body, { source: 'PUBLIC' });
  const h = await env.client.workflow.start(complaintWorkflow, {
    workflowId: c.workflowId,
    taskQueue: TASK_QUEUE,
    args: [workflowInput(c)],
  });
  await h.executeUpdate(received);
  return { c, h };
}

const overdueNotices = (complaintId: string, orgId: string) =>
  t.db.notification.count({
    where: { kind: 'COMPLAINT_OVERDUE', recipientOrgId: orgId, link: `/complaints/${complaintId}` },
  });
const refusalOf = (err: unknown) => {
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  return (err as { cause: { details: unknown[] } }).cause.details[0];
};
const now = async () => Number(await env.currentTimeMs());

describe('complaint workflow (time-skipping server)', () => {
  it('第二十八条: an investigation past its deadline is escalated to the supervisory organ, after a reminder', async () => {
    await withWorker(env, t.db, async () => {
      const { c, h } = await file('13800000000');
      await h.executeUpdate(accept, { args: [{ actor: handler, investigatorId: handler.userId }] });
      const task = await t.db.complaintTask.findFirstOrThrow({ where: { complaintId: c.id, kind: 'INVESTIGATION' } });
      // Default 30 days (a deadline to act: 24:00 of its last day, moved past rest days), reminder 5 days before.
      expect(task.dueAt.getTime()).toBeGreaterThanOrEqual((await now()) + 29 * DAY);
      expect(task.remindAt!.getTime()).toBe(task.dueAt.getTime() - 5 * DAY);
      await env.sleep(task.remindAt!.getTime() - (await now()) + 1000);
      expect(
        await t.db.notification.count({ where: { kind: 'COMPLAINT_REMINDER', link: `/complaints/${c.id}` } }),
      ).toBe(1);
      expect(await overdueNotices(c.id, supervisoryOrgId)).toBe(0);
      await env.sleep(task.dueAt.getTime() - (await now()) + 1000);
      expect(await overdueNotices(c.id, supervisoryOrgId)).toBe(1);
      expect(await t.db.complaintTask.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({
        overdue: true,
        escalations: 1,
        status: 'OPEN',
      });
      // Escalated once: the investigation deadline does not repeat (only the feedback does).
      await env.sleep(5 * DAY);
      expect(await overdueNotices(c.id, supervisoryOrgId)).toBe(1);
      await h.terminate();
    });
  });

  it('第二十八条: one extension, approved by the organ’s head, moves the deadline; a second one is refused', async () => {
    await withWorker(env, t.db, async () => {
      const { c, h } = await file('13800000001');
      await h.executeUpdate(accept, { args: [{ actor: handler, investigatorId: handler.userId }] });
      const before = await t.db.complaintTask.findFirstOrThrow({ where: { complaintId: c.id, kind: 'INVESTIGATION' } });
      await h.executeUpdate(requestExtension, { args: [{ actor: handler, reason: '需调取执法记录仪视频' }] });
      // The handler cannot approve their own request: the organ's head (SUPERVISOR) does.
      const self = await h
        .executeUpdate(decideExtension, { args: [{ actor: handler, approve: true, comment: '同意' }] })
        .catch((e) => e);
      expect(refusalOf(self)).toMatchObject({ code: 'OUT_OF_SCOPE', status: 403 });
      await h.executeUpdate(decideExtension, { args: [{ actor: head, approve: true, comment: '同意延期' }] });
      const after = await t.db.complaintTask.findUniqueOrThrow({ where: { id: before.id } });
      expect(after.dueAt.getTime()).toBeGreaterThanOrEqual(before.dueAt.getTime() + 30 * DAY);
      const again = await h
        .executeUpdate(requestExtension, { args: [{ actor: handler, reason: '再延期' }] })
        .catch((e) => e);
      expect(refusalOf(again)).toMatchObject({ code: 'EXTENSION_ALREADY_REQUESTED', article: '第二十八条' });
      // The old deadline passes without escalation; the new one escalates.
      await env.sleep(before.dueAt.getTime() - (await now()) + DAY);
      expect(await overdueNotices(c.id, supervisoryOrgId)).toBe(0);
      await env.sleep(after.dueAt.getTime() - (await now()) + 1000);
      expect(await overdueNotices(c.id, supervisoryOrgId)).toBe(1);
      await h.terminate();
    });
  });

  it('第二十条: a recused handler is refused by the workflow itself; the investigation passes to a colleague, then to the justice bureau, whose deadline alarms follow it', async () => {
    await withWorker(env, t.db, async () => {
      const { c, h } = await file('13800000009');
      const u = await t.db.user.create({
        data: {
          username: 'colleague_handler',
          displayName: '同事',
          roles: ['COMPLAINT_HANDLER'],
          organisationId: handler.organisationId,
        },
      });
      const colleague: ActorRef = { userId: u.id, organisationId: u.organisationId, role: 'COMPLAINT_HANDLER' };
      try {
        await h.executeUpdate(accept, { args: [{ actor: handler, investigatorId: handler.userId }] });
        await h.executeUpdate(declareConflict, { args: [{ actor: handler, reason: '亲属' }] });
        expect((await t.db.complaint.findUniqueOrThrow({ where: { id: c.id } })).investigatorId).toBe(u.id);
        const refused = await h
          .executeUpdate(recordResult, { args: [{ actor: handler, finding: 'NOT_SUBSTANTIATED', measures: '—' }] })
          .catch((e) => e);
        expect(refusalOf(refused)).toMatchObject({ code: 'RECUSAL_DECLARED', article: '第二十条', status: 403 });
        const state = await h.executeUpdate(declareConflict, { args: [{ actor: colleague, reason: '同学' }] });
        const bureau = await t.db.organisation.findUniqueOrThrow({ where: { name: '杭州市西湖区司法局' } });
        expect(state.handlingOrgId).toBe(bureau.id);
        const task = await t.db.complaintTask.findFirstOrThrow({ where: { complaintId: c.id, kind: 'INVESTIGATION' } });
        expect(task).toMatchObject({ organisationId: bureau.id, assigneeId: null });
        // The deadline stays; its escalation now names the bureau as the organ that is late.
        await env.sleep(task.dueAt.getTime() - (await now()) + 1000);
        expect(await overdueNotices(c.id, bureau.id)).toBe(1);
        await h.terminate();
      } finally {
        await t.db.user.update({ where: { id: u.id }, data: { active: false } });
      }
    });
  });

  it('第二十八条: a missing feedback is escalated again and again until it is recorded; closing before it is refused', async () => {
    await withWorker(env, t.db, async () => {
      const { c, h } = await file('13800000002');
      await h.executeUpdate(accept, { args: [{ actor: handler, investigatorId: handler.userId }] });
      await h.executeUpdate(recordResult, {
        args: [{ actor: handler, finding: 'SUBSTANTIATED', measures: '批评教育，责令书面检查' }],
      });
      const early = await h.executeUpdate(close, { args: [{ actor: handler }] }).catch((e) => e);
      expect(refusalOf(early)).toMatchObject({ code: 'FEEDBACK_REQUIRED', article: '第二十八条', status: 409 });
      const due = (await t.db.complaint.findUniqueOrThrow({ where: { id: c.id } })).feedbackDueAt!;
      await env.sleep(due.getTime() - (await now()) + 3 * DAY + 1000);
      // At the due time, then every day (COMPLAINT_FEEDBACK_REPEAT_DAYS = 1): 4 escalations so far.
      expect(await overdueNotices(c.id, supervisoryOrgId)).toBe(4);
      await env.sleep(DAY);
      expect(await overdueNotices(c.id, supervisoryOrgId)).toBe(5);
      await h.executeUpdate(recordFeedback, {
        args: [{ actor: handler, channel: 'PHONE', content: '经调查属实，已对当事执法人员批评教育' }],
      });
      await env.sleep(5 * DAY);
      expect(await overdueNotices(c.id, supervisoryOrgId)).toBe(5); // recorded: no more escalation
      await h.executeUpdate(close, { args: [{ actor: handler }] });
      expect((await h.result()).phase).toBe('CLOSED');
    });
    expect(
      await t.db.complaint.findFirstOrThrow({ where: { feedbackContent: '经调查属实，已对当事执法人员批评教育' } }),
    ).toMatchObject({ status: 'CLOSED', feedbackChannel: 'PHONE' });
  });

  it('第二十八条: a transfer to the competent organ keeps the feedback obligation (anonymous: published)', async () => {
    await withWorker(env, t.db, async () => {
      const { c, h } = await file();
      await h.executeUpdate(transfer, {
        args: [{ actor: handler, toOrgId: supervisoryOrgId, reason: '涉及公职人员违纪，转交监察机关' }],
      });
      // The receiving organ no longer acts on it; the new organ accepts.
      const stale = await h
        .executeUpdate(accept, { args: [{ actor: handler, investigatorId: handler.userId }] })
        .catch((e) => e);
      expect(refusalOf(stale)).toMatchObject({ code: 'OUT_OF_SCOPE', status: 403 });
      await h.executeUpdate(accept, { args: [{ actor: organHandler, investigatorId: organHandler.userId }] });
      await h.executeUpdate(recordResult, {
        args: [{ actor: organHandler, finding: 'NOT_SUBSTANTIATED', measures: '无' }],
      });
      const due = (await t.db.complaint.findUniqueOrThrow({ where: { id: c.id } })).feedbackDueAt!;
      await env.sleep(due.getTime() - (await now()) + DAY + 1000);
      expect(await overdueNotices(c.id, supervisoryOrgId)).toBe(2);
      expect(await overdueNotices(c.id, handler.organisationId)).toBe(0); // the old organ is out of it
      const early = await h.executeUpdate(close, { args: [{ actor: organHandler }] }).catch((e) => e);
      expect(refusalOf(early)).toMatchObject({ code: 'FEEDBACK_REQUIRED' });
      // No contact: the feedback is the publication on the receipt page.
      const direct = await h
        .executeUpdate(recordFeedback, { args: [{ actor: organHandler, channel: 'PHONE', content: '不属实' }] })
        .catch((e) => e);
      expect(refusalOf(direct)).toMatchObject({ code: 'FEEDBACK_CHANNEL', article: '第二十八条' });
      await h.executeUpdate(recordFeedback, {
        args: [{ actor: organHandler, channel: 'PUBLISHED', content: '经调查，反映问题不属实' }],
      });
      await h.executeUpdate(close, { args: [{ actor: organHandler }] });
      expect(await h.result()).toMatchObject({ phase: 'CLOSED', transfers: 1, handlingOrgId: supervisoryOrgId });
    });
  });
});
