// Exam registration effects (考试申报, 第六条). Each activity writes one step in one transaction — the
// registration row, its event on the officer's timeline, the audit row and the notification — and is
// idempotent: a step is keyed by its Update's id (`ExamRegistrationEvent.key`), so a retried activity
// finds its own write and returns the same. The session row is locked for every step that takes or
// frees a place, so the capacity holds under any number of parallel registrations.
import { pageOf } from '../domain/notification-links';
import type { ExamRegistrationEventType } from '../domain/labels';
import { RuleViolation } from '../domain/errors';
import type { ActorRef } from '../domain/contracts/actor';
import type { ExamResultInput, ExamStep, RegistrationInput } from '../domain/contracts/exam';
import {
  ACTIVE_REGISTRATION,
  examSessionName,
  registrationRefusals,
  RESULTS_IN,
  type ExamSessionStatus,
} from '../domain/exam-registration';
import { regionPrefix } from '../domain/scope';
import { dateInWords, localDateOf } from '../domain/time';
import type { OrgLevel } from '../domain/roles';
import type { Db, Prisma } from '../infra/db';
import { writeAudit } from '../store/audit';
import { notify, type NotificationInput } from '../store/notifications';

type Tx = Prisma.TransactionClient;
const A6 = '第六条';
const day = (d: Date) => d.toISOString().slice(0, 10);

/** The session, locked until the transaction ends: places are counted under this lock. */
async function lockedSession(tx: Tx, sessionId: string) {
  await tx.$queryRaw`SELECT id FROM "ExamSession" WHERE id = ${sessionId} FOR UPDATE`;
  return tx.examSession.findUniqueOrThrow({ where: { id: sessionId }, include: { bureau: true } });
}
type Session = Awaited<ReturnType<typeof lockedSession>>;

/** The registration a step with this key wrote already (a retried activity), if any. */
async function doneStep(tx: Tx, sessionId: string, key: string) {
  const e = await tx.examRegistrationEvent.findFirst({
    where: { key, registration: { sessionId } },
    select: { registrationId: true },
  });
  return e?.registrationId;
}

async function record(
  tx: Tx,
  e: {
    registrationId: string;
    key: string;
    type: ExamRegistrationEventType;
    actor?: ActorRef;
    comment?: string | null;
    at: Date;
    requestId?: string;
    detail?: Prisma.InputJsonValue;
  },
) {
  await tx.examRegistrationEvent.create({
    data: {
      registrationId: e.registrationId,
      key: e.key,
      type: e.type,
      actorId: e.actor?.userId ?? null,
      comment: e.comment ?? null,
      occurredAt: e.at,
    },
  });
  await writeAudit(tx, {
    actorId: e.actor?.userId,
    actorRoles: e.actor ? [e.actor.role] : [],
    action: `exam-registration.${e.type.toLowerCase().replace(/_/g, '-')}`,
    targetType: 'ExamRegistration',
    targetId: e.registrationId,
    outcome: 'DONE',
    requestId: e.requestId,
    detail: e.detail,
  });
}

/** 第六条: the places taken; refuses when none is left. */
async function ensurePlace(tx: Tx, s: Session): Promise<void> {
  const taken = await tx.examRegistration.count({
    where: { sessionId: s.id, status: { in: [...ACTIVE_REGISTRATION] } },
  });
  if (taken >= s.capacity)
    throw new RuleViolation({
      code: 'SESSION_FULL',
      title: '本场考试名额已满',
      detail: `all ${s.capacity} places of the session are taken`,
      article: A6,
      status: 409,
    });
}

function ensureOpen(s: Session, at: Date): void {
  // 第六条: the bureau organising the exam confirms registrations; once deactivated no one would.
  if (!s.bureau.active)
    throw new RuleViolation({
      code: 'SESSION_BUREAU_INACTIVE',
      title: '组织本场考试的司法行政部门已停用，不能报名',
      detail: 'the bureau that organises the session is deactivated',
      article: A6,
      status: 409,
    });
  if (s.status !== 'OPEN' || at >= s.registrationClosesAt)
    throw new RuleViolation({
      code: 'REGISTRATION_CLOSED',
      title: '本场考试报名已截止',
      detail: 'the registration list of the session is closed',
      article: A6,
      status: 409,
    });
}

