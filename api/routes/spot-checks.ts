// Spot checks and unannounced visits (第二十七条第二款): a justice bureau draws a sample of the certified
// officers or the agencies of its region — reproducibly, from a recorded seed over the recorded
// population (domain/spot-check-draw.ts), which anyone may verify — and records a finding per sampled
// unit. A breach of a conduct rule (第十七条–第二十五条) opens a correction order (督促整改), whose
// workflow is started here; the answer comes once the order and its deadline are durable.
import crypto from 'node:crypto';
import { WithStartWorkflowOperation } from '@temporalio/client';
import {
  SPOT_CHECK_FINDINGS,
  SPOT_CHECK_METHODS,
  SPOT_CHECK_POPULATIONS,
  findingText,
  isBreach,
  type SpotCheckPopulation,
} from '../../domain/conduct-rules';
import { RuleViolation } from '../../domain/errors';
import { regionCovers, regionPrefix } from '../../domain/scope';
import { OrganisationId, ProcessKind } from '../../domain/search-attributes';
import { drawSample, freshSeed, orderPopulation, verifyDraw } from '../../domain/spot-check-draw';
import { SUPERVISION_ROLES } from '../../domain/supervision';
import { localDateOf } from '../../domain/time';
import type { Actor, OrgLevel } from '../../domain/roles';
import { Prisma, type Db } from '../../infra/db';
import { writeAudit } from '../../store/audit';
import { HOLDER_JOIN } from '../../store/holders-sql';
import { nextInSequence } from '../../store/sequences';
import { correctionOrderWorkflow, issued } from '../../workflows/correction-order';
import type { Deps } from '../deps';
import { idempotent } from '../idempotency';
import { problems } from '../problem';
import { recordScope } from '../record-scope';
import { defineRoute } from '../route';
import { PastLocalDate, Uuid, z } from '../schemas';

const A27 = '第二十七条第二款';

type PlanRow = Prisma.SpotCheckPlanGetPayload<{ include: { checks: { include: { correctionOrder: true } } } }>;

/** A plan sits in its bureau's region: readable by the bureaus over it, acted on by its own. */
const PLAN_SCOPE = recordScope<PlanRow, Prisma.SpotCheckPlanWhereInput>({
  regionCode: { of: (p) => p.regionCode, where: (prefix) => ({ regionCode: { startsWith: prefix } }) },
});

/**
 * 第二十七条第二款: who may be drawn — the officers of the region's agencies holding a valid (ACTIVE)
 * card of their own agency and still 在编 (第二条), or the region's active agencies; vertically
 * managed agencies are outside this system (第四条第三款).
 */
async function populationOf(db: Db, kind: SpotCheckPopulation, prefix: string): Promise<string[]> {
  const like = `${prefix}%`;
  const rows =
    kind === 'OFFICERS'
      ? await db.$queryRaw<Array<{ id: string }>>`
          SELECT DISTINCT o.id FROM "Officer" o
          JOIN "Organisation" g ON g.id = o."organisationId"
          ${Prisma.raw(HOLDER_JOIN)}
          WHERE g."regionCode" LIKE ${like} AND g.active AND NOT g."verticallyManaged"
            AND o."onStaff" AND c.status = 'ACTIVE'`
      : await db.$queryRaw<Array<{ id: string }>>`
          SELECT g.id FROM "Organisation" g
          WHERE g.type = 'AGENCY' AND g."regionCode" LIKE ${like} AND g.active AND NOT g."verticallyManaged"`;
  return rows.map((r) => r.id);
}

const SampleItem = z.object({
  targetId: z.string(),
  name: z.string(),
  agency: z.object({ id: z.string(), name: z.string() }),
  check: z
    .object({
      id: z.string(),
      finding: z.string(),
      findingText: z.string(),
      facts: z.string(),
      checkedOn: z.string(),
      officerId: z.string().nullable(),
      correctionOrder: z.object({ id: z.string(), number: z.string(), status: z.string() }).nullable(),
    })
    .nullable(),
});

const PlanSummary = z.object({
  id: z.string(),
  number: z.string(),
  title: z.string(),
  bureau: z.object({ id: z.string(), name: z.string() }),
  regionCode: z.string(),
  population: z.enum(Object.keys(SPOT_CHECK_POPULATIONS) as [SpotCheckPopulation]),
  method: z.enum(Object.keys(SPOT_CHECK_METHODS) as ['SPOT_CHECK', 'UNANNOUNCED_VISIT']),
  sampleSize: z.number(),
  populationSize: z.number(),
  checked: z.number(),
  breaches: z.number(),
  createdAt: z.string(),
});

