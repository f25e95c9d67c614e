// Correction orders (督促整改, 第二十七条第二款): the agency the order goes to reads it and reports what it
// corrected (with material it uploaded); the issuing bureau accepts or sends the report back. Both are
// Workflow Updates of `correction-order-<id>` whose validators refuse another agency or bureau (403)
// and a closed order (409). The bureaus over the agency's region follow the orders.
import {
  CONDUCT_RULES,
  CORRECTION_ORDER_STATUSES,
  findingText,
  type ConductRuleCode,
} from '../../domain/conduct-rules';
import { SUPERVISION_ROLES } from '../../domain/supervision';
import { lastDayBefore } from '../../domain/time';
import type { Db, Prisma } from '../../infra/db';
import { decideCorrection, reportCorrection } from '../../workflows/correction-order';
import { RuleViolation } from '../../domain/errors';
import { problems } from '../problem';
import { recordScope } from '../record-scope';
import { defineRoute, updateTarget, workflowUpdateRoute } from '../route';
import { iso, Uuid, z } from '../schemas';

const ORDER_INCLUDE = {
  check: { include: { plan: true } },
  reports: { orderBy: { reportedAt: 'asc' } },
  events: { orderBy: { occurredAt: 'asc' } },
  proposal: true,
} satisfies Prisma.CorrectionOrderInclude;
type OrderRow = Prisma.CorrectionOrderGetPayload<{ include: typeof ORDER_INCLUDE }>;

/** An order sits at its agency: the agency reads it, the bureaus over the agency's region follow it. */
const ORDER_SCOPE = recordScope<OrderRow, Prisma.CorrectionOrderWhereInput>({
  organisationId: { of: (o) => o.agencyId, where: (id) => ({ agencyId: id }) },
  regionCode: { of: (o) => o.agencyRegionCode, where: (prefix) => ({ agencyRegionCode: { startsWith: prefix } }) },
});
const READERS = ['AGENCY_ADMIN', ...SUPERVISION_ROLES] as const;