/** 第四条, 第六条: the first reason an agency may not register the officer, as a 422. */
async function ensureRegistrable(tx: Tx, s: Session, agencyId: string, officerId: string, selfId?: string) {
  const [agency, officer] = await Promise.all([
    tx.organisation.findUniqueOrThrow({ where: { id: agencyId } }),
    tx.officer.findUnique({
      where: { id: officerId },
      include: { examResults: true, certificates: { where: { status: { in: ['ACTIVE', 'SUSPENDED'] } } } },
    }),
  ]);
  if (!officer)
    throw new RuleViolation({ code: 'UNKNOWN_OFFICER', title: '人员不存在', detail: 'unknown officer', status: 422 });
  const other = await tx.examRegistration.count({
    where: { sessionId: s.id, officerId, ...(selfId ? { id: { not: selfId } } : {}) },
  });
  const refusals = registrationRefusals({
    examType: s.examType,
    agency,
    officer,
    exams: officer.examResults,
    certified: officer.certificates.length > 0,
    registeredForSession: other > 0,
  });
  if (refusals.length)
    throw new RuleViolation({
      code: refusals[0].code,
      title: refusals[0].message,
      detail: refusals.map((x) => `${x.code} (${x.article})`).join('; '),
      article: refusals[0].article,
      status: 422,
    });
  return officer;
}

/** 第六条第二款: the materials are the registering agency's own uploads. */
async function ensureMaterials(tx: Tx, agencyId: string, ids: string[]) {
  const found = await tx.attachment.count({
    where: { id: { in: ids }, organisationId: agencyId, complaintId: null, applicationId: null },
  });
  if (found !== new Set(ids).size)
    throw new RuleViolation({
      code: 'MATERIALS_INVALID',
      title: '报名材料无效：请上传本机关的材料',
      detail: 'every material must be an attachment uploaded by the registering agency',
      article: '第六条第二款',
      status: 422,
    });
}

/** The agencies a bureau's sessions are for: those in its region, not vertically managed (第四条第三款). */
function agenciesUnder(tx: Tx, bureau: { level: string; regionCode: string }) {
  return tx.organisation.findMany({
    where: {
      type: 'AGENCY',
      active: true,
      verticallyManaged: false,
      regionCode: { startsWith: regionPrefix({ level: bureau.level as OrgLevel, regionCode: bureau.regionCode }) },
    },
    select: { id: true },
  });
}

const toAgency = (
  s: Session,
  agencyId: string,
  n: Pick<NotificationInput, 'kind' | 'subject' | 'body' | 'dedupeKey' | 'at'>,
): NotificationInput => ({ ...n, recipientOrgId: agencyId, link: pageOf.examRegistrations(s.id) });