const PlanView = PlanSummary.extend({
  seed: z.string(),
  seedAnnounced: z.boolean(),
  populationSha256: z.string(),
  populationIds: z.array(z.string()).openapi({ description: 'The population as drawn, in the method’s order' }),
  sampleIds: z.array(z.string()),
  sample: z.array(SampleItem),
}).openapi('SpotCheckPlan');

async function bureauName(db: Db, id: string): Promise<string> {
  return (await db.organisation.findUnique({ where: { id }, select: { name: true } }))?.name ?? '';
}

function summary(p: PlanRow, bureau: string): z.infer<typeof PlanSummary> {
  return {
    id: p.id,
    number: p.number,
    title: p.title,
    bureau: { id: p.bureauOrgId, name: bureau },
    regionCode: p.regionCode,
    population: p.population,
    method: p.method,
    sampleSize: p.sampleSize,
    populationSize: p.populationIds.length,
    checked: p.checks.length,
    breaches: p.checks.filter((c) => c.finding !== 'COMPLIANT').length,
    createdAt: p.createdAt.toISOString(),
  };
}

const PLAN_INCLUDE = { checks: { include: { correctionOrder: true } } } as const;

async function planOr404(db: Db, id: string): Promise<PlanRow> {
  const p = await db.spotCheckPlan.findUnique({ where: { id }, include: PLAN_INCLUDE });
  if (!p) throw problems.notFound(`spot-check plan ${id}`);
  return p;
}

async function planView(db: Db, p: PlanRow): Promise<z.infer<typeof PlanView>> {
  const officers =
    p.population === 'OFFICERS'
      ? await db.officer.findMany({
          where: { id: { in: p.sampleIds } },
          select: { id: true, name: true, organisationId: true },
        })
      : [];
  const agencyIds = p.population === 'OFFICERS' ? officers.map((o) => o.organisationId) : p.sampleIds;
  const agencies = new Map(
    (await db.organisation.findMany({ where: { id: { in: agencyIds } }, select: { id: true, name: true } })).map(
      (a) => [a.id, a.name],
    ),
  );
  const officerOf = new Map(officers.map((o) => [o.id, o]));
  const checkOf = new Map(p.checks.map((c) => [c.targetId, c]));
  return {
    ...summary(p, await bureauName(db, p.bureauOrgId)),
    seed: p.seed,
    seedAnnounced: p.seedAnnounced,
    populationSha256: p.populationSha256,
    populationIds: p.populationIds,
    sampleIds: p.sampleIds,
    sample: p.sampleIds.map((id) => {
      const o = officerOf.get(id);
      const agencyId = o ? o.organisationId : id;
      const c = checkOf.get(id);
      return {
        targetId: id,
        name: o ? o.name : (agencies.get(id) ?? ''),
        agency: { id: agencyId, name: agencies.get(agencyId) ?? '' },
        check: c
          ? {
              id: c.id,
              finding: c.finding,
              findingText: findingText(c.finding),
              facts: c.facts,
              checkedOn: c.checkedOn,
              officerId: c.officerId,
              correctionOrder: c.correctionOrder
                ? { id: c.correctionOrder.id, number: c.correctionOrder.number, status: c.correctionOrder.status }
                : null,
            }
          : null,
      };
    }),
  };
}

