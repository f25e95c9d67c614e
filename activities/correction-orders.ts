// Correction-order effects (督促整改, 第二十七条第二款). Each activity writes one step in one transaction —
// the order, its report, a timeline event, notifications and the audit row — and is idempotent: a
// retry finds its own earlier write (the status already moved, the report's key taken, the proposal
// of this order already filed) and returns the same.
import { pageOf } from '../domain/notification-links';
import { CONDUCT_RULES, UNCORRECTED_GROUND, findingText, type ConductRuleCode } from '../domain/conduct-rules';
import type { ActorRef } from '../domain/contracts/actor';
import type {
  CorrectionDeadline,
  CorrectionDecisionInput,
  CorrectionOutcome,
  CorrectionReportInput,
} from '../domain/contracts/correction-order';
import { computeOver, laterDeadline, type CalendarSnapshot, type CalendarSource } from '../domain/calendar';
import type { DeadlineSignal } from '../domain/contracts/calendar';
import { bureauRegion } from '../domain/review-chain';
import { RuleViolation } from '../domain/errors';
import { lastDayInWords, workingDaysLater } from '../domain/time';
import type { ReviewSettings } from '../infra/config';
import type { Db, Prisma } from '../infra/db';
import { writeAudit } from '../store/audit';
import { notify } from '../store/notifications';

type Tx = Prisma.TransactionClient;
type Order = Prisma.CorrectionOrderGetPayload<object>;

const A27 = '第二十七条第二款';

