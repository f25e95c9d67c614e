// Entering a year of the statutory calendar and what follows from it (民法典 第二百零三条): every
// provisional deadline not yet passed is recomputed from its stored start and term and moved only
// when the new one is later (laterDeadline), with a timeline event and a notice for whoever must act.
// Idempotent: a moved row's event has an id named by the recompute, so a retry writes nothing twice
// and still returns every process to tell.
import { caseNotice, pageOf } from '../domain/notification-links';
import { computeOver, laterDeadline, type CalendarSource } from '../domain/calendar';
import type { CalendarYearInput, DeadlineSignal, RecomputeResult } from '../domain/contracts/calendar';
import { agencyCleanupWorkflowId } from '../domain/cleanup';
import type { ApplicationEventType, ComplaintEventType } from '../domain/labels';
import { sanctionDates } from '../domain/sanction';
import { actionDeadline, lastDayInWords, workingDaysLater } from '../domain/time';
import type { ReviewSettings } from '../infra/config';
import type { Db } from '../infra/db';
import { writeAudit } from '../store/audit';
import { enterCalendarYear } from '../store/calendar';
import { notify } from '../store/notifications';

/** What a person is told of a deadline moved later: the old and the new last day, and why. */
const movedText = (what: string, from: Date, to: Date, article?: string) =>
  `${what}由 ${lastDayInWords(from)} 顺延至 ${lastDayInWords(to)}（节假日安排已录入，民法典第二百零三条${article ? `；${article}` : ''}）`;
import { resubmitDeadline, reviewTaskTimes } from './applications';
// 第二十七条第二款: correction orders' deadlines.
import { correctionDeadlineSignals, recomputeCorrectionDeadlines } from './correction-orders';

const OPEN_TASK = ['OPEN', 'WAITING_CONSULTATION'] as const;

