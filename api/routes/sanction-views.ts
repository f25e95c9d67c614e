// 暂扣 / 收缴 as the people concerned see them (第二十九条–第三十二条): the detail with its term, ban,
// 复核 window, 复核, training tasks and timeline, and the list; where a sanction sits for scoping.
import { SANCTION_TYPES } from '../../domain/sanction';
import type { Db, Prisma } from '../../infra/db';
import { afterCursor, encodeCursor } from '../cursor';
import { problems } from '../problem';
import { recordScope } from '../record-scope';
import { defineRoute } from '../route';
import { CertificateStatusSchema, iso, Uuid, z } from '../schemas';

export const SanctionView = z
  .object({
    id: z.string(),
    type: z.enum(SANCTION_TYPES),
    variedFromType: z.enum(SANCTION_TYPES).nullable(),
    status: z.enum(['PENDING_DELIVERY', 'IN_EFFECT', 'ENDED', 'ANNULLED']),
    grounds: z.array(z.number()),
    facts: z.string(),
    certificate: z.object({ number: z.string(), status: CertificateStatusSchema }),
    decidedAt: z.string(),
    deliveredAt: z.string().nullable(),
    termEndsAt: z.string().nullable().openapi({ description: '第三十条: automatic reinstatement at this instant' }),
    banEndsAt: z.string().nullable().openapi({ description: '第三十一条: no new application before this instant' }),
    reviewDeadline: z.string().nullable().openapi({ description: '第三十二条: 复核 may be filed until this instant' }),
    reviewDeadlineProvisional: z.boolean().openapi({
      description:
        'Computed over a year whose holidays are not entered yet: may still move later (民法典 第二百零三条)',
    }),
    review: z
      .object({
        id: z.string(),
        status: z.string(),
        reason: z.string(),
        filedAt: z.string(),
        dueAt: z.string(),
        dueAtProvisional: z.boolean(),
        decidedAt: z.string().nullable(),
        decisionComment: z.string().nullable(),
      })
      .nullable(),
    tasks: z.array(
      z.object({ id: z.string(), kind: z.string(), completedAt: z.string().nullable(), note: z.string().nullable() }),
    ),
    timeline: z.array(
      z.object({
        type: z.string(),
        toStatus: CertificateStatusSchema.nullable(),
        reason: z.string(),
        article: z.string().nullable(),
        occurredAt: z.string(),
      }),
    ),
    endedAt: z.string().nullable(),
    endNote: z.string().nullable(),
  })
  .openapi('Sanction');

type SanctionRow = Prisma.SanctionGetPayload<{ include: { certificate: true; reviewRequest: true } }>;

/** What every view of a sanction shows (list and detail). */
function sanctionSummary(s: SanctionRow) {
  const r = s.reviewRequest;
  return {
    id: s.id,
    type: s.type,
    variedFromType: s.variedFromType,
    status: s.status,
    grounds: s.grounds,
    facts: s.facts,
    certificate: { number: s.certificate.number, status: s.certificate.status },
    decidedAt: s.decidedAt.toISOString(),
    deliveredAt: iso(s.deliveredAt),
    termEndsAt: iso(s.termEndsAt),
    banEndsAt: iso(s.banEndsAt),
    reviewDeadline: iso(s.reviewDeadline),
    reviewDeadlineProvisional: s.reviewDeadlineProvisional,
    review: r
      ? {
          id: r.id,
          status: r.status,
          reason: r.reason,
          filedAt: r.filedAt.toISOString(),
          dueAt: r.dueAt.toISOString(),
          dueAtProvisional: r.dueAtProvisional,
          decidedAt: iso(r.decidedAt),
          decisionComment: r.decisionComment,
        }
      : null,
    endedAt: iso(s.endedAt),
    endNote: s.endNote,
  };
}

/** Where a sanction sits (domain/scope.ts): its card's agency, region and holder — for the detail and the list alike. */
const SANCTION_SCOPE = recordScope<
  { certificate: { organisationId: string; officerId: string; organisation: { regionCode: string } } },
  Prisma.SanctionWhereInput
>({
  organisationId: { of: (s) => s.certificate.organisationId, where: (id) => ({ certificate: { organisationId: id } }) },
  regionCode: {
    of: (s) => s.certificate.organisation.regionCode,
    where: (prefix) => ({ certificate: { organisation: { regionCode: { startsWith: prefix } } } }),
  },
  officerId: { of: (s) => s.certificate.officerId, where: (id) => ({ certificate: { officerId: id } }) },
});

