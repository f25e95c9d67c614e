// Sanction effects (第二十九条–第三十一条). Each activity is idempotent: a retry after a crash
// finds its own earlier write and returns the same result.
import type { SanctionType } from '../domain/sanction';
import type { Db } from '../infra/db';
import { changeCertificateStatus } from './certificate-store';
import { refusalsAreFinal } from './failures';

export interface SanctionDecision {
  sanctionId: string;
  workflowId: string;
  certificateId: string;
  type: SanctionType;
  grounds: number[];
  facts: string;
  decidedById: string;
  decidedAt: string;
  deliveredAt: string;
  termEndsAt?: string;
  banEndsAt?: string;
}

export interface SanctionOutcome {
  certificateStatus: string;
  sanctionStatus: string;
  endNote?: string | null;
}

export function sanctionActivities(db: Db) {
  return {
    /** Records the decision and applies it to the certificate at delivery (送达). */
    async applySanction(d: SanctionDecision): Promise<SanctionOutcome> {
      return refusalsAreFinal(() =>
        db.$transaction(async (tx) => {
          const existing = await tx.sanction.findUnique({ where: { id: d.sanctionId }, include: { certificate: true } });
          if (existing) return { certificateStatus: existing.certificate.status, sanctionStatus: existing.status };
          const deliveredAt = new Date(d.deliveredAt);
          await tx.sanction.create({
            data: {
              id: d.sanctionId,
              workflowId: d.workflowId,
              certificateId: d.certificateId,
              type: d.type,
              grounds: d.grounds,
              facts: d.facts,
              decidedById: d.decidedById,
              decidedAt: new Date(d.decidedAt),
              deliveredAt,
              termEndsAt: d.termEndsAt ? new Date(d.termEndsAt) : null,
              banEndsAt: d.banEndsAt ? new Date(d.banEndsAt) : null,
            },
          });
          const { to } = await changeCertificateStatus(tx, {
            certificateId: d.certificateId,
            action: d.type === 'SUSPENSION' ? 'SUSPEND' : 'REVOKE',
            reason: d.type === 'SUSPENSION' ? '暂扣行政执法证' : '收缴行政执法证',
            actorId: d.decidedById,
            sanctionId: d.sanctionId,
            at: deliveredAt,
          });
          return { certificateStatus: to, sanctionStatus: 'IN_EFFECT' };
        }),
      );
    },

    /**
     * 第三十条: the 30-day term is over. The certificate is reinstated automatically, unless it was
     * revoked or cancelled meanwhile; then nothing is reinstated and the reason is recorded.
     */
    async endSuspension(input: { sanctionId: string; at: string }): Promise<SanctionOutcome> {
      return refusalsAreFinal(() =>
        db.$transaction(async (tx) => {
          const s = await tx.sanction.findUniqueOrThrow({ where: { id: input.sanctionId }, include: { certificate: true } });
          if (s.status !== 'IN_EFFECT') {
            return { certificateStatus: s.certificate.status, sanctionStatus: s.status, endNote: s.endNote };
          }
          const at = new Date(input.at);
          let certificateStatus: string = s.certificate.status;
          let endNote = '暂扣期满，证件自动恢复';
          if (s.certificate.status === 'SUSPENDED') {
            ({ to: certificateStatus } = await changeCertificateStatus(tx, {
              certificateId: s.certificateId,
              action: 'REINSTATE',
              reason: endNote,
              actorId: null,
              sanctionId: s.id,
              at,
            }));
          } else {
            endNote = `暂扣期满，但证件已为 ${s.certificate.status}，不予恢复`;
          }
          await tx.sanction.update({ where: { id: s.id }, data: { status: 'ENDED', endedAt: at, endNote } });
          return { certificateStatus, sanctionStatus: 'ENDED', endNote };
        }),
      );
    },
  };
}
