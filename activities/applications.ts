// Effects of the application workflow (第六条–第十条). Each activity is idempotent: a retry finds
// its own earlier write (unique keys, compare-and-set on statuses) and returns the same result.
import { randomUUID } from 'node:crypto';
import { caseNotice, pageOf } from '../domain/notification-links';
import { formatCertificateNumber, sequenceName } from '../domain/certificate-number';
import type { ActorRef } from '../domain/contracts/actor';
import type {
  ApplicationInput,
  ChainStep,
  DecisionInput,
  DecisionKind,
  DecidedStep,
  DecisionOutcome,
  NextTask,
  OpenedTask,
} from '../domain/contracts/application';
import type { ApplicationKind } from '../domain/eligibility';
import type { ApplicationEventType } from '../domain/labels';
import { RuleViolation } from '../domain/errors';
import {
  bureauRegion,
  REVIEWER_ROLE_OF_LEVEL,
  REVIEWER_ROLES,
  reviewChain,
  supervisingLevel,
} from '../domain/review-chain';
import { supervisingOrgan } from '../domain/recusal';
import type { HandOver, RecusalDeclaration } from '../domain/contracts/recusal';
import { declareRecusal, recordedHandOver } from '../store/recusal';
import type { OrgLevel } from '../domain/roles';
import { computeOver, type CalendarSnapshot, type CalendarSource } from '../domain/calendar';
import { actionDeadline, lastDayInWords, localDateOf, workingDaysLater } from '../domain/time';
import type { ReviewSettings } from '../infra/config';
import { jsonParam, Prisma, UTC_NOW, utcInstant, type Db } from '../infra/db';
import { isUniqueViolation } from '../infra/error-kind';
import { auditRow, writeAudit, type AuditEntry } from '../store/audit';
import { changeCertificateStatus } from '../store/certificate-store';
import { notificationRow, notify } from '../store/notifications';
import { nextInSequence, sequenceStep } from '../store/sequences';

/**
 * 第二十条: whether every reviewer the bureau has is the application's officer — null when it has none,
 * false (the common case) when anyone else may decide. A bureau's reviewers hold only its level's role
 * (domain/roles.ts), so any reviewer role counts. A column of the application's row `a`.
 */
const onlyApplicantReviews = (bureauId: string) => Prisma.sql`(
  SELECT bool_and(u."officerId" IS NOT DISTINCT FROM a."officerId") FROM "User" u
  WHERE u."organisationId" = ${bureauId} AND u.active AND u.roles && ${[...REVIEWER_ROLES]}::"Role"[])`;

/** 第二十条: the bureau over `bureauId`, which decides when only the applicant could (onlyApplicantReviews). */
async function bureauOver(tx: Prisma.TransactionClient, bureauId: string) {
  const place = supervisingOrgan(await tx.organisation.findUniqueOrThrow({ where: { id: bureauId } }));
  return place && tx.organisation.findFirst({ where: { ...place, active: true } });
}

/** The application's row as a step reads it under its lock (lockApplication). */
interface LockedApplication {
  id: string;
  number: string;
  status: string;
  kind: string;
  officerId: string;
  organisationId: string;
  previousCertificateId: string | null;
  /** The agency's region (its certificate numbers'). */
  agencyRegion: string;
  /** The task being decided, when one is: its level, and who decided it how if anyone did. */
  taskLevel: OrgLevel | null;
  taskDecidedById: string | null;
  taskDecision: string | null;
  /** onlyApplicantReviews for the bureau of the next task, when one opens. */
  applicantAlone: boolean | null;
}

/** 第六条: one open application per officer (a unique index); a second is refused, not a 500. */
async function refusingSecondOpen<T>(submit: () => Promise<T>): Promise<T> {
  try {
    return await submit();
  } catch (err) {
    if (isUniqueViolation(err))
      throw new RuleViolation({
        code: 'OPEN_APPLICATION_EXISTS',
        title: '该人员已有正在办理的申请',
        detail: 'the officer already has an open application',
      });
    throw err;
  }
}

interface EventInput {
  applicationId: string;
  type: ApplicationEventType;
  actor?: ActorRef;
  level?: OrgLevel;
  taskId?: string;
  comment?: string;
  detail?: Prisma.InputJsonValue;
  at: Date;
}

/** The application's timeline row, as a statement (alone, or a step of a CTE, there on the condition `when`). */
function eventRow(e: EventInput, when: Prisma.Sql = Prisma.sql`TRUE`): Prisma.Sql {
  return Prisma.sql`INSERT INTO "ApplicationEvent"
      (id, "applicationId", type, "actorId", "actorRole", level, "taskId", comment, detail, "occurredAt")
    SELECT gen_random_uuid()::text, ${e.applicationId}, ${e.type}, ${e.actor?.userId ?? null}, ${e.actor?.role ?? null},
      ${e.level ?? null}::"OrgLevel", ${e.taskId ?? null}, ${e.comment ?? null}, ${jsonParam(e.detail)}, ${utcInstant(e.at)}
    WHERE ${when}`;
}

async function event(tx: Prisma.TransactionClient, e: EventInput) {
  await tx.$executeRaw(eventRow(e));
}

function auditEntry(
  action: string,
  targetId: string,
  actor: ActorRef | undefined,
  detail: Prisma.InputJsonValue,
  requestId?: string,
): AuditEntry {
  return {
    actorId: actor?.userId,
    actorRoles: actor ? [actor.role] : [],
    action,
    targetType: 'Application',
    targetId,
    outcome: 'DONE',
    requestId,
    detail,
  };
}

