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
import { addDays, lastDayBefore, localDateOf } from '../../domain/time';
import type { ReviewSettings } from '../../infra/config';
import { demoIdNumber } from '../../prisma/seed';
import { storeCalendar } from '../../store/calendar';
import { applicationState, applicationWorkflow, decide, submitted } from '../../workflows/application';
import { calendarYearWorkflow } from '../../workflows/calendar';
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
          expect(event.comment).toContain(lastDayBefore(moved.dueAt));
          const notice = await t.db.notification.findFirstOrThrow({
            where: { recipientOrgId: task.bureauId, kind: 'TASK_DEADLINE_MOVED' },
          });
          expect(notice.body).toContain(lastDayBefore(moved.dueAt));
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
});
