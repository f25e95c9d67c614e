// Exam sessions (考试申报, 第六条): the justice bureau publishes a session (kind, date, place, capacity,
// registration deadline) — its workflow `exam-session-<id>` starts at once —, lists and reads them with
// their registrations, and imports the results file after the list has closed. An agency lists the
// sessions of the bureaus over it and reads its own registrations.
import { WithStartWorkflowOperation } from '@temporalio/client';
import { EXAM_TYPES } from '../../domain/eligibility';
import {
  bureausFor,
  examSessionWorkflowId,
  readResultRows,
  registrationClosesAt,
  RESULTS_ALREADY_IMPORTED,
  sessionIsFor,
  sessionProblems,
} from '../../domain/exam-registration';
import { RuleViolation } from '../../domain/errors';
import type { RowProblem } from '../../domain/import';
import { maskIdNumber } from '../../domain/id-number';
import type { Actor, OrgLevel, Role } from '../../domain/roles';
import { authorise } from '../../domain/scope';
import { OrganisationId, ProcessKind } from '../../domain/search-attributes';
import { localDateOf } from '../../domain/time';
import type { Db, Prisma } from '../../infra/db';
import { writeAudit } from '../../store/audit';
import { examSessionWorkflow, importResults, published } from '../../workflows/exam-session';
import { actorRef } from '../actor-ref';
import { idempotent } from '../idempotency';
import { Problem, problems } from '../problem';
import { recordScope } from '../record-scope';
import { defineRoute, type RouteContext } from '../route';
import { iso, LocalDateString, Name, Uuid, z } from '../schemas';
import { idNumberFor } from './certificates';
import { IMPORT_MAX_BYTES, IMPORT_TYPES, readUploadedTable } from './imports';

/** The bureau staff who act on applications act on exam sessions (第六条: the justice bureau organises). */
export const EXAM_BUREAU_ROLES = ['DISTRICT_REVIEWER', 'CITY_REVIEWER'] as const satisfies readonly Role[];
const READERS = [...EXAM_BUREAU_ROLES, 'AGENCY_ADMIN'] as const satisfies readonly Role[];
const day = (d: Date) => d.toISOString().slice(0, 10);
const asDate = (d: string) => new Date(`${d}T00:00:00Z`);

/** Where a session sits for the bureaus: its bureau's region (a district reviewer: its district's only). */
const SESSION_SCOPE = recordScope<{ bureau: { regionCode: string } }, Prisma.ExamSessionWhereInput>({
  regionCode: {
    of: (s) => s.bureau.regionCode,
    where: (prefix) => ({ bureau: { regionCode: { startsWith: prefix } } }),
  },
});

type SessionRow = Prisma.ExamSessionGetPayload<{ include: { bureau: true } }>;

/**
 * The sessions `actor` reads: a bureau's staff those of the bureaus in their region, an agency those of
 * the bureaus over it (domain/exam-registration.ts bureausFor — the query of `sessionIsFor`).
 */
export function sessionsVisible(actor: Actor): Prisma.ExamSessionWhereInput {
  const bureaus = SESSION_SCOPE.where(actor, EXAM_BUREAU_ROLES);
  if (!readsAsAgency(actor)) return bureaus;
  const over = bureausFor(actor.organisation.regionCode).map((b) => ({
    bureau: { level: b.level, regionCode: b.regionCode },
  }));
  return { OR: [bureaus, ...over] };
}

const readsAsAgency = (actor: Actor) => actor.roles.includes('AGENCY_ADMIN') && actor.organisation.type === 'AGENCY';

/** The role under which `actor` reads this session, or an audited 403 (the same rule as the list). */
export async function sessionReader(
  ctx: Pick<RouteContext<unknown, unknown, unknown>, 'actor' | 'deny'>,
  s: SessionRow,
): Promise<Role> {
  const { actor } = ctx;
  const bureau = { level: s.bureau.level as OrgLevel, regionCode: s.bureau.regionCode };
  if (readsAsAgency(actor) && sessionIsFor(bureau, actor.organisation.regionCode)) return 'AGENCY_ADMIN';
  return (
    authorise(actor, EXAM_BUREAU_ROLES, SESSION_SCOPE.target(s)) ??
    ctx.deny('the session is of a bureau outside your organisation or region')
  );
}

export async function sessionOr404(db: Db, id: string): Promise<SessionRow> {
  const s = await db.examSession.findUnique({ where: { id }, include: { bureau: true } });
  if (!s) throw problems.notFound(`exam session ${id}`);
  return s;
}