async function audit(tx: Prisma.TransactionClient, ...e: Parameters<typeof auditEntry>) {
  await writeAudit(tx, auditEntry(...e));
}

/**
 * 第六条: the materials go with the application. Each upload is the agency's own and serves one
 * application; anything else refuses the whole submission (or resubmission).
 */
async function attach(tx: Prisma.TransactionClient, ids: string[], organisationId: string, applicationId: string) {
  if (ids.length === 0) return;
  const linked = await tx.attachment.updateMany({
    where: { id: { in: ids }, organisationId, applicationId: null },
    data: { applicationId },
  });
  if (linked.count !== ids.length) {
    throw new RuleViolation({
      code: 'ATTACHMENT_NOT_AVAILABLE',
      title: '附件不存在或不可用',
      detail: 'an attachment is unknown, of another agency, or already used',
      article: '第六条',
      status: 422,
    });
  }
}

/** 第七条: a review task's service time and reminder, in working days from its opening. */
export function reviewTaskTimes(
  snapshot: Parameters<typeof computeOver>[0],
  settings: ReviewSettings,
  level: OrgLevel,
  at: Date,
): { dueAt: Date; remindAt: Date; provisional: boolean } {
  const sla = settings.slaWorkingDays[level];
  const due = computeOver(snapshot, (c) => workingDaysLater(at, sla, c));
  const remind = computeOver(snapshot, (c) =>
    workingDaysLater(at, Math.max(sla - settings.reminderWorkingDaysBefore, 0), c),
  );
  return {
    dueAt: due.value,
    remindAt: remind.value < due.value ? remind.value : at,
    provisional: due.provisional || remind.provisional,
  };
}

/** 退回补正: the resubmission deadline (RESUBMIT_DAYS, moved past a rest day, 第二百零三条). */
export function resubmitDeadline(
  snapshot: Parameters<typeof computeOver>[0],
  settings: ReviewSettings,
  returnedAt: Date,
) {
  return computeOver(snapshot, (c) => actionDeadline(returnedAt, { days: settings.resubmitDays }, c));
}