async function event(
  tx: Tx,
  e: {
    orderId: string;
    type: string;
    actor?: ActorRef;
    organisationId?: string;
    comment?: string;
    detail?: Prisma.InputJsonValue;
    at: Date;
    requestId?: string;
  },
): Promise<void> {
  await tx.correctionOrderEvent.create({
    data: {
      orderId: e.orderId,
      type: e.type,
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
    action: `correction-order.${e.type.toLowerCase()}`,
    targetType: 'CorrectionOrder',
    targetId: e.orderId,
    outcome: 'DONE',
    requestId: e.requestId,
    detail: e.detail,
  });
}

const link = (o: { id: string }) => pageOf.correctionOrder(o.id);
const ruleText = (o: Order) => findingText(o.rule);

/**
 * 第二十九条第一款第（四）项: the order not corrected — overdue, the bureau and the agency told, and a
 * 暂扣 proposal to the city bureau over the agency when an officer with a card is named; once per
 * order (the status moves once, the proposal is keyed by the order).
 */
async function notCorrected(tx: Tx, o: Order, at: Date, cause: 'DEADLINE' | 'SENT_BACK_AFTER_DEADLINE') {
  const moved = await tx.correctionOrder.updateMany({
    where: { id: o.id, status: { in: ['OPEN', 'REPORTED'] } },
    data: { status: 'NOT_CORRECTED', overdue: true, closedAt: at },
  });
  if (moved.count !== 1) return;
  const due = o.dueAt ? lastDayInWords(o.dueAt) : '';
  for (const orgId of [o.bureauOrgId, o.agencyId])
    await notify(tx, {
      recipientOrgId: orgId,
      kind: 'CORRECTION_OVERDUE',
      subject: `督促整改逾期未改正：${o.number}`,
      body: `${ruleText(o)}；整改期限 ${due}（${A27}，第二十九条第一款第（四）项）`,
      link: link(o),
      dedupeKey: `correction-overdue:${o.id}:${orgId}`,
      at,
    });
  await event(tx, { orderId: o.id, type: 'NOT_CORRECTED', organisationId: o.bureauOrgId, at, detail: { cause } });
  const proposalId = await proposeSanction(tx, o, at);
  await event(tx, {
    orderId: o.id,
    type: proposalId ? 'SANCTION_PROPOSED' : 'NO_PROPOSAL',
    organisationId: o.bureauOrgId,
    at,
    detail: proposalId ? { proposalId } : { reason: o.officerId ? 'NO_CERTIFICATE' : 'NO_OFFICER_NAMED' },
  });
}

/**
 * The proposal (the same flow as a complaint's, 第二十九条): the officer's card held at the agency, to
 * the city bureau over it, on ground (四); none when no officer is named or the officer holds no card.
 */
async function proposeSanction(tx: Tx, o: Order, at: Date): Promise<string | undefined> {
  if (!o.officerId) return undefined;
  const cert = await tx.certificate.findFirst({
    where: { officerId: o.officerId, organisationId: o.agencyId, status: { in: ['ACTIVE', 'SUSPENDED'] } },
    orderBy: { issuedOn: 'desc' },
  });
  if (!cert) return undefined;
  const bureau = await tx.organisation.findFirstOrThrow({
    where: {
      type: 'JUSTICE_BUREAU',
      level: 'CITY',
      regionCode: bureauRegion('CITY', o.agencyRegionCode),
      active: true,
    },
  });
  const rule = CONDUCT_RULES[o.rule as ConductRuleCode];
  const facts = `督促整改 ${o.number}：${rule ? `${rule.article}（${rule.label}）` : o.rule}。${o.facts}。经督促逾期未改正（第二十九条第一款第（四）项）。`;
  const row = await tx.sanctionProposal.upsert({
    where: { correctionOrderId: o.id },
    update: {},
    create: {
      correctionOrderId: o.id,
      certificateId: cert.id,
      // The lighter measure is proposed; the sanction officer decides the measure (第二十九条).
      type: 'SUSPENSION',
      grounds: [UNCORRECTED_GROUND],
      facts,
      proposedById: o.issuedById,
      proposedByOrgId: o.bureauOrgId,
      bureauOrgId: bureau.id,
      createdAt: at,
    },
  });
  await notify(tx, {
    recipientOrgId: bureau.id,
    kind: 'SANCTION_PROPOSAL',
    subject: `督促整改逾期未改正，建议暂扣/收缴：${cert.number}（${o.number}）`,
    body: facts,
    link: pageOf.sanctionProposal(row.id),
    dedupeKey: `sanction-proposal:${row.id}`,
    at,
  });
  return row.id;
}

export function correctionOrderActivities(db: Db, settings: ReviewSettings, calendar: CalendarSource) {
  return {
    /**
     * 第二十七条第二款 督促整改: the order goes to the agency with its deadline — N working days (民法典
     * 第二百零三条: rest days do not count) — and a reminder before it. The row was written by the API.
     */
    async issueCorrectionOrder(i: { orderId: string; at: string; requestId?: string }): Promise<CorrectionDeadline> {
      return db.$transaction(async (tx) => {
        const at = new Date(i.at);
        let o = await tx.correctionOrder.findUniqueOrThrow({ where: { id: i.orderId } });
        // Stored once: a retry (or an order stored with its deadline) keeps it.
        if (!o.dueAt) {
          const times = correctionTimes(await calendar.snapshot(), settings, at);
          o = await tx.correctionOrder.update({
            where: { id: o.id },
            data: { dueAt: times.dueAt, dueAtProvisional: times.provisional, remindAt: times.remindAt },
          });
        }
        if (!(await tx.correctionOrderEvent.findFirst({ where: { orderId: o.id, type: 'ISSUED' } }))) {
          await notify(tx, {
            recipientOrgId: o.agencyId,
            kind: 'CORRECTION_ORDER',
            subject: `督促整改通知：${o.number}`,
            body: `${ruleText(o)}。请于 ${lastDayInWords(o.dueAt!)}（含）前整改并报告（${A27}）`,
            link: link(o),
            dedupeKey: `correction-order:${o.id}`,
            at,
          });
          await event(tx, {
            orderId: o.id,
            type: 'ISSUED',
            organisationId: o.bureauOrgId,
            at,
            requestId: i.requestId,
            detail: { rule: o.rule, dueAt: o.dueAt!.toISOString() },
          });
        }
        return { dueAt: o.dueAt!.toISOString(), ...(o.remindAt ? { remindAt: o.remindAt.toISOString() } : {}) };
      });
    },

    /** A courtesy before the deadline, while nothing has been reported. */
    async remindCorrectionOrder(i: { orderId: string; at: string }): Promise<void> {
      await db.$transaction(async (tx) => {
        const o = await tx.correctionOrder.findUniqueOrThrow({ where: { id: i.orderId } });
        if (o.status !== 'OPEN' || !o.dueAt) return;
        await notify(tx, {
          recipientOrgId: o.agencyId,
          kind: 'CORRECTION_REMINDER',
          subject: `督促整改即将到期：${o.number}`,
          body: `请于 ${lastDayInWords(o.dueAt)}（含）前整改并报告（${A27}）`,
          link: link(o),
          dedupeKey: `correction-reminder:${o.id}`,
          at: new Date(i.at),
        });
      });
    },

    /** The agency's report: what was corrected, with material of its own (attachments it uploaded). */
    async reportCorrection(i: CorrectionReportInput): Promise<void> {
      await db.$transaction(async (tx) => {
        const at = new Date(i.at);
        const o = await tx.correctionOrder.findUniqueOrThrow({ where: { id: i.orderId } });
        const mine = await tx.attachment.count({
          where: { id: { in: i.attachmentIds }, organisationId: o.agencyId, complaintId: null, applicationId: null },
        });
        if (mine !== new Set(i.attachmentIds).size)
          throw new RuleViolation({
            code: 'ATTACHMENT_NOT_OURS',
            title: '整改材料须为本机关上传的材料',
            detail: 'every attachment must be one the agency uploaded and not used elsewhere',
            status: 422,
          });
        const existing = await tx.correctionReport.findUnique({
          where: { orderId_key: { orderId: o.id, key: i.key } },
        });
        if (existing) return;
        await tx.correctionReport.create({
          data: {
            orderId: o.id,
            key: i.key,
            text: i.text,
            attachmentIds: i.attachmentIds,
            reportedById: i.actor.userId,
            reportedAt: at,
          },
        });
        await tx.correctionOrder.update({ where: { id: o.id }, data: { status: 'REPORTED' } });
        await notify(tx, {
          recipientOrgId: o.bureauOrgId,
          kind: 'CORRECTION_REPORTED',
          subject: `整改情况报告待审核：${o.number}`,
          body: i.text,
          link: link(o),
          dedupeKey: `correction-reported:${o.id}:${i.key}`,
          at,
        });
        await event(tx, {
          orderId: o.id,
          type: 'REPORTED',
          actor: i.actor,
          organisationId: o.agencyId,
          comment: i.text,
          at,
          requestId: i.requestId,
          detail: { attachments: i.attachmentIds.length },
        });
      });
    },

    /**
     * The bureau accepts the report (corrected, closed) or sends it back with the reason: before the
     * deadline the agency may report again; after it the order is not corrected (第二十九条第一款第（四）项).
     */
    async decideCorrectionReport(i: CorrectionDecisionInput): Promise<CorrectionOutcome> {
      return db.$transaction(async (tx) => {
        const at = new Date(i.at);
        const o = await tx.correctionOrder.findUniqueOrThrow({ where: { id: i.orderId } });
        const report = await tx.correctionReport.findFirst({
          where: { orderId: o.id },
          orderBy: { reportedAt: 'desc' },
        });
        const outcome: CorrectionOutcome = i.accept ? 'CORRECTED' : i.deadlinePassed ? 'NOT_CORRECTED' : 'OPEN';
        if (o.status !== 'REPORTED' || !report || report.decision) return o.status as CorrectionOutcome;
        await tx.correctionReport.update({
          where: { id: report.id },
          data: {
            decision: i.accept ? 'ACCEPTED' : 'SENT_BACK',
            decisionNote: i.reason ?? null,
            decidedById: i.actor.userId,
            decidedAt: at,
          },
        });
        await event(tx, {
          orderId: o.id,
          type: i.accept ? 'ACCEPTED' : 'SENT_BACK',
          actor: i.actor,
          organisationId: o.bureauOrgId,
          comment: i.reason,
          at,
          requestId: i.requestId,
        });
        await notify(tx, {
          recipientOrgId: o.agencyId,
          kind: 'CORRECTION_DECIDED',
          subject: `${i.accept ? '整改已通过审核' : '整改报告被退回'}：${o.number}`,
          body: i.accept ? '督促整改事项已办结' : `退回理由：${i.reason ?? ''}`,
          link: link(o),
          dedupeKey: `correction-decided:${report.id}`,
          at,
        });
        if (outcome === 'CORRECTED')
          await tx.correctionOrder.update({ where: { id: o.id }, data: { status: 'CORRECTED', closedAt: at } });
        else if (outcome === 'OPEN') await tx.correctionOrder.update({ where: { id: o.id }, data: { status: 'OPEN' } });
        else await notCorrected(tx, o, at, 'SENT_BACK_AFTER_DEADLINE');
        return outcome;
      });
    },

    /** At the deadline, nothing reported: not corrected — escalated and, where it can be, proposed for 暂扣. */
    async escalateCorrectionOrder(i: { orderId: string; at: string }): Promise<void> {
      await db.$transaction(async (tx) => {
        const o = await tx.correctionOrder.findUniqueOrThrow({ where: { id: i.orderId } });
        if (o.status === 'OPEN') await notCorrected(tx, o, new Date(i.at), 'DEADLINE');
      });
    },
  };
}

/** 第二十七条第二款: an order's deadline and reminder, counted in working days from its issue. */
function correctionTimes(snapshot: CalendarSnapshot, settings: ReviewSettings, issuedAt: Date) {
  const { workingDays, reminderWorkingDaysBefore } = settings.correction;
  const due = computeOver(snapshot, (c) => workingDaysLater(issuedAt, workingDays, c));
  const remind = computeOver(snapshot, (c) =>
    workingDaysLater(issuedAt, Math.max(workingDays - reminderWorkingDaysBefore, 0), c),
  );
  return {
    dueAt: due.value,
    remindAt: reminderWorkingDaysBefore > 0 && remind.value < due.value ? remind.value : null,
    provisional: due.provisional,
  };
}

/**
 * 民法典 第二百零三条 (activities/calendar.ts calls it): open orders whose deadline was provisional,
 * counted again from their issue — moved later only, with an event named `eventId` and the agency
 * told; returns how many are now final where they were.
 */
export async function recomputeCorrectionDeadlines(
  tx: Tx,
  i: {
    snapshot: CalendarSnapshot;
    settings: ReviewSettings;
    at: Date;
    eventId: (rowId: string) => string;
    movedText(from: Date, to: Date): string;
  },
): Promise<number> {
  let confirmed = 0;
  const orders = await tx.correctionOrder.findMany({
    where: { dueAtProvisional: true, status: { in: ['OPEN', 'REPORTED'] }, dueAt: { gt: i.at } },
    include: { events: { where: { type: 'ISSUED' }, take: 1 } },
  });
  for (const o of orders) {
    const issuedAt = o.events[0]?.occurredAt;
    if (!issuedAt || !o.dueAt) continue;
    const times = correctionTimes(i.snapshot, i.settings, issuedAt);
    const dueAt = laterDeadline(o.dueAt, times.dueAt);
    if (!dueAt) {
      if (!times.provisional) confirmed++;
      await tx.correctionOrder.update({ where: { id: o.id }, data: { dueAtProvisional: times.provisional } });
      continue;
    }
    // A reminder already sent is not sent again; else it moves with the deadline.
    const reminded = await tx.notification.count({ where: { dedupeKey: `correction-reminder:${o.id}` } });
    const remindAt = reminded ? o.remindAt : times.remindAt;
    await tx.correctionOrder.update({
      where: { id: o.id },
      data: { dueAt, remindAt, dueAtProvisional: times.provisional },
    });
    const body = i.movedText(o.dueAt, dueAt);
    await tx.correctionOrderEvent.createMany({
      data: [
        {
          id: i.eventId(o.id),
          orderId: o.id,
          type: 'DEADLINE_MOVED',
          organisationId: o.bureauOrgId,
          comment: body,
          detail: { from: o.dueAt.toISOString(), to: dueAt.toISOString() },
          occurredAt: i.at,
        },
      ],
      skipDuplicates: true,
    });
    await notify(tx, {
      recipientOrgId: o.agencyId,
      kind: 'CORRECTION_DEADLINE_MOVED',
      subject: `整改期限顺延：${o.number}`,
      body,
      link: link(o),
      dedupeKey: i.eventId(o.id),
      at: i.at,
    });
  }
  return confirmed;
}

/** The order workflows to tell about the deadlines a recompute moved (`prefix`: its event ids). */
export async function correctionDeadlineSignals(tx: Tx, prefix: string): Promise<DeadlineSignal[]> {
  const events = await tx.correctionOrderEvent.findMany({
    where: { id: { startsWith: prefix } },
    include: { order: true },
  });
  return events.map(({ order: o }) => ({
    workflowId: o.workflowId,
    move: {
      kind: 'CORRECTION_ORDER' as const,
      orderId: o.id,
      dueAt: o.dueAt!.toISOString(),
      ...(o.remindAt ? { remindAt: o.remindAt.toISOString() } : {}),
    },
  }));
}
