// 第三条: the city justice bureau administers the organisations of the system — their kind (第二条),
// level, region, vertical management (第四条第三款) and whether they are active. The bureaus and
// supervisory organs over an organisation follow from its level and region, as the processes find them.
import { examSessionName } from '../../domain/exam-registration';
import {
  AGENCY_KINDS,
  ORG_LEVELS,
  ORG_TYPES,
  oneActivePerRegion,
  organisationShapeErrors,
  type OrganisationShape,
} from '../../domain/administration';
import { RuleViolation } from '../../domain/errors';
import { bureauRegion, reviewChain } from '../../domain/review-chain';
import type { OrgLevel } from '../../domain/roles';
import type { Prisma } from '../../infra/db';
import { keepAnAdministrator } from '../../store/administration';
import { writeAudit } from '../../store/audit';
import type { Deps } from '../deps';
import { problems } from '../problem';
import { defineRoute } from '../route';
import { Name, Uuid, z } from '../schemas';
import { containing } from '../text-search';

const ADMIN = ['SYSTEM_ADMIN'] as const;

const OrgTypeSchema = z.enum(ORG_TYPES).openapi('OrgType');
const OrgLevelSchema = z.enum(ORG_LEVELS).openapi('OrgLevel');
const AgencyKindSchema = z.enum(AGENCY_KINDS).openapi('AgencyKind');
const System = z.string().trim().min(1).max(50);

const OrgRef = z.object({ id: z.string(), name: z.string(), active: z.boolean() });

const OrganisationView = z
  .object({
    id: z.string(),
    name: z.string(),
    type: OrgTypeSchema,
    level: OrgLevelSchema,
    region: z.object({ code: z.string(), name: z.string() }),
    agencyKind: AgencyKindSchema.nullable(),
    verticallyManaged: z.boolean(),
    system: z.string().nullable(),
    requiresProfessionalExam: z.boolean(),
    active: z.boolean(),
    createdAt: z.string(),
    users: z.object({ active: z.number().int(), inactive: z.number().int() }),
    over: z
      .object({
        reviewBureaus: z.array(z.object({ level: OrgLevelSchema, bureau: OrgRef.nullable() })),
        supervisoryOrgan: OrgRef.nullable(),
      })
      .openapi({
        description:
          '第七条: the bureaus that review its applications (agencies) or over it (bureaus), and the nearest supervisory organ (第二十八条); null where none is registered',
      }),
    openProcesses: z
      .array(
        z.object({
          kind: z.enum(['APPLICATION', 'REVIEW_TASK', 'COMPLAINT', 'CLEANUP_TASK', 'EXAM_SESSION']),
          id: z.string(),
          number: z.string().nullable(),
          status: z.string(),
          since: z.string(),
        }),
      )
      .openapi({
        description: 'What is still running at it (at most 100 of each kind), to be moved before or after deactivation',
      }),
  })
  .openapi('AdminOrganisation');

const include = { region: true, _count: { select: { users: { where: { active: true } } } } } as const;

/** The bureaus and the supervisory organ over an organisation, found as the processes find them. */
async function over(deps: Deps, o: { type: string; level: OrgLevel; regionCode: string }) {
  const levels: OrgLevel[] =
    o.type === 'AGENCY'
      ? reviewChain(o.level)
      : o.level === 'DISTRICT'
        ? ['CITY', 'PROVINCE']
        : o.level === 'CITY'
          ? ['PROVINCE']
          : [];
  const regions = (['DISTRICT', 'CITY', 'PROVINCE'] as const).map((l) => bureauRegion(l, o.regionCode));
  const found = await deps.db.organisation.findMany({
    where: {
      OR: [
        { type: 'JUSTICE_BUREAU', regionCode: { in: regions } },
        { type: 'SUPERVISORY_ORGAN', regionCode: { in: regions } },
      ],
    },
    orderBy: [{ active: 'desc' }, { createdAt: 'asc' }],
  });
  const ref = (x: (typeof found)[number] | undefined) => (x ? { id: x.id, name: x.name, active: x.active } : null);
  return {
    reviewBureaus: levels.map((level) => ({
      level,
      bureau: ref(
        found.find(
          (b) => b.type === 'JUSTICE_BUREAU' && b.level === level && b.regionCode === bureauRegion(level, o.regionCode),
        ),
      ),
    })),
    // 第二十八条: the nearest 监察机关 — district, then city, then province.
    supervisoryOrgan: ref(
      regions.map((r) => found.find((x) => x.type === 'SUPERVISORY_ORGAN' && x.regionCode === r)).find(Boolean),
    ),
  };
}

