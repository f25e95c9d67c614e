// The correction-order workflow (督促整改, 第二十七条第二款) on the time-skipping server with real
// activities: the reminder before the deadline, the escalation at it with a sanction proposal on
// 第二十九条第一款第（四）项 filed once, the agency's report sent back and accepted, a report sent back
// after the deadline, an agency check without a named officer, and the validators (403, 409).
import type { ActorRef } from '../../domain/contracts/actor';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideCorrection, reportCorrection } from '../../workflows/correction-order';
import { deadlineMoved } from '../../workflows/deadline-moved';
import { freshDatabase, type TestDatabase } from '../support/database';
import { createActivities } from '../../activities';
import { storeCalendar } from '../../store/calendar';
import { seededActor, startCorrectionOrder } from '../support/short-correction-order';
import { DEFAULT_SETTINGS, TASK_QUEUE, timeSkippingEnv, withWorker } from '../support/time-skipping';

let env: TestWorkflowEnvironment;
let t: TestDatabase;
let agency: ActorRef;
let bureau: ActorRef;
let otherAgency: ActorRef;
let otherBureau: ActorRef;
let zhangId: string;
const DAY = 86_400_000;

const actor = (username: string, role: string): Promise<ActorRef> => seededActor(t.db, username, role);

beforeAll(async () => {
  [env, t] = await Promise.all([timeSkippingEnv(), freshDatabase()]);
  agency = await actor('agency_admin', 'AGENCY_ADMIN');
  bureau = await actor('district_reviewer', 'DISTRICT_REVIEWER');
  otherBureau = await actor('district_reviewer_shangcheng', 'DISTRICT_REVIEWER');
  const shangcheng = await t.db.organisation.findUniqueOrThrow({ where: { name: '杭州市上城区卫生健康局' } });
  otherAgency = { userId: agency.userId, organisationId: shangcheng.id, role: 'AGENCY_ADMIN' };
  zhangId = (await t.db.certificate.findUniqueOrThrow({ where: { number: '330106-2023-00001' } })).officerId;
});
afterAll(async () => {
  await env?.teardown();
  await t?.drop();
});

/** A breach of `rule` found at 西湖区执法局 (naming `officerId`), its order issued by the workflow. */
const breach = (officerId: string | null, rule = 'A18_TEAM') =>
  startCorrectionOrder(env.client, t.db, TASK_QUEUE, {
    officerId,
    agencyId: agency.organisationId,
    bureauUsername: 'district_reviewer',
    rule,
  });

const refusalOf = (err: unknown) => {
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  return (err as { cause: { details: unknown[] } }).cause.details[0];
};
const now = async () => Number(await env.currentTimeMs());
const notices = (kind: string, orderId: string) =>
  t.db.notification.count({ where: { kind, link: `/correction-orders/${orderId}` } });
const proposalsOf = (orderId: string) => t.db.sanctionProposal.findMany({ where: { correctionOrderId: orderId } });

