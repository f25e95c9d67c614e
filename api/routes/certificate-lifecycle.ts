// The agency's acts on a certificate: cancellation (注销, 第九条) with the 5-year retention after a
// 调动, and a lost or damaged card (第十条), which voids a lost card at once and starts its 补发.
import { changeCertificateStatus } from '../../store/certificate-store';
import {
  CANCELLATION_GROUNDS,
  RETENTION_TERM,
  retainsQualification,
  type CancellationGround,
} from '../../domain/cancellation';
import { REISSUE_REASONS } from '../../domain/eligibility';
import { fixedTermEnd, startOfLocalDay } from '../../domain/time';
import type { Db, Prisma } from '../../infra/db';
import { actorRef } from '../actor-ref';
import { idempotent } from '../idempotency';
import { problems } from '../problem';
import { defineRoute } from '../route';
import { PastLocalDate, z } from '../schemas';
import { startApplication } from '../application-intake';
import { RuleViolation } from '../../domain/errors';

/** The card, refusing one whose holder has moved to another agency (its new agency applies for 换发, 第八条). */
async function cardOf(db: Db, number: string) {
  const cert = await db.certificate.findUnique({ where: { number }, include: { officer: true } });
  if (!cert) throw problems.notFound(`certificate ${number}`);
  if (cert.officer.organisationId !== cert.organisationId) {
    throw new RuleViolation({
      code: 'HOLDER_TRANSFERRED',
      title: '持证人已调入其他机关',
      detail: 'the holder now belongs to another agency, which applies for 换发',
      article: '第八条',
    });
  }
  return cert;
}

/**
 * 注销 (第九条) inside the caller's transaction; for 调动 the qualification is kept 5 years (第九条第二款).
 * A suspended card may be cancelled too: its suspension then ends without reinstatement.
 */
export async function cancelCertificateIn(
  tx: Prisma.TransactionClient,
  c: {
    certificateId: string;
    officerId: string;
    ground: CancellationGround;
    effectiveOn: string;
    note?: string;
    actorId: string;
    at: Date;
  },
): Promise<Date | null> {
  const retainedUntil = retainsQualification(c.ground)
    ? fixedTermEnd(startOfLocalDay(c.effectiveOn), RETENTION_TERM)
    : null;
  await changeCertificateStatus(tx, {
    certificateId: c.certificateId,
    action: 'CANCEL',
    reason: `注销：${CANCELLATION_GROUNDS[c.ground]}（${c.effectiveOn} 起）${c.note ? `，${c.note}` : ''}`,
    actorId: c.actorId,
    at: c.at,
  });
  if (retainedUntil)
    await tx.qualificationRetention.create({
      data: { officerId: c.officerId, certificateId: c.certificateId, retainedUntil },
    });
  return retainedUntil;
}

export const CancellationBody = z.object({
  ground: z
    .enum(Object.keys(CANCELLATION_GROUNDS) as [CancellationGround])
    .openapi({ description: 'TRANSFER (调动) keeps the qualification for 5 years' }),
  effectiveOn: PastLocalDate,
  note: z.string().trim().max(2000).optional(),
});

const byNumber = z.object({ number: z.string().min(1).max(64) });

export const cancelCertificate = defineRoute({
  method: 'post',
  path: '/api/certificates/{number}/cancellation',
  summary: 'Cancel (注销) a certificate on departure or another legal ground (第九条)',
  tags: ['certificates'],
  auth: ['AGENCY_ADMIN'],
  params: byNumber,
  body: CancellationBody,
  idempotent: true,
  responses: {
    200: {
      description: 'Cancelled',
      schema: z.object({ number: z.string(), status: z.string(), retainedUntil: z.string().nullable() }),
    },
    404: { description: 'Unknown certificate' },
    409: { description: 'Not cancellable in its status' },
  },
  handler: async ({ deps, req, params, body, actor, authorise }) => {
    const cert = await cardOf(deps.db, params.number);
    await authorise({ organisationId: cert.organisationId });
    return idempotent(
      deps.db,
      req,
      {
        route: 'POST /api/certificates/{number}/cancellation',
        actorId: actor.userId,
        body: { number: cert.number, ...body },
      },
      async () => {
        const retainedUntil = await deps.db.$transaction((tx) =>
          cancelCertificateIn(tx, {
            ...body,
            certificateId: cert.id,
            officerId: cert.officerId,
            actorId: actor.userId,
            at: new Date(),
          }),
        );
        return {
          status: 200,
          body: { number: cert.number, status: 'CANCELLED', retainedUntil: retainedUntil?.toISOString() ?? null },
        };
      },
    );
  },
});

export const reportLostCard = defineRoute({
  method: 'post',
  path: '/api/certificates/{number}/loss-report',
  summary: 'Report a lost or damaged card (第十条): a lost card is void at once; the 补发 application starts',
  tags: ['certificates'],
  auth: ['AGENCY_ADMIN'],
  params: byNumber,
  body: z.object({ reason: z.enum(REISSUE_REASONS), note: z.string().trim().max(2000).optional() }),
  idempotent: true,
  responses: {
    201: {
      description: 'Reported; the 补发 application',
      schema: z.object({ number: z.string(), status: z.string(), applicationId: z.string() }),
    },
    404: { description: 'Unknown certificate' },
    409: { description: 'Not possible in its status' },
    422: { description: 'The officer may not receive a new card (reasons with articles)' },
  },
  handler: async ({ deps, req, params, body, actor, authorise, requestId }) => {
    const cert = await cardOf(deps.db, params.number);
    const role = await authorise({ organisationId: cert.organisationId });
    return idempotent(
      deps.db,
      req,
      {
        route: 'POST /api/certificates/{number}/loss-report',
        actorId: actor.userId,
        body: { number: cert.number, ...body },
      },
      async (claim) => {
        // 第三十条: no new card while a suspension runs (voiding it first would get around the 暂扣).
        if (cert.status === 'SUSPENDED') {
          throw new RuleViolation({
            code: 'CERTIFICATE_SUSPENDED',
            title: '证件暂扣期间不予补发',
            detail: 'the card is suspended: no replacement while the suspension runs',
            article: '第三十条',
          });
        }
        if (body.reason === 'LOST' && cert.status !== 'VOID') {
          await deps.db.$transaction((tx) =>
            changeCertificateStatus(tx, {
              certificateId: cert.id,
              action: 'VOID',
              reason: `证件遗失${body.note ? `：${body.note}` : ''}`,
              actorId: actor.userId,
              at: new Date(),
            }),
          );
        }
        await startApplication(deps, claim, actorRef(actor, role), requestId, {
          kind: 'REISSUE',
          officerId: cert.officerId,
          organisationId: cert.organisationId,
          previousCertificateId: cert.id,
          reissueReason: body.reason,
          note: body.note,
          attachmentIds: [],
        });
        const now = await deps.db.certificate.findUniqueOrThrow({ where: { id: cert.id } });
        return { status: 201, body: { number: cert.number, status: now.status, applicationId: claim.id } };
      },
    );
  },
});
