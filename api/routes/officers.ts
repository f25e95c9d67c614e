// Qualification records (第二条, 第四条, 第五条), kept by the officer's own agency.
import { writeAudit } from '../../store/audit';
import { eligibilityOf } from '../../store/eligibility-facts';
import { EXAM_TYPES, EXEMPTION_GROUNDS } from '../../domain/eligibility';
import { isValidIdNumber } from '../../domain/id-number';
import { isLocalDate } from '../../domain/time';
import type { Deps } from '../deps';
import { problems } from '../problem';
import { recordScope } from '../record-scope';
import { defineRoute } from '../route';
import { BirthDate, Name, PastLocalDate, Uuid, z } from '../schemas';
import { REVIEWER_ROLES } from '../../domain/review-chain';
import { idNumberFor } from './certificates';
import type { Actor } from '../../domain/roles';
import { containing } from '../text-search';
import type { Prisma } from '../../infra/db';
import { RuleViolation } from '../../domain/errors';

const asDate = (d: string) => new Date(`${d}T00:00:00Z`);
const day = (d: Date) => d.toISOString().slice(0, 10);

const NewOfficer = z
  .object({
    name: Name(50),
    idNumber: z.string().trim().toUpperCase().refine(isValidIdNumber, '请填写有效的 18 位居民身份证号码'),
    birthDate: BirthDate,
    // 第二条第二款: only 在编 staff may hold a certificate.
    onStaff: z.boolean().default(true),
  })
  .refine(
    (o) =>
      !isValidIdNumber(o.idNumber) ||
      !isLocalDate(o.birthDate) ||
      o.idNumber.slice(6, 14) === o.birthDate.replace(/-/g, ''),
    { path: ['birthDate'], message: '与身份证号码中的出生日期不一致' },
  )
  .openapi('NewOfficer');

const OfficerView = z
  .object({
    id: z.string(),
    name: z.string(),
    idNumber: z.string(),
    birthDate: z.string(),
    onStaff: z.boolean(),
    hasPhoto: z.boolean().openapi({ description: 'A 证件照 is on record: GET /api/officers/{id}/photo' }),
    agency: z.object({ id: z.string(), name: z.string() }),
    examResults: z.array(
      z.object({
        id: z.string(),
        type: z.string(),
        passed: z.boolean(),
        score: z.number().nullable(),
        takenOn: z.string(),
      }),
    ),
    exemptions: z.array(
      z.object({ id: z.string(), ground: z.string(), proof: z.string().nullable(), grantedOn: z.string() }),
    ),
    certificates: z.array(z.object({ number: z.string(), status: z.string(), issuedOn: z.string() })),
    applications: z.array(
      z.object({ id: z.string(), number: z.string(), kind: z.string(), status: z.string(), submittedAt: z.string() }),
    ),
    assessments: z.array(
      z.object({
        kind: z.string(),
        year: z.number(),
        assessedOn: z.string(),
        grade: z.string(),
        note: z.string().nullable(),
      }),
    ),
  })
  .openapi('Officer');

/** Where an officer sits (domain/scope.ts): the agency, its region, the person — for every officer read and list. */
export const OFFICER_SCOPE = recordScope<
  { id: string; organisationId: string; organisation: { regionCode: string } },
  Prisma.OfficerWhereInput
>({
  organisationId: { of: (o) => o.organisationId, where: (id) => ({ organisationId: id }) },
  regionCode: {
    of: (o) => o.organisation.regionCode,
    where: (prefix) => ({ organisation: { regionCode: { startsWith: prefix } } }),
  },
  officerId: { of: (o) => o.id, where: (id) => ({ id }) },
});

async function officerView(deps: Deps, actor: Actor, id: string) {
  const o = await deps.db.officer.findUnique({
    where: { id },
    include: {
      organisation: true,
      examResults: { orderBy: { takenOn: 'asc' } },
      exemptions: { orderBy: { grantedOn: 'asc' } },
      certificates: { orderBy: { issuedOn: 'asc' } },
      applications: { orderBy: { submittedAt: 'desc' } },
      assessments: { orderBy: { assessedOn: 'desc' } },
    },
  });
  if (!o) return undefined;
  return {
    scope: OFFICER_SCOPE.target(o),
    body: {
      id: o.id,
      name: o.name,
      idNumber: idNumberFor(actor, o),
      birthDate: day(o.birthDate),
      onStaff: o.onStaff,
      hasPhoto: o.photoId !== null,
      agency: { id: o.organisation.id, name: o.organisation.name },
      examResults: o.examResults.map((e) => ({
        id: e.id,
        type: e.type,
        passed: e.passed,
        score: e.score,
        takenOn: day(e.takenOn),
      })),
      exemptions: o.exemptions.map((e) => ({
        id: e.id,
        ground: e.ground,
        proof: e.proof,
        grantedOn: day(e.grantedOn),
      })),
      certificates: o.certificates.map((c) => ({ number: c.number, status: c.status, issuedOn: day(c.issuedOn) })),
      applications: o.applications.map((a) => ({
        id: a.id,
        number: a.number,
        kind: a.kind,
        status: a.status,
        submittedAt: a.submittedAt.toISOString(),
      })),
      // 第二十七条: assessment results are on the officer's record.
      assessments: o.assessments.map((a) => ({
        kind: a.kind,
        year: a.year,
        assessedOn: day(a.assessedOn),
        grade: a.grade,
        note: a.note,
      })),
    },
  };
}