const SessionView = z
  .object({
    id: z.string(),
    examType: z.enum(EXAM_TYPES),
    examDate: z.string(),
    place: z.string(),
    capacity: z.number(),
    registrationDeadline: z.string().openapi({ description: 'The last day of registration (Asia/Shanghai)' }),
    registrationClosesAt: z.string(),
    status: z.enum(['OPEN', 'CLOSED', 'RESULTS_IMPORTED']),
    bureau: z.object({ id: z.string(), name: z.string() }),
    taken: z.number().openapi({ description: 'Places taken (submitted and confirmed registrations)' }),
  })
  .openapi('ExamSession');

export const RegistrationView = z
  .object({
    id: z.string(),
    sessionId: z.string(),
    status: z.enum(['SUBMITTED', 'CONFIRMED', 'REFUSED']),
    officer: z.object({ id: z.string(), name: z.string(), idNumber: z.string() }),
    agency: z.object({ id: z.string(), name: z.string() }),
    materials: z.array(z.object({ id: z.string(), fileName: z.string() })),
    declaredAt: z.string(),
    submissions: z.number(),
    decidedAt: z.string().nullable(),
    refusalReason: z.string().nullable(),
    result: z.object({ passed: z.boolean(), score: z.number().nullable() }).nullable(),
    falseDeclaration: z.object({ evidence: z.string(), at: z.string() }).nullable(),
  })
  .openapi('ExamRegistration');

const REGISTRATION_INCLUDE = { officer: true, agency: true, result: true } satisfies Prisma.ExamRegistrationInclude;
type RegistrationRow = Prisma.ExamRegistrationGetPayload<{ include: typeof REGISTRATION_INCLUDE }>;

async function registrationBodies(
  db: Db,
  actor: Actor,
  rows: RegistrationRow[],
): Promise<z.infer<typeof RegistrationView>[]> {
  const files = await db.attachment.findMany({
    where: { id: { in: rows.flatMap((r) => r.attachmentIds) } },
    select: { id: true, fileName: true },
  });
  const names = new Map(files.map((f) => [f.id, f.fileName]));
  return rows.map((r) => ({
    id: r.id,
    sessionId: r.sessionId,
    status: r.status,
    officer: { id: r.officer.id, name: r.officer.name, idNumber: idNumberFor(actor, r.officer) },
    agency: { id: r.agency.id, name: r.agency.name },
    materials: r.attachmentIds.map((id) => ({ id, fileName: names.get(id) ?? '' })),
    declaredAt: r.declaredAt.toISOString(),
    submissions: r.submissions,
    decidedAt: iso(r.decidedAt),
    refusalReason: r.refusalReason,
    result: r.result ? { passed: r.result.passed, score: r.result.score } : null,
    falseDeclaration:
      r.declarationFalse && r.falseDeclarationEvidence && r.falseDeclarationAt
        ? { evidence: r.falseDeclarationEvidence, at: r.falseDeclarationAt.toISOString() }
        : null,
  }));
}

export async function registrationBody(db: Db, actor: Actor, id: string) {
  const r = await db.examRegistration.findUniqueOrThrow({ where: { id }, include: REGISTRATION_INCLUDE });
  return (await registrationBodies(db, actor, [r]))[0];
}

async function sessionBodies(db: Db, rows: SessionRow[]): Promise<z.infer<typeof SessionView>[]> {
  const taken = await db.examRegistration.groupBy({
    by: ['sessionId'],
    where: { sessionId: { in: rows.map((s) => s.id) }, status: { in: ['SUBMITTED', 'CONFIRMED'] } },
    _count: true,
  });
  const count = new Map(taken.map((t) => [t.sessionId, t._count]));
  return rows.map((s) => ({
    id: s.id,
    examType: s.examType,
    examDate: day(s.examDate),
    place: s.place,
    capacity: s.capacity,
    registrationDeadline: day(s.registrationDeadline),
    registrationClosesAt: s.registrationClosesAt.toISOString(),
    status: s.status,
    bureau: { id: s.bureau.id, name: s.bureau.name },
    taken: count.get(s.id) ?? 0,
  }));
}

const SessionDetail = SessionView.extend({ registrations: z.array(RegistrationView) }).openapi('ExamSessionDetail');