export const createSpotCheckPlan = defineRoute({
  method: 'post',
  path: '/api/spot-check-plans',
  summary:
    'Draw a spot-check plan (抽查 / 暗访, 第二十七条第二款) over your region: the seed, the ordered population and the sample are recorded',
  tags: ['supervision'],
  auth: SUPERVISION_ROLES,
  idempotent: true,
  body: z.object({
    title: z.string().trim().min(1).max(200),
    population: z.enum(['OFFICERS', 'AGENCIES']),
    method: z.enum(['SPOT_CHECK', 'UNANNOUNCED_VISIT']),
    sampleSize: z.number().int().min(1).max(500),
    seed: z
      .string()
      .regex(/^[0-9a-f]{16,128}$/, '应为 16–128 位小写十六进制数字')
      .optional()
      .openapi({ description: 'A seed announced before the draw; default: 256 bits of cryptographic randomness' }),
  }),
  responses: {
    201: { description: 'Drawn', schema: PlanView },
    422: { description: 'Nobody to draw from in your region, or Idempotency-Key reused' },
  },
  handler: async ({ deps, req, body, actor, requestId }) =>
    idempotent(deps.db, req, { route: 'POST /api/spot-check-plans', actorId: actor.userId, body }, async (claim) => {
      const prefix = regionPrefix(actor.organisation);
      const population = orderPopulation(await populationOf(deps.db, body.population, prefix));
      if (population.ids.length === 0)
        throw new RuleViolation({
          code: 'EMPTY_POPULATION',
          title: '本辖区内没有可抽取的对象',
          detail: 'there is nobody to draw from in your region',
          article: A27,
          status: 422,
        });
      const seed = body.seed ?? freshSeed();
      const sampleIds = drawSample(seed, population.ids, body.sampleSize);
      const year = localDateOf(new Date()).slice(0, 4);
      await deps.db.$transaction(async (tx) => {
        const number = `CC${year}${String(await nextInSequence(tx, `spot-check:${year}`)).padStart(5, '0')}`;
        await tx.spotCheckPlan.create({
          data: {
            id: claim.id,
            number,
            bureauOrgId: actor.organisation.id,
            regionCode: actor.organisation.regionCode,
            title: body.title,
            population: body.population,
            method: body.method,
            sampleSize: body.sampleSize,
            seed,
            seedAnnounced: body.seed !== undefined,
            populationIds: population.ids,
            populationSha256: population.sha256,
            sampleIds,
            createdById: actor.userId,
          },
        });
        await writeAudit(tx, {
          actorId: actor.userId,
          actorRoles: actor.roles,
          action: 'spot-check.plan.draw',
          targetType: 'SpotCheckPlan',
          targetId: claim.id,
          outcome: 'DONE',
          requestId,
          detail: { seed, populationSha256: population.sha256, populationSize: population.ids.length, sampleIds },
        });
      });
      return { status: 201, body: await planView(deps.db, await planOr404(deps.db, claim.id)) };
    }),
});

export const listSpotCheckPlans = defineRoute({
  method: 'get',
  path: '/api/spot-check-plans',
  summary: 'Spot-check plans of your region (第二十七条第二款), newest first',
  tags: ['supervision'],
  auth: SUPERVISION_ROLES,
  responses: { 200: { description: 'Plans', schema: z.object({ items: z.array(PlanSummary) }) } },
  handler: async ({ deps, visible }) => {
    const rows = await deps.db.spotCheckPlan.findMany({
      where: visible(PLAN_SCOPE),
      include: PLAN_INCLUDE,
      orderBy: { createdAt: 'desc' },
      take: 200,
    });
    const names = new Map(
      (
        await deps.db.organisation.findMany({
          where: { id: { in: [...new Set(rows.map((r) => r.bureauOrgId))] } },
          select: { id: true, name: true },
        })
      ).map((o) => [o.id, o.name]),
    );
    return { status: 200, body: { items: rows.map((p) => summary(p, names.get(p.bureauOrgId) ?? '')) } };
  },
});

export const getSpotCheckPlan = defineRoute({
  method: 'get',
  path: '/api/spot-check-plans/{id}',
  summary: 'A spot-check plan: its draw (seed, population, sample) and the findings recorded',
  tags: ['supervision'],
  auth: SUPERVISION_ROLES,
  params: z.object({ id: Uuid }),
  responses: { 200: { description: 'The plan', schema: PlanView }, 404: { description: 'Unknown plan' } },
  handler: async ({ deps, params, authorise }) => {
    const p = await planOr404(deps.db, params.id);
    await authorise(PLAN_SCOPE.target(p));
    return { status: 200, body: await planView(deps.db, p) };
  },
});

export const verifySpotCheckPlan = defineRoute({
  method: 'get',
  path: '/api/spot-check-plans/{id}/verify',
  summary:
    'Recompute the draw from the recorded seed and population (domain/spot-check-draw.ts) and say whether it matches',
  tags: ['supervision'],
  auth: SUPERVISION_ROLES,
  params: z.object({ id: Uuid }),
  responses: {
    200: {
      description: 'The verification',
      schema: z.object({
        matches: z.boolean(),
        populationMatches: z.boolean(),
        sampleMatches: z.boolean(),
        recomputedSample: z.array(z.string()),
        method: z.string(),
      }),
    },
    404: { description: 'Unknown plan' },
  },
  handler: async ({ deps, params, authorise }) => {
    const p = await planOr404(deps.db, params.id);
    await authorise(PLAN_SCOPE.target(p));
    const v = verifyDraw(p);
    return {
      status: 200,
      body: {
        matches: v.populationMatches && v.sampleMatches,
        ...v,
        method:
          'SHA-256 counter stream over `${seed}:${k}`, unbiased rejection, partial Fisher–Yates over the ids sorted ascending',
      },
    };
  },
});