export function applicationActivities(db: Db, settings: ReviewSettings, calendar: CalendarSource) {
  /** 第七条: the bureaus of the chain for the agency's level and region. */
  async function chainFor(tx: Prisma.TransactionClient, organisationId: string): Promise<ChainStep[]> {
    const [agency] = await tx.$queryRaw<{ level: OrgLevel; regionCode: string }[]>`
      SELECT level::text AS level, "regionCode" FROM "Organisation" WHERE id = ${organisationId}`;
    if (!agency) throw new Error(`organisation ${organisationId} does not exist`);
    const levels = reviewChain(agency.level);
    const bureaus = await tx.$queryRaw<{ id: string; level: OrgLevel; regionCode: string }[]>`
      SELECT id, level::text AS level, "regionCode" FROM "Organisation"
      WHERE type = 'JUSTICE_BUREAU' AND active AND level::text = ANY(${levels}::text[])
        AND "regionCode" = ANY(${levels.map((l) => bureauRegion(l, agency.regionCode))}::text[])
      ORDER BY id`;
    return levels.map((level) => {
      const bureau = bureaus.find((b) => b.level === level && b.regionCode === bureauRegion(level, agency.regionCode));
      if (!bureau)
        throw new RuleViolation({
          code: 'NO_REVIEWING_BUREAU',
          title: '找不到有审核权限的司法行政部门',
          detail: `no ${level} justice bureau for region ${agency.regionCode}`,
          article: '第七条',
          status: 422,
        });
      return { level, bureauId: bureau.id };
    });
  }

  /**
   * The certificate with number `number`, its first event, the application issued, its timeline row and
   * the agency's notice, in one statement; null when a card has that number already (an imported one
   * in the same format), and then nothing is written.
   */
  async function issueAs(
    tx: Prisma.TransactionClient,
    app: Deciding['app'],
    number: string,
    actor: ActorRef,
    at: Date,
  ): Promise<{ id: string; number: string } | null> {
    const id = randomUUID();
    const issued = Prisma.sql`EXISTS (SELECT 1 FROM card)`;
    const [card] = await tx.$queryRaw<{ id: string }[]>`
      WITH card AS (
        INSERT INTO "Certificate"
          (id, number, "officerId", "organisationId", status, "issuedOn", "statusChangedAt", "createdAt", "updatedAt")
        VALUES (${id}, ${number}, ${app.officerId}, ${app.organisationId}, 'ACTIVE', ${localDateOf(at)}::date,
          ${utcInstant(at)}, ${UTC_NOW}, ${UTC_NOW})
        ON CONFLICT (number) DO NOTHING
        RETURNING id),
      card_event AS (
        INSERT INTO "CertificateEvent" (id, "certificateId", type, "toStatus", reason, article, "actorId", "occurredAt")
        SELECT gen_random_uuid()::text, id, 'ISSUED', 'ACTIVE', ${`申请 ${app.number} 经核准发证`}, '第七条',
          ${actor.userId}, ${utcInstant(at)}
        FROM card),
      closed AS (
        UPDATE "Application" SET status = 'ISSUED', "closedAt" = ${utcInstant(at)}, "openForOfficerId" = NULL,
          "certificateId" = ${id}, "currentLevel" = NULL, "updatedAt" = ${UTC_NOW}
        WHERE id = ${app.id} AND ${issued}),
      timeline AS (${eventRow(
        { applicationId: app.id, type: 'CERTIFICATE_ISSUED', actor, detail: { number }, at },
        issued,
      )}),
      notice AS (${notificationRow(
        {
          recipientOrgId: app.organisationId,
          kind: 'CERTIFICATE_ISSUED',
          subject: `行政执法证已核准：${number}`,
          body: `申请 ${app.number} 已核准发证`,
          link: pageOf.application(app.id),
          dedupeKey: `issued:${app.id}`,
          at,
        },
        issued,
      )})
      SELECT id FROM card`;
    return card ? { id: card.id, number } : null;
  }

  /** 换发 replaces the old card; 补发 voids it (第十条) — never while it is suspended (第三十条). */
  async function retireOldCard(
    tx: Prisma.TransactionClient,
    app: Deciding['app'] & { previousCertificateId: string },
    number: string,
    actor: ActorRef,
    at: Date,
  ) {
    const old = await tx.certificate.findUniqueOrThrow({ where: { id: app.previousCertificateId } });
    if (app.kind === 'TRANSFER') {
      await changeCertificateStatus(tx, {
        certificateId: old.id,
        action: 'REPLACE',
        reason: `换发新证 ${number}`,
        actorId: actor.userId,
        at,
      });
    } else if (app.kind === 'REISSUE' && old.status === 'SUSPENDED') {
      throw new RuleViolation({
        code: 'CERTIFICATE_SUSPENDED',
        title: '证件暂扣期间不予补发',
        detail: 'the card to replace is suspended: no new card while a suspension runs',
        article: '第三十条',
      });
    } else if (app.kind === 'REISSUE' && old.status !== 'VOID') {
      // 第十条: the damaged card is voided now (a suspended or revoked one refuses: no second valid card).
      await changeCertificateStatus(tx, {
        certificateId: old.id,
        action: 'VOID',
        reason: `补发新证 ${number}，原证作废`,
        actorId: actor.userId,
        at,
      });
    }
  }

  /** A decision being recorded: the task is claimed and its event written; what follows is the decision's own. */
  interface Deciding {
    tx: Prisma.TransactionClient;
    d: DecisionInput;
    task: { id: string };
    app: Omit<LockedApplication, 'kind'> & { kind: ApplicationKind };
    at: Date;
  }

  /**
   * 第七条第二款: ask the staffing office of the agency's own district, else its city, else the province;
   * the task waits for its answer.
   */
  async function consult({ tx, d, task, app, at }: Deciding): Promise<Partial<DecisionOutcome>> {
    const agency = await tx.organisation.findUniqueOrThrow({ where: { id: app.organisationId } });
    const offices = await tx.organisation.findMany({
      where: {
        type: 'STAFFING_OFFICE',
        active: true,
        regionCode: {
          in: [agency.regionCode, bureauRegion('CITY', agency.regionCode), bureauRegion('PROVINCE', agency.regionCode)],
        },
      },
    });
    const office = ['DISTRICT', 'CITY', 'PROVINCE'].map((l) => offices.find((o) => o.level === l)).find(Boolean);
    if (!office)
      throw new RuleViolation({
        code: 'NO_STAFFING_OFFICE',
        title: '未登记机构编制部门',
        detail: 'no staffing office is registered',
        article: '第七条第二款',
        status: 422,
      });
    const c = await tx.consultation.create({
      data: {
        applicationId: app.id,
        taskId: task.id,
        staffingOfficeId: office.id,
        question: d.comment ?? '',
        askedById: d.actor.userId,
        askedAt: at,
      },
    });
    await notify(tx, {
      recipientOrgId: office.id,
      kind: 'CONSULTATION',
      subject: `征求意见：${app.number}`,
      body: d.comment ?? '',
      link: pageOf.consultation(c.id),
      dedupeKey: `consultation:${c.id}`,
      at,
    });
    return { consultationId: c.id };
  }

  /** 不予核准: the application closes. */
  async function reject({ tx, app, at }: Deciding): Promise<Partial<DecisionOutcome>> {
    await tx.application.update({
      where: { id: app.id },
      data: { status: 'REJECTED', closedAt: at, openForOfficerId: null },
    });
    return { applicationStatus: 'REJECTED' };
  }

  /** 退回补正: the agency may resubmit until the deadline (RESUBMIT_DAYS, moved past a rest day). */
  async function returnForCorrection({ tx, d, task, app, at }: Deciding): Promise<Partial<DecisionOutcome>> {
    const computed = resubmitDeadline(await calendar.snapshot(), settings, at);
    const deadline = computed.value;
    await tx.application.update({
      where: { id: app.id },
      data: { status: 'RETURNED', resubmitDeadline: deadline, resubmitDeadlineProvisional: computed.provisional },
    });
    await notify(tx, {
      recipientOrgId: app.organisationId,
      kind: 'APPLICATION_RETURNED',
      subject: `申请被退回补正：${app.number}`,
      body: `${d.comment ?? ''}（重新提交截止日：${lastDayInWords(deadline)}）`,
      link: pageOf.application(app.id),
      dedupeKey: `returned:${task.id}`,
      at,
    });
    return { applicationStatus: 'RETURNED', resubmitDeadline: deadline.toISOString() };
  }

  /**
   * 核准: at a lower level the next level reviews; at the final level the certificate is issued (第七条)
   * under the next number of the agency's region and year. The counter's row stays locked until the
   * transaction commits (numbers without gaps), so it is taken as late as can be: two statements before
   * the commit.
   */
  async function approve({ tx, d, app, at }: Deciding): Promise<Partial<DecisionOutcome>> {
    if (!d.finalLevel) return {};
    const year = Number(localDateOf(at).slice(0, 4));
    let card: { id: string; number: string } | null = null;
    while (!card) {
      // A number already on a card (an imported one in the same format) is passed over, never reissued.
      const seq = await nextInSequence(tx, sequenceName(app.agencyRegion, year));
      const number = formatCertificateNumber(settings.certificateNumberFormat, { region: app.agencyRegion, year, seq });
      card = await issueAs(tx, app, number, d.actor, at);
    }
    if (app.previousCertificateId)
      await retireOldCard(tx, { ...app, previousCertificateId: app.previousCertificateId }, card.number, d.actor, at);
    return { applicationStatus: 'ISSUED', certificateNumber: card.number };
  }

  /** What each decision writes beyond the task's claim, its event and its audit row, and what it changes in the outcome. */
  const DECISIONS: Record<DecisionKind, (c: Deciding) => Promise<Partial<DecisionOutcome>>> = {
    APPROVE: approve,
    REJECT: reject,
    RETURN: returnForCorrection,
    CONSULT: consult,
  };

  /**
   * 第六条: the application's number, taken before its transaction (none for a retry whose row exists).
   * Taken inside, the counter's row lock would hold every other submission of the year back until that
   * transaction commits (issue #17: it was most of a submission's time). Never twice; a submission
   * refused after taking one leaves its number unused.
   */
  async function applicationNumber(input: ApplicationInput): Promise<string | undefined> {
    const year = localDateOf(new Date(input.submittedAt)).slice(0, 4);
    const unsubmitted = Prisma.sql`NOT EXISTS (SELECT 1 FROM "Application" WHERE id = ${input.applicationId})`;
    const [taken] = await db.$queryRaw<{ value: number }[]>(sequenceStep(`application:${year}`, unsubmitted));
    return taken && `SQ${year}${String(taken.value).padStart(6, '0')}`;
  }

  /**
   * 第六条: the application row, its timeline row and audit row in one statement, then its materials; a
   * retry finds its own row and writes nothing.
   */
  async function submitIn(
    tx: Prisma.TransactionClient,
    input: ApplicationInput,
    number: string | undefined,
  ): Promise<{ number: string; chain: ChainStep[] }> {
    const at = new Date(input.submittedAt);
    const chain = await chainFor(tx, input.organisationId);
    const created = Prisma.sql`EXISTS (SELECT 1 FROM created)`;
    const [row] = await tx.$queryRaw<{ number: string; created: boolean }[]>`
      WITH created AS (
        INSERT INTO "Application"
          (id, number, kind, "officerId", "organisationId", "openForOfficerId", "currentLevel", "previousCertificateId",
           "reissueReason", note, eligibility, "submittedById", "submittedAt", "workflowId", "createdAt", "updatedAt")
        SELECT ${input.applicationId}, ${number}, ${input.kind}::"ApplicationKind", ${input.officerId},
          ${input.organisationId}, ${input.officerId}, ${chain[0].level}::"OrgLevel", ${input.previousCertificateId ?? null},
          ${input.reissueReason ?? null}, ${input.note ?? null}, ${jsonParam(input.eligibility as unknown as Prisma.InputJsonValue)},
          ${input.submittedBy.userId}, ${utcInstant(at)}, ${input.workflowId}, ${UTC_NOW}, ${UTC_NOW}
        WHERE ${number ?? null}::text IS NOT NULL
        ON CONFLICT (id) DO NOTHING
        RETURNING number),
      timeline AS (${eventRow(
        {
          applicationId: input.applicationId,
          type: 'SUBMITTED',
          actor: input.submittedBy,
          comment: input.note,
          detail: { kind: input.kind, attachments: input.attachmentIds.length },
          at,
        },
        created,
      )}),
      audit AS (${auditRow(
        auditEntry(
          'application.submit',
          input.applicationId,
          input.submittedBy,
          { kind: input.kind, officerId: input.officerId },
          input.requestId,
        ),
        created,
      )})
      SELECT number, true AS created FROM created
      UNION ALL
      SELECT number, false FROM "Application" WHERE id = ${input.applicationId} AND NOT ${created}`;
    if (!row) throw new Error(`application ${input.applicationId} vanished during its submission`);
    if (row.created) await attach(tx, input.attachmentIds, input.organisationId, input.applicationId);
    return { number: row.number, chain };
  }

  /**
   * The application's row, locked for the transaction (a withdrawal takes it too: the two serialise
   * instead of deadlocking), with the task being decided and whether only the applicant reviews at
   * the bureau of the next task (第二十条) — one round trip for what a step needs to know.
   */
  async function lockApplication(
    tx: Prisma.TransactionClient,
    applicationId: string,
    also: { taskId?: string; nextBureauId?: string } = {},
  ): Promise<LockedApplication> {
    const [row] = await tx.$queryRaw<LockedApplication[]>`
      SELECT a.id, a.number, a.status::text AS status, a.kind::text AS kind, a."officerId", a."organisationId",
        a."previousCertificateId", o."regionCode" AS "agencyRegion", t.level::text AS "taskLevel", t."decidedById" AS "taskDecidedById",
        t.decision::text AS "taskDecision",
        ${also.nextBureauId ? onlyApplicantReviews(also.nextBureauId) : Prisma.sql`NULL::boolean`} AS "applicantAlone"
      FROM "Application" a JOIN "Organisation" o ON o.id = a."organisationId"
        LEFT JOIN "ReviewTask" t ON t.id = ${also.taskId ?? null}
      WHERE a.id = ${applicationId}
      FOR UPDATE OF a`;
    if (!row) throw new Error(`application ${applicationId} does not exist`);
    return row;
  }

  /**
   * A review task for the bureau of this level, with its service time (working days, configuration):
   * the task, the application's current level and the bureau's notice in one statement, with `also`
   * (the decision's audit row) as further steps of it.
   */
  async function openTaskIn(
    tx: Prisma.TransactionClient,
    snapshot: CalendarSnapshot,
    i: NextTask & { applicationId: string; at: string },
    app: Pick<LockedApplication, 'status' | 'number' | 'applicantAlone'>,
    also: Prisma.Sql[] = [],
  ): Promise<OpenedTask | null> {
    const at = new Date(i.at);
    if (app.status !== 'UNDER_REVIEW') {
      for (const step of also) await tx.$executeRaw(step);
      return null; // withdrawn meanwhile: no task for a closed application
    }
    const times = reviewTaskTimes(snapshot, settings, i.level, at);
    const over = app.applicantAlone ? await bureauOver(tx, i.bureauId) : null;
    const id = randomUUID();
    const bureauId = over?.id ?? i.bureauId;
    const created = Prisma.sql`EXISTS (SELECT 1 FROM created WHERE created.id = ${id})`;
    const notice = notificationRow(
      {
        recipientOrgId: bureauId,
        kind: 'TASK_NEW',
        subject: `新的审核任务：${app.number}`,
        body: `请于 ${lastDayInWords(times.dueAt)}（含）前完成审核（第七条）`,
        ...caseNotice.reviewTask({ id, applicationId: i.applicationId }),
        dedupeKey: `task-new:${id}`,
        at,
      },
      created,
    );
    // A retry finds the task its first attempt opened (the unique key); the notice went with it then.
    const [task] = await tx.$queryRaw<{ id: string; bureauId: string; dueAt: Date; remindAt: Date }[]>`
      WITH created AS (
        INSERT INTO "ReviewTask"
          (id, "applicationId", round, level, "bureauId", "dueAt", "remindAt", "dueAtProvisional", "createdAt", "updatedAt")
        VALUES (${id}, ${i.applicationId}, ${i.round}, ${i.level}::"OrgLevel", ${bureauId},
          ${utcInstant(times.dueAt)}, ${utcInstant(times.remindAt)}, ${times.provisional}, ${utcInstant(at)}, ${UTC_NOW})
        ON CONFLICT ("applicationId", round, level) DO NOTHING
        RETURNING id, "bureauId", "dueAt", "remindAt"),
      level AS (
        UPDATE "Application" SET "currentLevel" = ${i.level}::"OrgLevel", "updatedAt" = ${UTC_NOW}
        WHERE id = ${i.applicationId}),
      notice AS (${notice})
      ${
        also.length
          ? Prisma.join(
              also.map((step, n) => Prisma.sql`, ${Prisma.raw(`also${n}`)} AS (${step})`),
              '',
            )
          : Prisma.empty
      }
      SELECT * FROM created
      UNION ALL
      SELECT id, "bureauId", "dueAt", "remindAt" FROM "ReviewTask"
      WHERE "applicationId" = ${i.applicationId} AND round = ${i.round} AND level = ${i.level}::"OrgLevel"
        AND NOT EXISTS (SELECT 1 FROM created)`;
    const opened = { taskId: task.id, remindAt: task.remindAt.toISOString(), dueAt: task.dueAt.toISOString() };
    if (task.bureauId === i.bureauId) return opened;
    // 第二十条: the applicant is this bureau's only reviewer at the level, so the bureau over it decides.
    const holder =
      task.bureauId === over?.id ? over : await tx.organisation.findUniqueOrThrow({ where: { id: task.bureauId } });
    if ((await tx.applicationEvent.count({ where: { taskId: task.id, type: 'TASK_HANDED_OVER' } })) === 0)
      await event(tx, {
        applicationId: i.applicationId,
        type: 'TASK_HANDED_OVER',
        level: i.level,
        taskId: task.id,
        comment: `移交 ${holder.name} 办理`,
        detail: { toBureauId: holder.id },
        at,
      });
    return { ...opened, bureauId: holder.id, bureauLevel: holder.level };
  }

  /**
   * A reviewer's decision on the current task, `app` locked with the task (lockApplication): the task
   * claimed and the timeline's row in one statement, then what the decision itself writes. Its audit
   * row is returned for the caller to write with its last statement (null on a retry, which answers
   * as the first time).
   */
  async function recordDecisionIn(
    tx: Prisma.TransactionClient,
    d: DecisionInput,
    app: LockedApplication,
  ): Promise<{ outcome: DecisionOutcome; audit: AuditEntry | null }> {
    const at = new Date(d.at);
    if (!app.taskLevel) throw new Error(`review task ${d.taskId} does not exist`);
    if (app.taskDecidedById === d.actor.userId && app.taskDecision === d.decision) {
      // This activity ran before (retry after a crash): answer as the first time.
      const again = await tx.application.findUniqueOrThrow({ where: { id: app.id } });
      const c = await tx.consultation.findFirst({ where: { taskId: d.taskId }, orderBy: { askedAt: 'desc' } });
      const cert = again.certificateId ? await tx.certificate.findUnique({ where: { id: again.certificateId } }) : null;
      const outcome = {
        decision: d.decision,
        applicationStatus: again.status,
        resubmitDeadline: again.resubmitDeadline?.toISOString(),
        certificateNumber: cert?.number,
        consultationId: d.decision === 'CONSULT' ? c?.id : undefined,
      };
      return { outcome, audit: null };
    }
    const level = app.taskLevel;
    const [{ claimed }] = await tx.$queryRaw<{ claimed: number }[]>`
      WITH claim AS (
        UPDATE "ReviewTask"
        SET status = ${d.decision === 'CONSULT' ? 'WAITING_CONSULTATION' : 'DONE'}::"TaskStatus",
          decision = ${d.decision}::"ReviewDecision", comment = ${d.comment ?? null}, "decidedById" = ${d.actor.userId},
          "decidedAt" = ${utcInstant(at)}, "updatedAt" = ${UTC_NOW}
        WHERE id = ${d.taskId} AND status = 'OPEN'
        RETURNING id),
      timeline AS (${eventRow({
        applicationId: app.id,
        type: `DECISION_${d.decision}`,
        actor: d.actor,
        level,
        taskId: d.taskId,
        comment: d.comment,
        at,
      })})
      SELECT count(*)::int AS claimed FROM claim`;
    // Not claimed: the transaction rolls back with the timeline's row.
    if (claimed !== 1)
      throw new RuleViolation({
        code: 'TASK_ALREADY_DECIDED',
        title: '任务已被处理',
        detail: 'the task was decided meanwhile',
      });
    const kind = app.kind as ApplicationKind;
    const own = await DECISIONS[d.decision]({ tx, d, task: { id: d.taskId }, app: { ...app, kind }, at });
    const outcome: DecisionOutcome = { decision: d.decision, applicationStatus: app.status, ...own };
    const entry = auditEntry(
      `application.decision.${d.decision.toLowerCase()}`,
      app.id,
      d.actor,
      { taskId: d.taskId, level, before: app.status, after: outcome.applicationStatus, comment: d.comment ?? null },
      d.requestId,
    );
    return { outcome, audit: entry };
  }

  /** The decision alone, its audit row written last (recordDecision; decideAndOpenNext with no next task). */
  async function decideIn(tx: Prisma.TransactionClient, d: DecisionInput): Promise<DecisionOutcome> {
    const app = await lockApplication(tx, d.applicationId, { taskId: d.taskId });
    const { outcome, audit: entry } = await recordDecisionIn(tx, d, app);
    if (entry) await writeAudit(tx, entry);
    return outcome;
  }

  return {
    /** 第六条: the submission is recorded as submitted, by whom, when, with its materials. */
    async submitApplication(input: ApplicationInput): Promise<{ number: string; chain: ChainStep[] }> {
      const number = await applicationNumber(input);
      return refusingSecondOpen(() => db.$transaction((tx) => submitIn(tx, input, number)));
    },

    /**
     * The submission and the first level's task in one transaction, run as a local activity by the
     * workflow's first task (issue #17: the submission is answered in one workflow task).
     */
    async submitAndOpenFirst(
      input: ApplicationInput & { openAt: string },
    ): Promise<{ number: string; chain: ChainStep[]; opened: OpenedTask | null }> {
      const snapshot = await calendar.snapshot();
      const taken = await applicationNumber(input);
      return refusingSecondOpen(() =>
        db.$transaction(async (tx) => {
          const { number, chain } = await submitIn(tx, input, taken);
          const first = { applicationId: input.applicationId, round: 1, ...chain[0], at: input.openAt };
          const app = await lockApplication(tx, input.applicationId, { nextBureauId: first.bureauId });
          return { number, chain, opened: await openTaskIn(tx, snapshot, first, app) };
        }),
      );
    },

    /** A review task for the bureau of this level, with its service time (working days, configuration). */
    async openTask(i: NextTask & { applicationId: string; at: string }): Promise<OpenedTask | null> {
      const snapshot = await calendar.snapshot();
      return db.$transaction(async (tx) =>
        openTaskIn(tx, snapshot, i, await lockApplication(tx, i.applicationId, { nextBureauId: i.bureauId })),
      );
    },

    /**
     * 第二十条: a reviewer's declared conflict. The task they held goes to the least loaded colleague;
     * with no colleague left, the task moves to the bureau over theirs. The agency's timeline says that
     * a reviewer withdrew and where the task went — never the reason (第二十五条).
     */
    async recuseReviewer(
      i: RecusalDeclaration & { applicationId: string; taskId: string; at: string },
    ): Promise<HandOver> {
      return db.$transaction(async (tx) => {
        const at = new Date(i.at);
        const [locked] = await tx.$queryRaw<
          { id: string }[]
        >`SELECT id FROM "ReviewTask" WHERE id = ${i.taskId} FOR UPDATE`;
        const task = await tx.reviewTask.findUniqueOrThrow({
          where: { id: locked.id },
          include: { bureau: true, application: true },
        });
        const handOver = await declareRecusal(tx, {
          case: { applicationId: i.applicationId },
          actor: i.actor,
          reason: i.reason,
          requestId: i.requestId,
          organ: task.bureau,
          role: REVIEWER_ROLE_OF_LEVEL[task.bureau.level],
          subjectOfficerIds: [task.application.officerId],
          holderId: task.assigneeId,
        });
        if (!handOver) return recordedHandOver(tx, { userId: i.actor.userId, applicationId: i.applicationId });
        const subject = `审核任务：${task.application.number}`;
        if (handOver.organ) {
          await tx.reviewTask.update({
            where: { id: task.id },
            data: { bureauId: handOver.organ.id, assigneeId: null },
          });
          await notify(tx, {
            recipientOrgId: handOver.organ.id,
            kind: 'TASK_NEW',
            subject: `移交的${subject}`,
            body: `${task.bureau.name} 审核人员依法回避，本任务移交你单位办理，请于 ${lastDayInWords(task.dueAt)}（含）前完成审核（第二十条、第七条）`,
            ...caseNotice.reviewTask(task),
            dedupeKey: `task-handed-over:${task.id}:${handOver.organ.id}`,
            at,
          });
        } else if (handOver.colleagueId) {
          await tx.reviewTask.update({ where: { id: task.id }, data: { assigneeId: handOver.colleagueId } });
          await notify(tx, {
            recipientOrgId: task.bureauId,
            recipientUserId: handOver.colleagueId,
            kind: 'TASK_NEW',
            subject: `转由您办理的${subject}`,
            body: `同事依法回避，本任务转由您办理，请于 ${lastDayInWords(task.dueAt)}（含）前完成审核（第二十条、第七条）`,
            ...caseNotice.reviewTask(task),
            dedupeKey: `task-handed-over:${task.id}:${handOver.colleagueId}`,
            at,
          });
        }
        await event(tx, {
          applicationId: i.applicationId,
          type: handOver.organ ? 'TASK_HANDED_OVER' : 'REVIEWER_RECUSED',
          actor: i.actor,
          level: task.level,
          taskId: task.id,
          comment: handOver.organ ? `移交 ${handOver.organ.name} 办理` : undefined,
          detail: handOver.organ ? { toBureauId: handOver.organ.id } : {},
          at,
        });
        return handOver;
      });
    },

    async remindTask(i: { taskId: string; at: string }): Promise<void> {
      await db.$transaction(async (tx) => {
        const at = new Date(i.at);
        const task = await tx.reviewTask.update({
          where: { id: i.taskId },
          data: { remindedAt: at },
          include: { application: true },
        });
        await notify(tx, {
          recipientOrgId: task.bureauId,
          recipientUserId: task.assigneeId,
          kind: 'TASK_REMINDER',
          subject: `审核任务即将到期：${task.application.number}`,
          body: `到期日 ${lastDayInWords(task.dueAt)}（第七条）`,
          ...caseNotice.reviewTask(task),
          dedupeKey: `task-reminder:${task.id}`,
          at,
        });
      });
    },

    /** At the due time the task is flagged overdue and the supervising level is told. */
    async escalateTask(i: { taskId: string; at: string }): Promise<void> {
      await db.$transaction(async (tx) => {
        const at = new Date(i.at);
        const task = await tx.reviewTask.update({
          where: { id: i.taskId },
          data: { overdue: true },
          include: { application: true, bureau: true },
        });
        const level = supervisingLevel(task.bureau.level); // the holding bureau's (第二十条 hand-over)
        const supervisor = await tx.organisation.findFirst({
          where: {
            type: 'JUSTICE_BUREAU',
            level,
            regionCode: bureauRegion(level, task.bureau.regionCode),
            active: true,
          },
        });
        for (const orgId of new Set([task.bureauId, supervisor?.id ?? task.bureauId])) {
          await notify(tx, {
            recipientOrgId: orgId,
            kind: 'TASK_OVERDUE',
            subject: `审核任务已超期：${task.application.number}`,
            body: `${task.bureau.name} 的审核任务已超过到期日 ${lastDayInWords(task.dueAt)}（第七条）`,
            ...caseNotice.reviewTask(task),
            dedupeKey: `task-overdue:${task.id}:${orgId}`,
            at,
          });
        }
        const already = await tx.applicationEvent.count({ where: { taskId: task.id, type: 'TASK_OVERDUE' } });
        if (already === 0)
          await event(tx, {
            applicationId: task.applicationId,
            type: 'TASK_OVERDUE',
            level: task.level,
            taskId: task.id,
            at,
          });
      });
    },

    /** Persists a reviewer's decision; the final 核准 issues the certificate in the same transaction. */
    async recordDecision(d: DecisionInput): Promise<DecisionOutcome> {
      return db.$transaction((tx) => decideIn(tx, d));
    },

    /**
     * One step per decision (issue #17), run as a local activity inside the decision's Update: the
     * decision and, on a lower level's 核准, the next level's task in one transaction — the reviewer's
     * answer comes with the next task already in its bureau's inbox. Five round trips on the common
     * path: BEGIN, the locked read, the claim with its timeline row, the next task with its notice and
     * the audit row, COMMIT.
     */
    async decideAndOpenNext(d: DecisionInput & { next?: NextTask }): Promise<DecidedStep> {
      const next = d.next;
      if (!next) return db.$transaction((tx) => decideIn(tx, d));
      const snapshot = await calendar.snapshot();
      return db.$transaction(async (tx) => {
        const app = await lockApplication(tx, d.applicationId, { taskId: d.taskId, nextBureauId: next.bureauId });
        const { outcome, audit: entry } = await recordDecisionIn(tx, d, app);
        const decided = { ...app, status: outcome.applicationStatus };
        const also = entry ? [auditRow(entry)] : [];
        const at = d.at;
        const opened = await openTaskIn(tx, snapshot, { applicationId: d.applicationId, ...next, at }, decided, also);
        return { ...outcome, opened };
      });
    },

    async answerConsultation(i: {
      consultationId: string;
      answer: string;
      actor: ActorRef;
      at: string;
      requestId?: string;
    }): Promise<void> {
      await db.$transaction(async (tx) => {
        const at = new Date(i.at);
        const c = await tx.consultation.findUniqueOrThrow({ where: { id: i.consultationId }, include: { task: true } });
        if (c.answeredById === i.actor.userId && c.answer === i.answer) return; // retry
        const done = await tx.consultation.updateMany({
          where: { id: c.id, answeredAt: null },
          data: { answer: i.answer, answeredById: i.actor.userId, answeredAt: at },
        });
        if (done.count !== 1)
          throw new RuleViolation({
            code: 'CONSULTATION_ALREADY_ANSWERED',
            title: '已答复',
            detail: 'the consultation was answered already',
          });
        const reopened = await tx.reviewTask.updateMany({
          where: { id: c.taskId, status: 'WAITING_CONSULTATION' },
          data: { status: 'OPEN', decision: null, decidedById: null, decidedAt: null },
        });
        if (reopened.count !== 1)
          throw new RuleViolation({
            code: 'TASK_NOT_WAITING',
            title: '该任务已不在等待答复',
            detail: 'the task no longer waits for this answer',
          });
        await event(tx, {
          applicationId: c.applicationId,
          type: 'CONSULTATION_ANSWERED',
          actor: i.actor,
          level: c.task.level,
          taskId: c.taskId,
          comment: i.answer,
          at,
        });
        await notify(tx, {
          recipientOrgId: c.task.bureauId,
          kind: 'CONSULTATION_ANSWERED',
          subject: '机构编制部门已答复',
          body: i.answer,
          ...caseNotice.reviewTask({ id: c.taskId, applicationId: c.applicationId }),
          dedupeKey: `consultation-answered:${c.id}`,
          at,
        });
        await audit(
          tx,
          'application.consultation.answer',
          c.applicationId,
          i.actor,
          { consultationId: c.id },
          i.requestId,
        );
      });
    },

    /** The agency resubmits a returned application; review restarts at the first level. */
    async resubmitApplication(i: {
      applicationId: string;
      round: number;
      note?: string;
      attachmentIds: string[];
      actor: ActorRef;
      at: string;
      requestId?: string;
    }): Promise<void> {
      await db.$transaction(async (tx) => {
        const at = new Date(i.at);
        const app = await tx.application.findUniqueOrThrow({ where: { id: i.applicationId } });
        if (app.round >= i.round) return; // retry
        const moved = await tx.application.updateMany({
          where: { id: app.id, status: 'RETURNED', resubmitDeadline: { gte: at } },
          data: { status: 'UNDER_REVIEW', round: i.round, resubmitDeadline: null, note: i.note ?? app.note },
        });
        if (moved.count !== 1)
          throw new RuleViolation({
            code: 'APPLICATION_NOT_RETURNED',
            title: '申请不处于退回补正状态或已超过补正期限',
            detail: 'only a returned application can be resubmitted, before its deadline',
          });
        await attach(tx, i.attachmentIds, app.organisationId, app.id);
        await event(tx, {
          applicationId: app.id,
          type: 'RESUBMITTED',
          actor: i.actor,
          comment: i.note,
          detail: { round: i.round, attachments: i.attachmentIds.length },
          at,
        });
        await audit(
          tx,
          'application.resubmit',
          app.id,
          i.actor,
          { before: 'RETURNED', after: 'UNDER_REVIEW', round: i.round },
          i.requestId,
        );
      });
    },

    /** 撤回 while no final decision exists; open tasks are cancelled. */
    async withdrawApplication(i: {
      applicationId: string;
      reason: string;
      actor: ActorRef;
      at: string;
      requestId?: string;
    }): Promise<void> {
      await db.$transaction(async (tx) => {
        const at = new Date(i.at);
        const app = await tx.application.findUniqueOrThrow({ where: { id: i.applicationId } });
        if (app.status === 'WITHDRAWN') return; // retry
        const moved = await tx.application.updateMany({
          where: { id: app.id, status: { in: ['UNDER_REVIEW', 'RETURNED'] } },
          data: { status: 'WITHDRAWN', closedAt: at, openForOfficerId: null },
        });
        if (moved.count !== 1)
          throw new RuleViolation({
            code: 'APPLICATION_CLOSED',
            title: '申请已办结，不能撤回',
            detail: 'the application has a final decision already',
          });
        await tx.reviewTask.updateMany({
          where: { applicationId: app.id, status: { in: ['OPEN', 'WAITING_CONSULTATION'] } },
          data: { status: 'CANCELLED' },
        });
        await event(tx, { applicationId: app.id, type: 'WITHDRAWN', actor: i.actor, comment: i.reason, at });
        await audit(
          tx,
          'application.withdraw',
          app.id,
          i.actor,
          { before: app.status, after: 'WITHDRAWN' },
          i.requestId,
        );
      });
    },

    /** The resubmission deadline passed: the application lapses. */
    async lapseApplication(i: { applicationId: string; at: string }): Promise<boolean> {
      return db.$transaction(async (tx) => {
        const at = new Date(i.at);
        // A deadline moved later meanwhile (its year's calendar entered) does not lapse at the old one.
        const moved = await tx.application.updateMany({
          where: { id: i.applicationId, status: 'RETURNED', resubmitDeadline: { lte: at } },
          data: { status: 'LAPSED', closedAt: at, openForOfficerId: null },
        });
        if (moved.count !== 1)
          return (await tx.application.findUniqueOrThrow({ where: { id: i.applicationId } })).status === 'LAPSED';
        await event(tx, { applicationId: i.applicationId, type: 'LAPSED', comment: '补正期限届满未重新提交', at });
        await audit(tx, 'application.lapse', i.applicationId, undefined, { before: 'RETURNED', after: 'LAPSED' });
        return true;
      });
    },
  };
}