/** The session with the registrations the reader sees: the bureau's staff all, an agency its own. */
async function sessionDetail(db: Db, actor: Actor, role: Role, s: SessionRow) {
  const regs = await db.examRegistration.findMany({
    where: { sessionId: s.id, ...(role === 'AGENCY_ADMIN' ? { agencyId: actor.organisation.id } : {}) },
    include: REGISTRATION_INCLUDE,
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  return { ...(await sessionBodies(db, [s]))[0], registrations: await registrationBodies(db, actor, regs) };
}

const NewSession = z
  .object({
    examType: z.enum(EXAM_TYPES).openapi({ description: '综合法律知识 / 专业法律知识 (第四条)' }),
    examDate: LocalDateString,
    place: Name(200),
    // Every registration and decision is an Update in the session's one history (about 11 events
    // each): 1 000 places keep it well under Temporal's 51 200-event limit, which would end the run.
    capacity: z.number().int().min(1).max(1_000),
    registrationDeadline: LocalDateString.openapi({ description: 'The last day of registration (Asia/Shanghai)' }),
  })
  .openapi('NewExamSession');

export const publishExamSession = defineRoute({
  method: 'post',
  path: '/api/exam-sessions',
  summary: 'Publish an exam session (第六条): its workflow opens registration until 24:00 of the deadline day',
  tags: ['exams'],
  auth: EXAM_BUREAU_ROLES,
  body: NewSession,
  idempotent: true,
  responses: { 201: { description: 'Published; the agencies it is for are told', schema: SessionView } },
  handler: async ({ deps, req, body, actor, requestId }) => {
    const wrong = sessionProblems({ ...body, today: localDateOf(new Date()) });
    if (wrong.length) throw problems.validation(wrong.map((w) => ({ field: `body.${w.field}`, message: w.message })));
    const role = EXAM_BUREAU_ROLES.find((r) => actor.roles.includes(r))!;
    return idempotent(
      deps.db,
      req,
      { route: 'POST /api/exam-sessions', actorId: actor.userId, body },
      async (claim) => {
        const closesAt = registrationClosesAt(body.registrationDeadline);
        const workflowId = examSessionWorkflowId(claim.id);
        await deps.db.$transaction(async (tx) => {
          if (await tx.examSession.findUnique({ where: { id: claim.id }, select: { id: true } })) return;
          await tx.examSession.create({
            data: {
              id: claim.id,
              bureauId: actor.organisation.id,
              examType: body.examType,
              examDate: asDate(body.examDate),
              place: body.place,
              capacity: body.capacity,
              registrationDeadline: asDate(body.registrationDeadline),
              registrationClosesAt: closesAt,
              workflowId,
              createdById: actor.userId,
            },
          });
          await writeAudit(tx, {
            actorId: actor.userId,
            actorRoles: [role],
            action: 'exam-session.publish',
            targetType: 'ExamSession',
            targetId: claim.id,
            outcome: 'DONE',
            requestId,
            detail: body,
          });
        });
        await deps.temporal.workflow.executeUpdateWithStart(published, {
          updateId: claim.key,
          startWorkflowOperation: new WithStartWorkflowOperation(examSessionWorkflow, {
            workflowId,
            taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
            workflowIdConflictPolicy: 'USE_EXISTING',
            workflowIdReusePolicy: 'REJECT_DUPLICATE',
            args: [
              { sessionId: claim.id, bureauId: actor.organisation.id, closesAt: closesAt.toISOString(), requestId },
            ],
            typedSearchAttributes: [
              { key: ProcessKind, value: 'exam-session' },
              { key: OrganisationId, value: actor.organisation.id },
            ],
          }),
        });
        return { status: 201, body: (await sessionBodies(deps.db, [await sessionOr404(deps.db, claim.id)]))[0] };
      },
    );
  },
});

export const listExamSessions = defineRoute({
  method: 'get',
  path: '/api/exam-sessions',
  summary: 'Exam sessions: a bureau’s staff those of the bureaus in their region, an agency those it may register for',
  tags: ['exams'],
  auth: READERS,
  query: z.object({ status: z.enum(['OPEN', 'CLOSED', 'RESULTS_IMPORTED']).optional() }),
  responses: { 200: { description: 'Sessions, latest exam first', schema: z.object({ items: z.array(SessionView) }) } },
  handler: async ({ deps, actor, query }) => {
    const rows = await deps.db.examSession.findMany({
      where: { AND: [sessionsVisible(actor), query.status ? { status: query.status } : {}] },
      include: { bureau: true },
      orderBy: [{ examDate: 'desc' }, { id: 'asc' }],
      take: 200,
    });
    return { status: 200, body: { items: await sessionBodies(deps.db, rows) } };
  },
});

export const getExamSession = defineRoute({
  method: 'get',
  path: '/api/exam-sessions/{id}',
  summary: 'A session with its registrations (an agency: its own)',
  tags: ['exams'],
  auth: READERS,
  params: z.object({ id: Uuid }),
  responses: { 200: { description: 'The session', schema: SessionDetail }, 404: { description: 'Unknown session' } },
  handler: async (ctx) => {
    const s = await sessionOr404(ctx.deps.db, ctx.params.id);
    const role = await sessionReader(ctx, s);
    return { status: 200, body: await sessionDetail(ctx.deps.db, ctx.actor, role, s) };
  },
});

/** Rows naming no confirmed registration of the session, or missing one: each a problem by row. */
function matchResults(
  rows: ReturnType<typeof readResultRows>['records'],
  confirmed: { id: string; officer: { name: string; idNumber: string } }[],
): { results: { registrationId: string; passed: boolean; score: number | null }[]; problems: RowProblem[] } {
  const byId = new Map(confirmed.map((r) => [r.officer.idNumber, r]));
  const out: RowProblem[] = [];
  const results = rows.flatMap((row) => {
    const reg = byId.get(row.idNumber);
    if (!reg) {
      out.push({ row: row.row, column: '身份证号', message: '不是本场考试已确认的报名人员' });
      return [];
    }
    return [{ registrationId: reg.id, passed: row.passed, score: row.score }];
  });
  const named = new Set(rows.map((r) => r.idNumber));
  for (const r of confirmed)
    if (!named.has(r.officer.idNumber))
      out.push({
        row: 1,
        column: '',
        message: `缺少已确认报名人员 ${r.officer.name}（${maskIdNumber(r.officer.idNumber)}）的成绩`,
      });
  return { results, problems: out };
}

export const importExamSessionResults = defineRoute({
  method: 'post',
  path: '/api/exam-sessions/{id}/results',
  summary:
    'Import the results (CSV or XLSX: 身份证号, 考试结果 合格/不合格, 分数) of every confirmed registration, after the list closed; all rows or none (422 IMPORT_ROWS_INVALID with `rows`)',
  tags: ['exams'],
  auth: EXAM_BUREAU_ROLES,
  params: z.object({ id: Uuid }),
  idempotent: true,
  upload: { types: IMPORT_TYPES, maxBytes: IMPORT_MAX_BYTES },
  responses: {
    201: { description: 'Imported; the session as now', schema: SessionView },
    404: { description: 'Unknown session' },
    409: { description: 'Registration still open, or the results are in already (第六条)' },
    422: { description: 'Unreadable file, or rows with problems (`rows`); nothing written' },
  },
  handler: async (ctx) => {
    const { deps, req, actor } = ctx;
    const s = await sessionOr404(deps.db, ctx.params.id);
    // 第六条: the organising bureau imports its session's results.
    const role = await ctx.authorise({ ownerId: s.bureauId });
    // Imported, and the workflow ended with it: no Update would reach it any more. (One whose import
    // committed but was answered 503 still waits: sending the file again ends it.)
    if (
      s.status === 'RESULTS_IMPORTED' &&
      (await deps.temporal.workflow.getHandle(s.workflowId).describe()).status.name !== 'RUNNING'
    )
      throw new RuleViolation(RESULTS_ALREADY_IMPORTED);
    const { fileName, table, sha256 } = await readUploadedTable(req);
    const read = readResultRows(table.header, table.rows);
    const confirmed = await deps.db.examRegistration.findMany({
      where: { sessionId: s.id, status: 'CONFIRMED' },
      select: { id: true, officer: { select: { name: true, idNumber: true } } },
    });
    const matched = read.problems.some((p) => p.row === 1)
      ? { results: [], problems: [] }
      : matchResults(read.records, confirmed);
    const rows = [...read.problems, ...matched.problems].sort((a, b) => a.row - b.row);
    if (rows.length)
      throw new Problem(
        422,
        'IMPORT_ROWS_INVALID',
        `文件中有 ${rows.length} 处问题，未导入任何成绩`,
        `${rows.length} problems; nothing was imported`,
        {
          rows,
        },
      );
    return idempotent(
      deps.db,
      req,
      { route: 'POST /api/exam-sessions/{id}/results', actorId: actor.userId, body: { id: s.id, sha256 } },
      async (claim) => {
        await deps.temporal.workflow.getHandle(s.workflowId).executeUpdate(importResults, {
          updateId: claim.key,
          args: [{ actor: actorRef(actor, role), requestId: ctx.requestId, fileName, results: matched.results }],
        });
        return { status: 201, body: (await sessionBodies(deps.db, [await sessionOr404(deps.db, s.id)]))[0] };
      },
    );
  },
});