async function sanctionView(db: Db, id: string) {
  const s = await db.sanction.findUnique({
    where: { id },
    include: {
      certificate: { include: { organisation: true } },
      reviewRequest: true,
      tasks: { orderBy: { kind: 'asc' } },
    },
  });
  if (!s) return undefined;
  const events = await db.certificateEvent.findMany({ where: { sanctionId: s.id }, orderBy: { occurredAt: 'asc' } });
  return {
    scope: SANCTION_SCOPE.target(s),
    sanction: s,
    body: {
      ...sanctionSummary(s),
      tasks: s.tasks.map((t) => ({ id: t.id, kind: t.kind, completedAt: iso(t.completedAt), note: t.note })),
      timeline: events.map((e) => ({
        type: e.type,
        toStatus: e.toStatus,
        reason: e.reason,
        article: e.article,
        occurredAt: e.occurredAt.toISOString(),
      })),
    },
  };
}

/** The sanction's view, or 404. */
export async function sanctionOr404(db: Db, id: string) {
  const v = await sanctionView(db, id);
  if (!v) throw problems.notFound(`sanction ${id}`);
  return v;
}

export const getSanction = defineRoute({
  method: 'get',
  path: '/api/sanctions/{id}',
  summary: 'A sanction with its term, ban, 复核 window, 复核, training tasks and timeline',
  tags: ['sanctions'],
  auth: ['SANCTION_OFFICER', 'SUPERVISOR', 'AGENCY_ADMIN', 'OFFICER'],
  params: z.object({ id: Uuid }),
  responses: { 200: { description: 'The sanction', schema: SanctionView }, 404: { description: 'Unknown sanction' } },
  handler: async ({ deps, params, authorise }) => {
    const view = await sanctionOr404(deps.db, params.id);
    await authorise(view.scope);
    return { status: 200, body: view.body };
  },
});

export const listSanctions = defineRoute({
  method: 'get',
  path: '/api/sanctions',
  summary: 'Sanctions you may see, newest decision first, with filters',
  tags: ['sanctions'],
  auth: ['SANCTION_OFFICER', 'SUPERVISOR', 'AGENCY_ADMIN', 'OFFICER'],
  query: z.object({
    status: z.enum(['PENDING_DELIVERY', 'IN_EFFECT', 'ENDED', 'ANNULLED']).optional(),
    type: z.enum(SANCTION_TYPES).optional(),
    district: z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
    agencyId: Uuid.optional(),
    officerId: Uuid.optional().openapi({ description: 'one officer’s (on their record and home page)' }),
    inWindow: z.enum(['true']).optional().openapi({ description: 'the 复核 window is still open' }),
    inReview: z.enum(['true']).optional().openapi({ description: 'a 复核 is pending' }),
    cursor: z.string().max(300).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  }),
  responses: {
    200: {
      description: 'A page of sanctions',
      schema: z.object({
        items: z.array(SanctionView.omit({ timeline: true, tasks: true })),
        nextCursor: z.string().nullable(),
      }),
    },
  },
  handler: async ({ deps, query, visible }) => {
    // Exactly what GET /api/sanctions/{id} lets the caller read (an agency's head: its own agency).
    const where: Prisma.SanctionWhereInput = { AND: [visible(SANCTION_SCOPE)] };
    const and = where.AND as Prisma.SanctionWhereInput[];
    if (query.status) and.push({ status: query.status });
    if (query.type) and.push({ type: query.type });
    if (query.district) and.push({ certificate: { organisation: { regionCode: query.district } } });
    if (query.agencyId) and.push({ certificate: { organisationId: query.agencyId } });
    if (query.officerId) and.push({ certificate: { officerId: query.officerId } });
    if (query.inWindow) and.push({ reviewDeadline: { gte: new Date() }, reviewRequest: { is: null } });
    if (query.inReview) and.push({ reviewRequest: { is: { status: 'PENDING' } } });
    if (query.cursor) and.push(afterCursor(query.cursor, 'decidedAt', 'desc'));
    const rows = await deps.db.sanction.findMany({
      where,
      orderBy: [{ decidedAt: 'desc' }, { id: 'desc' }],
      take: query.limit + 1,
      include: { certificate: true, reviewRequest: true },
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      status: 200,
      body: {
        nextCursor: rows.length > query.limit && last ? encodeCursor(last.decidedAt, last.id) : null,
        items: page.map(sanctionSummary),
      },
    };
  },
});
