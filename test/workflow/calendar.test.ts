// Entering a year of the statutory calendar (民法典 第二百零三条) on the time-skipping server, with real
// activities on PostgreSQL: a provisional deadline not yet passed moves later and the running
// workflow's timer follows; an earlier recomputed date is never applied; a passed one is not moved.
// The holidays entered here are test data for the first year chinese-days does not cover.
import crypto from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isWeekend, type CalendarDay } from '../../domain/calendar';
import type { ActorRef } from '../../domain/contracts/actor';
import type { CalendarYearOutcome } from '../../domain/contracts/calendar';
import type { ApplicationInput } from '../../domain/contracts/application';
import type { SanctionDecision } from '../../domain/contracts/sanction';
import { SUSPENSION_TERM } from '../../domain/sanction';
import { addDays, fixedTermEnd, lastDayBefore, lastDayInWords, localDateOf, workingDaysLater } from '../../domain/time';
import type { ReviewSettings } from '../../infra/config';
import { demoIdNumber } from '../../prisma/seed';
import { enterCalendarYear, storeCalendar } from '../../store/calendar';
import { applicationState, applicationWorkflow, decide, submitted } from '../../workflows/application';
import { calendarYearWorkflow } from '../../workflows/calendar';
import { storeComplaint, workflowInput } from '../../api/complaint-intake';
import { accept, complaintWorkflow, received, requestExtension } from '../../workflows/complaint';
import { decisionApplied, fileReview, sanctionWorkflow } from '../../workflows/sanction';
import { freshDatabase, type TestDatabase } from '../support/database';
import { DEFAULT_SETTINGS, TASK_QUEUE, timeSkippingEnv, withWorker } from '../support/time-skipping';

let env: TestWorkflowEnvironment;
let seq = 300;
/** Applications of the current test, ended with it: no timer of theirs fires in the next test's database. */
const running: WorkflowHandle[] = [];

beforeAll(async () => {
  env = await timeSkippingEnv();
});
afterAll(async () => {
  await env?.teardown();
});

const envNow = async () => new Date(Number(await env.currentTimeMs()));

