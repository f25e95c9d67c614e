// The yearly clean-up (第十条): started by the Schedule or by the city bureau by hand; each agency
// works its task's findings (cancel, start 补发, or keep with a reason); bureaus follow the totals.
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { writeAudit } from '../../store/audit';
import { FINDING_RULES, RESOLUTIONS, mayResolve, reviewedYear, type FindingKind } from '../../domain/cleanup';
import { localDateOf } from '../../domain/time';
import type { Db, Prisma } from '../../infra/db';
import { withdraw } from '../../workflows/application';
import {
  agencyCleanupWorkflowId,
  cleanupWorkflowId,
  findingsChanged,
  yearlyCleanupWorkflow,
} from '../../workflows/cleanup';
import { ProcessKind } from '../../domain/search-attributes';
import { actorRef } from '../actor-ref';
import { afterCursor, pageOf } from '../cursor';
import { listTotal } from '../list-total';
import { idempotent } from '../idempotency';
import { problems } from '../problem';
import { recordScope } from '../record-scope';
import { defineRoute } from '../route';
import { Uuid, z } from '../schemas';
import { startApplication } from '../application-intake';
import { REVIEWER_ROLES } from '../../domain/review-chain';
import { CancellationBody, cancelCertificateIn } from './certificate-lifecycle';
import { RuleViolation } from '../../domain/errors';

const thisYear = () => Number(localDateOf(new Date()).slice(0, 4));

export const startCleanupRun = defineRoute({
  method: 'post',
  path: '/api/cleanup-runs',
  summary: 'Start the yearly clean-up by hand (第十条); the Schedule starts it every year by itself',
  tags: ['cleanup'],
  auth: ['CITY_REVIEWER'],
  body: z.object({
    year: z
      .number()
      .int()
      .min(2000)
      .max(2100)
      .optional()
      .openapi({ description: 'The year reviewed; default the year before' }),
  }),
  responses: {
    202: { description: 'Started', schema: z.object({ year: z.number(), workflowId: z.string() }) },
    409: { description: 'That year’s clean-up has already run or is running' },
  },
  handler: async ({ deps, body, actor, requestId }) => {
    const year = body.year ?? reviewedYear(localDateOf(new Date()));
    // 第十条: a year is cleaned up once it is over (the Schedule runs in January for the year before).
    if (year >= thisYear()) throw problems.validation([{ field: 'body.year', message: '只能清理已经结束的年度' }]);
    const already = () =>
      new RuleViolation({
        code: 'CLEANUP_ALREADY_RUN',
        title: '该年度清理已启动',
        detail: `the clean-up of ${year} has already been started`,
        article: '第十条',
      });
    if (await deps.db.cleanupRun.findUnique({ where: { year } })) throw already();
    const workflowId = cleanupWorkflowId(deps.config.TEMPORAL_TASK_QUEUE, year);
    try {
      await deps.temporal.workflow.start(yearlyCleanupWorkflow, {
        workflowId,
        taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        args: [{ year }],
        typedSearchAttributes: [{ key: ProcessKind, value: 'cleanup' }],
      });
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) throw already();
      throw err;
    }
    await writeAudit(deps.db, {
      actorId: actor.userId,
      actorRoles: actor.roles,
      action: 'cleanup.start',
      targetType: 'CleanupRun',
      targetId: String(year),
      outcome: 'DONE',
      requestId,
    });
    return { status: 202, body: { year, workflowId } };
  },
});

/** Where a clean-up task sits (domain/scope.ts): its agency and the agency's region — for the detail, the list and the counts. */
const CLEANUP_TASK_SCOPE = recordScope<
  { organisationId: string; organisation: { regionCode: string } },
  Prisma.CleanupTaskWhereInput
>({
  organisationId: { of: (t) => t.organisationId, where: (id) => ({ organisationId: id }) },
  regionCode: {
    of: (t) => t.organisation.regionCode,
    where: (prefix) => ({ organisation: { regionCode: { startsWith: prefix } } }),
  },
});

