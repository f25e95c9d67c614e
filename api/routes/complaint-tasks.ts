// The complaint inbox (待办) and statistics per organ (第二十八条), with the review inbox's
// conventions: filters, sort, keyset cursor, capped total. People's lists read PostgreSQL.
import { Prisma } from '../../infra/db';
import { COMPLAINT_READERS } from '../../domain/complaint';
import type { Actor } from '../../domain/roles';
import { regionPrefix } from '../../domain/scope';
import { afterCursor, pageOf } from '../cursor';
import { listTotal, listTotalFields } from '../list-total';
import { inboxOrder, inboxQueryFields } from '../inbox';
import { problems } from '../problem';
import { recordScope } from '../record-scope';
import { defineRoute } from '../route';
import { IsoDateTime, z } from '../schemas';
import { containing } from '../text-search';

const ROLES = COMPLAINT_READERS;

/**
 * The complaints a caller reads (第二十五条, domain/complaint.ts complaintReaderRole): where its handling
 * organ sits. A task is listed only while its complaint is readable — not after it was transferred away.
 */
const READABLE = recordScope<
  { handlingOrgId: string; handlingOrg: { regionCode: string } },
  Prisma.ComplaintWhereInput
>({
  organisationId: { of: (c) => c.handlingOrgId, where: (id) => ({ handlingOrgId: id }) },
  regionCode: {
    of: (c) => c.handlingOrg.regionCode,
    where: (prefix) => ({ handlingOrg: { regionCode: { startsWith: prefix } } }),
  },
});

const InboxQuery = z.object({
  status: z.enum(['OPEN', 'DONE', 'CANCELLED']).default('OPEN'),
  kind: z.enum(['ACCEPTANCE', 'INVESTIGATION', 'EXTENSION_APPROVAL', 'FEEDBACK']).optional(),
  q: z.string().trim().min(1).max(50).optional().openapi({ description: 'Complaint number (contains)' }),
  scope: z.enum(['own', 'supervised']).default('own').openapi({
    description: 'supervised (supervisory organ, justice bureau): overdue tasks of the organs in your region',
  }),
  ...inboxQueryFields,
});

const InboxItem = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.string(),
  overdue: z.boolean(),
  escalations: z.number(),
  dueAt: z.string(),
  dueAtProvisional: z.boolean(),
  createdAt: z.string(),
  assigneeId: z.string().nullable(),
  organisation: z.object({ id: z.string(), name: z.string() }),
  complaint: z.object({ id: z.string(), number: z.string(), status: z.string(), round: z.number() }),
});
const Inbox = z
  .object({
    items: z.array(InboxItem),
    ...listTotalFields,
    nextCursor: z.string().nullable(),
  })
  .openapi('ComplaintInbox');

/** An agency's head oversees its own organ only; 监察机关 and justice bureaus their region. */
function supervises(actor: Actor): boolean {
  return actor.roles.includes('SUPERVISOR') && actor.organisation.type !== 'AGENCY';
}

function inboxWhere(
  actor: Actor,
  q: z.infer<typeof InboxQuery>,
  readable: Prisma.ComplaintWhereInput,
): Prisma.ComplaintTaskWhereInput {
  const where: Prisma.ComplaintTaskWhereInput =
    q.scope === 'own'
      ? { organisationId: actor.organisation.id }
      : { overdue: true, organisation: { regionCode: { startsWith: regionPrefix(actor.organisation) } } };
  where.status = q.status;
  if (q.kind) where.kind = q.kind;
  if (q.overdue !== undefined) where.overdue = q.overdue;
  if (q.assigned === 'me') where.assigneeId = actor.userId;
  if (q.assigned === 'unassigned') where.assigneeId = null;
  if (q.q) where.complaint = { number: containing(q.q) };
  where.complaint = { AND: [readable, where.complaint ?? {}] };
  return where;
}