const CheckAnswer = z
  .object({
    id: z.string(),
    finding: z.string(),
    findingText: z.string(),
    correctionOrder: z
      .object({ id: z.string(), number: z.string(), status: z.string(), dueAt: z.string().nullable() })
      .nullable(),
  })
  .openapi('SpotCheckRecorded');

/** The agency and officer a finding is about: the sampled officer, or an officer the agency check names. */
async function subjectOf(
  db: Db,
  bureau: { level: OrgLevel; regionCode: string },
  p: PlanRow,
  targetId: string,
  namedOfficerId: string | undefined,
) {
  const notOfAgency = () =>
    new RuleViolation({
      code: 'OFFICER_NOT_OF_AGENCY',
      title: '所指执法人员不属于被检查机关',
      detail: 'the officer named must be of the agency checked',
      article: A27,
      status: 422,
    });
  if (p.population === 'OFFICERS') {
    if (namedOfficerId && namedOfficerId !== targetId) throw notOfAgency();
    const o = await db.officer.findUniqueOrThrow({ where: { id: targetId }, include: { organisation: true } });
    return { agency: stillOurs(bureau, o.organisation), officerId: o.id };
  }
  const agency = stillOurs(bureau, await db.organisation.findUniqueOrThrow({ where: { id: targetId } }));
  if (namedOfficerId) {
    const o = await db.officer.findUnique({ where: { id: namedOfficerId } });
    if (o?.organisationId !== agency.id) throw notOfAgency();
  }
  return { agency, officerId: namedOfficerId ?? null };
}

/**
 * The agency a finding's order goes to must still be an active agency of the bureau's region: a
 * sampled officer who moved away since the draw (or an agency closed since) is answered by another
 * bureau or by nobody, and the bureau could neither follow nor decide the order it issued.
 */
function stillOurs<T extends { active: boolean; regionCode: string }>(
  bureau: { level: OrgLevel; regionCode: string },
  agency: T,
): T {
  if (agency.active && regionCovers(bureau.level, bureau.regionCode, agency.regionCode)) return agency;
  throw new RuleViolation({
    code: 'SUBJECT_LEFT_REGION',
    title: '被检查对象已不在本辖区',
    detail: 'the officer has moved to an agency outside your region, or the agency is no longer active',
    article: A27,
    status: 422,
  });
}

/** The holder of the certificate a breach names (the card shown at the visit), or 422. */
async function holderOf(db: Db, number: string | undefined): Promise<string | undefined> {
  if (number === undefined) return undefined;
  const cert = await db.certificate.findUnique({ where: { number }, select: { officerId: true } });
  if (!cert)
    throw new RuleViolation({
      code: 'CERTIFICATE_UNKNOWN',
      title: '未找到该执法证',
      detail: 'no certificate has this number',
      article: A27,
      status: 422,
    });
  return cert.officerId;
}

/** Starts (or finds) the order's workflow; resolves when the order and its deadline are durable. */
async function issueOrder(
  deps: Deps,
  o: { id: string; workflowId: string; agencyId: string; bureauOrgId: string },
  key: string,
  requestId: string,
) {
  await deps.temporal.workflow.executeUpdateWithStart(issued, {
    updateId: key,
    startWorkflowOperation: new WithStartWorkflowOperation(correctionOrderWorkflow, {
      workflowId: o.workflowId,
      taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      args: [{ orderId: o.id, agencyId: o.agencyId, bureauOrgId: o.bureauOrgId, requestId }],
      typedSearchAttributes: [
        { key: ProcessKind, value: 'correction-order' },
        { key: OrganisationId, value: o.agencyId },
      ],
    }),
  });
}