export const registerOfficer = defineRoute({
  method: 'post',
  path: '/api/officers',
  summary: 'Register a staff member of your agency',
  tags: ['officers'],
  auth: ['AGENCY_ADMIN'],
  body: NewOfficer,
  responses: {
    201: { description: 'Registered', schema: OfficerView },
    409: { description: 'The ID number is registered already' },
  },
  handler: async ({ deps, body, actor, requestId }) => {
    if (actor.organisation.type !== 'AGENCY')
      throw problems.forbidden('only an enforcement agency registers its staff');
    const officer = await deps.db.$transaction(async (tx) => {
      if (await tx.officer.findUnique({ where: { idNumber: body.idNumber }, select: { id: true } })) {
        throw new RuleViolation({
          code: 'OFFICER_EXISTS',
          title: '该身份证号已登记',
          detail: 'an officer with this ID number is registered already',
        });
      }
      const o = await tx.officer.create({
        data: {
          name: body.name,
          idNumber: body.idNumber,
          birthDate: asDate(body.birthDate),
          onStaff: body.onStaff,
          organisationId: actor.organisation.id,
        },
      });
      await writeAudit(tx, {
        actorId: actor.userId,
        actorRoles: actor.roles,
        action: 'officer.register',
        targetType: 'Officer',
        targetId: o.id,
        outcome: 'DONE',
        requestId,
        detail: { onStaff: body.onStaff },
      });
      return o;
    });
    return { status: 201, body: (await officerView(deps, actor, officer.id))!.body };
  },
});

export const listOfficers = defineRoute({
  method: 'get',
  path: '/api/officers',
  summary: 'Staff of your agency',
  tags: ['officers'],
  auth: ['AGENCY_ADMIN'],
  query: z.object({ q: z.string().trim().max(50).optional() }),
  responses: {
    200: {
      description: 'Officers',
      schema: z.object({
        items: z.array(
          z.object({
            id: z.string(),
            name: z.string(),
            onStaff: z.boolean(),
            readyToApply: z.boolean().openapi({
              description:
                '可申请: eligible for an initial application now (第四条, 第五条; e.g. after an exam passed)',
            }),
          }),
        ),
      }),
    },
  },
  handler: async ({ deps, actor, query }) => {
    const rows = await deps.db.officer.findMany({
      where: { organisationId: actor.organisation.id, ...(query.q ? { name: containing(query.q) } : {}) },
      orderBy: { name: 'asc' },
      take: 500,
      select: { id: true, name: true, onStaff: true },
    });
    const ready = await readyToApply(
      deps,
      actor.organisation.id,
      rows.map((r) => r.id),
    );
    return { status: 200, body: { items: rows.map((r) => ({ ...r, readyToApply: ready.has(r.id) })) } };
  },
});

/**
 * 可申请: the officers of `ids` an initial application would find eligible now (domain/eligibility.ts) —
 * asked only of those with a qualification on record and no card or open application.
 */
async function readyToApply(deps: Deps, agencyId: string, ids: string[]): Promise<Set<string>> {
  const candidates = await deps.db.officer.findMany({
    where: {
      id: { in: ids },
      onStaff: true,
      OR: [{ examResults: { some: { passed: true } } }, { exemptions: { some: {} } }],
      certificates: { none: {} },
      applications: { none: { openForOfficerId: { not: null } } },
    },
    select: { id: true },
  });
  const at = new Date();
  const out = new Set<string>();
  for (const c of candidates) {
    const e = await eligibilityOf(deps.db, { officerId: c.id, agencyId, kind: 'INITIAL', at });
    if (e?.eligible) out.add(c.id);
  }
  return out;
}

