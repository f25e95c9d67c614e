// Training records (第十一条–第十四条) and the 60-hour yearly minimum (第十五条): per officer, and the
// shortfall list per agency or district.
import { writeAudit } from '../../store/audit';
import {
  MAX_HOURS_PER_DAY,
  TRAINING_CATEGORIES,
  TRAINING_MODES,
  TRAINING_SCOPES,
  YEARLY_MINIMUM_HOURS,
  trainingProgress,
} from '../../domain/training';
import { localDateOf } from '../../domain/time';
import type { Prisma } from '../../infra/db';
import { idempotent } from '../idempotency';
import { Problem, problems } from '../problem';
import { defineRoute } from '../route';
import { Name, PastLocalDate, Uuid, z } from '../schemas';
import { REVIEWER_ROLES } from '../../domain/review-chain';
import { OFFICER_SCOPE } from './officers';

const Year = z.coerce.number().int().min(2000).max(2100);
const yearRange = (year: number) => ({ gte: new Date(Date.UTC(year, 0, 1)), lt: new Date(Date.UTC(year + 1, 0, 1)) });
const today = () => localDateOf(new Date());

export const addTrainingRecord = defineRoute({
  method: 'post',
  path: '/api/officers/{id}/training-records',
  summary: 'Record a training (第十二条 category, 第十三条 mode and scope)',
  tags: ['training'],
  auth: ['AGENCY_ADMIN'],
  params: z.object({ id: Uuid }),
  body: z.object({
    takenOn: PastLocalDate,
    hours: z.number().positive().max(MAX_HOURS_PER_DAY).multipleOf(0.5),
    category: z.enum(TRAINING_CATEGORIES),
    mode: z.enum(TRAINING_MODES),
    scope: z.enum(TRAINING_SCOPES),
    organiser: Name(200),
  }),
  idempotent: true,
  responses: {
    201: { description: 'Recorded' },
    404: { description: 'Unknown officer' },
    422: { description: 'The officer’s records of that day would add up to more than 24 hours (第十五条)' },
  },
  handler: async ({ deps, req, params, body, actor, authorise, requestId }) => {
    const officer = await deps.db.officer.findUnique({ where: { id: params.id } });
    if (!officer) throw problems.notFound(`officer ${params.id}`);
    await authorise({ organisationId: officer.organisationId });
    return idempotent(
      deps.db,
      req,
      { route: 'POST /api/officers/{id}/training-records', actorId: actor.userId, body: { id: officer.id, ...body } },
      async () => {
        const row = await deps.db.$transaction(async (tx) => {
          const takenOn = new Date(`${body.takenOn}T00:00:00Z`);
          // 第十五条: at most 24 hours per officer and day. The officer's row lock serialises that officer's
          // training records, so two concurrent ones cannot both see room for their hours (NO KEY: rows
          // that only reference the officer are not held up).
          await tx.$executeRaw`SELECT 1 FROM "Officer" WHERE id = ${officer.id} FOR NO KEY UPDATE`;
          const { _sum } = await tx.trainingRecord.aggregate({
            where: { officerId: officer.id, takenOn },
            _sum: { hours: true },
          });
          const recorded = _sum.hours ?? 0;
          if (recorded + body.hours > MAX_HOURS_PER_DAY) {
            throw new Problem(
              422,
              'TRAINING_DAY_OVER_24_HOURS',
              '同一人员同一天的培训学时合计不得超过24小时',
              `${recorded} hours are recorded for this officer on ${body.takenOn}; ${body.hours} more would exceed ${MAX_HOURS_PER_DAY}`,
              {
                article: '第十五条',
                errors: [
                  {
                    field: 'body.hours',
                    message: `${body.takenOn} 最多还能登记 ${MAX_HOURS_PER_DAY - recorded} 学时`,
                  },
                ],
              },
            );
          }
          const r = await tx.trainingRecord.create({
            data: { ...body, takenOn, officerId: officer.id, createdById: actor.userId },
          });
          await writeAudit(tx, {
            actorId: actor.userId,
            actorRoles: actor.roles,
            action: 'training.record',
            targetType: 'Officer',
            targetId: officer.id,
            outcome: 'DONE',
            requestId,
            detail: { hours: body.hours },
          });
          return r;
        });
        return { status: 201, body: { id: row.id, ...body } };
      },
    );
  },
});