async function eventually<T>(fn: () => Promise<T | undefined | null | false>, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = await fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * A database and review settings whose district service time reaches 20 January of the first year
 * the calendar does not know: the district task's deadline is provisional.
 */
async function setUp(): Promise<{ t: TestDatabase; settings: ReviewSettings; year: number }> {
  const t = await freshDatabase();
  const snapshot = await storeCalendar(t.db).snapshot();
  let year = Number(localDateOf(await envNow()).slice(0, 4)) + 1;
  while (snapshot.isKnownYear(year)) year++;
  let sla = 0;
  for (let d = addDays(localDateOf(await envNow()), 1); d <= `${year}-01-20`; d = addDays(d, 1))
    if (snapshot.isWorkday(d)) sla++;
  const settings = { ...DEFAULT_SETTINGS, slaWorkingDays: { ...DEFAULT_SETTINGS.slaWorkingDays, DISTRICT: sla } };
  return { t, settings, year };
}

async function actorOf(t: TestDatabase, username: string, role: string): Promise<ActorRef> {
  const u = await t.db.user.findUniqueOrThrow({ where: { username } });
  return { userId: u.id, organisationId: u.organisationId, role };
}

/** An application of 西湖区综合行政执法局 under district review: its handle and its task row. */
async function submit(t: TestDatabase) {
  const org = await t.db.organisation.findUniqueOrThrow({ where: { name: '杭州市西湖区综合行政执法局' } });
  const officer = await t.db.officer.create({
    data: {
      name: `测试${seq}`,
      idNumber: demoIdNumber('1990-01-01', seq++),
      birthDate: new Date('1990-01-01T00:00:00Z'),
      organisationId: org.id,
      examResults: { create: [{ type: 'COMPREHENSIVE', passed: true, takenOn: new Date('2025-05-10T00:00:00Z') }] },
    },
  });
  const applicationId = crypto.randomUUID();
  const input: ApplicationInput = {
    applicationId,
    workflowId: `application-${applicationId}`,
    kind: 'INITIAL',
    officerId: officer.id,
    organisationId: org.id,
    attachmentIds: [],
    eligibility: { eligible: true, basis: [], refusals: [] },
    submittedBy: await actorOf(t, 'agency_admin', 'AGENCY_ADMIN'),
    submittedAt: (await envNow()).toISOString(),
  };
  const handle = await env.client.workflow.start(applicationWorkflow, {
    workflowId: input.workflowId,
    taskQueue: TASK_QUEUE,
    args: [input],
  });
  running.push(handle);
  await handle.executeUpdate(submitted);
  const state = await eventually(async () => {
    const s = await handle.query(applicationState);
    return s.task ? s : undefined;
  }, 'the district task');
  const task = await t.db.reviewTask.findUniqueOrThrow({ where: { id: state.task!.taskId } });
  return { handle, task };
}

/** The city bureau enters `days` for `year` (calendarYearWorkflow, as PUT /api/calendar/{year} starts it). */
async function enterYear(t: TestDatabase, year: number, days: CalendarDay[]) {
  const handle = await env.client.workflow.start(calendarYearWorkflow, {
    workflowId: `calendar-${year}-${crypto.randomUUID()}`,
    taskQueue: TASK_QUEUE,
    args: [
      {
        year,
        noticeReference: `国务院办公厅关于${year}年部分节假日安排的通知（测试数据）`,
        source: 'ENTERED',
        days,
        actor: await actorOf(t, 'system_admin', 'SYSTEM_ADMIN'),
        at: (await envNow()).toISOString(),
      },
    ],
  });
  // Polled and read from its history, never awaited with result(): waiting on a result lets the test
  // server skip time, which would fire the application's timers meanwhile.
  await eventually(async () => (await handle.describe()).status.name === 'COMPLETED', 'the calendar workflow');
  const history = await handle.fetchHistory();
  const done = history.events!.at(-1)!.workflowExecutionCompletedEventAttributes!;
  return defaultPayloadConverter.fromPayload<CalendarYearOutcome>(done.result!.payloads![0]);
}

/** The `n` working days (Monday–Friday) of `year` just before `date`, as holidays. */
function holidaysBefore(date: string, n: number, year: number): CalendarDay[] {
  const days: CalendarDay[] = [];
  for (let d = addDays(date, -1); days.length < n; d = addDays(d, -1)) {
    if (!d.startsWith(`${year}-`)) throw new Error('test data would leave the year');
    if (!isWeekend(d)) days.unshift({ date: d, kind: 'HOLIDAY', name: '测试假日' });
  }
  return days;
}

const dueOf = async (handle: WorkflowHandle<typeof applicationWorkflow>) =>
  (await handle.query(applicationState)).task?.dueAt;

describe('entering a year of the statutory calendar (民法典 第二百零三条)', () => {
  // In this order: the time-skipping server's clock is shared, and the second test skips it into the
  // year not known yet, so the third's span starts in that year.
  it('第二百零三条: a recomputed deadline earlier than the provisional one is never applied — no party loses time; the stored one becomes final', async () => {
    const { t, settings, year } = await setUp();
    try {
      await withWorker(
        env,
        t.db,
        async () => {
          const { handle, task } = await submit(t);
          expect(task.dueAtProvisional).toBe(true);
          // The notice as entered: no holiday on 1 January, and a Saturday before the deadline worked.
          let saturday = addDays(lastDayBefore(task.dueAt), -1);
          while (!isWeekend(saturday)) saturday = addDays(saturday, -1);
          const out = await enterYear(t, year, [{ date: saturday, kind: 'MAKEUP_WORKDAY', name: '测试补班' }]);
          expect(out).toMatchObject({ changed: true, moved: 0, confirmed: 1 });

          const row = await t.db.reviewTask.findUniqueOrThrow({ where: { id: task.id } });
          expect(row.dueAt.toISOString()).toBe(task.dueAt.toISOString());
          expect(row.remindAt.toISOString()).toBe(task.remindAt.toISOString());
          expect(row.dueAtProvisional).toBe(false);
          expect(await t.db.applicationEvent.count({ where: { type: 'DEADLINE_MOVED' } })).toBe(0);
          expect(await dueOf(handle)).toBe(task.dueAt.toISOString());
        },
        settings,
      );
    } finally {
      for (const h of running.splice(0)) await h.terminate('test over').catch(() => {});
      await t.drop();
    }
  });

  it('第二百零三条: a provisional resubmission deadline after a return moves later when its year is entered, and the workflow waits for the new one', async () => {
    const { t, settings: base, year } = await setUp();
    const today = localDateOf(await envNow());
    let resubmitDays = 0;
    for (let d = today; d < `${year}-01-20`; d = addDays(d, 1)) resubmitDays++;
    const settings = { ...base, slaWorkingDays: DEFAULT_SETTINGS.slaWorkingDays, resubmitDays };
    try {
      await withWorker(
        env,
        t.db,
        async () => {
          const { handle, task } = await submit(t);
          await handle.executeUpdate(decide, {
            args: [
              {
                taskId: task.id,
                decision: 'RETURN',
                comment: '补充材料',
                actor: await actorOf(t, 'district_reviewer', 'DISTRICT_REVIEWER'),
              },
            ],
          });
          const returned = await t.db.application.findUniqueOrThrow({ where: { id: task.applicationId } });
          expect(returned.resubmitDeadlineProvisional).toBe(true);
          const old = returned.resubmitDeadline!;

          const out = await enterYear(t, year, [{ date: lastDayBefore(old), kind: 'HOLIDAY', name: '测试假日' }]);
          expect(out).toMatchObject({ changed: true, moved: 1 });
          const moved = await t.db.application.findUniqueOrThrow({ where: { id: task.applicationId } });
          expect(moved.resubmitDeadline!.getTime()).toBeGreaterThan(old.getTime());
          expect(moved.resubmitDeadlineProvisional).toBe(false);
          expect(
            await t.db.notification.count({
              where: { recipientOrgId: moved.organisationId, kind: 'RESUBMIT_DEADLINE_MOVED' },
            }),
          ).toBe(1);
          await eventually(
            async () =>
              (await handle.query(applicationState)).resubmitDeadline === moved.resubmitDeadline!.toISOString(),
            'the moved resubmission deadline',
          );
          // Its timer for the old deadline was cancelled and one started for the new.
          const events = (await handle.fetchHistory()).events!;
          const signalled = events.findIndex(
            (e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'deadlineMoved',
          );
          expect(signalled).toBeGreaterThan(0);
          expect(events.slice(signalled).some((e) => e.timerCanceledEventAttributes)).toBe(true);
          expect(events.slice(signalled).some((e) => e.timerStartedEventAttributes)).toBe(true);
        },
        settings,
      );
    } finally {
      for (const h of running.splice(0)) await h.terminate('test over').catch(() => {});
      await t.drop();
    }
  });

  it('第二百零三条: a provisional review deadline (第七条) in a year not entered yet moves later when the year is entered, and the workflow’s reminder and escalation follow the new instants', async () => {
    const { t, settings, year } = await setUp();
    try {
      await withWorker(
        env,
        t.db,
        async () => {
          const { handle, task } = await submit(t);
          expect(task.dueAtProvisional).toBe(true);
          expect(localDateOf(task.dueAt).slice(0, 4)).toBe(String(year));

          const out = await enterYear(t, year, holidaysBefore(lastDayBefore(task.dueAt), 5, year));
          expect(out).toMatchObject({ year, changed: true, moved: 1 });

          const moved = await t.db.reviewTask.findUniqueOrThrow({ where: { id: task.id } });
          expect(moved.dueAt.getTime()).toBeGreaterThan(task.dueAt.getTime());
          expect(moved.remindAt.getTime()).toBeGreaterThan(task.remindAt.getTime());
          expect(moved.dueAtProvisional).toBe(false);
          // On the timeline, and for whoever must act (the bureau's reviewers).
          const event = await t.db.applicationEvent.findFirstOrThrow({
            where: { applicationId: task.applicationId, type: 'DEADLINE_MOVED' },
          });
          expect(event.comment).toContain(lastDayInWords(moved.dueAt));
          const notice = await t.db.notification.findFirstOrThrow({
            where: { recipientOrgId: task.bureauId, kind: 'TASK_DEADLINE_MOVED' },
          });
          expect(notice.body).toContain(lastDayInWords(moved.dueAt));
          // The workflow took the signal: it now waits for the new instants.
          await eventually(async () => (await dueOf(handle)) === moved.dueAt.toISOString(), 'the moved deadline');

          // Past both the old and the new due time: the reminder and the escalation came at the new ones.
          await env.sleep(moved.dueAt.getTime() - (await envNow()).getTime() + 60 * 60_000);
          const overdue = await eventually(
            () =>
              t.db.applicationEvent.findFirst({ where: { applicationId: task.applicationId, type: 'TASK_OVERDUE' } }),
            'the escalation',
          );
          const after = await t.db.reviewTask.findUniqueOrThrow({ where: { id: task.id } });
          expect(after.overdue).toBe(true);
          expect(after.remindedAt?.toISOString()).toBe(moved.remindAt.toISOString());
          expect(overdue.occurredAt.toISOString()).toBe(moved.dueAt.toISOString());
          expect(
            await t.db.applicationEvent.count({ where: { applicationId: task.applicationId, type: 'TASK_OVERDUE' } }),
          ).toBe(1);
        },
        settings,
      );
    } finally {
      for (const h of running.splice(0)) await h.terminate('test over').catch(() => {});
      await t.drop();
    }
  });

  it('第二百零三条: a provisional deadline that has passed when the year is entered is not moved', async () => {
    const { t, settings, year } = await setUp();
    try {
      await withWorker(
        env,
        t.db,
        async () => {
          const { task } = await submit(t);
          await env.sleep(task.dueAt.getTime() - (await envNow()).getTime() + 60 * 60_000);
          await eventually(
            async () => (await t.db.reviewTask.findUniqueOrThrow({ where: { id: task.id } })).overdue,
            'the escalation',
          );
          const out = await enterYear(t, year, holidaysBefore(lastDayBefore(task.dueAt), 5, year));
          expect(out).toMatchObject({ changed: true, moved: 0 });
          const row = await t.db.reviewTask.findUniqueOrThrow({ where: { id: task.id } });
          expect(row.dueAt.toISOString()).toBe(task.dueAt.toISOString());
          expect(await t.db.applicationEvent.count({ where: { type: 'DEADLINE_MOVED' } })).toBe(0);
        },
        settings,
      );
    } finally {
      for (const h of running.splice(0)) await h.terminate('test over').catch(() => {});
      await t.drop();
    }
  });

  /**
   * A suspension delivered now, on the running workflow, with a 复核 filed at once whose service time
   * (`sanctionReviewWorkingDays`) reaches 20 January of the year not entered yet: provisional.
   */
  async function filedReview(t: TestDatabase, settings: ReviewSettings) {
    const now = await envNow();
    const cert = await t.db.certificate.findUniqueOrThrow({ where: { number: '330106-2023-00001' } });
    const decider = await actorOf(t, 'sanction_officer', 'SANCTION_OFFICER');
    const sanctionId = crypto.randomUUID();
    const d: SanctionDecision = {
      sanctionId,
      workflowId: `sanction-${sanctionId}`,
      certificateId: cert.id,
      type: 'SUSPENSION',
      grounds: [2],
      facts: '利用职权谋取私利',
      decidedById: decider.userId,
      decidedAt: now.toISOString(),
      decidingOrgId: decider.organisationId,
      deliveredAt: now.toISOString(),
      termEndsAt: fixedTermEnd(now, SUSPENSION_TERM).toISOString(),
      reviewDeadline: new Date(now.getTime() + 10 * 86_400_000).toISOString(),
    };
    const handle = await env.client.workflow.start(sanctionWorkflow, {
      workflowId: d.workflowId,
      taskQueue: TASK_QUEUE,
      args: [d],
    });
    running.push(handle);
    await handle.executeUpdate(decisionApplied);
    const snapshot = await storeCalendar(t.db).snapshot();
    // As the API computes it (api/routes/sanction-updates.ts): provisional over the year not entered.
    const dueAt = workingDaysLater(now, settings.sanctionReviewWorkingDays, snapshot);
    await handle.executeUpdate(fileReview, {
      args: [
        {
          reason: '事实认定有误',
          dueAt: dueAt.toISOString(),
          dueAtProvisional: true,
          actor: await actorOf(t, 'officer', 'OFFICER'),
        },
      ],
    });
    const review = await t.db.reviewRequest.findUniqueOrThrow({ where: { sanctionId } });
    return { handle, review, decider };
  }

  /**
   * Settings whose 复核 service time (in working days) reaches 20 January of `year`. The clock's own
   * year is entered first (no days) when the earlier tests skipped into one not known, so only `year`
   * keeps the service time provisional.
   */
  async function reviewSettingsTo(t: TestDatabase, year: number): Promise<ReviewSettings> {
    const current = Number(localDateOf(await envNow()).slice(0, 4));
    if (!(await storeCalendar(t.db).snapshot()).isKnownYear(current)) {
      const admin = await actorOf(t, 'system_admin', 'SYSTEM_ADMIN');
      await t.db.$transaction((tx) =>
        enterCalendarYear(tx, {
          year: current,
          noticeReference: '测试',
          source: 'ENTERED',
          days: [],
          actorId: admin.userId,
          actorRoles: [admin.role],
          at: new Date(),
        }),
      );
    }
    const snapshot = await storeCalendar(t.db).snapshot();
    let days = 0;
    for (let d = addDays(localDateOf(await envNow()), 1); d <= `${year}-01-20`; d = addDays(d, 1))
      if (snapshot.isWorkday(d)) days++;
    return { ...DEFAULT_SETTINGS, sanctionReviewWorkingDays: days };
  }

  it('第三十二条, 第二百零三条: a filed 复核’s provisional service time moves later when its year is entered — on the timeline, for the deciding organ — and the workflow escalates at the new instant', async () => {
    const { t, year } = await setUp();
    try {
      const settings = await reviewSettingsTo(t, year);
      await withWorker(
        env,
        t.db,
        async () => {
          const { handle, review, decider } = await filedReview(t, settings);
          expect(review.dueAtProvisional).toBe(true);
          expect(localDateOf(review.dueAt).slice(0, 4)).toBe(String(year));

          const out = await enterYear(t, year, holidaysBefore(lastDayBefore(review.dueAt), 5, year));
          expect(out).toMatchObject({ year, changed: true, moved: 1 });

          const moved = await t.db.reviewRequest.findUniqueOrThrow({ where: { id: review.id } });
          expect(moved.dueAt.getTime()).toBeGreaterThan(review.dueAt.getTime());
          expect(moved.dueAtProvisional).toBe(false);
          const event = await t.db.certificateEvent.findFirstOrThrow({
            where: { sanctionId: review.sanctionId, type: 'REVIEW_DECISION_DEADLINE_MOVED' },
          });
          expect(event).toMatchObject({ article: '第三十二条' });
          expect(event.reason).toContain(lastDayInWords(moved.dueAt));
          const notice = await t.db.notification.findFirstOrThrow({
            where: { recipientOrgId: decider.organisationId, kind: 'REVIEW_DECISION_DEADLINE_MOVED' },
          });
          expect(notice.body).toContain(lastDayInWords(moved.dueAt));

          // The workflow took the signal: its timer for the old instant was cancelled, one started for the new.
          await eventually(async () => {
            const events = (await handle.fetchHistory()).events!;
            const signalled = events.findIndex(
              (e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'deadlineMoved',
            );
            const after = events.slice(signalled + 1);
            return (
              signalled > 0 &&
              after.some((e) => e.timerCanceledEventAttributes) &&
              after.some((e) => e.timerStartedEventAttributes)
            );
          }, 'the workflow’s timer for the new instant');

          // Past both due times: escalated once, at the new one.
          await env.sleep(moved.dueAt.getTime() - (await envNow()).getTime() + 60 * 60_000);
          const overdue = await eventually(async () => {
            const rows = await t.db.notification.findMany({
              where: { kind: 'REVIEW_OVERDUE', link: `/sanctions/${review.sanctionId}` },
            });
            return rows.length > 0 && rows;
          }, 'the escalation');
          expect(overdue).toHaveLength(1);
          expect(overdue[0].createdAt.toISOString()).toBe(moved.dueAt.toISOString());
        },
        settings,
      );
    } finally {
      for (const h of running.splice(0)) await h.terminate('test over').catch(() => {});
      await t.drop();
    }
  });

  it('第三十二条, 第二百零三条: a filed 复核’s service time recomputed earlier is never applied; it becomes final and the workflow is not told', async () => {
    const { t, year } = await setUp();
    try {
      const settings = await reviewSettingsTo(t, year);
      await withWorker(
        env,
        t.db,
        async () => {
          const { handle, review } = await filedReview(t, settings);
          let saturday = addDays(lastDayBefore(review.dueAt), -1);
          while (!isWeekend(saturday)) saturday = addDays(saturday, -1);
          const out = await enterYear(t, year, [{ date: saturday, kind: 'MAKEUP_WORKDAY', name: '测试补班' }]);
          expect(out).toMatchObject({ changed: true, moved: 0, confirmed: 1 });
          const row = await t.db.reviewRequest.findUniqueOrThrow({ where: { id: review.id } });
          expect(row.dueAt.toISOString()).toBe(review.dueAt.toISOString());
          expect(row.dueAtProvisional).toBe(false);
          expect(await t.db.certificateEvent.count({ where: { type: 'REVIEW_DECISION_DEADLINE_MOVED' } })).toBe(0);
          const events = (await handle.fetchHistory()).events!;
          expect(events.some((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'deadlineMoved')).toBe(
            false,
          );
        },
        settings,
      );
    } finally {
      for (const h of running.splice(0)) await h.terminate('test over').catch(() => {});
      await t.drop();
    }
  });

  it('第二十八条, 第二百零三条: a pending extension’s approval task, due with the provisional investigation deadline, is marked provisional and moves later with it when the year is entered — on the timeline, for the organ', async () => {
    const { t, year } = await setUp();
    try {
      let investigationDays = 0;
      for (let d = localDateOf(await envNow()); d < `${year}-01-20`; d = addDays(d, 1)) investigationDays++;
      const settings: ReviewSettings = {
        ...DEFAULT_SETTINGS,
        complaint: { ...DEFAULT_SETTINGS.complaint, investigationDays },
      };
      await withWorker(
        env,
        t.db,
        async () => {
          const handler = await actorOf(t, 'complaint_handler', 'COMPLAINT_HANDLER');
          const c = await storeComplaint(
            t.db,
            crypto.randomUUID(),
            {
              organisationId: handler.organisationId,
              complainant: { kind: 'PERSON', anonymous: true },
              subjects: [{ certificateNumber: '330106-2023-00001' }],
              facts: '执法过程中未出示执法证件',
              occurredAt: new Date((await envNow()).getTime() - 86_400_000).toISOString(),
              place: '西湖区文三路',
            },
            { source: 'PUBLIC' },
          );
          const handle = await env.client.workflow.start(complaintWorkflow, {
            workflowId: c.workflowId,
            taskQueue: TASK_QUEUE,
            args: [workflowInput(c)],
          });
          running.push(handle);
          await handle.executeUpdate(received);
          await handle.executeUpdate(accept, { args: [{ actor: handler, investigatorId: handler.userId }] });
          await handle.executeUpdate(requestExtension, { args: [{ actor: handler, reason: '需调取执法记录仪视频' }] });
          const investigation = await t.db.complaintTask.findFirstOrThrow({
            where: { complaintId: c.id, kind: 'INVESTIGATION' },
          });
          const approval = await t.db.complaintTask.findFirstOrThrow({
            where: { complaintId: c.id, kind: 'EXTENSION_APPROVAL' },
          });
          expect(investigation.dueAtProvisional).toBe(true);
          expect(approval).toMatchObject({ dueAtProvisional: true, dueAt: investigation.dueAt });

          const last = lastDayBefore(approval.dueAt);
          expect(last.startsWith(`${year}-`)).toBe(true);
          const out = await enterYear(t, year, [{ date: last, kind: 'HOLIDAY', name: '测试假日' }]);
          expect(out).toMatchObject({ changed: true, moved: 2 });

          const moved = await t.db.complaintTask.findUniqueOrThrow({ where: { id: approval.id } });
          expect(moved.dueAt.getTime()).toBeGreaterThan(approval.dueAt.getTime());
          expect(moved.dueAtProvisional).toBe(false);
          const inv = await t.db.complaintTask.findUniqueOrThrow({ where: { id: investigation.id } });
          expect(inv.dueAt.toISOString()).toBe(moved.dueAt.toISOString());
          const events = await t.db.complaintEvent.findMany({ where: { complaintId: c.id, type: 'DEADLINE_MOVED' } });
          expect(events.map((e) => (e.detail as { kind: string }).kind).sort()).toEqual([
            'EXTENSION_APPROVAL',
            'INVESTIGATION',
          ]);
          expect(
            await t.db.notification.count({
              where: { recipientOrgId: handler.organisationId, kind: 'COMPLAINT_DEADLINE_MOVED' },
            }),
          ).toBe(2);
        },
        settings,
      );
    } finally {
      for (const h of running.splice(0)) await h.terminate('test over').catch(() => {});
      await t.drop();
    }
  });
});