export const getCleanupRun = defineRoute({
  method: 'get',
  path: '/api/cleanup-runs/{year}',
  summary: 'A clean-up: its deadline, live task counts in your region, and the totals once every agency is done',
  tags: ['cleanup'],
  auth: REVIEWER_ROLES,
  params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
  responses: { 200: { description: 'The run' }, 404: { description: 'No clean-up for that year' } },
  handler: async ({ deps, params, visible }) => {
    const run = await deps.db.cleanupRun.findUnique({ where: { year: params.year } });
    if (!run) throw problems.notFound(`clean-up ${params.year}`);
    const counts = await deps.db.cleanupTask.groupBy({
      by: ['status'],
      where: { AND: [{ year: run.year }, visible(CLEANUP_TASK_SCOPE)] },
      _count: true,
      _sum: { findingCount: true, openCount: true },
    });
    const tasks = Object.fromEntries(counts.map((c) => [c.status, c._count]));
    return {
      status: 200,
      body: {
        year: run.year,
        startedAt: run.startedAt.toISOString(),
        dueAt: run.dueAt.toISOString(),
        completedAt: run.completedAt?.toISOString() ?? null,
        inYourRegion: {
          tasks: { OPEN: tasks.OPEN ?? 0, RESOLVED: tasks.RESOLVED ?? 0, ESCALATED: tasks.ESCALATED ?? 0 },
          findings: counts.reduce((s, c) => s + (c._sum.findingCount ?? 0), 0),
          open: counts.reduce((s, c) => s + (c._sum.openCount ?? 0), 0),
        },
        totals: run.totals,
      },
    };
  },
});

export const listCleanupTasks = defineRoute({
  method: 'get',
  path: '/api/cleanup-tasks',
  summary: 'Clean-up tasks: the agency’s own, or the agencies’ in a bureau’s region (escalated first when filtered)',
  tags: ['cleanup'],
  auth: ['AGENCY_ADMIN', ...REVIEWER_ROLES],
  query: z.object({
    year: z.coerce.number().int().min(2000).max(2100).optional(),
    status: z.enum(['OPEN', 'RESOLVED', 'ESCALATED']).optional(),
    district: z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
    cursor: z.string().max(300).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  }),
  responses: { 200: { description: 'A page of tasks, newest first' } },
  handler: async ({ deps, query, visible }) => {
    const where: Prisma.CleanupTaskWhereInput = {
      AND: [
        visible(CLEANUP_TASK_SCOPE),
        query.year ? { year: query.year } : {},
        query.status ? { status: query.status } : {},
        query.district ? { organisation: { regionCode: query.district } } : {},
      ],
    };
    const page: Prisma.CleanupTaskWhereInput = query.cursor
      ? { AND: [where, afterCursor(query.cursor, 'createdAt', 'desc')] }
      : where;
    const [rows, total] = await Promise.all([
      deps.db.cleanupTask.findMany({
        where: page,
        include: { organisation: true },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: query.limit + 1,
      }),
      listTotal((take) => deps.db.cleanupTask.count({ where, take })),
    ]);
    const { items, ...paging } = pageOf(rows, query.limit, total, (t) => t.createdAt);
    return {
      status: 200,
      body: {
        ...paging,
        items: items.map(taskSummary),
      },
    };
  },
});

function taskSummary(t: {
  id: string;
  year: number;
  status: string;
  dueAt: Date;
  dueAtProvisional: boolean;
  findingCount: number;
  openCount: number;
  escalatedAt: Date | null;
  resolvedAt: Date | null;
  organisation: { id: string; name: string; regionCode: string };
}) {
  return {
    id: t.id,
    year: t.year,
    status: t.status,
    dueAt: t.dueAt.toISOString(),
    dueAtProvisional: t.dueAtProvisional,
    findings: t.findingCount,
    open: t.openCount,
    escalatedAt: t.escalatedAt?.toISOString() ?? null,
    resolvedAt: t.resolvedAt?.toISOString() ?? null,
    agency: { id: t.organisation.id, name: t.organisation.name, regionCode: t.organisation.regionCode },
  };
}

