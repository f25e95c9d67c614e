// Complaint effects (第二十八条). Each activity writes one step in one transaction — the complaint
// row, its task(s), a timeline event, notifications and the audit row — and is idempotent: a retry
// finds its own earlier write (the task closed already, the task key taken) and returns the same.
import { caseNotice, pageOf } from '../domain/notification-links';
import { COMPLAINT_TASK_LABELS, type ComplaintFinding, type FeedbackChannel } from '../domain/complaint';
import type { WatchedTask } from '../domain/task-alarms';
import type { ComplaintEventType } from '../domain/labels';
import type { ActorRef } from '../domain/contracts/actor';
import type { ComplaintStep, SanctionProposalInput } from '../domain/contracts/complaint';
import { bureauRegion } from '../domain/review-chain';
import { computeOver, type CalendarSource } from '../domain/calendar';
import { actionDeadline, lastDayInWords } from '../domain/time';
import type { ComplaintSettings } from '../infra/config';
import type { Db, Prisma } from '../infra/db';
import { writeAudit } from '../store/audit';
import { notify } from '../store/notifications';
import { declareRecusal, recordedHandOver } from '../store/recusal';
import type { HandOver, RecusalDeclaration } from '../domain/contracts/recusal';

type Tx = Prisma.TransactionClient;
type TaskKind = 'ACCEPTANCE' | 'INVESTIGATION' | 'EXTENSION_APPROVAL' | 'FEEDBACK';
const DAY_MS = 86_400_000;

const watched = (t: { id: string; remindAt: Date | null; dueAt: Date }, repeatMs?: number): WatchedTask => ({
  taskId: t.id,
  ...(t.remindAt ? { remindAt: t.remindAt.toISOString() } : {}),
  dueAt: t.dueAt.toISOString(),
  ...(repeatMs ? { repeatMs } : {}),
  reminded: false,
  escalations: 0,
});

async function event(
  tx: Tx,
  e: {
    complaintId: string;
    round: number;
    type: ComplaintEventType;
    public?: boolean;
    actor?: ActorRef;
    organisationId?: string;
    comment?: string;
    detail?: Prisma.InputJsonValue;
    at: Date;
    requestId?: string;
  },
): Promise<void> {
  await tx.complaintEvent.create({
    data: {
      complaintId: e.complaintId,
      round: e.round,
      type: e.type,
      public: e.public ?? false,
      actorId: e.actor?.userId ?? null,
      actorRole: e.actor?.role ?? null,
      organisationId: e.organisationId ?? null,
      comment: e.comment ?? null,
      detail: e.detail,
      occurredAt: e.at,
    },
  });
  await writeAudit(tx, {
    actorId: e.actor?.userId,
    actorRoles: e.actor ? [e.actor.role] : [],
    action: `complaint.${e.type.toLowerCase()}`,
    targetType: 'Complaint',
    targetId: e.complaintId,
    outcome: 'DONE',
    requestId: e.requestId,
    detail: e.detail,
  });
}

/** Closes an open task; false when it was closed already (a retried activity). */
async function closeTask(
  tx: Tx,
  taskId: string,
  outcome: string,
  actor: ActorRef | undefined,
  at: Date,
  status: 'DONE' | 'CANCELLED' = 'DONE',
): Promise<boolean> {
  const r = await tx.complaintTask.updateMany({
    where: { id: taskId, status: 'OPEN' },
    data: { status, outcome, doneById: actor?.userId ?? null, doneAt: at },
  });
  return r.count === 1;
}

/** The 监察机关 over an organ's region (the nearest: district, then city, then province). */
async function supervisoryOrganOf(tx: Tx, regionCode: string) {
  const regions = [regionCode, bureauRegion('CITY', regionCode), bureauRegion('PROVINCE', regionCode)];
  const organs = await tx.organisation.findMany({
    where: { type: 'SUPERVISORY_ORGAN', regionCode: { in: regions }, active: true },
  });
  return regions.map((r) => organs.find((o) => o.regionCode === r)).find((o) => o !== undefined);
}

