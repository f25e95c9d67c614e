// Records workflow histories for the replay tests (test/histories/*.json). Run it when a workflow
// gains a new shape worth guarding; never re-record an existing file to make a replay test pass —
// that is exactly the incompatibility the test exists to catch (use patched() instead).
//   npm run record-history -- <name>
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SanctionDecision } from '../domain/contracts/sanction';
import { storeCalendar } from '../store/calendar';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { addDays, fixedTermEnd, lastDayBefore, localDateOf } from '../domain/time';
import { isWeekend, type CalendarDay, type CalendarSnapshot } from '../domain/calendar';
import { calendarYearWorkflow } from '../workflows/calendar';
import { loadConfig, reviewSettings, type ReviewSettings } from '../infra/config';
import { SUSPENSION_TERM } from '../domain/sanction';
import { createDb } from '../infra/db';
import { ensureDatabase, freePort, startEmbeddedPostgres, tmpDataDir } from '../infra/postgres';
import { ensureTemporalBinaries, executableOption } from '../infra/temporal-binaries';
import { migrate } from '../prisma/migrate';
import { seed } from '../prisma/seed';
import { examCandidate } from '../test/support/exam-session';
import { examSessionWorkflowId } from '../domain/exam-registration';
import {
  decide as decideRegistration,
  examSessionWorkflow,
  importResults,
  published,
  register as registerForExam,
  resubmit as resubmitRegistration,
} from '../workflows/exam-session';
import { seededActor } from '../test/support/seeded-actor';
import { createWorker } from '../worker/create-worker';
import {
  answerConsultation,
  applicationState,
  type ApplicationState,
  applicationWorkflow,
  decide,
  declareConflict,
  resubmit,
  submitted,
} from '../workflows/application';
import { decideReview, decisionApplied, fileReview, sanctionWorkflow } from '../workflows/sanction';
import {
  agencyCleanupWorkflowId,
  findingsChanged,
  trainingPaceWarningWorkflow,
  yearlyCleanupWorkflow,
} from '../workflows/cleanup';
import { storeComplaint, workflowInput } from '../api/complaint-intake';
import {
  accept,
  close,
  complaintWorkflow,
  decideExtension,
  received,
  recordFeedback,
  recordResult,
  requestExtension,
  transfer,
} from '../workflows/complaint';

// 第二十七条第二款: supervision's correction orders.
import { correctionOrderWorkflow, decideCorrection, issued, reportCorrection } from '../workflows/correction-order';
import { storeBreachOrder } from '../test/support/short-correction-order';

type Ctx = { env: TestWorkflowEnvironment; db: ReturnType<typeof createDb> };

/** Starts a sanction decided now by the seeded city sanction officer on `certNumber`. */
async function startSanction(
  { env, db }: Ctx,
  certNumber: string,
  fields: (now: Date) => Partial<SanctionDecision> & Pick<SanctionDecision, 'type' | 'grounds'>,
) {
  const cert = await db.certificate.findUniqueOrThrow({ where: { number: certNumber } });
  const so = await db.user.findUniqueOrThrow({ where: { username: 'sanction_officer' } });
  const now = new Date(Number(await env.currentTimeMs()));
  const sanctionId = crypto.randomUUID();
  const workflowId = `sanction-${sanctionId}`;
  const handle = await env.client.workflow.start(sanctionWorkflow, {
    workflowId,
    taskQueue: 'record',
    args: [
      {
        sanctionId,
        workflowId,
        certificateId: cert.id,
        facts: '录制用',
        decidedById: so.id,
        decidedAt: now.toISOString(),
        decidingOrgId: so.organisationId,
        ...fields(now),
      },
    ],
  });
  await handle.executeUpdate(decisionApplied);
  return {
    handle,
    workflowId,
    now,
    decider: { userId: so.id, organisationId: so.organisationId, role: 'SANCTION_OFFICER' },
  };
}

/** Runs the clean-up of 2025 over the seed's agencies; `meanwhile` acts while the tasks are open. */
async function runCleanup({ env, db }: Ctx, meanwhile: () => Promise<void>) {
  const handle = await env.client.workflow.start(yearlyCleanupWorkflow, {
    workflowId: 'cleanup-2025',
    taskQueue: 'record',
    args: [{ year: 2025 }],
  });
  while ((await db.cleanupTask.count({ where: { year: 2025 } })) < 4) await new Promise((r) => setTimeout(r, 50));
  await meanwhile();
  await handle.result();
  return handle.workflowId;
}