async function loadTask(deps: { db: Db }, id: string) {
  const task = await deps.db.cleanupTask.findUnique({ where: { id }, include: { organisation: true } });
  if (!task) throw problems.notFound(`clean-up task ${id}`);
  return task;
}

export const getCleanupTask = defineRoute({
  method: 'get',
  path: '/api/cleanup-tasks/{id}',
  summary: 'A clean-up task with its findings, what each may be resolved with, and the article',
  tags: ['cleanup'],
  auth: ['AGENCY_ADMIN', ...REVIEWER_ROLES],
  params: z.object({ id: Uuid }),
  responses: { 200: { description: 'The task' }, 404: { description: 'Unknown task' } },
  handler: async ({ deps, params, authorise }) => {
    const task = await loadTask(deps, params.id);
    await authorise(CLEANUP_TASK_SCOPE.target(task));
    const findings = await deps.db.cleanupFinding.findMany({
      where: { taskId: task.id },
      orderBy: [{ kind: 'asc' }, { subjectKey: 'asc' }],
    });
    const certs = await deps.db.certificate.findMany({
      where: { id: { in: findings.flatMap((f) => (f.certificateId ? [f.certificateId] : [])) } },
      select: { id: true, number: true, status: true },
    });
    const certOf = new Map(certs.map((c) => [c.id, c]));
    return {
      status: 200,
      body: {
        ...taskSummary(task),
        findings: findings.map((f) => {
          const rule = FINDING_RULES[f.kind as FindingKind];
          const cert = f.certificateId ? certOf.get(f.certificateId) : undefined;
          return {
            id: f.id,
            kind: f.kind,
            title: rule.title,
            article: rule.article,
            officerId: f.officerId,
            certificate: cert ? { number: cert.number, status: cert.status } : null,
            detail: f.detail,
            allowedResolutions: rule.resolutions,
            resolution: f.resolution,
            resolutionNote: f.resolutionNote,
            resolvedAt: f.resolvedAt?.toISOString() ?? null,
          };
        }),
      },
    };
  },
});