export const getOfficer = defineRoute({
  method: 'get',
  path: '/api/officers/{id}',
  summary: 'An officer’s record: qualifications, certificates, applications',
  tags: ['officers'],
  auth: ['AGENCY_ADMIN', 'OFFICER', ...REVIEWER_ROLES],
  params: z.object({ id: Uuid }),
  responses: { 200: { description: 'The officer', schema: OfficerView }, 404: { description: 'Unknown officer' } },
  handler: async ({ deps, params, actor, authorise }) => {
    const view = await officerView(deps, actor, params.id);
    if (!view) throw problems.notFound(`officer ${params.id}`);
    await authorise(view.scope);
    return { status: 200, body: view.body };
  },
});

/** Adds one qualification record to an officer of the actor's agency, audited. */
function qualificationRoute<B extends z.ZodType>(opts: {
  path: string;
  summary: string;
  body: B;
  create: (deps: Deps, officerId: string, body: z.infer<B>, actorId: string) => Promise<{ id: string }>;
  action: string;
}) {
  return defineRoute({
    method: 'post',
    path: opts.path,
    summary: opts.summary,
    tags: ['officers'],
    auth: ['AGENCY_ADMIN'],
    params: z.object({ id: Uuid }),
    body: opts.body,
    responses: {
      201: { description: 'Recorded; the officer as now', schema: OfficerView },
      404: { description: 'Unknown officer' },
    },
    handler: async ({ deps, params, body, actor, authorise, requestId }) => {
      const officer = await deps.db.officer.findUnique({ where: { id: params.id } });
      if (!officer) throw problems.notFound(`officer ${params.id}`);
      await authorise({ organisationId: officer.organisationId });
      const row = await opts.create(deps, officer.id, body as z.infer<B>, actor.userId);
      await writeAudit(deps.db, {
        actorId: actor.userId,
        actorRoles: actor.roles,
        action: opts.action,
        targetType: 'Officer',
        targetId: officer.id,
        outcome: 'DONE',
        requestId,
        detail: { recordId: row.id },
      });
      return { status: 201, body: (await officerView(deps, actor, officer.id))!.body };
    },
  });
}

export const addExamResult = qualificationRoute({
  path: '/api/officers/{id}/exam-results',
  summary: 'Record an exam result (第四条: comprehensive; professional where the system requires it)',
  action: 'officer.exam-result',
  body: z.object({
    type: z.enum(EXAM_TYPES),
    passed: z.boolean(),
    score: z.number().int().min(0).max(1000).optional(),
    takenOn: PastLocalDate,
  }),
  create: (deps, officerId, b) =>
    deps.db.examResult.create({
      data: { officerId, type: b.type, passed: b.passed, score: b.score ?? null, takenOn: asDate(b.takenOn) },
    }),
});

export const addExemption = qualificationRoute({
  path: '/api/officers/{id}/exemptions',
  summary: 'Record an exemption from the exams (第五条 (一)–(三)) with its proof',
  action: 'officer.exemption',
  body: z.object({
    ground: z.enum(EXEMPTION_GROUNDS),
    proof: z.string().trim().min(1).max(2000),
    grantedOn: PastLocalDate,
  }),
  create: (deps, officerId, b) =>
    deps.db.exemption.create({ data: { officerId, ground: b.ground, proof: b.proof, grantedOn: asDate(b.grantedOn) } }),
});

export const addAssessment = qualificationRoute({
  path: '/api/officers/{id}/assessments',
  summary: 'Record a daily or annual assessment (第二十七条) on the officer’s record',
  action: 'officer.assessment',
  body: z
    .object({
      kind: z.enum(['DAILY', 'ANNUAL']),
      year: z.number().int().min(2000).max(2100),
      assessedOn: PastLocalDate,
      grade: z
        .enum(['EXCELLENT', 'COMPETENT', 'BASICALLY_COMPETENT', 'INCOMPETENT'])
        .openapi({ description: '优秀 / 称职 / 基本称职 / 不称职' }),
      note: z.string().trim().max(2000).optional(),
    })
    // An annual assessment of a year is made in that year or early in the next; a daily one on its day.
    .refine(
      (a) =>
        !isLocalDate(a.assessedOn) ||
        [a.year, a.year + (a.kind === 'ANNUAL' ? 1 : 0)].includes(Number(a.assessedOn.slice(0, 4))),
      {
        path: ['assessedOn'],
        message: '与考核年度不符',
      },
    ),
  create: (deps, officerId, b, actorId) =>
    deps.db.assessment.create({
      data: {
        officerId,
        kind: b.kind,
        year: b.year,
        assessedOn: asDate(b.assessedOn),
        grade: b.grade,
        note: b.note ?? null,
        recordedById: actorId,
      },
    }),
});