/**
 * The processes still running at an organisation: its applications, its review tasks, its complaints,
 * clean-up tasks, and the exam sessions it organises (第六条) until their results are in.
 */
async function openProcesses(deps: Deps, id: string) {
  const take = 100;
  const [applications, tasks, complaints, cleanup, examSessions] = await Promise.all([
    deps.db.application.findMany({
      where: { organisationId: id, status: { in: ['UNDER_REVIEW', 'RETURNED'] } },
      orderBy: { submittedAt: 'asc' },
      take,
    }),
    deps.db.reviewTask.findMany({
      where: { bureauId: id, status: { in: ['OPEN', 'WAITING_CONSULTATION'] } },
      include: { application: { select: { number: true } } },
      orderBy: { createdAt: 'asc' },
      take,
    }),
    deps.db.complaint.findMany({
      where: { handlingOrgId: id, status: { not: 'CLOSED' } },
      orderBy: { createdAt: 'asc' },
      take,
    }),
    deps.db.cleanupTask.findMany({
      where: { organisationId: id, status: 'OPEN' },
      orderBy: { createdAt: 'asc' },
      take,
    }),
    deps.db.examSession.findMany({
      where: { bureauId: id, status: { not: 'RESULTS_IMPORTED' } },
      orderBy: { createdAt: 'asc' },
      take,
    }),
  ]);
  return [
    ...applications.map((a) => ({
      kind: 'APPLICATION' as const,
      id: a.id,
      number: a.number,
      status: a.status,
      since: a.submittedAt.toISOString(),
    })),
    ...tasks.map((t) => ({
      kind: 'REVIEW_TASK' as const,
      id: t.id,
      number: t.application.number,
      status: t.status,
      since: t.createdAt.toISOString(),
    })),
    ...complaints.map((c) => ({
      kind: 'COMPLAINT' as const,
      id: c.id,
      number: c.number,
      status: c.status,
      since: c.createdAt.toISOString(),
    })),
    ...cleanup.map((c) => ({
      kind: 'CLEANUP_TASK' as const,
      id: c.id,
      number: String(c.year),
      status: c.status,
      since: c.createdAt.toISOString(),
    })),
    ...examSessions.map((e) => ({
      kind: 'EXAM_SESSION' as const,
      id: e.id,
      number: examSessionName(e),
      status: e.status,
      since: e.createdAt.toISOString(),
    })),
  ];
}

async function organisationView(deps: Deps, id: string) {
  const o = await deps.db.organisation.findUnique({ where: { id }, include });
  if (!o) throw problems.notFound(`organisation ${id}`);
  const total = await deps.db.user.count({ where: { organisationId: id } });
  return {
    id: o.id,
    name: o.name,
    type: o.type,
    level: o.level,
    region: { code: o.region.code, name: o.region.name },
    agencyKind: o.agencyKind,
    verticallyManaged: o.verticallyManaged,
    system: o.system,
    requiresProfessionalExam: o.requiresProfessionalExam,
    active: o.active,
    createdAt: o.createdAt.toISOString(),
    users: { active: o._count.users, inactive: total - o._count.users },
    over: await over(deps, o),
    openProcesses: await openProcesses(deps, o.id),
  };
}

type OrgRecord = Pick<
  Prisma.OrganisationGetPayload<object>,
  | 'name'
  | 'type'
  | 'level'
  | 'regionCode'
  | 'agencyKind'
  | 'verticallyManaged'
  | 'system'
  | 'requiresProfessionalExam'
  | 'active'
>;
const recordOf = (o: OrgRecord): OrgRecord => ({
  name: o.name,
  type: o.type,
  level: o.level,
  regionCode: o.regionCode,
  agencyKind: o.agencyKind,
  verticallyManaged: o.verticallyManaged,
  system: o.system,
  requiresProfessionalExam: o.requiresProfessionalExam,
  active: o.active,
});

/**
 * The checks every write of an organisation passes, inside its transaction: a valid shape, a name
 * nobody else has, one active bureau or staffing office per region (serialised by a lock on the
 * region), and for an active agency the bureaus its applications go to (第七条).
 */