export function calendarActivities(db: Db, settings: ReviewSettings, calendar: CalendarSource) {
  const eventId = (recomputeId: string, rowId: string) => `deadline-moved:${recomputeId}:${rowId}`;

  return {
    /** Stores the year (audited, before and after); false when it held exactly this already. */
    async enterCalendarYear(i: CalendarYearInput): Promise<boolean> {
      return db.$transaction((tx) =>
        enterCalendarYear(tx, {
          year: i.year,
          noticeReference: i.noticeReference,
          source: i.source,
          days: i.days,
          actorId: i.actor.userId,
          actorRoles: [i.actor.role],
          requestId: i.requestId,
          at: new Date(i.at),
        }),
      );
    },

    /**
     * Recomputes the provisional deadlines that have not passed at `at`: review tasks (第七条), the
     * resubmission after a return, the 复核 window and a filed 复核's service time (第三十二条), complaint
     * tasks (第二十八条), clean-up tasks (第十条). Later only; a recomputation over
     * known years only makes the stored deadline final, moved or not.
     */
    async recomputeProvisionalDeadlines(i: { recomputeId: string; at: string }): Promise<RecomputeResult> {
      const at = new Date(i.at);
      const snapshot = await calendar.snapshot();
      return db.$transaction(async (tx) => {
        let confirmed = 0;
        // 第七条: open review tasks, their service time counted again from their opening.
        const tasks = await tx.reviewTask.findMany({
          where: { dueAtProvisional: true, status: { in: [...OPEN_TASK] }, dueAt: { gt: at } },
          include: { application: true },
        });
        for (const t of tasks) {
          const times = reviewTaskTimes(snapshot, settings, t.level, t.createdAt);
          const dueAt = laterDeadline(t.dueAt, times.dueAt);
          if (!dueAt) {
            if (!times.provisional) confirmed++;
            await tx.reviewTask.update({ where: { id: t.id }, data: { dueAtProvisional: times.provisional } });
            continue;
          }
          // A reminder already sent is not sent again; else it moves with the due time, later only.
          const remindAt = !t.remindedAt && laterDeadline(t.remindAt, times.remindAt) ? times.remindAt : t.remindAt;
          await tx.reviewTask.update({
            where: { id: t.id },
            data: { dueAt, remindAt, dueAtProvisional: times.provisional },
          });
          const body = movedText('审核期限', t.dueAt, dueAt, '第七条');
          await tx.applicationEvent.createMany({
            data: [
              {
                id: eventId(i.recomputeId, t.id),
                applicationId: t.applicationId,
                type: 'DEADLINE_MOVED' satisfies ApplicationEventType,
                level: t.level,
                taskId: t.id,
                comment: body,
                detail: { kind: 'REVIEW_TASK', from: t.dueAt.toISOString(), to: dueAt.toISOString() },
                occurredAt: at,
              },
            ],
            skipDuplicates: true,
          });
          await notify(tx, {
            recipientOrgId: t.bureauId,
            recipientUserId: t.assigneeId,
            kind: 'TASK_DEADLINE_MOVED',
            subject: `审核任务期限顺延：${t.application.number}`,
            body,
            ...caseNotice.reviewTask(t),
            dedupeKey: eventId(i.recomputeId, t.id),
            at,
          });
        }

        // 退回补正: counted again from the return (the RETURN decision of the current round).
        const returned = await tx.application.findMany({
          where: { status: 'RETURNED', resubmitDeadlineProvisional: true, resubmitDeadline: { gt: at } },
          include: { tasks: { where: { decision: 'RETURN' }, orderBy: { decidedAt: 'desc' }, take: 1 } },
        });
        for (const a of returned) {
          const returnedAt = a.tasks[0]?.decidedAt;
          if (!returnedAt || !a.resubmitDeadline) continue;
          const computed = resubmitDeadline(snapshot, settings, returnedAt);
          const deadline = laterDeadline(a.resubmitDeadline, computed.value);
          if (!computed.provisional && !deadline) confirmed++;
          await tx.application.update({
            where: { id: a.id },
            data: {
              resubmitDeadlineProvisional: computed.provisional,
              ...(deadline ? { resubmitDeadline: deadline } : {}),
            },
          });
          if (!deadline) continue;
          const body = movedText('重新提交截止日', a.resubmitDeadline, deadline);
          await tx.applicationEvent.createMany({
            data: [
              {
                id: eventId(i.recomputeId, a.id),
                applicationId: a.id,
                type: 'DEADLINE_MOVED' satisfies ApplicationEventType,
                comment: body,
                detail: { kind: 'RESUBMISSION', from: a.resubmitDeadline.toISOString(), to: deadline.toISOString() },
                occurredAt: at,
              },
            ],
            skipDuplicates: true,
          });
          await notify(tx, {
            recipientOrgId: a.organisationId,
            kind: 'RESUBMIT_DEADLINE_MOVED',
            subject: `补正期限顺延：${a.number}`,
            body,
            link: pageOf.application(a.id),
            dedupeKey: eventId(i.recomputeId, a.id),
            at,
          });
        }

        // 第三十二条: the 复核 window, counted again from delivery (送达).
        const sanctions = await tx.sanction.findMany({
          where: { reviewDeadlineProvisional: true, reviewDeadline: { gt: at }, deliveredAt: { not: null } },
          include: { certificate: { include: { officer: { include: { user: true } } } } },
        });
        for (const s of sanctions) {
          const computed = computeOver(snapshot, (c) => sanctionDates(s.type, s.deliveredAt!, c).reviewDeadline);
          const deadline = laterDeadline(s.reviewDeadline!, computed.value);
          if (!computed.provisional && !deadline) confirmed++;
          await tx.sanction.update({
            where: { id: s.id },
            data: {
              reviewDeadlineProvisional: computed.provisional,
              ...(deadline ? { reviewDeadline: deadline } : {}),
            },
          });
          if (!deadline) continue;
          const body = movedText('复核申请期限', s.reviewDeadline!, deadline, '第三十二条');
          await tx.certificateEvent.createMany({
            data: [
              {
                id: eventId(i.recomputeId, s.id),
                certificateId: s.certificateId,
                type: 'REVIEW_DEADLINE_MOVED',
                reason: body,
                article: '第三十二条',
                sanctionId: s.id,
                occurredAt: at,
              },
            ],
            skipDuplicates: true,
          });
          // The officer may file the 复核 (addressed to them), and their agency may file for them.
          const recipients = [null, s.certificate.officer.user?.id ?? null].filter((u, k) => k === 0 || u);
          for (const userId of recipients)
            await notify(tx, {
              recipientOrgId: s.certificate.organisationId,
              recipientUserId: userId,
              kind: 'REVIEW_DEADLINE_MOVED',
              subject: `复核申请期限顺延：${s.certificate.number}`,
              body,
              link: pageOf.sanction(s.id),
              dedupeKey: `${eventId(i.recomputeId, s.id)}:${userId ?? 'agency'}`,
              at,
            });
        }

        // 第三十二条: a filed 复核's service time (the deciding organ's), counted again in working days
        // from its filing; the workflow's escalation follows.
        const reviews = await tx.reviewRequest.findMany({
          where: { dueAtProvisional: true, status: 'PENDING', dueAt: { gt: at } },
          include: { sanction: { include: { certificate: true } } },
        });
        for (const r of reviews) {
          const computed = computeOver(snapshot, (c) =>
            workingDaysLater(r.filedAt, settings.sanctionReviewWorkingDays, c),
          );
          const dueAt = laterDeadline(r.dueAt, computed.value);
          if (!computed.provisional && !dueAt) confirmed++;
          await tx.reviewRequest.update({
            where: { id: r.id },
            data: { dueAtProvisional: computed.provisional, ...(dueAt ? { dueAt } : {}) },
          });
          if (!dueAt) continue;
          const s = r.sanction;
          const body = movedText('复核决定期限', r.dueAt, dueAt, '第三十二条');
          await tx.certificateEvent.createMany({
            data: [
              {
                id: eventId(i.recomputeId, r.id),
                certificateId: s.certificateId,
                type: 'REVIEW_DECISION_DEADLINE_MOVED',
                reason: body,
                article: '第三十二条',
                sanctionId: s.id,
                occurredAt: at,
              },
            ],
            skipDuplicates: true,
          });
          // The deciding organ decides (as REVIEW_FILED and the escalation tell it).
          const decider = await tx.user.findUnique({ where: { id: s.decidedById }, select: { organisationId: true } });
          if (decider)
            await notify(tx, {
              recipientOrgId: decider.organisationId,
              kind: 'REVIEW_DECISION_DEADLINE_MOVED',
              subject: `复核决定期限顺延：${s.certificate.number}`,
              body,
              link: pageOf.sanction(s.id),
              dedupeKey: eventId(i.recomputeId, r.id),
              at,
            });
        }

        // 第二十八条: open complaint tasks, counted again from their opening; an extended investigation
        // from its first deadline (as the extension was granted). The complaint's own date follows.
        const complaintTasks = await tx.complaintTask.findMany({
          where: {
            dueAtProvisional: true,
            status: 'OPEN',
            dueAt: { gt: at },
            kind: { in: ['ACCEPTANCE', 'INVESTIGATION', 'EXTENSION_APPROVAL', 'FEEDBACK'] },
          },
          include: {
            complaint: {
              include: { tasks: { where: { kind: 'INVESTIGATION', status: 'OPEN' }, take: 1 } },
            },
          },
        });
        const cs = settings.complaint;
        for (const t of complaintTasks) {
          const days =
            t.kind === 'ACCEPTANCE'
              ? cs.acceptanceDays
              : t.kind === 'FEEDBACK'
                ? cs.feedbackDays
                : cs.investigationDays;
          // The extension is approved by the investigation's (unextended) deadline: counted from its opening.
          const from = t.kind === 'EXTENSION_APPROVAL' ? t.complaint.tasks[0]?.createdAt : t.createdAt;
          if (!from) continue;
          let computed = computeOver(snapshot, (c) => actionDeadline(from, { days }, c));
          if (t.kind === 'INVESTIGATION' && t.complaint.extensionStatus === 'APPROVED') {
            const first = computed;
            const ext = computeOver(snapshot, (c) => actionDeadline(first.value, { days: cs.extensionDays }, c));
            computed = { value: ext.value, provisional: first.provisional || ext.provisional };
          }
          const dueAt = laterDeadline(t.dueAt, computed.value);
          if (!computed.provisional && !dueAt) confirmed++;
          if (!dueAt) {
            await tx.complaintTask.update({ where: { id: t.id }, data: { dueAtProvisional: computed.provisional } });
            continue;
          }
          // The reminder moves with the deadline unless it was sent (the investigation's only, 第二十八条).
          const reminderDays = t.kind === 'INVESTIGATION' ? cs.reminderDaysBefore : 0;
          const remindAt =
            !t.remindedAt && t.remindAt && reminderDays > 0
              ? new Date(dueAt.getTime() - reminderDays * 86_400_000)
              : t.remindAt;
          await tx.complaintTask.update({
            where: { id: t.id },
            data: { dueAt, remindAt, dueAtProvisional: computed.provisional },
          });
          if (t.kind === 'INVESTIGATION')
            await tx.complaint.update({ where: { id: t.complaintId }, data: { investigationDueAt: dueAt } });
          if (t.kind === 'FEEDBACK')
            await tx.complaint.update({ where: { id: t.complaintId }, data: { feedbackDueAt: dueAt } });
          const body = movedText('办理期限', t.dueAt, dueAt, '第二十八条');
          await tx.complaintEvent.createMany({
            data: [
              {
                id: eventId(i.recomputeId, t.id),
                complaintId: t.complaintId,
                round: t.complaint.round,
                type: 'DEADLINE_MOVED' satisfies ComplaintEventType,
                organisationId: t.organisationId,
                comment: body,
                detail: { kind: t.kind, taskId: t.id, from: t.dueAt.toISOString(), to: dueAt.toISOString() },
                occurredAt: at,
              },
            ],
            skipDuplicates: true,
          });
          await notify(tx, {
            recipientOrgId: t.organisationId,
            recipientUserId: t.assigneeId,
            kind: 'COMPLAINT_DEADLINE_MOVED',
            subject: `投诉办理期限顺延：${t.complaint.number}`,
            body,
            ...caseNotice.complaint(t.complaintId),
            dedupeKey: eventId(i.recomputeId, t.id),
            at,
          });
        }

        // 第十条: open clean-up tasks, counted again from the run's start; the run's date follows.
        const cleanupTasks = await tx.cleanupTask.findMany({
          where: { dueAtProvisional: true, status: 'OPEN', dueAt: { gt: at } },
          include: { run: true },
        });
        for (const t of cleanupTasks) {
          const computed = computeOver(snapshot, (c) =>
            actionDeadline(t.run.startedAt, { days: settings.cleanupDeadlineDays }, c),
          );
          const dueAt = laterDeadline(t.dueAt, computed.value);
          if (!computed.provisional && !dueAt) confirmed++;
          await tx.cleanupTask.update({
            where: { id: t.id },
            data: { dueAtProvisional: computed.provisional, ...(dueAt ? { dueAt } : {}) },
          });
          if (!dueAt) continue;
          if (dueAt > t.run.dueAt) await tx.cleanupRun.update({ where: { year: t.year }, data: { dueAt } });
          const body = movedText(`${t.year} 年度清理的处理期限`, t.dueAt, dueAt, '第十条');
          // The clean-up has no timeline of its own: the audit log records the move (who must act is told).
          await writeAudit(tx, {
            action: 'cleanup.deadline.moved',
            targetType: 'CleanupTask',
            targetId: t.id,
            outcome: 'DONE',
            detail: { recompute: i.recomputeId, from: t.dueAt.toISOString(), to: dueAt.toISOString() },
          });
          await notify(tx, {
            recipientOrgId: t.organisationId,
            kind: 'CLEANUP_DEADLINE_MOVED',
            subject: `年度清理期限顺延：${t.year} 年`,
            body,
            link: pageOf.cleanupTask(t.id),
            dedupeKey: eventId(i.recomputeId, t.id),
            at,
          });
        }

        // 第二十七条第二款: open correction orders, counted again from their issue.
        confirmed += await recomputeCorrectionDeadlines(tx, {
          snapshot,
          settings,
          at,
          eventId: (rowId) => eventId(i.recomputeId, rowId),
          movedText: (from, to) => movedText('整改期限', from, to, '第二十七条第二款'),
        });

        return { signals: await movedBy(tx, i.recomputeId), confirmed };
      });
    },
  };

  /** The processes to tell about the deadlines this recompute moved (also after a retry), with their stored values now. */
  async function movedBy(tx: Parameters<Parameters<Db['$transaction']>[0]>[0], recomputeId: string) {
    const prefix = `deadline-moved:${recomputeId}:`;
    const signals: DeadlineSignal[] = [];
    const appEvents = await tx.applicationEvent.findMany({
      where: { id: { startsWith: prefix } },
      include: { application: true },
    });
    for (const e of appEvents) {
      const app = e.application;
      if (e.taskId) {
        const t = await tx.reviewTask.findUniqueOrThrow({ where: { id: e.taskId } });
        signals.push({
          workflowId: app.workflowId,
          move: { kind: 'REVIEW_TASK', taskId: t.id, dueAt: t.dueAt.toISOString(), remindAt: t.remindAt.toISOString() },
        });
      } else if (app.resubmitDeadline) {
        signals.push({
          workflowId: app.workflowId,
          move: { kind: 'RESUBMISSION', deadline: app.resubmitDeadline.toISOString() },
        });
      }
    }
    const certEvents = await tx.certificateEvent.findMany({ where: { id: { startsWith: prefix } } });
    for (const e of certEvents) {
      const s = await tx.sanction.findUniqueOrThrow({ where: { id: e.sanctionId! }, include: { reviewRequest: true } });
      if (e.type === 'REVIEW_DECISION_DEADLINE_MOVED') {
        // 第三十二条: a filed 复核's service time (the escalation's instant).
        if (s.reviewRequest)
          signals.push({
            workflowId: s.workflowId,
            move: { kind: 'REVIEW_DECISION', dueAt: s.reviewRequest.dueAt.toISOString() },
          });
      } else if (s.reviewDeadline)
        signals.push({
          workflowId: s.workflowId,
          move: { kind: 'REVIEW_WINDOW', reviewDeadline: s.reviewDeadline.toISOString() },
        });
    }
    const complaintEvents = await tx.complaintEvent.findMany({
      where: { id: { startsWith: prefix } },
      include: { complaint: true },
    });
    for (const e of complaintEvents) {
      const taskId = (e.detail as { taskId?: string } | null)?.taskId;
      if (!taskId) continue;
      const t = await tx.complaintTask.findUniqueOrThrow({ where: { id: taskId } });
      signals.push({
        workflowId: e.complaint.workflowId,
        move: { kind: 'COMPLAINT_TASK', taskId, dueAt: t.dueAt.toISOString(), remindAt: t.remindAt?.toISOString() },
      });
    }
    const cleanupMoves = await tx.auditLog.findMany({
      where: { action: 'cleanup.deadline.moved', detail: { path: ['recompute'], equals: recomputeId } },
    });
    for (const a of cleanupMoves) {
      const t = await tx.cleanupTask.findUniqueOrThrow({ where: { id: a.targetId! } });
      signals.push({
        workflowId: agencyCleanupWorkflowId(t.year, t.organisationId),
        move: { kind: 'CLEANUP_TASK', taskId: t.id, dueAt: t.dueAt.toISOString() },
      });
    }
    signals.push(...(await correctionDeadlineSignals(tx, prefix)));
    return signals;
  }
}