export function examActivities(db: Db) {
  return {
    /** 第六条: the session is published — every agency it is for is told. */
    async announceExamSession(i: { sessionId: string; at: string }): Promise<void> {
      await db.$transaction(async (tx) => {
        const s = await tx.examSession.findUniqueOrThrow({ where: { id: i.sessionId }, include: { bureau: true } });
        const at = new Date(i.at);
        for (const a of await agenciesUnder(tx, s.bureau))
          await notify(
            tx,
            toAgency(s as Session, a.id, {
              kind: 'EXAM_SESSION_PUBLISHED',
              subject: `考试报名：${examSessionName(s)}`,
              body: `${s.bureau.name}发布考试安排，报名截止 ${dateInWords(day(s.registrationDeadline))}（含），地点：${s.place}，名额 ${s.capacity} 人（第六条）`,
              dedupeKey: `exam-published:${s.id}:${a.id}`,
              at,
            }),
          );
      });
    },

    /** 第六条: an agency registers one of its 在编 staff, with materials and the truthfulness declaration. */
    async registerForExam(i: ExamStep & RegistrationInput): Promise<{ registrationId: string }> {
      return db.$transaction(async (tx) => {
        const s = await lockedSession(tx, i.sessionId);
        const done = await doneStep(tx, s.id, i.key);
        if (done) return { registrationId: done };
        const at = new Date(i.at);
        ensureOpen(s, at);
        const agencyId = i.actor.organisationId;
        const officer = await ensureRegistrable(tx, s, agencyId, i.officerId);
        await ensureMaterials(tx, agencyId, i.attachmentIds);
        await ensurePlace(tx, s);
        const reg = await tx.examRegistration.create({
          data: {
            sessionId: s.id,
            officerId: officer.id,
            agencyId,
            attachmentIds: i.attachmentIds,
            declaredById: i.actor.userId,
            declaredAt: at,
            createdAt: at,
          },
        });
        await record(tx, {
          registrationId: reg.id,
          key: i.key,
          type: 'REGISTERED',
          actor: i.actor,
          at,
          requestId: i.requestId,
          detail: { sessionId: s.id, officerId: officer.id, materials: i.attachmentIds.length, declaration: true },
        });
        await notify(tx, {
          recipientOrgId: s.bureauId,
          kind: 'EXAM_REGISTRATION_SUBMITTED',
          subject: `考试报名待确认：${examSessionName(s)}`,
          body: `${officer.name} 报名，请确认或退回（第六条）`,
          link: pageOf.examSession(s.id),
          dedupeKey: `exam-registration:${reg.id}:${i.key}`,
          at,
        });
        return { registrationId: reg.id };
      });
    },

    /** 第六条: a refused registration corrected and submitted again before the deadline. */
    async resubmitExamRegistration(
      i: ExamStep & { registrationId: string; attachmentIds: string[] },
    ): Promise<{ registrationId: string }> {
      return db.$transaction(async (tx) => {
        const s = await lockedSession(tx, i.sessionId);
        if (await doneStep(tx, s.id, i.key)) return { registrationId: i.registrationId };
        const at = new Date(i.at);
        ensureOpen(s, at);
        const reg = await tx.examRegistration.findFirst({
          where: { id: i.registrationId, sessionId: s.id, agencyId: i.actor.organisationId },
          include: { officer: true },
        });
        if (reg?.status !== 'REFUSED')
          throw new RuleViolation({
            code: 'REGISTRATION_NOT_REFUSED',
            title: '只有被退回的报名可以修改后重新提交',
            detail: 'only a refused registration is resubmitted',
            article: A6,
          });
        await ensureRegistrable(tx, s, reg.agencyId, reg.officerId, reg.id);
        await ensureMaterials(tx, reg.agencyId, i.attachmentIds);
        await ensurePlace(tx, s);
        await tx.examRegistration.update({
          where: { id: reg.id },
          data: {
            status: 'SUBMITTED',
            attachmentIds: i.attachmentIds,
            declaredById: i.actor.userId,
            declaredAt: at,
            submissions: { increment: 1 },
            decidedById: null,
            decidedAt: null,
          },
        });
        await record(tx, {
          registrationId: reg.id,
          key: i.key,
          type: 'RESUBMITTED',
          actor: i.actor,
          at,
          requestId: i.requestId,
          detail: { materials: i.attachmentIds.length, declaration: true },
        });
        await notify(tx, {
          recipientOrgId: s.bureauId,
          kind: 'EXAM_REGISTRATION_SUBMITTED',
          subject: `考试报名重新提交：${examSessionName(s)}`,
          body: `${reg.officer.name} 的报名已修改后重新提交，请确认或退回（第六条）`,
          link: pageOf.examSession(s.id),
          dedupeKey: `exam-registration:${reg.id}:${i.key}`,
          at,
        });
        return { registrationId: reg.id };
      });
    },

    /** 第六条: the organising bureau confirms a registration, or refuses it with the reason. */
    async decideExamRegistration(
      i: ExamStep & { registrationId: string; confirm: boolean; reason?: string },
    ): Promise<{ registrationId: string }> {
      return db.$transaction(async (tx) => {
        // Under the session's lock: a confirmation racing the results import either lands before it
        // (and the import, missing its result, is refused) or is refused here — never a confirmed
        // registration left without a result.
        const s = await lockedSession(tx, i.sessionId);
        if (await doneStep(tx, s.id, i.key)) return { registrationId: i.registrationId };
        if (s.status === 'RESULTS_IMPORTED') throw new RuleViolation(RESULTS_IN);
        const at = new Date(i.at);
        const status = i.confirm ? 'CONFIRMED' : 'REFUSED';
        const changed = await tx.examRegistration.updateMany({
          where: { id: i.registrationId, sessionId: i.sessionId, status: 'SUBMITTED' },
          data: { status, decidedById: i.actor.userId, decidedAt: at, refusalReason: i.confirm ? null : i.reason },
        });
        if (changed.count !== 1)
          throw new RuleViolation({
            code: 'REGISTRATION_NOT_PENDING',
            title: '该报名不在待确认状态',
            detail: 'only a submitted registration is confirmed or refused',
            article: A6,
          });
        const reg = await tx.examRegistration.findUniqueOrThrow({
          where: { id: i.registrationId },
          include: { officer: true, session: true },
        });
        await record(tx, {
          registrationId: reg.id,
          key: i.key,
          type: status,
          actor: i.actor,
          comment: i.reason ?? null,
          at,
          requestId: i.requestId,
        });
        await notify(tx, {
          recipientOrgId: reg.agencyId,
          kind: 'EXAM_REGISTRATION_DECIDED',
          subject: `考试报名${i.confirm ? '已确认' : '被退回'}：${reg.officer.name}`,
          body: i.confirm
            ? `${examSessionName(reg.session)}的报名已确认（第六条）`
            : `${examSessionName(reg.session)}的报名被退回：${i.reason}。可在报名截止前修改后重新提交（第六条）`,
          link: pageOf.examRegistrations(reg.sessionId),
          dedupeKey: `exam-registration:${reg.id}:${i.key}`,
          at,
        });
        return { registrationId: reg.id };
      });
    },

    /** 第六条: the registration deadline closes the list; agencies with registrations are told. */
    async closeExamRegistration(i: { sessionId: string; at: string }): Promise<void> {
      await db.$transaction(async (tx) => {
        const s = await lockedSession(tx, i.sessionId);
        const at = new Date(i.at);
        const first = (
          await tx.examSession.updateMany({
            where: { id: s.id, status: 'OPEN' },
            data: { status: 'CLOSED', closedAt: at },
          })
        ).count;
        if (first)
          await writeAudit(tx, {
            action: 'exam-session.close',
            targetType: 'ExamSession',
            targetId: s.id,
            outcome: 'DONE',
            detail: { registrationClosesAt: s.registrationClosesAt.toISOString() },
          });
        const agencies = await tx.examRegistration.groupBy({
          by: ['agencyId'],
          where: { sessionId: s.id },
          _count: true,
        });
        for (const a of agencies)
          await notify(
            tx,
            toAgency(s, a.agencyId, {
              kind: 'EXAM_REGISTRATION_CLOSED',
              subject: `考试报名已截止：${examSessionName(s)}`,
              body: `报名已于 ${dateInWords(day(s.registrationDeadline))} 截止，本机关报名 ${a._count} 人（第六条）`,
              dedupeKey: `exam-closed:${s.id}:${a.agencyId}`,
              at,
            }),
          );
      });
    },

    /**
     * 第六条, 第四条: the results of the session's confirmed registrations land on each officer's record
     * (ExamResult, taken on the exam day), all or none.
     */
    async importExamResults(
      i: ExamStep & { fileName: string; results: ExamResultInput[] },
    ): Promise<{ imported: number; status: ExamSessionStatus }> {
      return db.$transaction(async (tx) => {
        const s = await lockedSession(tx, i.sessionId);
        // A retried step answers as its first attempt did: the results it wrote.
        if (s.status === 'RESULTS_IMPORTED')
          return {
            imported: await tx.examRegistrationEvent.count({
              where: { key: i.key, registration: { sessionId: s.id } },
            }),
            status: s.status,
          };
        const at = new Date(i.at);
        // 第六条: results of an exam that has been held, for every confirmed registration (one confirmed
        // after the file was checked is named too, or the file is refused).
        if (localDateOf(at) < day(s.examDate))
          throw new RuleViolation({
            code: 'EXAM_NOT_HELD',
            title: '考试尚未举行，不能导入成绩',
            detail: 'results are imported on or after the exam day',
            article: A6,
          });
        // 第六条: the bureau confirms or refuses every registration first — none is left 待确认 for ever.
        const undecided = await tx.examRegistration.count({ where: { sessionId: s.id, status: 'SUBMITTED' } });
        if (undecided > 0)
          throw new RuleViolation({
            code: 'REGISTRATIONS_UNDECIDED',
            title: `尚有 ${undecided} 份报名待确认，请先确认或退回再导入成绩`,
            detail: `${undecided} registrations are neither confirmed nor refused`,
            article: A6,
          });
        const missing = await tx.examRegistration.count({
          where: { sessionId: s.id, status: 'CONFIRMED', id: { notIn: i.results.map((r) => r.registrationId) } },
        });
        if (missing > 0)
          throw new RuleViolation({
            code: 'RESULTS_INCOMPLETE',
            title: '成绩文件须列出本场考试全部已确认的报名人员',
            detail: `${missing} confirmed registrations have no result`,
            article: A6,
            status: 422,
          });
        const regs = await tx.examRegistration.findMany({
          where: { sessionId: s.id, id: { in: i.results.map((r) => r.registrationId) }, status: 'CONFIRMED' },
        });
        const byId = new Map(regs.map((r) => [r.id, r]));
        if (regs.length !== new Set(i.results.map((r) => r.registrationId)).size)
          throw new RuleViolation({
            code: 'RESULT_NOT_CONFIRMED',
            title: '成绩只能登记到本场考试已确认的报名',
            detail: 'a result names a registration that is not a confirmed one of this session',
            article: A6,
            status: 422,
          });
        await tx.examResult.createMany({
          data: i.results.map((r) => ({
            officerId: byId.get(r.registrationId)!.officerId,
            type: s.examType,
            passed: r.passed,
            score: r.score,
            takenOn: s.examDate,
            registrationId: r.registrationId,
            createdAt: at,
          })),
        });
        await tx.examRegistrationEvent.createMany({
          data: i.results.map((r) => ({
            registrationId: r.registrationId,
            key: i.key,
            type: r.passed ? 'RESULT_PASSED' : 'RESULT_FAILED',
            actorId: i.actor.userId,
            comment: r.score === null ? null : `分数 ${r.score}`,
            occurredAt: at,
          })),
        });
        await tx.examSession.update({
          where: { id: s.id },
          data: { status: 'RESULTS_IMPORTED', resultsImportedAt: at },
        });
        await writeAudit(tx, {
          actorId: i.actor.userId,
          actorRoles: [i.actor.role],
          action: 'exam-session.results',
          targetType: 'ExamSession',
          targetId: s.id,
          outcome: 'DONE',
          requestId: i.requestId,
          detail: { fileName: i.fileName, results: i.results.length, passed: i.results.filter((r) => r.passed).length },
        });
        const perAgency = new Map<string, number>();
        for (const r of regs) perAgency.set(r.agencyId, (perAgency.get(r.agencyId) ?? 0) + 1);
        for (const [agencyId, n] of perAgency)
          await notify(
            tx,
            toAgency(s, agencyId, {
              kind: 'EXAM_RESULTS',
              subject: `考试成绩已发布：${examSessionName(s)}`,
              body: `本机关 ${n} 人的成绩已登记到人员档案（第四条、第六条）`,
              dedupeKey: `exam-results:${s.id}:${agencyId}`,
              at,
            }),
          );
        return { imported: i.results.length, status: 'RESULTS_IMPORTED' as const };
      });
    },
  };
}