async function checkOrganisation(tx: Prisma.TransactionClient, o: OrgRecord, id?: string) {
  const region = await tx.region.findUnique({ where: { code: o.regionCode } });
  if (!region) throw problems.validation([{ field: 'body.regionCode', message: '地区不存在' }]);
  const errors = organisationShapeErrors(o as OrganisationShape, region.level);
  if (errors.length) throw problems.validation(errors);
  if (await tx.organisation.findFirst({ where: { name: o.name, ...(id ? { id: { not: id } } : {}) } }))
    throw NAME_TAKEN;
  if (!o.active) return;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`organisation:${o.type}:${o.regionCode}`}))`;
  if (oneActivePerRegion(o.type)) {
    const other = await tx.organisation.findFirst({
      where: {
        type: o.type,
        level: o.level,
        regionCode: o.regionCode,
        active: true,
        ...(id ? { id: { not: id } } : {}),
      },
    });
    if (other) {
      // 第七条: the review chain and the consultation find "the" bureau / staffing office of a region.
      throw new RuleViolation({
        code: 'ORGANISATION_EXISTS_IN_REGION',
        title: `该地区已有在用的同类机构：${other.name}`,
        detail: `an active ${o.type} of this level exists in region ${o.regionCode}`,
        article: '第七条',
      });
    }
  }
  if (o.type === 'AGENCY') {
    const missing = [];
    for (const level of reviewChain(o.level)) {
      const bureau = await tx.organisation.findFirst({
        where: { type: 'JUSTICE_BUREAU', level, regionCode: bureauRegion(level, o.regionCode), active: true },
      });
      if (!bureau) missing.push(level);
    }
    if (missing.length) {
      throw new RuleViolation({
        code: 'REVIEW_BUREAU_MISSING',
        title: '该执法机关的审核机关尚未登记或已停用，请先登记所在地的司法行政部门',
        detail: `no active justice bureau at ${missing.join(', ')} for region ${o.regionCode}`,
        article: '第七条',
        status: 422,
      });
    }
  }
}

const NAME_TAKEN = new RuleViolation({
  code: 'ORGANISATION_NAME_TAKEN',
  title: '已有同名机构',
  detail: 'another organisation has this name',
});

/** The name taken meanwhile by a concurrent write (the unique index answers for it): 409, as checked first. */
function nameTaken(err: unknown): never {
  if ((err as { code?: string }).code === 'P2002') throw NAME_TAKEN;
  throw err;
}

export const listRegions = defineRoute({
  method: 'get',
  path: '/api/admin/regions',
  summary: 'Regions (行政区划) organisations can be placed in',
  tags: ['administration'],
  auth: ADMIN,
  responses: {
    200: {
      description: 'Regions',
      schema: z.object({
        items: z.array(
          z.object({ code: z.string(), name: z.string(), level: OrgLevelSchema, parentCode: z.string().nullable() }),
        ),
      }),
    },
  },
  handler: async ({ deps }) => {
    const items = await deps.db.region.findMany({ orderBy: { code: 'asc' } });
    return {
      status: 200,
      body: { items: items.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parentCode })) },
    };
  },
});

export const listOrganisations = defineRoute({
  method: 'get',
  path: '/api/admin/organisations',
  summary: 'Organisations of the system (第三条)',
  tags: ['administration'],
  auth: ADMIN,
  query: z.object({
    q: z.string().trim().max(50).optional(),
    type: OrgTypeSchema.optional(),
    active: z.enum(['true', 'false']).optional(),
  }),
  responses: {
    200: {
      description: 'At most 500, by level and name',
      schema: z.object({
        items: z.array(
          z.object({
            id: z.string(),
            name: z.string(),
            type: OrgTypeSchema,
            level: OrgLevelSchema,
            region: z.object({ code: z.string(), name: z.string() }),
            active: z.boolean(),
            activeUsers: z.number().int(),
          }),
        ),
        total: z.number().int(),
      }),
    },
  },
  handler: async ({ deps, query }) => {
    const where: Prisma.OrganisationWhereInput = {
      ...(query.q ? { name: containing(query.q) } : {}),
      ...(query.type ? { type: query.type } : {}),
      ...(query.active ? { active: query.active === 'true' } : {}),
    };
    const [rows, total] = await Promise.all([
      deps.db.organisation.findMany({ where, include, orderBy: [{ level: 'asc' }, { name: 'asc' }], take: 500 }),
      deps.db.organisation.count({ where }),
    ]);
    return {
      status: 200,
      body: {
        items: rows.map((o) => ({
          id: o.id,
          name: o.name,
          type: o.type,
          level: o.level,
          region: { code: o.region.code, name: o.region.name },
          active: o.active,
          activeUsers: o._count.users,
        })),
        total,
      },
    };
  },
});

export const getOrganisation = defineRoute({
  method: 'get',
  path: '/api/admin/organisations/{id}',
  summary: 'An organisation: its record, the organs over it, its users and what is still running at it',
  tags: ['administration'],
  auth: ADMIN,
  params: z.object({ id: Uuid }),
  responses: { 200: { description: 'The organisation', schema: OrganisationView }, 404: { description: 'Unknown' } },
  handler: async ({ deps, params }) => ({ status: 200, body: await organisationView(deps, params.id) }),
});

const NewOrganisation = z
  .object({
    name: Name(100),
    type: OrgTypeSchema,
    level: OrgLevelSchema,
    regionCode: z.string().regex(/^\d{6}$/, '应为 6 位行政区划代码'),
    agencyKind: AgencyKindSchema.optional(),
    verticallyManaged: z.boolean().default(false),
    system: System.optional(),
    requiresProfessionalExam: z.boolean().default(false),
  })
  .openapi('NewOrganisation');

export const createOrganisation = defineRoute({
  method: 'post',
  path: '/api/admin/organisations',
  summary:
    'Register an organisation (第二条: an enforcement agency and its kind; a bureau, staffing office or supervisory organ)',
  tags: ['administration'],
  auth: ADMIN,
  body: NewOrganisation,
  responses: {
    201: { description: 'Registered', schema: OrganisationView },
    409: { description: 'The name is taken, or the region has an active bureau / staffing office already' },
    422: { description: 'An agency whose review bureaus are not registered (第七条)' },
  },
  handler: async ({ deps, body, actor, requestId }) => {
    const record: OrgRecord = {
      name: body.name,
      type: body.type,
      level: body.level,
      regionCode: body.regionCode,
      agencyKind: body.agencyKind ?? null,
      verticallyManaged: body.verticallyManaged,
      system: body.system ?? null,
      requiresProfessionalExam: body.requiresProfessionalExam,
      active: true,
    };
    const created = await deps.db
      .$transaction(async (tx) => {
        await checkOrganisation(tx, record);
        const o = await tx.organisation.create({ data: record });
        await writeAudit(tx, {
          actorId: actor.userId,
          actorRoles: actor.roles,
          action: 'organisation.create',
          targetType: 'Organisation',
          targetId: o.id,
          outcome: 'DONE',
          requestId,
          detail: { before: null, after: recordOf(o) },
        });
        return o;
      })
      .catch(nameTaken);
    return { status: 201, body: await organisationView(deps, created.id) };
  },
});

export const updateOrganisation = defineRoute({
  method: 'patch',
  path: '/api/admin/organisations/{id}',
  summary:
    'Change an organisation: name, agency kind, vertical management (第四条第三款), system, professional exam (第四条第二款), active. Kind, level and region stay: the processes under way are filed by them',
  tags: ['administration'],
  auth: ADMIN,
  params: z.object({ id: Uuid }),
  body: z
    .object({
      name: Name(100).optional(),
      agencyKind: AgencyKindSchema.nullable().optional(),
      verticallyManaged: z.boolean().optional(),
      system: System.nullable().optional(),
      requiresProfessionalExam: z.boolean().optional(),
      active: z.boolean().optional(),
    })
    .strict()
    .refine((b) => Object.keys(b).length > 0, '没有要修改的内容')
    .openapi('OrganisationChange'),
  responses: {
    200: {
      description: 'Changed; a deactivated organisation lists what is still running at it',
      schema: OrganisationView,
    },
    404: { description: 'Unknown' },
    409: { description: 'The name is taken, or the region has an active bureau / staffing office already' },
  },
  handler: async ({ deps, params, body, actor, requestId }) => {
    await deps.db
      .$transaction(async (tx) => {
        // The row lock serialises two administrators changing the same organisation.
        const [locked] = await tx.$queryRaw<
          { id: string }[]
        >`SELECT id FROM "Organisation" WHERE id = ${params.id} FOR UPDATE`;
        if (!locked) throw problems.notFound(`organisation ${params.id}`);
        const before = recordOf((await tx.organisation.findUnique({ where: { id: params.id } }))!);
        const after: OrgRecord = { ...before, ...body };
        // 第三条: deactivating the organisation of the last administrators would lock everyone out.
        if (before.active && !after.active) await keepAnAdministrator(tx, { closingOrganisationId: params.id });
        await checkOrganisation(tx, after, params.id);
        await tx.organisation.update({ where: { id: params.id }, data: body });
        await writeAudit(tx, {
          actorId: actor.userId,
          actorRoles: actor.roles,
          action: 'organisation.update',
          targetType: 'Organisation',
          targetId: params.id,
          outcome: 'DONE',
          requestId,
          detail: { before, after },
        });
      })
      .catch(nameTaken);
    // Its users' next request here is checked against the row as it is now (others: by its notice).
    deps.caches.forget({ kind: 'organisation', key: params.id });
    return { status: 200, body: await organisationView(deps, params.id) };
  },
});