export const officerTraining = defineRoute({
  method: 'get',
  path: '/api/officers/{id}/training',
  summary: 'An officer’s training in a year and progress towards 60 hours (第十五条)',
  tags: ['training'],
  auth: ['AGENCY_ADMIN', 'OFFICER', ...REVIEWER_ROLES],
  params: z.object({ id: Uuid }),
  query: z.object({ year: Year.optional() }),
  responses: { 200: { description: 'Records and progress' }, 404: { description: 'Unknown officer' } },
  handler: async ({ deps, params, query, authorise }) => {
    const officer = await deps.db.officer.findUnique({ where: { id: params.id }, include: { organisation: true } });
    if (!officer) throw problems.notFound(`officer ${params.id}`);
    await authorise(OFFICER_SCOPE.target(officer));
    const year = query.year ?? Number(today().slice(0, 4));
    const records = await deps.db.trainingRecord.findMany({
      where: { officerId: officer.id, takenOn: yearRange(year) },
      orderBy: { takenOn: 'asc' },
    });
    const hours = records.reduce((sum, r) => sum + r.hours, 0);
    const asOf = year < Number(today().slice(0, 4)) ? `${year}-12-31` : today();
    return {
      status: 200,
      body: {
        progress: trainingProgress(year, hours, asOf),
        records: records.map((r) => ({
          id: r.id,
          takenOn: r.takenOn.toISOString().slice(0, 10),
          hours: r.hours,
          category: r.category,
          mode: r.mode,
          scope: r.scope,
          organiser: r.organiser,
        })),
      },
    };
  },
});

/** The certified officers on staff the caller may read (as GET /api/officers/{id}), narrowed by the filters. */
function officersOf(
  visible: Prisma.OfficerWhereInput,
  q: { agencyId?: string; district?: string },
): Prisma.OfficerWhereInput {
  return {
    AND: [
      visible,
      q.agencyId ? { organisationId: q.agencyId } : {},
      q.district ? { organisation: { regionCode: q.district } } : {},
      { onStaff: true },
      { certificates: { some: { status: { in: ['ACTIVE', 'SUSPENDED'] } } } },
    ],
  };
}

export const trainingShortfall = defineRoute({
  method: 'get',
  path: '/api/training/shortfall',
  summary:
    'Certified officers under 60 training hours in a year (第十五条), per agency or district; behind pace before year end',
  tags: ['training'],
  auth: ['AGENCY_ADMIN', ...REVIEWER_ROLES],
  query: z.object({
    year: Year.optional(),
    agencyId: Uuid.optional(),
    district: z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
  }),
  responses: { 200: { description: 'Officers below the minimum, fewest hours first' } },
  handler: async ({ deps, query, visible }) => {
    const year = query.year ?? Number(today().slice(0, 4));
    const asOf = year < Number(today().slice(0, 4)) ? `${year}-12-31` : today();
    const LIMIT = 5000;
    const officers = await deps.db.officer.findMany({
      where: officersOf(visible(OFFICER_SCOPE), query),
      include: { organisation: true },
      orderBy: { id: 'asc' },
      take: LIMIT + 1,
    });
    const truncated = officers.length > LIMIT; // narrow by agencyId or district to see everyone
    officers.length = Math.min(officers.length, LIMIT);
    const sums = await deps.db.trainingRecord.groupBy({
      by: ['officerId'],
      where: { officerId: { in: officers.map((o) => o.id) }, takenOn: yearRange(year) },
      _sum: { hours: true },
    });
    const hoursOf = new Map(sums.map((s) => [s.officerId, s._sum.hours ?? 0]));
    const items = officers
      .map((o) => ({
        officer: { id: o.id, name: o.name },
        agency: { id: o.organisation.id, name: o.organisation.name, regionCode: o.organisation.regionCode },
        ...trainingProgress(year, hoursOf.get(o.id) ?? 0, asOf),
      }))
      .filter((p) => p.hours < YEARLY_MINIMUM_HOURS)
      .sort((a, b) => a.hours - b.hours);
    return { status: 200, body: { year, minimum: YEARLY_MINIMUM_HOURS, asOf, truncated, items } };
  },
});