describe('correction-order workflow (time-skipping server)', () => {
  it('第二十七条第二款: the order has a deadline in working days, a reminder before it; at it, not corrected — escalated and proposed once on 第二十九条第一款第（四）项', async () => {
    await withWorker(env, t.db, async () => {
      const { order, handle: h } = await breach(zhangId);
      // Default 15 working days (rest days do not count), reminder 3 working days before.
      expect(order.dueAt!.getTime()).toBeGreaterThanOrEqual((await now()) + 15 * DAY);
      expect(order.remindAt!.getTime()).toBeLessThan(order.dueAt!.getTime());
      expect(await notices('CORRECTION_ORDER', order.id)).toBe(1);
      await env.sleep(order.remindAt!.getTime() - (await now()) + 1000);
      expect(await notices('CORRECTION_REMINDER', order.id)).toBe(1);
      expect(await notices('CORRECTION_OVERDUE', order.id)).toBe(0);
      await env.sleep(order.dueAt!.getTime() - (await now()) + 1000);
      expect((await h.result()).phase).toBe('NOT_CORRECTED');
      expect(await t.db.correctionOrder.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
        status: 'NOT_CORRECTED',
        overdue: true,
      });
      // The bureau and the agency are told; the city bureau gets one proposal on ground (四).
      expect(await notices('CORRECTION_OVERDUE', order.id)).toBe(2);
      const proposals = await proposalsOf(order.id);
      expect(proposals).toHaveLength(1);
      expect(proposals[0]).toMatchObject({ grounds: [4], status: 'OPEN', complaintId: null, type: 'SUSPENSION' });
      const city = await t.db.organisation.findUniqueOrThrow({ where: { name: '杭州市司法局' } });
      expect(proposals[0].bureauOrgId).toBe(city.id);
      expect(proposals[0].facts).toContain('第二十九条第一款第（四）项');
    });
  });

  it('第二十七条第二款: a report sent back before the deadline may be made again; accepted, the order is closed as corrected', async () => {
    await withWorker(env, t.db, async () => {
      const { order, handle: h } = await breach(zhangId, 'A19_RECORDING');
      const wrongAgency = await h
        .executeUpdate(reportCorrection, { args: [{ actor: otherAgency, text: '已整改', attachmentIds: [] }] })
        .catch((e) => e);
      expect(refusalOf(wrongAgency)).toMatchObject({ code: 'OUT_OF_SCOPE', status: 403 });
      await h.executeUpdate(reportCorrection, {
        args: [{ actor: agency, text: '已配备执法记录仪', attachmentIds: [] }],
      });
      const twice = await h
        .executeUpdate(reportCorrection, { args: [{ actor: agency, text: '再报', attachmentIds: [] }] })
        .catch((e) => e);
      expect(refusalOf(twice)).toMatchObject({ code: 'CORRECTION_REPORT_PENDING', status: 409 });
      const wrongBureau = await h
        .executeUpdate(decideCorrection, { args: [{ actor: otherBureau, accept: true }] })
        .catch((e) => e);
      expect(refusalOf(wrongBureau)).toMatchObject({ code: 'OUT_OF_SCOPE', status: 403 });
      const noReason = await h
        .executeUpdate(decideCorrection, { args: [{ actor: bureau, accept: false }] })
        .catch((e) => e);
      expect(refusalOf(noReason)).toMatchObject({ code: 'REASON_REQUIRED', status: 400 });
      const back = await h.executeUpdate(decideCorrection, {
        args: [{ actor: bureau, accept: false, reason: '未提供音像记录制度文件' }],
      });
      expect(back.phase).toBe('OPEN');
      await h.executeUpdate(reportCorrection, {
        args: [{ actor: agency, text: '已制定音像记录制度并培训', attachmentIds: [] }],
      });
      const done = await h.executeUpdate(decideCorrection, { args: [{ actor: bureau, accept: true }] });
      expect(done.phase).toBe('CORRECTED');
      // Closed: the workflow has ended (the API answers 409 for a closed order, test/integration/supervision.test.ts).
      expect((await h.result()).phase).toBe('CORRECTED');
      const stored = await t.db.correctionOrder.findUniqueOrThrow({
        where: { id: order.id },
        include: { reports: true },
      });
      expect(stored).toMatchObject({ status: 'CORRECTED', overdue: false });
      expect(stored.reports.map((r) => r.decision).sort()).toEqual(['ACCEPTED', 'SENT_BACK']);
      // Corrected: the deadline passes without escalation or proposal.
      await env.sleep(30 * DAY);
      expect(await notices('CORRECTION_OVERDUE', order.id)).toBe(0);
      expect(await proposalsOf(order.id)).toHaveLength(0);
    });
  });

  it('第二十九条第一款第（四）项: a report sent back after the deadline leaves the order not corrected, with its proposal', async () => {
    await withWorker(env, t.db, async () => {
      const { order, handle: h } = await breach(zhangId, 'A23_CIVILITY');
      await h.executeUpdate(reportCorrection, { args: [{ actor: agency, text: '已批评教育', attachmentIds: [] }] });
      // The agency reported in time: the deadline passes while the bureau decides, no escalation.
      await env.sleep(order.dueAt!.getTime() - (await now()) + DAY);
      expect(await notices('CORRECTION_OVERDUE', order.id)).toBe(0);
      const late = await h
        .executeUpdate(reportCorrection, { args: [{ actor: agency, text: '补充', attachmentIds: [] }] })
        .catch((e) => e);
      expect(refusalOf(late)).toMatchObject({ status: 409 });
      const out = await h.executeUpdate(decideCorrection, {
        args: [{ actor: bureau, accept: false, reason: '整改流于形式' }],
      });
      expect(out.phase).toBe('NOT_CORRECTED');
      expect(await proposalsOf(order.id)).toHaveLength(1);
      expect(await notices('CORRECTION_OVERDUE', order.id)).toBe(2);
      expect((await h.result()).phase).toBe('NOT_CORRECTED');
    });
  });

  it('第二十七条第二款: an agency check naming no officer is escalated at its deadline without a proposal (none can be made)', async () => {
    await withWorker(env, t.db, async () => {
      const { order, handle: h } = await breach(null, 'A24_FILES');
      await env.sleep(order.dueAt!.getTime() - (await now()) + 1000);
      expect((await h.result()).phase).toBe('NOT_CORRECTED');
      expect(await proposalsOf(order.id)).toHaveLength(0);
      const events = await t.db.correctionOrderEvent.findMany({ where: { orderId: order.id } });
      expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['ISSUED', 'NOT_CORRECTED', 'NO_PROPOSAL']));
    });
  });

  it('第二十九条第一款第（四）项: a retried step has one effect — one order notice, one escalation, one proposal', async () => {
    const acts = createActivities(t.db, DEFAULT_SETTINGS, storeCalendar(t.db));
    const { order, handle: h } = await withWorker(env, t.db, () => breach(zhangId, 'A21_EVIDENCE'));
    await h.terminate();
    const at = new Date(order.dueAt!.getTime() + 1000).toISOString();
    // The steps run again as a retry would run them (the first attempt committed, its answer lost).
    await acts.issueCorrectionOrder({ orderId: order.id, at: order.createdAt.toISOString() });
    await acts.escalateCorrectionOrder({ orderId: order.id, at });
    await acts.escalateCorrectionOrder({ orderId: order.id, at });
    expect(await notices('CORRECTION_ORDER', order.id)).toBe(1);
    expect(await notices('CORRECTION_OVERDUE', order.id)).toBe(2); // the bureau and the agency, once each
    expect(await proposalsOf(order.id)).toHaveLength(1);
    const types = (await t.db.correctionOrderEvent.findMany({ where: { orderId: order.id } })).map((e) => e.type);
    expect(types.filter((x) => x === 'ISSUED')).toHaveLength(1);
    expect(types.filter((x) => x === 'SANCTION_PROPOSED')).toHaveLength(1);
  });

  it('民法典 第二百零三条: a provisional deadline is recomputed later when the calendar is entered, and the workflow waits for the new instant', async () => {
    const acts = createActivities(t.db, DEFAULT_SETTINGS, storeCalendar(t.db));
    await withWorker(env, t.db, async () => {
      const { order, handle: h } = await breach(zhangId, 'A22_RIGHTS');
      const computed = order.dueAt!;
      // As if computed over a year not entered yet: provisional, and earlier than the calendar now says.
      await t.db.correctionOrder.update({
        where: { id: order.id },
        data: { dueAtProvisional: true, dueAt: new Date(computed.getTime() - 2 * DAY) },
      });
      const r = await acts.recomputeProvisionalDeadlines({
        recomputeId: `recompute-${order.id}`,
        at: order.createdAt.toISOString(),
      });
      const move = r.signals.find((x) => x.workflowId === order.workflowId);
      expect(move?.move).toMatchObject({ kind: 'CORRECTION_ORDER', orderId: order.id, dueAt: computed.toISOString() });
      expect(await t.db.correctionOrder.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
        dueAt: computed,
        // Final unless the skipped clock reached a year the calendar does not know yet.
        dueAtProvisional: order.dueAtProvisional,
      });
      expect(await notices('CORRECTION_DEADLINE_MOVED', order.id)).toBe(1);
      // The workflow follows a later deadline (here five days later): nothing at the first one.
      const later = new Date(computed.getTime() + 5 * DAY);
      await t.db.correctionOrder.update({ where: { id: order.id }, data: { dueAt: later } });
      await h.signal(deadlineMoved, { kind: 'CORRECTION_ORDER', orderId: order.id, dueAt: later.toISOString() });
      await env.sleep(computed.getTime() - (await now()) + DAY);
      expect(await notices('CORRECTION_OVERDUE', order.id)).toBe(0);
      await env.sleep(later.getTime() - (await now()) + 1000);
      expect((await h.result()).phase).toBe('NOT_CORRECTED');
      expect(await notices('CORRECTION_OVERDUE', order.id)).toBe(2);
    });
  });
});