export function complaintActivities(db: Db, settings: ComplaintSettings, calendar: CalendarSource) {
  /** A deadline to act `days` after `at` (moved past rest days) and its reminder, stored on the task. */
  // Provisional when computed over a year whose calendar was not entered yet (shown as such).
  const deadline = async (at: Date, days: number, reminderDays = settings.reminderDaysBefore) => {
    const computed = computeOver(await calendar.snapshot(), (c) => actionDeadline(at, { days }, c));
    const dueAt = computed.value;
    const remindAt = new Date(dueAt.getTime() - reminderDays * DAY_MS);
    return { dueAt, remindAt: reminderDays > 0 && remindAt > at ? remindAt : null, provisional: computed.provisional };
  };

  async function openTask(
    tx: Tx,
    i: {
      complaintId: string;
      key: string;
      kind: TaskKind;
      organisationId: string;
      assigneeId?: string | null;
      dueAt: Date;
      dueAtProvisional?: boolean;
      remindAt: Date | null;
      at: Date;
      number: string;
    },
  ) {
    const task = await tx.complaintTask.upsert({
      where: { complaintId_key: { complaintId: i.complaintId, key: i.key } },
      update: {},
      create: {
        complaintId: i.complaintId,
        key: i.key,
        kind: i.kind,
        organisationId: i.organisationId,
        assigneeId: i.assigneeId ?? null,
        dueAt: i.dueAt,
        dueAtProvisional: i.dueAtProvisional ?? false,
        remindAt: i.remindAt,
        createdAt: i.at,
      },
    });
    await notify(tx, {
      recipientOrgId: task.organisationId,
      recipientUserId: task.assigneeId,
      kind: `COMPLAINT_${i.kind}`,
      subject: `投诉举报待办：${i.number}`,
      body: `请于 ${lastDayInWords(task.dueAt)}（含）前办理（第二十八条）`,
      ...caseNotice.complaint(i.complaintId),
      dedupeKey: `complaint-task:${task.id}`,
      at: i.at,
    });
    return task;
  }

  const complaintOf = (tx: Tx, id: string) =>
    tx.complaint.findUniqueOrThrow({ where: { id }, include: { handlingOrg: true } });

  return {
    /** 第二十八条: the receiving organ gets the acceptance task (the row itself was written by the API). */
    async receiveComplaint(i: ComplaintStep): Promise<WatchedTask> {
      return db.$transaction(async (tx) => {
        const at = new Date(i.at);
        const c = await complaintOf(tx, i.complaintId);
        const first =
          (
            await tx.complaint.updateMany({
              where: { id: c.id, status: 'SUBMITTED' },
              data: { status: 'AWAITING_ACCEPTANCE' },
            })
          ).count === 1;
        if (first)
          await event(tx, {
            complaintId: c.id,
            round: c.round,
            type: 'RECEIVED',
            public: true,
            organisationId: c.handlingOrgId,
            at,
            requestId: i.requestId,
            detail: { source: c.source },
          });
        const { dueAt, remindAt, provisional } = await deadline(at, settings.acceptanceDays, 0);
        return watched(
          await openTask(tx, {
            complaintId: c.id,
            key: i.key,
            kind: 'ACCEPTANCE',
            organisationId: c.handlingOrgId,
            dueAt,
            dueAtProvisional: provisional,
            remindAt,
            at,
            number: c.number,
          }),
        );
      });
    },

    /** 第二十八条: accepted for investigation, with an investigator and the configured deadline. */
    async acceptComplaint(
      i: ComplaintStep & { taskId: string; actor: ActorRef; investigatorId: string },
    ): Promise<WatchedTask> {
      return db.$transaction(async (tx) => {
        const at = new Date(i.at);
        const c = await complaintOf(tx, i.complaintId);
        const { dueAt, remindAt, provisional } = await deadline(at, settings.investigationDays);
        if (await closeTask(tx, i.taskId, 'ACCEPTED', i.actor, at)) {
          await tx.complaint.update({
            where: { id: c.id },
            data: { status: 'INVESTIGATING', investigatorId: i.investigatorId, investigationDueAt: dueAt },
          });
          await event(tx, {
            complaintId: c.id,
            round: c.round,
            type: 'ACCEPTED',
            public: true,
            actor: i.actor,
            organisationId: c.handlingOrgId,
            at,
            requestId: i.requestId,
            detail: { investigatorId: i.investigatorId, dueAt: dueAt.toISOString() },
          });
        }
        const task = await openTask(tx, {
          complaintId: c.id,
          key: i.key,
          kind: 'INVESTIGATION',
          organisationId: c.handlingOrgId,
          assigneeId: i.investigatorId,
          dueAt,
          dueAtProvisional: provisional,
          remindAt,
          at,
          number: c.number,
        });
        return watched(task);
      });
    },

    /** 第二十八条 转交有权机关: the competent organ gets the acceptance task; the obligations go with it. */
    async transferComplaint(
      i: ComplaintStep & { taskId: string; actor: ActorRef; toOrgId: string; reason: string },
    ): Promise<WatchedTask> {
      return db.$transaction(async (tx) => {
        const at = new Date(i.at);
        const c = await complaintOf(tx, i.complaintId);
        if (await closeTask(tx, i.taskId, 'TRANSFERRED', i.actor, at)) {
          await tx.complaint.update({ where: { id: c.id }, data: { handlingOrgId: i.toOrgId } });
          await event(tx, {
            complaintId: c.id,
            round: c.round,
            type: 'TRANSFERRED',
            public: true,
            actor: i.actor,
            organisationId: i.toOrgId,
            comment: i.reason,
            at,
            requestId: i.requestId,
            detail: { from: c.handlingOrgId, to: i.toOrgId },
          });
        }
        const { dueAt, remindAt, provisional } = await deadline(at, settings.acceptanceDays, 0);
        return watched(
          await openTask(tx, {
            complaintId: c.id,
            key: i.key,
            kind: 'ACCEPTANCE',
            organisationId: i.toOrgId,
            dueAt,
            dueAtProvisional: provisional,
            remindAt,
            at,
            number: c.number,
          }),
        );
      });
    },

    /**
     * 第二十条: a handler's declared conflict. The investigation (and the tasks the declarer holds) go
     * to the least loaded colleague when they held it; with no colleague left the complaint and its
     * open tasks move to the organ over theirs, which the status page shows — never the reason.
     */
    async recuseHandler(i: RecusalDeclaration & { complaintId: string; at: string }): Promise<HandOver> {
      return db.$transaction(async (tx) => {
        const at = new Date(i.at);
        await tx.$queryRaw`SELECT id FROM "Complaint" WHERE id = ${i.complaintId} FOR UPDATE`;
        const c = await complaintOf(tx, i.complaintId);
        const subjects = await tx.complaintSubject.findMany({
          where: { complaintId: c.id },
          select: { officerId: true },
        });
        const handOver = await declareRecusal(tx, {
          case: { complaintId: c.id },
          actor: i.actor,
          reason: i.reason,
          requestId: i.requestId,
          organ: c.handlingOrg,
          role: 'COMPLAINT_HANDLER',
          subjectOfficerIds: subjects.flatMap((s) => (s.officerId ? [s.officerId] : [])),
          holderId: c.investigatorId,
        });
        if (!handOver) return recordedHandOver(tx, { userId: i.actor.userId, complaintId: c.id });
        const open = { complaintId: c.id, status: 'OPEN' as const };
        if (handOver.organ) {
          await tx.complaint.update({
            where: { id: c.id },
            data: { handlingOrgId: handOver.organ.id, investigatorId: null },
          });
          await tx.complaintTask.updateMany({
            where: open,
            data: { organisationId: handOver.organ.id, assigneeId: null },
          });
          await notify(tx, {
            recipientOrgId: handOver.organ.id,
            kind: 'COMPLAINT_HANDED_OVER',
            subject: `移交办理的投诉举报：${c.number}`,
            body: `${c.handlingOrg.name} 办理人员依法回避，本投诉举报移交你单位继续办理（第二十条、第二十八条）`,
            ...caseNotice.complaint(c.id),
            dedupeKey: `complaint-handed-over:${c.id}:${handOver.organ.id}`,
            at,
          });
        } else if (handOver.colleagueId) {
          await tx.complaint.update({ where: { id: c.id }, data: { investigatorId: handOver.colleagueId } });
          await tx.complaintTask.updateMany({
            where: { ...open, assigneeId: i.actor.userId },
            data: { assigneeId: handOver.colleagueId },
          });
          await notify(tx, {
            recipientOrgId: c.handlingOrgId,
            recipientUserId: handOver.colleagueId,
            kind: 'COMPLAINT_HANDED_OVER',
            subject: `转由您调查的投诉举报：${c.number}`,
            body: '同事依法回避，本投诉举报的调查转由您负责（第二十条）',
            ...caseNotice.complaint(c.id),
            dedupeKey: `complaint-handed-over:${c.id}:${handOver.colleagueId}`,
            at,
          });
        }
        await event(tx, {
          complaintId: c.id,
          round: c.round,
          type: handOver.organ ? 'HANDED_OVER' : 'HANDLER_RECUSED',
          // The complainant sees where the complaint is now, as after a transfer; nobody outside sees why.
          public: handOver.organ !== null,
          actor: i.actor,
          organisationId: handOver.organ?.id ?? c.handlingOrgId,
          comment: handOver.organ ? `移交 ${handOver.organ.name} 办理` : undefined,
          at,
          requestId: i.requestId,
          detail: handOver.organ ? { from: c.handlingOrgId, to: handOver.organ.id } : {},
        });
        return handOver;
      });
    },

    /** One extension per round, asked with its reason; the organ's head (SUPERVISOR) decides. */
    async requestExtension(i: ComplaintStep & { actor: ActorRef; reason: string }): Promise<{ taskId: string }> {
      return db.$transaction(async (tx) => {
        const at = new Date(i.at);
        const c = await complaintOf(tx, i.complaintId);
        if (
          (
            await tx.complaint.updateMany({
              where: { id: c.id, extensionStatus: null },
              data: { extensionStatus: 'REQUESTED', extensionReason: i.reason },
            })
          ).count === 1
        ) {
          await event(tx, {
            complaintId: c.id,
            round: c.round,
            type: 'EXTENSION_REQUESTED',
            actor: i.actor,
            comment: i.reason,
            at,
            requestId: i.requestId,
          });
        }
        // Decided by the investigation's deadline, so provisional as that one is (民法典 第二百零三条).
        const inv = await tx.complaintTask.findFirst({
          where: { complaintId: c.id, kind: 'INVESTIGATION', status: 'OPEN' },
          select: { dueAtProvisional: true },
        });
        const task = await openTask(tx, {
          complaintId: c.id,
          key: i.key,
          kind: 'EXTENSION_APPROVAL',
          organisationId: c.handlingOrgId,
          dueAt: c.investigationDueAt ?? at,
          dueAtProvisional: inv?.dueAtProvisional ?? false,
          remindAt: null,
          at,
          number: c.number,
        });
        return { taskId: task.id };
      });
    },

    /** Approved: the investigation's deadline moves by the configured days (reminder and escalation re-armed). */
    async decideExtension(i: {
      complaintId: string;
      taskId: string;
      investigationTaskId: string;
      approve: boolean;
      comment: string;
      actor: ActorRef;
      at: string;
      requestId?: string;
    }): Promise<WatchedTask | null> {
      return db.$transaction(async (tx) => {
        const at = new Date(i.at);
        const c = await complaintOf(tx, i.complaintId);
        const inv = await tx.complaintTask.findUniqueOrThrow({ where: { id: i.investigationTaskId } });
        if (!(await closeTask(tx, i.taskId, i.approve ? 'APPROVED' : 'REFUSED', i.actor, at))) {
          return c.extensionStatus === 'APPROVED' ? watched(inv) : null; // retry: as decided
        }
        await event(tx, {
          complaintId: c.id,
          round: c.round,
          type: i.approve ? 'EXTENSION_APPROVED' : 'EXTENSION_REFUSED',
          public: i.approve,
          actor: i.actor,
          comment: i.comment,
          at,
          requestId: i.requestId,
        });
        if (!i.approve) {
          await tx.complaint.update({ where: { id: c.id }, data: { extensionStatus: 'REFUSED' } });
          return null;
        }
        const { dueAt, remindAt, provisional } = await deadline(inv.dueAt, settings.extensionDays);
        await tx.complaint.update({
          where: { id: c.id },
          data: { extensionStatus: 'APPROVED', investigationDueAt: dueAt },
        });
        const task = await tx.complaintTask.update({
          where: { id: inv.id },
          data: {
            dueAt,
            dueAtProvisional: provisional,
            remindAt: remindAt && remindAt > at ? remindAt : null,
            remindedAt: null,
            overdue: false,
            escalations: 0,
          },
        });
        return watched(task);
      });
    },

    /**
     * 第二十八条 调查、处理: findings and measures, optionally a 暂扣/收缴 proposal to the city justice
     * bureau (第二十九条); the feedback to the complainant is now owed, by the configured time.
     */
    async recordResult(
      i: ComplaintStep & {
        taskId: string;
        actor: ActorRef;
        finding: ComplaintFinding;
        measures: string;
        proposal?: SanctionProposalInput;
      },
    ): Promise<WatchedTask> {
      return db.$transaction(async (tx) => {
        const at = new Date(i.at);
        const c = await complaintOf(tx, i.complaintId);
        const { dueAt, provisional } = await deadline(at, settings.feedbackDays, 0);
        if (await closeTask(tx, i.taskId, i.finding, i.actor, at)) {
          await tx.complaintTask.updateMany({
            where: { complaintId: c.id, kind: 'EXTENSION_APPROVAL', status: 'OPEN' },
            data: { status: 'CANCELLED', outcome: 'RESULT_RECORDED', doneAt: at },
          });
          await tx.complaint.update({
            where: { id: c.id },
            data: {
              status: 'AWAITING_FEEDBACK',
              finding: i.finding,
              measures: i.measures,
              resultById: i.actor.userId,
              resultAt: at,
              feedbackDueAt: dueAt,
            },
          });
          let proposalId: string | undefined;
          if (i.proposal) proposalId = await proposeSanction(tx, c, i.proposal, i.actor, at);
          await event(tx, {
            complaintId: c.id,
            round: c.round,
            type: 'RESULT_RECORDED',
            public: true,
            actor: i.actor,
            at,
            requestId: i.requestId,
            detail: { finding: i.finding, ...(proposalId ? { proposalId } : {}) },
          });
        }
        const task = await openTask(tx, {
          complaintId: c.id,
          key: i.key,
          kind: 'FEEDBACK',
          organisationId: c.handlingOrgId,
          assigneeId: c.investigatorId,
          dueAt,
          dueAtProvisional: provisional,
          remindAt: null,
          at,
          number: c.number,
        });
        return watched(task, settings.feedbackRepeatDays * DAY_MS);
      });
    },

    /** 第二十八条: the result told to the complainant — channel, content, who, when. */
    async recordFeedback(i: {
      complaintId: string;
      taskId: string;
      actor: ActorRef;
      channel: FeedbackChannel;
      content: string;
      at: string;
      requestId?: string;
    }): Promise<void> {
      await db.$transaction(async (tx) => {
        const at = new Date(i.at);
        const c = await complaintOf(tx, i.complaintId);
        if (!(await closeTask(tx, i.taskId, i.channel, i.actor, at))) return;
        await tx.complaint.update({
          where: { id: c.id },
          data: {
            status: 'FEEDBACK_GIVEN',
            feedbackChannel: i.channel,
            feedbackContent: i.content,
            feedbackById: i.actor.userId,
            feedbackAt: at,
          },
        });
        await event(tx, {
          complaintId: c.id,
          round: c.round,
          type: 'FEEDBACK_RECORDED',
          public: true,
          actor: i.actor,
          at,
          requestId: i.requestId,
          detail: { channel: i.channel, onTime: c.feedbackDueAt ? at <= c.feedbackDueAt : null },
        });
      });
    },

    /** Closed (办结) once the feedback is recorded (the workflow refuses it before). */
    async closeComplaint(i: {
      complaintId: string;
      actor: ActorRef;
      note?: string;
      at: string;
      requestId?: string;
    }): Promise<void> {
      await db.$transaction(async (tx) => {
        const at = new Date(i.at);
        const c = await complaintOf(tx, i.complaintId);
        if (
          (
            await tx.complaint.updateMany({
              where: { id: c.id, status: 'FEEDBACK_GIVEN' },
              data: { status: 'CLOSED', closedAt: at },
            })
          ).count === 0
        )
          return;
        await event(tx, {
          complaintId: c.id,
          round: c.round,
          type: 'CLOSED',
          public: true,
          actor: i.actor,
          comment: i.note,
          at,
          requestId: i.requestId,
        });
      });
    },

    /** A closed complaint reopened by the supervisor: a new round of investigation and feedback. */
    async reopenComplaint(i: ComplaintStep & { round: number; actor: ActorRef; reason: string }): Promise<WatchedTask> {
      return db.$transaction(async (tx) => {
        const at = new Date(i.at);
        const c = await complaintOf(tx, i.complaintId);
        const { dueAt, remindAt, provisional } = await deadline(at, settings.investigationDays);
        const reset = {
          status: 'INVESTIGATING' as const,
          round: i.round,
          investigationDueAt: dueAt,
          extensionStatus: null,
          extensionReason: null,
          finding: null,
          measures: null,
          resultById: null,
          resultAt: null,
          feedbackDueAt: null,
          feedbackChannel: null,
          feedbackContent: null,
          feedbackById: null,
          feedbackAt: null,
          closedAt: null,
        };
        if (
          (await tx.complaint.updateMany({ where: { id: c.id, status: 'CLOSED', round: i.round - 1 }, data: reset }))
            .count === 1
        ) {
          await event(tx, {
            complaintId: c.id,
            round: i.round,
            type: 'REOPENED',
            public: true,
            actor: i.actor,
            comment: i.reason,
            at,
            requestId: i.requestId,
          });
        }
        return watched(
          await openTask(tx, {
            complaintId: c.id,
            key: i.key,
            kind: 'INVESTIGATION',
            organisationId: c.handlingOrgId,
            assigneeId: c.investigatorId,
            dueAt,
            dueAtProvisional: provisional,
            remindAt,
            at,
            number: c.number,
          }),
        );
      });
    },

    /** The complainant adds information (via the receipt code) while the complaint is open. */
    async addComplaintInformation(i: {
      complaintId: string;
      text: string;
      at: string;
      requestId?: string;
    }): Promise<void> {
      await db.$transaction(async (tx) => {
        const at = new Date(i.at);
        const c = await complaintOf(tx, i.complaintId);
        await event(tx, {
          complaintId: c.id,
          round: c.round,
          type: 'INFORMATION_ADDED',
          public: true,
          comment: i.text,
          at,
          requestId: i.requestId,
        });
        await notify(tx, {
          recipientOrgId: c.handlingOrgId,
          kind: 'COMPLAINT_INFORMATION',
          subject: `投诉人补充材料：${c.number}`,
          body: i.text.slice(0, 200),
          ...caseNotice.complaint(c.id),
          dedupeKey: `complaint-info:${c.id}:${i.requestId ?? i.at}`,
          at,
        });
      });
    },

    async remindComplaintTask(i: { taskId: string; at: string }): Promise<void> {
      await db.$transaction(async (tx) => {
        const t = await tx.complaintTask.update({
          where: { id: i.taskId },
          data: { remindedAt: new Date(i.at) },
          include: { complaint: true },
        });
        await notify(tx, {
          recipientOrgId: t.organisationId,
          recipientUserId: t.assigneeId,
          kind: 'COMPLAINT_REMINDER',
          subject: `投诉举报办理即将到期：${t.complaint.number}`,
          body: `到期日 ${lastDayInWords(t.dueAt)}（第二十八条）`,
          ...caseNotice.complaint(t.complaintId),
          dedupeKey: `complaint-reminder:${t.id}:${t.dueAt.toISOString()}`,
          at: new Date(i.at),
        });
      });
    },

    /** At the due time (and, for the feedback, again and again) the supervisor is told; the task is flagged overdue. */
    async escalateComplaintTask(i: { taskId: string; at: string; count: number }): Promise<void> {
      await db.$transaction(async (tx) => {
        const at = new Date(i.at);
        const t = await tx.complaintTask.findUniqueOrThrow({
          where: { id: i.taskId },
          include: { complaint: true, organisation: true },
        });
        if (t.status !== 'OPEN' || t.escalations >= i.count) return;
        await tx.complaintTask.update({ where: { id: t.id }, data: { overdue: true, escalations: i.count } });
        const supervisory = await supervisoryOrganOf(tx, t.organisation.regionCode);
        for (const orgId of new Set([t.organisationId, supervisory?.id ?? t.organisationId])) {
          await notify(tx, {
            recipientOrgId: orgId,
            kind: 'COMPLAINT_OVERDUE',
            subject: `投诉举报${t.kind === 'FEEDBACK' ? '结果未告知投诉人' : '办理超期'}：${t.complaint.number}`,
            body: `${t.organisation.name} 的${COMPLAINT_TASK_LABELS[t.kind]}任务已超过到期日 ${lastDayInWords(t.dueAt)}（第${i.count}次督办，第二十八条）`,
            ...caseNotice.complaint(t.complaintId),
            dedupeKey: `complaint-overdue:${t.id}:${i.count}:${orgId}`,
            at,
          });
        }
        await event(tx, {
          complaintId: t.complaintId,
          round: t.complaint.round,
          type: 'ESCALATED',
          organisationId: supervisory?.id,
          at,
          detail: { taskId: t.id, kind: t.kind, count: i.count },
        });
      });
    },
  };
}