export const resolveCleanupFinding = defineRoute({
  method: 'post',
  path: '/api/cleanup-tasks/{id}/findings/{findingId}/resolution',
  summary:
    'Resolve a finding (第十条): CANCEL the certificate (注销), start its REISSUE (补发), or KEEP it with a reason',
  tags: ['cleanup'],
  auth: ['AGENCY_ADMIN'],
  params: z.object({ id: Uuid, findingId: Uuid }),
  body: z.discriminatedUnion('action', [
    CancellationBody.extend({ action: z.literal('CANCEL') }),
    z.object({ action: z.literal('REISSUE'), note: z.string().trim().max(2000).optional() }),
    z.object({ action: z.literal('KEEP'), note: z.string().trim().min(2, '请填写保留的理由').max(2000) }),
  ]),
  idempotent: true,
  responses: {
    200: {
      description: 'Resolved; the task’s remaining open findings',
      schema: z.object({
        findingId: z.string(),
        resolution: z.enum(RESOLUTIONS),
        open: z.number(),
        applicationId: z.string().nullable(),
      }),
    },
    404: { description: 'Unknown task or finding' },
    409: { description: 'Already resolved, or the certificate cannot take that step' },
    422: { description: 'That resolution does not fit this finding' },
  },
  handler: async ({ deps, req, params, body, actor, authorise, requestId }) => {
    const task = await loadTask(deps, params.id);
    const role = await authorise({ organisationId: task.organisationId });
    const finding = await deps.db.cleanupFinding.findFirst({ where: { id: params.findingId, taskId: task.id } });
    if (!finding) throw problems.notFound(`finding ${params.findingId}`);
    const rule = FINDING_RULES[finding.kind as FindingKind];
    return idempotent(
      deps.db,
      req,
      {
        route: 'POST /api/cleanup-tasks/{id}/findings/{findingId}/resolution',
        actorId: actor.userId,
        body: { ...params, ...body },
      },
      async (claim) => {
        if (finding.resolution)
          throw new RuleViolation({
            code: 'FINDING_RESOLVED',
            title: '该项已处理',
            detail: `the finding was already resolved (${finding.resolution})`,
          });
        if (!mayResolve(finding.kind as FindingKind, body.action)) {
          throw new RuleViolation({
            code: 'RESOLUTION_NOT_ALLOWED',
            title: '该处理方式不适用于此项',
            detail: `${body.action} does not resolve ${finding.kind}; allowed: ${rule.resolutions.join(', ')}`,
            article: rule.article,
            status: 422,
          });
        }
        let applicationId: string | null = null;
        if (body.action === 'REISSUE') {
          // 第十条: the 补发 goes through the review chain like any application (its own eligibility check).
          await startApplication(deps, claim, actorRef(actor, role), requestId, {
            kind: 'REISSUE',
            officerId: finding.officerId,
            organisationId: task.organisationId,
            previousCertificateId: finding.certificateId ?? undefined,
            reissueReason: 'LOST',
            note: body.note,
            attachmentIds: [],
          });
          applicationId = claim.id;
        }
        const at = new Date();
        const resolve = () =>
          deps.db.$transaction(async (tx) => {
            if (body.action === 'CANCEL') {
              await cancelCertificateIn(tx, {
                ...body,
                certificateId: finding.certificateId!,
                officerId: finding.officerId,
                actorId: actor.userId,
                at,
              });
            }
            // Compare-and-set: of two racing resolutions one wins, the other rolls back its effect.
            const done = await tx.cleanupFinding.updateMany({
              where: { id: finding.id, resolution: null },
              data: {
                resolution: body.action,
                resolutionNote: body.note ?? null,
                resolvedById: actor.userId,
                resolvedAt: at,
              },
            });
            if (done.count === 0)
              throw new RuleViolation({
                code: 'FINDING_RESOLVED',
                title: '该项已处理',
                detail: 'the finding was already resolved',
              });
            const t = await tx.cleanupTask.update({ where: { id: task.id }, data: { openCount: { decrement: 1 } } });
            // Worked after escalation: the task counts as resolved once nothing is open.
            if (t.openCount === 0 && t.status === 'ESCALATED')
              await tx.cleanupTask.update({ where: { id: task.id }, data: { status: 'RESOLVED', resolvedAt: at } });
            await writeAudit(tx, {
              actorId: actor.userId,
              actorRoles: actor.roles,
              action: 'cleanup.resolve',
              targetType: 'CleanupFinding',
              targetId: finding.id,
              outcome: 'DONE',
              requestId,
              detail: { kind: finding.kind, action: body.action },
            });
            return t.openCount;
          });
        let open: number;
        try {
          open = await resolve();
        } catch (err) {
          // Another resolution won the race after this one started the 补发: withdraw it again.
          if (applicationId && err instanceof RuleViolation && err.code === 'FINDING_RESOLVED') {
            await deps.temporal.workflow
              .getHandle(`application-${applicationId}`)
              .executeUpdate(withdraw, {
                updateId: `${claim.key}:withdraw`,
                args: [{ reason: '年度清理中该项已由他人处理（第十条）', actor: actorRef(actor, role), requestId }],
              })
              .catch(() => {});
          }
          throw err;
        }
        // A hint: the agency's workflow re-reads the count; after its deadline it has ended and needs none.
        await deps.temporal.workflow
          .getHandle(agencyCleanupWorkflowId(task.year, task.organisationId))
          .signal(findingsChanged)
          .catch(() => {});
        return { status: 200, body: { findingId: finding.id, resolution: body.action, open, applicationId } };
      },
    );
  },
});