/** A seeded user as a workflow actor. */
/** Starts an application of 赵敏 (西湖区) and waits for its first task; `task(level)` waits for that level's. */
async function startApplication({ env, db }: Ctx, agency: Awaited<ReturnType<typeof seededActor>>) {
  const officer = await db.officer.findFirstOrThrow({ where: { name: '赵敏' } });
  const applicationId = crypto.randomUUID();
  const workflowId = `application-${applicationId}`;
  const handle = await env.client.workflow.start(applicationWorkflow, {
    workflowId,
    taskQueue: 'record',
    args: [
      {
        applicationId,
        workflowId,
        kind: 'INITIAL',
        officerId: officer.id,
        organisationId: officer.organisationId,
        attachmentIds: [],
        eligibility: { eligible: true, basis: [], refusals: [] },
        submittedBy: agency,
        submittedAt: new Date(Number(await env.currentTimeMs())).toISOString(),
      },
    ],
  });
  await handle.executeUpdate(submitted);
  const task = async (level: string) => {
    for (;;) {
      const s = await handle.query(applicationState);
      if (s.task?.level === level && !s.task.waiting) return s.task.taskId;
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { handle, workflowId, task };
}

const SCENARIOS: Record<string, (ctx: Ctx) => Promise<string>> = {
  // 第六条: a session published, a registration refused, resubmitted and confirmed, the deadline, the results.
  'exam-session-results': async ({ env, db }) => {
    const [agency, bureau] = await Promise.all([
      seededActor(db, 'agency_admin', 'AGENCY_ADMIN'),
      seededActor(db, 'district_reviewer', 'DISTRICT_REVIEWER'),
    ]);
    const closesAt = new Date(Number(await env.currentTimeMs()) + 2 * 86_400_000);
    const day = new Date(`${localDateOf(closesAt)}T00:00:00Z`);
    const sessionId = crypto.randomUUID();
    const workflowId = examSessionWorkflowId(sessionId);
    await db.examSession.create({
      data: {
        id: sessionId,
        bureauId: bureau.organisationId,
        examType: 'COMPREHENSIVE',
        examDate: day,
        place: '录制用',
        capacity: 3,
        registrationDeadline: day,
        registrationClosesAt: closesAt,
        workflowId,
        createdById: bureau.userId,
      },
    });
    const candidate = await examCandidate(db, agency, '录制考生', 901);
    const handle = await env.client.workflow.start(examSessionWorkflow, {
      workflowId,
      taskQueue: 'record',
      args: [{ sessionId, bureauId: bureau.organisationId, closesAt: closesAt.toISOString() }],
    });
    await handle.executeUpdate(published);
    const { registrationId } = await handle.executeUpdate(registerForExam, {
      args: [{ actor: agency, ...candidate }],
    });
    await handle.executeUpdate(decideRegistration, {
      args: [{ actor: bureau, registrationId, confirm: false, reason: '材料不清晰' }],
    });
    await handle.executeUpdate(resubmitRegistration, {
      args: [{ actor: agency, registrationId, attachmentIds: candidate.attachmentIds }],
    });
    await handle.executeUpdate(decideRegistration, { args: [{ actor: bureau, registrationId, confirm: true }] });
    await env.sleep(2 * 86_400_000 + 60_000);
    await handle.executeUpdate(importResults, {
      args: [{ actor: bureau, fileName: '成绩.csv', results: [{ registrationId, passed: true, score: 80 }] }],
    });
    await handle.result();
    return workflowId;
  },
  // 第十条: the parent pages the agencies, one batch child, totals at the end.
  'cleanup-year': (ctx) => runCleanup(ctx, async () => {}),

  // 第十条: one batch child running the agencies' children.
  'cleanup-batch': async (ctx) => {
    await runCleanup(ctx, async () => {});
    const first = await ctx.db.organisation.findFirstOrThrow({
      where: { type: 'AGENCY', verticallyManaged: false },
      orderBy: { id: 'asc' },
    });
    return `cleanup-2025-batch-${first.id}`;
  },

  // 第十五条: the weekly warning (before or after the configured date, the history has one activity).
  'training-pace-warning': async ({ env }) => {
    const handle = await env.client.workflow.start(trainingPaceWarningWorkflow, {
      workflowId: 'training-pace-warning',
      taskQueue: 'record',
      args: [],
    });
    await handle.result();
    return handle.workflowId;
  },

  // 第十条: an agency's child hears a hint, finds findings still open, escalates at the deadline.
  'cleanup-agency-escalated': async (ctx) => {
    const xihu = await ctx.db.organisation.findUniqueOrThrow({ where: { name: '杭州市西湖区综合行政执法局' } });
    const childId = agencyCleanupWorkflowId(2025, xihu.id);
    await runCleanup(ctx, () => ctx.env.client.workflow.getHandle(childId).signal(findingsChanged));
    return childId;
  },

  // 第二十九条, 第三十条: suspension applied by update-with-start, 30-day timer, reinstatement.
  'sanction-suspension': async (ctx) => {
    const { handle, workflowId } = await startSanction(ctx, '330106-2023-00001', (now) => ({
      type: 'SUSPENSION',
      grounds: [1],
      deliveredAt: now.toISOString(),
      termEndsAt: fixedTermEnd(now, SUSPENSION_TERM).toISOString(),
    }));
    await handle.result();
    return workflowId;
  },

  // 第三十一条/第三十二条: 收缴 delivered, 复核 filed, VARIED to 暂扣, reinstated after the term.
  // The reinstatement (第三十条) refused by the database past its last attempt: parked on a durable
  // timer, then done (workflows/activities.ts persist) — guards the shape of a parked step.
  'sanction-reinstatement-parked': async (ctx) => {
    await ctx.db.$executeRawUnsafe(`CREATE FUNCTION refuse_reinstatement() RETURNS trigger AS $$ BEGIN
      IF OLD.status = 'SUSPENDED' AND NEW.status = 'ACTIVE' THEN RAISE EXCEPTION 'cannot serialize' USING ERRCODE = '40001'; END IF;
      RETURN NEW; END $$ LANGUAGE plpgsql`);
    await ctx.db.$executeRawUnsafe(
      `CREATE TRIGGER refuse_reinstatement BEFORE UPDATE ON "Certificate" FOR EACH ROW EXECUTE FUNCTION refuse_reinstatement()`,
    );
    const { handle, workflowId, now } = await startSanction(ctx, '330106-2023-00001', (now) => ({
      type: 'SUSPENSION',
      grounds: [1],
      deliveredAt: now.toISOString(),
      termEndsAt: fixedTermEnd(now, SUSPENSION_TERM).toISOString(),
    }));
    // Past the term by a few minutes: a few parks (1, 2, 4 minutes), not a day's worth.
    await ctx.env.sleep(fixedTermEnd(now, SUSPENSION_TERM).getTime() - now.getTime() + 5 * 60_000);
    while ((await ctx.db.activityTrouble.count({ where: { workflowId, exhausted: true } })) === 0)
      await new Promise((r) => setTimeout(r, 100));
    await ctx.db.$executeRawUnsafe(`DROP TRIGGER refuse_reinstatement ON "Certificate"`);
    await handle.result();
    return workflowId;
  },
  'sanction-review-varied': async (ctx) => {
    const of = await ctx.db.user.findUniqueOrThrow({ where: { username: 'officer' } });
    const { handle, workflowId, now, decider } = await startSanction(ctx, '330106-2023-00002', (t) => ({
      type: 'REVOCATION',
      grounds: [3],
      deliveredAt: t.toISOString(),
      banEndsAt: fixedTermEnd(t, { years: 2 }).toISOString(),
      reviewDeadline: new Date(t.getTime() + 10 * 86_400_000).toISOString(),
    }));
    await handle.executeUpdate(fileReview, {
      args: [
        {
          reason: '处罚过重',
          dueAt: now.toISOString(),
          actor: { userId: of.id, organisationId: of.organisationId, role: 'OFFICER' },
        },
      ],
    });
    await handle.executeUpdate(decideReview, {
      args: [
        {
          outcome: 'VARIED',
          comment: '变更为暂扣',
          variedTermEndsAt: fixedTermEnd(now, SUSPENSION_TERM).toISOString(),
          actor: decider,
        },
      ],
    });
    await handle.result();
    return workflowId;
  },

  // 第二十八条: anonymous complaint to the agency, transferred to 监察机关, accepted, extended, result,
  // the feedback escalated twice, then published, closed.
  'complaint-transfer-feedback': async ({ env, db }) => {
    const [handler, organHandler, supervisor] = await Promise.all([
      seededActor(db, 'complaint_handler', 'COMPLAINT_HANDLER'),
      seededActor(db, 'supervisory_handler', 'COMPLAINT_HANDLER'),
      seededActor(db, 'supervisor', 'SUPERVISOR'),
    ]);
    const now = Number(await env.currentTimeMs());
    const c = await storeComplaint(
      db,
      crypto.randomUUID(),
      {
        organisationId: handler.organisationId,
        complainant: { kind: 'PERSON', anonymous: true },
        subjects: [{ certificateNumber: '330106-2023-00001' }],
        facts: '录制用：执法中未出示证件',
        occurredAt: new Date(now - 86_400_000).toISOString(),
        place: '西湖区',
      },
      { source: 'PUBLIC' },
    );
    const handle = await env.client.workflow.start(complaintWorkflow, {
      workflowId: c.workflowId,
      taskQueue: 'record',
      args: [workflowInput(c)],
    });
    await handle.executeUpdate(received);
    await handle.executeUpdate(transfer, {
      args: [{ actor: handler, toOrgId: organHandler.organisationId, reason: '转交监察机关' }],
    });
    await handle.executeUpdate(accept, { args: [{ actor: organHandler, investigatorId: organHandler.userId }] });
    await handle.executeUpdate(requestExtension, { args: [{ actor: organHandler, reason: '需调取视频' }] });
    await handle.executeUpdate(decideExtension, { args: [{ actor: supervisor, approve: true, comment: '同意' }] });
    await handle.executeUpdate(recordResult, {
      args: [{ actor: organHandler, finding: 'NOT_SUBSTANTIATED', measures: '无' }],
    });
    const due = (await db.complaint.findUniqueOrThrow({ where: { id: c.id } })).feedbackDueAt!;
    await env.sleep(due.getTime() - Number(await env.currentTimeMs()) + 86_400_000 + 1000);
    await handle.executeUpdate(recordFeedback, {
      args: [{ actor: organHandler, channel: 'PUBLISHED', content: '经调查，反映问题不属实' }],
    });
    await handle.executeUpdate(close, { args: [{ actor: organHandler }] });
    await handle.result();
    return c.workflowId;
  },

  // 第二十七条第二款: a breach's order issued, reminded, reported and sent back, reported again, the
  // deadline passing while the bureau decides, sent back after it: not corrected, the proposal filed
  // on 第二十九条第一款第（四）项.
  'correction-order-sent-back-overdue': async ({ env, db }) => {
    const [agency, bureau] = await Promise.all([
      seededActor(db, 'agency_admin', 'AGENCY_ADMIN'),
      seededActor(db, 'district_reviewer', 'DISTRICT_REVIEWER'),
    ]);
    const zhang = await db.certificate.findUniqueOrThrow({ where: { number: '330106-2023-00001' } });
    const { order, agencyId, bureauOrgId } = await storeBreachOrder(db, {
      officerId: zhang.officerId,
      agencyId: agency.organisationId,
      bureauUsername: 'district_reviewer',
      rule: 'A19_RECORDING',
    });
    const handle = await env.client.workflow.start(correctionOrderWorkflow, {
      workflowId: order.workflowId,
      taskQueue: 'record',
      args: [{ orderId: order.id, agencyId, bureauOrgId }],
    });
    await handle.executeUpdate(issued);
    const issuedOrder = await db.correctionOrder.findUniqueOrThrow({ where: { id: order.id } });
    const until = async (d: Date) => env.sleep(d.getTime() - Number(await env.currentTimeMs()) + 1000);
    await until(issuedOrder.remindAt!);
    await handle.executeUpdate(reportCorrection, {
      args: [{ actor: agency, text: '录制用：已配备记录仪', attachmentIds: [] }],
    });
    await handle.executeUpdate(decideCorrection, { args: [{ actor: bureau, accept: false, reason: '缺制度文件' }] });
    await handle.executeUpdate(reportCorrection, {
      args: [{ actor: agency, text: '录制用：附制度文件', attachmentIds: [] }],
    });
    await until(issuedOrder.dueAt!);
    await handle.executeUpdate(decideCorrection, { args: [{ actor: bureau, accept: false, reason: '整改不到位' }] });
    await handle.result();
    return order.workflowId;
  },

  // 第七条: district agency; CONSULT answered; RETURN at city; resubmit; three approvals; issued.
  'application-deadline-moved': (ctx) => deadlineMovedScenario(ctx, 'application'),
  'calendar-year-entered': (ctx) => deadlineMovedScenario(ctx, 'calendar'),
  'application-full-chain': async ({ env, db }) => {
    const actor = (username: string, role: string) => seededActor(db, username, role);
    const [agency, district, city, province, staffing] = await Promise.all([
      actor('agency_admin', 'AGENCY_ADMIN'),
      actor('district_reviewer', 'DISTRICT_REVIEWER'),
      actor('city_reviewer', 'CITY_REVIEWER'),
      actor('province_reviewer', 'PROVINCE_REVIEWER'),
      actor('staffing_office', 'STAFFING_OFFICE'),
    ]);
    const { handle, workflowId, task } = await startApplication({ env, db }, agency);
    const c = await handle.executeUpdate(decide, {
      args: [{ taskId: await task('DISTRICT'), decision: 'CONSULT', comment: '核实编制', actor: district }],
    });
    await handle.executeUpdate(answerConsultation, {
      args: [{ consultationId: c.consultationId!, answer: '在编', actor: staffing }],
    });
    await handle.executeUpdate(decide, {
      args: [{ taskId: await task('DISTRICT'), decision: 'APPROVE', actor: district }],
    });
    await handle.executeUpdate(decide, {
      args: [{ taskId: await task('CITY'), decision: 'RETURN', comment: '补充照片', actor: city }],
    });
    for (;;) {
      if ((await handle.query(applicationState)).phase === 'RETURNED') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await handle.executeUpdate(resubmit, { args: [{ note: '已补充', attachmentIds: [], actor: agency }] });
    await handle.executeUpdate(decide, {
      args: [{ taskId: await task('DISTRICT'), decision: 'APPROVE', actor: district }],
    });
    await handle.executeUpdate(decide, { args: [{ taskId: await task('CITY'), decision: 'APPROVE', actor: city }] });
    await handle.executeUpdate(decide, {
      args: [{ taskId: await task('PROVINCE'), decision: 'APPROVE', actor: province }],
    });
    await handle.result();
    return workflowId;
  },
  // 第七条, the shape before one-step decisions (issue #17): approved at the district, the city's task
  // open — recorded running, so the replay test proves an instance caught mid-chain by the change
  // replays, and goes on with the new shape from its next decision.
  'application-awaiting-city': async ({ env, db }) => {
    const agency = await seededActor(db, 'agency_admin', 'AGENCY_ADMIN');
    const district = await seededActor(db, 'district_reviewer', 'DISTRICT_REVIEWER');
    const { handle, workflowId, task } = await startApplication({ env, db }, agency);
    await handle.executeUpdate(decide, {
      args: [{ taskId: await task('DISTRICT'), decision: 'APPROVE', actor: district }],
    });
    await task('CITY');
    return workflowId;
  },
  // The same chain in the one-step shape (issue #17): the submission and each decision with the next
  // task in one local activity.
  'application-one-step-chain': (ctx) => SCENARIOS['application-full-chain'](ctx),
  // 第二十条: the district reviewer (the bureau's only one) declares a conflict; the city bureau decides
  // the district's level, then its own; the province 核准.
  'application-recusal-handed-over': async ({ env, db }) => {
    const actor = (username: string, role: string) => seededActor(db, username, role);
    const [agency, district, city, province] = await Promise.all([
      actor('agency_admin', 'AGENCY_ADMIN'),
      actor('district_reviewer', 'DISTRICT_REVIEWER'),
      actor('city_reviewer', 'CITY_REVIEWER'),
      actor('province_reviewer', 'PROVINCE_REVIEWER'),
    ]);
    const { handle, workflowId, task } = await startApplication({ env, db }, agency);
    await handle.executeUpdate(declareConflict, {
      args: [{ taskId: await task('DISTRICT'), reason: '近亲属', actor: district }],
    });
    for (const [level, by] of [
      ['DISTRICT', city],
      ['CITY', city],
      ['PROVINCE', province],
    ] as const)
      await handle.executeUpdate(decide, { args: [{ taskId: await task(level), decision: 'APPROVE', actor: by }] });
    await handle.result();
    return workflowId;
  },
};

/**
 * 民法典 第二百零三条: a district task whose service time reaches 20 January of the first year the
 * calendar does not know (provisional), then that year entered (test data: the five working days
 * before the deadline as holidays) — the deadline moves later by the deadlineMoved signal — and the
 * chain approved. Returns the application's or the calendar entry's workflow id.
 */
async function deadlineMovedScenario({ env, db }: Ctx, record: 'application' | 'calendar'): Promise<string> {
  const actor = (username: string, role: string) => seededActor(db, username, role);
  const [agency, district, city, province, admin] = await Promise.all([
    actor('agency_admin', 'AGENCY_ADMIN'),
    actor('district_reviewer', 'DISTRICT_REVIEWER'),
    actor('city_reviewer', 'CITY_REVIEWER'),
    actor('province_reviewer', 'PROVINCE_REVIEWER'),
    actor('system_admin', 'SYSTEM_ADMIN'),
  ]);
  const { handle, workflowId } = await startApplication({ env, db }, agency);
  const until = async (ok: (s: ApplicationState) => boolean) => {
    for (;;) {
      const s = await handle.query(applicationState);
      if (ok(s)) return s;
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const first = await until((s) => s.task?.level === 'DISTRICT');
  const due = lastDayBefore(new Date(first.task!.dueAt));
  const year = Number(due.slice(0, 4));
  const days: CalendarDay[] = [];
  for (let d = addDays(due, -1); days.length < 5; d = addDays(d, -1))
    if (!isWeekend(d)) days.unshift({ date: d, kind: 'HOLIDAY', name: '录制用假日' });
  const calendarId = `calendar-${year}-${crypto.randomUUID()}`;
  const entry = await env.client.workflow.start(calendarYearWorkflow, {
    workflowId: calendarId,
    taskQueue: 'record',
    args: [
      {
        year,
        noticeReference: '录制用',
        source: 'ENTERED',
        days,
        actor: admin,
        at: new Date(Number(await env.currentTimeMs())).toISOString(),
      },
    ],
  });
  // Polled, not awaited: waiting on a result lets the test server skip time past the deadline.
  while ((await entry.describe()).status.name !== 'COMPLETED') await new Promise((r) => setTimeout(r, 50));
  await until((s) => s.task?.dueAt !== first.task!.dueAt);
  for (const [level, who] of [
    ['DISTRICT', district],
    ['CITY', city],
    ['PROVINCE', province],
  ] as const) {
    const s = await until((x) => x.task?.level === level);
    await handle.executeUpdate(decide, { args: [{ taskId: s.task!.taskId, decision: 'APPROVE', actor: who }] });
  }
  await handle.result();
  return record === 'application' ? workflowId : calendarId;
}

/** Settings a scenario needs besides the defaults. */
const SETTINGS_OF: Record<string, (s: ReviewSettings, now: Date, calendar: CalendarSnapshot) => ReviewSettings> = {
  'application-deadline-moved': reachNextYear,
  'calendar-year-entered': reachNextYear,
};

/** The district service time reaching 20 January of the first year the calendar does not know. */
function reachNextYear(s: ReviewSettings, now: Date, calendar: CalendarSnapshot): ReviewSettings {
  let year = Number(localDateOf(now).slice(0, 4)) + 1;
  while (calendar.isKnownYear(year)) year++;
  let sla = 0;
  for (let d = addDays(localDateOf(now), 1); d <= `${year}-01-20`; d = addDays(d, 1)) if (calendar.isWorkday(d)) sla++;
  return { ...s, slaWorkingDays: { ...s.slaWorkingDays, DISTRICT: sla } };
}

async function main(name: string): Promise<void> {
  const scenario = SCENARIOS[name];
  if (!scenario) throw new Error(`unknown scenario ${name}; one of: ${Object.keys(SCENARIOS).join(', ')}`);
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const pgServer = await startEmbeddedPostgres({
    dataDir: `${tmpDataDir('zfz-record-')}/data`,
    port: await freePort(),
    persistent: false,
  });
  const url = pgServer.url('record');
  const { testServer } = await ensureTemporalBinaries();
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: executableOption(testServer) },
  });
  const db = createDb(url);
  try {
    await ensureDatabase(url);
    await migrate(url);
    await seed(db);
    const calendar = storeCalendar(db);
    const defaults = reviewSettings(loadConfig({ NODE_ENV: 'development', DATABASE_URL: url }));
    const now = new Date(Number(await env.currentTimeMs()));
    const settings = SETTINGS_OF[name]?.(defaults, now, await calendar.snapshot()) ?? defaults;
    const worker = await createWorker({
      connection: env.nativeConnection,
      namespace: 'default',
      taskQueue: 'record',
      db,
      settings,
      calendar,
    });
    const workflowId = await worker.runUntil(scenario({ env, db }));
    const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
    const out = path.join(__dirname, '..', 'test', 'histories', `${name}.json`);
    fs.writeFileSync(out, historyToJSON(history) + '\n');
    console.log(`wrote ${out} (${history.events?.length} events)`);
  } finally {
    await db.$disconnect();
    await env.teardown();
    await pgServer.stop();
  }
}

main(process.argv[2] ?? '').catch((err) => {
  console.error(err);
  process.exit(1);
});