/** 第二十九条: the proposal goes to the city justice bureau over the officer's agency, which decides it. */
async function proposeSanction(
  tx: Tx,
  c: { id: string; number: string; handlingOrgId: string },
  p: SanctionProposalInput,
  actor: ActorRef,
  at: Date,
): Promise<string> {
  const cert = await tx.certificate.findUniqueOrThrow({
    where: { id: p.certificateId },
    include: { organisation: true },
  });
  const bureau = await tx.organisation.findFirstOrThrow({
    where: {
      type: 'JUSTICE_BUREAU',
      level: 'CITY',
      regionCode: bureauRegion('CITY', cert.organisation.regionCode),
      active: true,
    },
  });
  const row = await tx.sanctionProposal.create({
    data: {
      complaintId: c.id,
      certificateId: cert.id,
      type: p.type,
      grounds: p.grounds,
      facts: p.facts,
      proposedById: actor.userId,
      proposedByOrgId: c.handlingOrgId,
      bureauOrgId: bureau.id,
      createdAt: at,
    },
  });
  await notify(tx, {
    recipientOrgId: bureau.id,
    kind: 'SANCTION_PROPOSAL',
    subject: `投诉处理建议暂扣/收缴：${cert.number}（${c.number}）`,
    body: p.facts,
    link: pageOf.sanctionProposal(row.id),
    dedupeKey: `sanction-proposal:${row.id}`,
    at,
  });
  return row.id;
}
