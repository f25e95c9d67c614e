// Sanction effects (第二十九条–第三十一条). Each activity is idempotent: a retry after a crash
// finds its own earlier write and returns the same result.
import { pageOf } from '../domain/notification-links';
import type { ReviewOutcome, SanctionDecision, SanctionOutcome } from '../domain/contracts/sanction';
import type { Db, Prisma } from '../infra/db';
import { changeCertificateStatus } from '../store/certificate-store';
import { writeAudit } from '../store/audit';
import { notify } from '../store/notifications';
import { transition, type CertificateStatus } from '../domain/certificate-state';
import { RuleViolation } from '../domain/errors';
import { lastDayInWords } from '../domain/time';
import { CERTIFICATE_STATUS_WORDS } from '../domain/labels';
import { REVIEW_OUTCOME_LABELS } from '../domain/sanction';

/** 第三十条: the agency arranges training and an exam for the suspended officer (in the caller's transaction). */
async function openTrainingTasks(tx: Prisma.TransactionClient, sanctionId: string, at: Date): Promise<void> {
  const s = await tx.sanction.findUniqueOrThrow({ where: { id: sanctionId }, include: { certificate: true } });
  for (const kind of ['TRAINING', 'EXAM'] as const) {
    await tx.sanctionTask.upsert({
      where: { sanctionId_kind: { sanctionId: s.id, kind } },
      update: {},
      create: { sanctionId: s.id, kind, organisationId: s.certificate.organisationId, createdAt: at },
    });
  }
  await notify(tx, {
    recipientOrgId: s.certificate.organisationId,
    kind: 'SANCTION_TRAINING',
    subject: `暂扣期间培训、考试安排：${s.certificate.number}`,
    body: '行政执法人员被暂扣行政执法证的，应当参加所在行政执法机关安排的培训、考试（第三十条）',
    link: pageOf.sanction(s.id),
    dedupeKey: `sanction-training:${s.id}`,
    at,
  });
}

/** Another 暂扣 of the same card still within its term at `at` (then the card stays SUSPENDED). */
async function otherSuspensionRunning(
  tx: Prisma.TransactionClient,
  certificateId: string,
  sanctionId: string,
  at: Date,
): Promise<boolean> {
  const n = await tx.sanction.count({
    where: { certificateId, id: { not: sanctionId }, type: 'SUSPENSION', status: 'IN_EFFECT', termEndsAt: { gt: at } },
  });
  return n > 0;
}

/** The decision's own columns (第二十九条: type, grounds, facts, who decided when). */
function decisionRow(d: SanctionDecision) {
  return {
    id: d.sanctionId,
    workflowId: d.workflowId,
    certificateId: d.certificateId,
    type: d.type,
    grounds: d.grounds,
    facts: d.facts,
    decidedById: d.decidedById,
    decidedAt: new Date(d.decidedAt),
  };
}