const OrderSummary = z.object({
  id: z.string(),
  number: z.string(),
  status: z.enum(Object.keys(CORRECTION_ORDER_STATUSES) as [keyof typeof CORRECTION_ORDER_STATUSES]),
  statusText: z.string(),
  rule: z.string(),
  article: z.string(),
  ruleText: z.string(),
  agency: z.object({ id: z.string(), name: z.string() }),
  bureau: z.object({ id: z.string(), name: z.string() }),
  officer: z.object({ id: z.string(), name: z.string() }).nullable(),
  dueAt: z.string().nullable(),
  dueDay: z.string().nullable().openapi({ description: 'The last day to act, Asia/Shanghai (legal day)' }),
  dueAtProvisional: z.boolean(),
  overdue: z.boolean(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
});

const OrderView = OrderSummary.extend({
  facts: z.string(),
  check: z.object({
    id: z.string(),
    planId: z.string(),
    planNumber: z.string(),
    method: z.string(),
    checkedOn: z.string(),
  }),
  reports: z.array(
    z.object({
      id: z.string(),
      text: z.string(),
      attachments: z.array(z.object({ id: z.string(), fileName: z.string(), size: z.number() })),
      reportedAt: z.string(),
      decision: z.string().nullable(),
      decisionNote: z.string().nullable(),
      decidedAt: z.string().nullable(),
    }),
  ),
  proposal: z
    .object({
      id: z.string(),
      status: z.string(),
      type: z.string(),
      grounds: z.array(z.number()),
      decisionNote: z.string().nullable(),
      sanction: z.object({ id: z.string(), type: z.string(), status: z.string() }).nullable(),
    })
    .nullable()
    .openapi({ description: '第二十九条第一款第（四）项: the proposal filed when not corrected, and its sanction' }),
  timeline: z.array(
    z.object({
      type: z.string(),
      actorRole: z.string().nullable(),
      comment: z.string().nullable(),
      occurredAt: z.string(),
    }),
  ),
}).openapi('CorrectionOrder');

async function names(db: Db, orgIds: string[], officerIds: string[]) {
  const [orgs, officers] = await Promise.all([
    db.organisation.findMany({ where: { id: { in: orgIds } }, select: { id: true, name: true } }),
    db.officer.findMany({ where: { id: { in: officerIds } }, select: { id: true, name: true } }),
  ]);
  return {
    org: new Map(orgs.map((o) => [o.id, o.name])),
    officer: new Map(officers.map((o) => [o.id, o.name])),
  };
}

function summaryOf(o: OrderRow, n: Awaited<ReturnType<typeof names>>): z.infer<typeof OrderSummary> {
  return {
    id: o.id,
    number: o.number,
    status: o.status,
    statusText: CORRECTION_ORDER_STATUSES[o.status],
    rule: o.rule,
    article: CONDUCT_RULES[o.rule as ConductRuleCode]?.article ?? '',
    ruleText: findingText(o.rule),
    agency: { id: o.agencyId, name: n.org.get(o.agencyId) ?? '' },
    bureau: { id: o.bureauOrgId, name: n.org.get(o.bureauOrgId) ?? '' },
    officer: o.officerId ? { id: o.officerId, name: n.officer.get(o.officerId) ?? '' } : null,
    dueAt: iso(o.dueAt),
    dueDay: o.dueAt ? lastDayBefore(o.dueAt) : null,
    dueAtProvisional: o.dueAtProvisional,
    overdue: o.overdue,
    createdAt: o.createdAt.toISOString(),
    closedAt: iso(o.closedAt),
  };
}

async function orderOr404(db: Db, id: string): Promise<OrderRow> {
  const o = await db.correctionOrder.findUnique({ where: { id }, include: ORDER_INCLUDE });
  if (!o) throw problems.notFound(`correction order ${id}`);
  return o;
}

async function orderView(db: Db, o: OrderRow): Promise<z.infer<typeof OrderView>> {
  const n = await names(db, [o.agencyId, o.bureauOrgId], o.officerId ? [o.officerId] : []);
  const files = await db.attachment.findMany({
    where: { id: { in: o.reports.flatMap((r) => r.attachmentIds) } },
    select: { id: true, fileName: true, size: true },
  });
  const sanction = o.proposal?.sanctionId
    ? await db.sanction.findUnique({
        where: { id: o.proposal.sanctionId },
        select: { id: true, type: true, status: true },
      })
    : null;
  return {
    ...summaryOf(o, n),
    facts: o.facts,
    check: {
      id: o.check.id,
      planId: o.check.planId,
      planNumber: o.check.plan.number,
      method: o.check.plan.method,
      checkedOn: o.check.checkedOn,
    },
    reports: o.reports.map((r) => ({
      id: r.id,
      text: r.text,
      attachments: files.filter((f) => r.attachmentIds.includes(f.id)),
      reportedAt: r.reportedAt.toISOString(),
      decision: r.decision,
      decisionNote: r.decisionNote,
      decidedAt: iso(r.decidedAt),
    })),
    proposal: o.proposal && {
      id: o.proposal.id,
      status: o.proposal.status,
      type: o.proposal.type,
      grounds: o.proposal.grounds,
      decisionNote: o.proposal.decisionNote,
      sanction,
    },
    timeline: o.events.map((e) => ({
      type: e.type,
      actorRole: e.actorRole,
      comment: e.comment,
      occurredAt: e.occurredAt.toISOString(),
    })),
  };
}

export const listCorrectionOrders = defineRoute({
  method: 'get',
  path: '/api/correction-orders',
  summary: 'Correction orders (督促整改, 第二十七条第二款): to your agency, or of your region’s agencies',
  tags: ['supervision'],
  auth: READERS,
  query: z.object({ status: z.enum(Object.keys(CORRECTION_ORDER_STATUSES) as ['OPEN']).optional() }),
  responses: { 200: { description: 'Orders, newest first', schema: z.object({ items: z.array(OrderSummary) }) } },
  handler: async ({ deps, query, visible }) => {
    const rows = await deps.db.correctionOrder.findMany({
      where: { AND: [visible(ORDER_SCOPE), query.status ? { status: query.status } : {}] },
      include: ORDER_INCLUDE,
      orderBy: { createdAt: 'desc' },
      take: 200,
    });
    const n = await names(
      deps.db,
      [...new Set(rows.flatMap((o) => [o.agencyId, o.bureauOrgId]))],
      rows.flatMap((o) => (o.officerId ? [o.officerId] : [])),
    );
    return { status: 200, body: { items: rows.map((o) => summaryOf(o, n)) } };
  },
});

export const getCorrectionOrder = defineRoute({
  method: 'get',
  path: '/api/correction-orders/{id}',
  summary: 'A correction order with its finding, reports, timeline, and the sanction proposal when not corrected',
  tags: ['supervision'],
  auth: READERS,
  params: z.object({ id: Uuid }),
  responses: { 200: { description: 'The order', schema: OrderView }, 404: { description: 'Unknown order' } },
  handler: async ({ deps, params, authorise }) => {
    const o = await orderOr404(deps.db, params.id);
    await authorise(ORDER_SCOPE.target(o));
    return { status: 200, body: await orderView(deps.db, o) };
  },
});

/** An Update on an order: the agency it goes to reports, the bureau that issued it decides. */
const onOrder = (actingOn: (o: OrderRow) => { organisationId?: string; ownerId?: string; regionCode?: string }) =>
  updateTarget({
    tags: ['supervision'],
    answer: { description: 'Done; the order as it is now', schema: OrderView },
    refusals: {
      404: { description: 'Unknown order' },
      409: { description: 'The order is closed, or not at this step (第二十七条第二款)' },
    },
    load: async ({ deps, params, authorise }) => {
      const o = await orderOr404(deps.db, params.id);
      const role = await authorise(actingOn(o));
      // Its workflow has ended: the same refusal its validator gives while it runs.
      if (o.status === 'CORRECTED' || o.status === 'NOT_CORRECTED')
        throw new RuleViolation({
          code: 'CORRECTION_ORDER_CLOSED',
          title: '督促整改事项已办结',
          detail: `the order is ${o.status}`,
          article: '第二十七条第二款',
        });
      return { record: o, role };
    },
    names: (o) => ({ id: o.id }),
    workflowId: (o) => o.workflowId,
    respond: async ({ deps }, o) => orderView(deps.db, await orderOr404(deps.db, o.id)),
  });

export const reportCorrectionRoute = workflowUpdateRoute(
  onOrder((o) => ({ organisationId: o.agencyId })),
  {
    path: '/api/correction-orders/{id}/report',
    summary:
      'The agency reports what it corrected, with material it uploaded (POST /api/attachments) — before the deadline',
    auth: ['AGENCY_ADMIN'],
    body: z.object({
      text: z.string().trim().min(1).max(4000),
      attachmentIds: z.array(Uuid).max(10).default([]),
    }),
    update: reportCorrection,
    args: ({ body }, _o, acting) => ({ ...acting, text: body.text, attachmentIds: body.attachmentIds }),
  },
);

export const decideCorrectionRoute = workflowUpdateRoute(
  onOrder((o) => ({ ownerId: o.bureauOrgId, regionCode: o.agencyRegionCode })),
  {
    path: '/api/correction-orders/{id}/decision',
    summary:
      'The issuing bureau accepts the report (corrected) or sends it back with the reason; sent back after the deadline, the order is not corrected (第二十九条第一款第（四）项)',
    auth: SUPERVISION_ROLES,
    body: z.object({ accept: z.boolean(), reason: z.string().trim().min(1).max(4000).optional() }),
    update: decideCorrection,
    args: ({ body }, _o, acting) => ({ ...acting, accept: body.accept, reason: body.reason }),
  },
);