export const listComplaintTasks = defineRoute({
  method: 'get',
  path: '/api/complaint-tasks',
  summary:
    'The complaint inbox: acceptance, investigation, extension approval and feedback tasks, with filters, sort and cursor',
  tags: ['complaints'],
  auth: ROLES,
  query: InboxQuery,
  responses: { 200: { description: 'A page of tasks', schema: Inbox } },
  handler: async ({ deps, actor, query, visible }) => {
    if (query.scope === 'supervised' && !supervises(actor))
      throw problems.forbidden('only a supervisory organ or justice bureau supervises other organs');
    // 第二十条: neither a complaint about the handler themselves nor one they declared a conflict in.
    const own: Prisma.ComplaintWhereInput = {
      recusals: { none: { userId: actor.userId } },
      ...(actor.officerId ? { subjects: { none: { officerId: actor.officerId } } } : {}),
    };
    const where = inboxWhere(actor, query, { AND: [visible(READABLE), own] });
    const { field, dir } = inboxOrder(query.sort);
    const [rows, total] = await Promise.all([
      deps.db.complaintTask.findMany({
        relationLoadStrategy: 'join',
        where: query.cursor ? { ...where, AND: [afterCursor(query.cursor, field, dir)] } : where,
        orderBy: [{ [field]: dir }, { id: dir }],
        take: query.limit + 1,
        include: { organisation: true, complaint: true },
      }),
      listTotal((take) => deps.db.complaintTask.count({ where, take })),
    ]);
    const page = pageOf(rows, query.limit, total, (t) => t[field]);
    return {
      status: 200,
      body: {
        ...page,
        items: page.items.map((t) => ({
          id: t.id,
          kind: t.kind,
          status: t.status,
          overdue: t.overdue,
          escalations: t.escalations,
          dueAt: t.dueAt.toISOString(),
          dueAtProvisional: t.dueAtProvisional,
          createdAt: t.createdAt.toISOString(),
          assigneeId: t.assigneeId,
          organisation: { id: t.organisation.id, name: t.organisation.name },
          complaint: {
            id: t.complaint.id,
            number: t.complaint.number,
            status: t.complaint.status,
            round: t.complaint.round,
          },
        })),
      },
    };
  },
});

const OrganStats = z.object({
  organisationId: z.string(),
  name: z.string(),
  received: z.number(),
  open: z.number(),
  overdue: z.number().openapi({ description: 'Open complaints with an overdue task' }),
  averageDaysToResult: z.number().nullable(),
  feedbackOnTimePercent: z
    .number()
    .nullable()
    .openapi({ description: 'Of the complaints whose feedback was given or is due' }),
});

export const complaintStatistics = defineRoute({
  method: 'get',
  path: '/api/complaints/statistics',
  summary: 'Per handling organ: received, open, overdue, average days to result, feedback on time (第二十八条)',
  tags: ['complaints'],
  auth: ROLES,
  query: z.object({ from: IsoDateTime.optional(), to: IsoDateTime.optional() }),
  responses: { 200: { description: 'Statistics', schema: z.object({ items: z.array(OrganStats) }) } },
  handler: async ({ deps, actor, query }) => {
    // A handler (or an agency's head) sees its own organ; a supervisory organ or bureau its region.
    const organs = supervises(actor)
      ? Prisma.sql`o."regionCode" LIKE ${regionPrefix(actor.organisation) + '%'}`
      : Prisma.sql`o.id = ${actor.organisation.id}`;
    const from = query.from ? new Date(query.from) : new Date(0);
    const to = query.to ? new Date(query.to) : new Date(8.64e15);
    const rows = await deps.db.$queryRaw<Array<z.infer<typeof OrganStats>>>`
      SELECT o.id AS "organisationId", o.name,
        count(*)::int AS received,
        (count(*) FILTER (WHERE c.status <> 'CLOSED'))::int AS open,
        (count(*) FILTER (WHERE c.status <> 'CLOSED' AND EXISTS (
          SELECT 1 FROM "ComplaintTask" t WHERE t."complaintId" = c.id AND t.status = 'OPEN' AND t.overdue)))::int AS overdue,
        round((avg(extract(epoch FROM c."resultAt" - c."createdAt") / 86400) FILTER (WHERE c."resultAt" IS NOT NULL))::numeric, 1)::float8 AS "averageDaysToResult",
        round(100.0 * count(*) FILTER (WHERE c."feedbackAt" <= c."feedbackDueAt")
          / NULLIF(count(*) FILTER (WHERE c."feedbackAt" IS NOT NULL OR c."feedbackDueAt" < now()), 0), 1)::float8 AS "feedbackOnTimePercent"
      FROM "Complaint" c JOIN "Organisation" o ON o.id = c."handlingOrgId"
      WHERE c.status <> 'SUBMITTED' AND c."createdAt" >= ${from} AND c."createdAt" < ${to} AND ${organs}
      GROUP BY o.id, o.name
      ORDER BY o.name`;
    return { status: 200, body: { items: rows } };
  },
});