export function sanctionActivities(db: Db) {
  return {
    /** A decision not yet delivered: recorded, the certificate unchanged until 送达. */
    async recordPendingSanction(d: SanctionDecision): Promise<SanctionOutcome> {
      return db.$transaction(async (tx) => {
        const existing = await tx.sanction.findUnique({ where: { id: d.sanctionId }, include: { certificate: true } });
        if (existing) return { certificateStatus: existing.certificate.status, sanctionStatus: existing.status };
        const cert = await tx.certificate.findUniqueOrThrow({ where: { id: d.certificateId } });
        const undelivered = await tx.sanction.count({
          where: { certificateId: d.certificateId, status: 'PENDING_DELIVERY' },
        });
        if (undelivered > 0) {
          throw new RuleViolation({
            code: 'SANCTION_PENDING',
            title: '该证件已有待送达的处理决定',
            detail: 'another decision on this certificate awaits delivery',
            article: '第二十九条',
          });
        }
        // Refuse now what delivery would refuse (a second 暂扣, a final status); delivery checks again.
        transition(cert.status as CertificateStatus, d.type === 'SUSPENSION' ? 'SUSPEND' : 'REVOKE');
        await tx.sanction.create({ data: { ...decisionRow(d), status: 'PENDING_DELIVERY' } });
        await writeAudit(tx, {
          actorId: d.decidedById,
          action: 'sanction.decide',
          targetType: 'Sanction',
          targetId: d.sanctionId,
          outcome: 'DONE',
          requestId: d.requestId,
          detail: { type: d.type, grounds: d.grounds, delivered: false },
        });
        return { certificateStatus: cert.status, sanctionStatus: 'PENDING_DELIVERY' };
      });
    },

    /** 第三十二条: 复核 filed with the deciding organ; execution continues meanwhile. */
    async fileReviewRequest(i: {
      sanctionId: string;
      reason: string;
      filedById: string;
      filedByRole: string;
      at: string;
      dueAt: string;
      dueAtProvisional?: boolean;
      requestId?: string;
    }): Promise<{ reviewId: string }> {
      return db.$transaction(async (tx) => {
        const existing = await tx.reviewRequest.findUnique({ where: { sanctionId: i.sanctionId } });
        if (existing) return { reviewId: existing.id };
        const at = new Date(i.at);
        const s = await tx.sanction.findUniqueOrThrow({ where: { id: i.sanctionId }, include: { certificate: true } });
        const r = await tx.reviewRequest.create({
          data: {
            sanctionId: s.id,
            filedById: i.filedById,
            filedByRole: i.filedByRole,
            filedAt: at,
            reason: i.reason,
            dueAt: new Date(i.dueAt),
            dueAtProvisional: i.dueAtProvisional ?? false,
          },
        });
        await tx.certificateEvent.create({
          data: {
            certificateId: s.certificateId,
            type: 'REVIEW_FILED',
            reason: '申请复核（复核期间不停止原决定的执行）',
            article: '第三十二条',
            actorId: i.filedById,
            sanctionId: s.id,
            occurredAt: at,
          },
        });
        const decider = await tx.user.findUnique({ where: { id: s.decidedById }, select: { organisationId: true } });
        if (decider) {
          await notify(tx, {
            recipientOrgId: decider.organisationId,
            kind: 'REVIEW_FILED',
            subject: `复核申请：${s.certificate.number}`,
            body: i.reason,
            link: pageOf.sanction(s.id),
            dedupeKey: `review-filed:${r.id}`,
            at,
          });
        }
        await writeAudit(tx, {
          actorId: i.filedById,
          actorRoles: [i.filedByRole],
          action: 'sanction.review.file',
          targetType: 'Sanction',
          targetId: s.id,
          outcome: 'DONE',
          requestId: i.requestId,
          detail: { reviewId: r.id },
        });
        return { reviewId: r.id };
      });
    },

    /** A 复核 still undecided at its due time: the deciding organ is told (once). */
    async escalateReview(i: { sanctionId: string; at: string }): Promise<void> {
      await db.$transaction(async (tx) => {
        const s = await tx.sanction.findUniqueOrThrow({
          where: { id: i.sanctionId },
          include: { certificate: true, reviewRequest: true },
        });
        const decider = await tx.user.findUnique({ where: { id: s.decidedById }, select: { organisationId: true } });
        if (!decider || s.reviewRequest?.status !== 'PENDING') return;
        await notify(tx, {
          recipientOrgId: decider.organisationId,
          kind: 'REVIEW_OVERDUE',
          subject: `复核已超过办理期限：${s.certificate.number}`,
          body: `复核申请应于 ${lastDayInWords(s.reviewRequest.dueAt)}（含）前作出决定（第三十二条）`,
          link: pageOf.sanction(s.id),
          dedupeKey: `review-overdue:${s.reviewRequest.id}`,
          at: new Date(i.at),
        });
      });
    },

    /**
     * 第三十二条: the deciding organ's 复核 decision. ANNULLED reinstates at once and lifts the ban;
     * VARIED turns a 收缴 into a 暂扣 counted from the original delivery.
     */
    async decideReviewRequest(i: {
      sanctionId: string;
      outcome: ReviewOutcome;
      comment: string;
      actorId: string;
      actorRole: string;
      at: string;
      variedTermEndsAt?: string;
      requestId?: string;
    }): Promise<SanctionOutcome> {
      return db.$transaction(async (tx) => {
        const at = new Date(i.at);
        const s = await tx.sanction.findUniqueOrThrow({
          where: { id: i.sanctionId },
          include: { certificate: true, reviewRequest: true },
        });
        const review = s.reviewRequest!;
        if (review.status !== 'PENDING')
          return { certificateStatus: s.certificate.status, sanctionStatus: s.status, endNote: s.endNote }; // retry
        await tx.reviewRequest.update({
          where: { id: review.id },
          data: { status: i.outcome, decidedById: i.actorId, decidedAt: at, decisionComment: i.comment },
        });
        let certificateStatus: string = s.certificate.status;
        let sanctionStatus: string = s.status;
        let endNote: string | null = s.endNote;
        const change = (action: 'REINSTATE' | 'ANNUL_REVOCATION' | 'VARY_TO_SUSPENSION', reason: string) =>
          changeCertificateStatus(tx, {
            certificateId: s.certificateId,
            action,
            reason,
            actorId: i.actorId,
            sanctionId: s.id,
            at,
            article: '第三十二条',
          });
        if (i.outcome === 'ANNULLED') {
          if (s.certificate.status === 'SUSPENDED' && s.type === 'SUSPENSION')
            ({ to: certificateStatus } = await change('REINSTATE', '复核撤销暂扣决定，证件即时恢复'));
          else if (s.certificate.status === 'REVOKED' && s.type === 'REVOCATION') {
            ({ to: certificateStatus } = (await otherSuspensionRunning(tx, s.certificateId, s.id, at))
              ? await change('VARY_TO_SUSPENSION', '复核撤销收缴决定；另一暂扣仍在期内，证件恢复为暂扣')
              : await change('ANNUL_REVOCATION', '复核撤销收缴决定，证件即时恢复'));
          }
          endNote = `复核撤销原决定：${i.comment}`;
          // 第三十条's training and exam are no longer owed: the open tasks are closed with the reason.
          await tx.sanctionTask.updateMany({
            where: { sanctionId: s.id, completedAt: null },
            data: { completedAt: at, completedById: i.actorId, note: '复核撤销原决定，无需安排' },
          });
          sanctionStatus = 'ANNULLED';
          await tx.sanction.update({
            where: { id: s.id },
            data: { status: 'ANNULLED', endedAt: at, endNote, banEndsAt: null },
          });
        } else if (i.outcome === 'VARIED') {
          if (s.certificate.status === 'REVOKED')
            ({ to: certificateStatus } = await change('VARY_TO_SUSPENSION', '复核将收缴变更为暂扣'));
          await openTrainingTasks(tx, s.id, at);
          await tx.sanction.update({
            where: { id: s.id },
            data: {
              type: 'SUSPENSION',
              variedFromType: 'REVOCATION',
              banEndsAt: null,
              termEndsAt: new Date(i.variedTermEndsAt!),
            },
          });
        } else {
          await tx.certificateEvent.create({
            data: {
              certificateId: s.certificateId,
              type: 'REVIEW_UPHELD',
              reason: `复核维持原决定：${i.comment}`,
              article: '第三十二条',
              actorId: i.actorId,
              sanctionId: s.id,
              occurredAt: at,
            },
          });
        }
        await notify(tx, {
          recipientOrgId: s.certificate.organisationId,
          kind: 'REVIEW_DECIDED',
          subject: `复核结果：${s.certificate.number}`,
          body: `${REVIEW_OUTCOME_LABELS[i.outcome]}：${i.comment}（第三十二条）`,
          link: pageOf.sanction(s.id),
          dedupeKey: `review-decided:${review.id}`,
          at,
        });
        await writeAudit(tx, {
          actorId: i.actorId,
          actorRoles: [i.actorRole],
          action: `sanction.review.${i.outcome.toLowerCase()}`,
          targetType: 'Sanction',
          targetId: s.id,
          outcome: 'DONE',
          requestId: i.requestId,
          detail: { before: s.certificate.status, after: certificateStatus },
        });
        return { certificateStatus, sanctionStatus, endNote };
      });
    },

    /** Records the decision and applies it to the certificate at delivery (送达). */
    async applySanction(d: SanctionDecision): Promise<SanctionOutcome> {
      return db.$transaction(async (tx) => {
        const existing = await tx.sanction.findUnique({ where: { id: d.sanctionId }, include: { certificate: true } });
        if (existing && existing.status !== 'PENDING_DELIVERY') {
          return { certificateStatus: existing.certificate.status, sanctionStatus: existing.status };
        }
        if (!d.deliveredAt) throw new Error('applySanction needs the delivery');
        const deliveredAt = new Date(d.deliveredAt);
        const delivery = {
          deliveredAt,
          termEndsAt: d.termEndsAt ? new Date(d.termEndsAt) : null,
          banEndsAt: d.banEndsAt ? new Date(d.banEndsAt) : null,
          reviewDeadline: d.reviewDeadline ? new Date(d.reviewDeadline) : null,
          reviewDeadlineProvisional: d.reviewDeadlineProvisional ?? false,
          status: 'IN_EFFECT' as const,
        };
        if (existing) await tx.sanction.update({ where: { id: d.sanctionId }, data: delivery });
        else await tx.sanction.create({ data: { ...decisionRow(d), ...delivery } });
        const { to } = await changeCertificateStatus(tx, {
          certificateId: d.certificateId,
          action: d.type === 'SUSPENSION' ? 'SUSPEND' : 'REVOKE',
          reason: d.type === 'SUSPENSION' ? '暂扣行政执法证' : '收缴行政执法证',
          actorId: d.decidedById,
          sanctionId: d.sanctionId,
          at: deliveredAt,
        });
        if (d.type === 'SUSPENSION') await openTrainingTasks(tx, d.sanctionId, deliveredAt);
        return { certificateStatus: to, sanctionStatus: 'IN_EFFECT' };
      });
    },

    /**
     * 第三十条: the 30-day term is over. The certificate is reinstated automatically, unless it was
     * revoked or cancelled meanwhile; then nothing is reinstated and the reason is recorded.
     */
    async endSuspension(input: { sanctionId: string; at: string }): Promise<SanctionOutcome> {
      return db.$transaction(async (tx) => {
        const s = await tx.sanction.findUniqueOrThrow({
          where: { id: input.sanctionId },
          include: { certificate: true },
        });
        if (s.status !== 'IN_EFFECT') {
          return { certificateStatus: s.certificate.status, sanctionStatus: s.status, endNote: s.endNote };
        }
        const at = new Date(input.at);
        let certificateStatus: string = s.certificate.status;
        let endNote = '暂扣期满，证件自动恢复';
        if (s.certificate.status === 'SUSPENDED' && (await otherSuspensionRunning(tx, s.certificateId, s.id, at))) {
          endNote = '暂扣期满，但同一证件的另一暂扣仍在期内，暂不恢复';
        } else if (s.certificate.status === 'SUSPENDED') {
          ({ to: certificateStatus } = await changeCertificateStatus(tx, {
            certificateId: s.certificateId,
            action: 'REINSTATE',
            reason: endNote,
            actorId: null,
            sanctionId: s.id,
            at,
          }));
        } else {
          endNote = `暂扣期满，但证件${CERTIFICATE_STATUS_WORDS[s.certificate.status]}，不予恢复`;
        }
        await tx.sanction.update({ where: { id: s.id }, data: { status: 'ENDED', endedAt: at, endNote } });
        return { certificateStatus, sanctionStatus: 'ENDED', endNote };
      });
    },
  };
}