export const recordSpotCheck = defineRoute({
  method: 'post',
  path: '/api/spot-check-plans/{id}/checks',
  summary:
    'Record the finding on a sampled officer or agency: COMPLIANT, or the conduct rule broken (第十七条–第二十五条) — a breach opens a correction order (督促整改) to the agency',
  tags: ['supervision'],
  auth: SUPERVISION_ROLES,
  idempotent: true,
  params: z.object({ id: Uuid }),
  body: z.object({
    targetId: Uuid.openapi({ description: 'The sampled officer or agency' }),
    finding: z.enum(SPOT_CHECK_FINDINGS),
    facts: z.string().trim().min(1).max(4000),
    checkedOn: PastLocalDate,
    officerId: Uuid.optional().openapi({
      description:
        'At an agency check: the officer concerned — without one, a breach not corrected leads to no sanction proposal',
    }),
    certificateNumber: z.string().trim().min(1).max(64).optional().openapi({
      description: 'At an agency check: the officer concerned, by the certificate shown (instead of officerId)',
    }),
  }),
  responses: {
    201: { description: 'Recorded; a breach’s correction order is issued', schema: CheckAnswer },
    404: { description: 'Unknown plan' },
    409: { description: 'This unit has a finding already' },
    422: {
      description:
        'Not in the sample, an officer not of the agency checked, or one who left the region (or an agency closed) since the draw',
    },
  },
  handler: async ({ deps, req, params, body, actor, authorise, requestId }) => {
    const p = await planOr404(deps.db, params.id);
    // Only the bureau that drew the plan records its findings.
    await authorise({ ownerId: p.bureauOrgId, ...PLAN_SCOPE.target(p) });
    return idempotent(
      deps.db,
      req,
      { route: 'POST /api/spot-check-plans/{id}/checks', actorId: actor.userId, body: { id: p.id, ...body } },
      async (claim) => {
        if (!p.sampleIds.includes(body.targetId))
          throw new RuleViolation({
            code: 'NOT_IN_SAMPLE',
            title: '该对象不在本次抽取的样本中',
            detail: 'findings are recorded for the drawn sample only',
            article: A27,
            status: 422,
          });
        const named = body.officerId ?? (await holderOf(deps.db, body.certificateNumber));
        const { agency, officerId } = await subjectOf(deps.db, actor.organisation, p, body.targetId, named);
        const order = await storeCheck(deps.db, actor, p, claim.id, body, agency, officerId, requestId);
        if (order) await issueOrder(deps, order, claim.key, requestId);
        const check = await deps.db.spotCheck.findUniqueOrThrow({
          where: { id: claim.id },
          include: { correctionOrder: true },
        });
        const o = check.correctionOrder;
        return {
          status: 201,
          body: {
            id: check.id,
            finding: check.finding,
            findingText: findingText(check.finding),
            correctionOrder: o
              ? { id: o.id, number: o.number, status: o.status, dueAt: o.dueAt?.toISOString() ?? null }
              : null,
          },
        };
      },
    );
  },
});

const ALREADY_CHECKED = new RuleViolation({
  code: 'ALREADY_CHECKED',
  title: '该对象已记录检查结果',
  detail: 'this sampled unit has a finding already',
  article: A27,
});

/** The check and, for a breach, its correction order, in one transaction (a retry finds both). */
function storeCheck(...args: Parameters<typeof writeCheck>) {
  // Two findings on one unit at once: the unique index lets one in; the other is told so (409).
  return writeCheck(...args).catch((err: unknown) => {
    throw (err as { code?: string }).code === 'P2002' ? ALREADY_CHECKED : err;
  });
}

async function writeCheck(
  db: Db,
  actor: Actor,
  p: PlanRow,
  checkId: string,
  body: { targetId: string; finding: (typeof SPOT_CHECK_FINDINGS)[number]; facts: string; checkedOn: string },
  agency: { id: string; regionCode: string },
  officerId: string | null,
  requestId: string,
) {
  return db.$transaction(async (tx) => {
    const earlier = await tx.spotCheck.findUnique({ where: { id: checkId }, include: { correctionOrder: true } });
    if (earlier) return earlier.correctionOrder;
    if (await tx.spotCheck.findUnique({ where: { planId_targetId: { planId: p.id, targetId: body.targetId } } }))
      throw ALREADY_CHECKED;
    await tx.spotCheck.create({
      data: {
        id: checkId,
        planId: p.id,
        targetId: body.targetId,
        agencyId: agency.id,
        officerId,
        finding: body.finding,
        facts: body.facts,
        checkedOn: body.checkedOn,
        recordedById: actor.userId,
      },
    });
    await writeAudit(tx, {
      actorId: actor.userId,
      actorRoles: actor.roles,
      action: 'spot-check.finding',
      targetType: 'SpotCheck',
      targetId: checkId,
      outcome: 'DONE',
      requestId,
      detail: { planId: p.id, finding: body.finding },
    });
    if (!isBreach(body.finding)) return null;
    const year = localDateOf(new Date()).slice(0, 4);
    const id = crypto.randomUUID();
    return tx.correctionOrder.create({
      data: {
        id,
        number: `ZG${year}${String(await nextInSequence(tx, `correction-order:${year}`)).padStart(5, '0')}`,
        checkId,
        workflowId: `correction-order-${id}`,
        bureauOrgId: p.bureauOrgId,
        agencyId: agency.id,
        agencyRegionCode: agency.regionCode,
        officerId,
        rule: body.finding,
        facts: body.facts,
        issuedById: actor.userId,
      },
    });
  });
}
