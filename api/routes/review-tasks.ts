// The reviewers' inbox (待办) and decisions (第七条). Only the bureau that owns a task sees and acts
// on it; the supervising level sees overdue tasks below it (scope=supervised).
import { writeAudit } from '../../store/audit';
import { APPLICATION_KINDS } from '../../domain/eligibility';
import { REVIEW_LEVELS, REVIEWER_ROLE_OF_LEVEL } from '../../domain/review-chain';
import { Prisma } from '../../infra/db';
import { decide, declareConflict } from '../../workflows/application';
import { RECUSAL_ARTICLE } from '../../domain/recusal';
import { RecusalAnswer, RecusalBody, recusalAnswer, recusalOf, recusedRefusal } from '../recusal';
import { afterCursorSql, pageOf } from '../cursor';
import { listTotalFields } from '../list-total';
import { ACTIVE_TASK_STATUSES, reviewInboxCondition, reviewInboxTotal, type ReviewInboxFilter } from '../review-inbox';
import { inboxOrder, inboxQueryFields } from '../inbox';
import type { Deps } from '../deps';
import { problems } from '../problem';
import { defineRoute, updateTarget, workflowUpdateRoute, type RouteContext, type UpdateResult } from '../route';
import { Uuid, z } from '../schemas';
import { ApplicationView, applicationView, taskView } from './application-views';
import { needsReason, REVIEWER_ROLES } from '../../domain/review-chain';
import { RuleViolation } from '../../domain/errors';

const InboxQuery = z.object({
  status: z
    .enum(['ACTIVE', 'OPEN', 'WAITING_CONSULTATION', 'DONE', 'CANCELLED'])
    .default('ACTIVE')
    .openapi({ description: 'ACTIVE = OPEN or WAITING_CONSULTATION' }),
  level: z.enum(REVIEW_LEVELS).optional(),
  kind: z.enum(APPLICATION_KINDS).optional(),
  agencyId: Uuid.optional(),
  district: z
    .string()
    .regex(/^\d{6}$/)
    .optional()
    .openapi({ description: 'Region code of the applying agency' }),
  q: z.string().trim().min(1).max(50).optional().openapi({
    description:
      'Officer name or application number (contains, ignoring case); a term under 3 characters searches names only',
  }),
  scope: z
    .enum(['own', 'supervised'])
    .default('own')
    .openapi({ description: 'supervised: tasks of the levels below, in your region' }),
  ...inboxQueryFields,
});

const InboxItem = z.object({
  id: z.string(),
  level: z.string(),
  round: z.number(),
  status: z.string(),
  overdue: z.boolean(),
  dueAt: z.string(),
  dueAtProvisional: z.boolean().openapi({
    description: 'Computed over a year whose holidays are not entered yet: may still move later (民法典 第二百零三条)',
  }),
  createdAt: z.string(),
  assignee: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  bureau: z.object({ id: z.string(), name: z.string() }),
  application: z.object({
    id: z.string(),
    number: z.string(),
    kind: z.string(),
    status: z.string(),
    officerName: z.string(),
    agency: z.object({ id: z.string(), name: z.string(), regionCode: z.string() }),
  }),
});
const Inbox = z
  .object({
    items: z.array(InboxItem),
    ...listTotalFields,
    nextCursor: z.string().nullable(),
  })
  .openapi('ReviewInbox');

export const listReviewTasks = defineRoute({
  method: 'get',
  path: '/api/review-tasks',
  summary: 'The review inbox: filters, sort, cursor pagination and the total',
  tags: ['review'],
  auth: REVIEWER_ROLES,
  query: InboxQuery,
  responses: { 200: { description: 'A page of tasks', schema: Inbox } },
  handler: async ({ deps, actor, query }) => {
    if (query.scope === 'supervised' && actor.organisation.level === 'DISTRICT') {
      throw problems.forbidden('a district bureau supervises no lower level');
    }
    const where = await reviewInboxCondition(deps.db, actor, query);
    const { field, dir } = inboxOrder(query.sort);
    const column = Prisma.raw(`t."${field}"`);
    const order = Prisma.raw(dir === 'asc' ? 'ASC' : 'DESC');
    const after = query.cursor ? afterCursorSql(query.cursor, column, Prisma.sql`t.id`, dir) : Prisma.sql`TRUE`;
    // The page along the (bureauId, sort column, id) index, and its rows' relations, in one statement.
    const [rows, total] = await Promise.all([
      deps.db.$queryRaw<InboxRow[]>`
        SELECT t.id, t.level::text AS level, t.round, t.status::text AS status, t.overdue, t."dueAt",
          t."dueAtProvisional", t."createdAt", u.id AS "assigneeId", u."displayName" AS "assigneeName",
          b.id AS "bureauId", b.name AS "bureauName", a.id AS "applicationId", a.number, a.kind::text AS kind,
          a.status::text AS "applicationStatus", o.name AS "officerName", g.id AS "agencyId", g.name AS "agencyName",
          g."regionCode" AS "agencyRegion"
        FROM (SELECT t.id FROM "ReviewTask" t WHERE ${where} AND ${after}
              ORDER BY ${column} ${order}, t.id ${order} LIMIT ${query.limit + 1}) page
        JOIN "ReviewTask" t ON t.id = page.id
        JOIN "Organisation" b ON b.id = t."bureauId"
        JOIN "Application" a ON a.id = t."applicationId"
        JOIN "Officer" o ON o.id = a."officerId"
        JOIN "Organisation" g ON g.id = a."organisationId"
        LEFT JOIN "User" u ON u.id = t."assigneeId"
        ORDER BY ${column} ${order}, t.id ${order}`,
      reviewInboxTotal(deps.db, where),
    ]);
    const { items, ...paging } = pageOf(rows, query.limit, total, (t) => t[field]);
    return {
      status: 200,
      body: {
        ...paging,
        items: items.map((t) => ({
          id: t.id,
          level: t.level,
          round: t.round,
          status: t.status,
          overdue: t.overdue,
          dueAt: t.dueAt.toISOString(),
          dueAtProvisional: t.dueAtProvisional,
          createdAt: t.createdAt.toISOString(),
          assignee: t.assigneeId ? { id: t.assigneeId, displayName: t.assigneeName! } : null,
          bureau: { id: t.bureauId, name: t.bureauName },
          application: {
            id: t.applicationId,
            number: t.number,
            kind: t.kind,
            status: t.applicationStatus,
            officerName: t.officerName,
            agency: { id: t.agencyId, name: t.agencyName, regionCode: t.agencyRegion },
          },
        })),
      },
    };
  },
});

/** One row of the inbox's page: the task and what the list shows of its relations. */
interface InboxRow {
  id: string;
  level: string;
  round: number;
  status: string;
  overdue: boolean;
  dueAt: Date;
  dueAtProvisional: boolean;
  createdAt: Date;
  assigneeId: string | null;
  assigneeName: string | null;
  bureauId: string;
  bureauName: string;
  applicationId: string;
  number: string;
  kind: string;
  applicationStatus: string;
  officerName: string;
  agencyId: string;
  agencyName: string;
  agencyRegion: string;
}

const CountOf = z.object(listTotalFields).openapi('ReviewInboxCount');
const InboxCounts = z
  .object({
    open: CountOf.openapi({ description: '待办 (OPEN)' }),
    waitingConsultation: CountOf.openapi({ description: '征求意见中' }),
    overdue: CountOf.openapi({ description: 'Active and past their due day (第七条)' }),
    mine: CountOf.openapi({ description: 'Active and assigned to you' }),
    unassigned: CountOf.openapi({ description: 'Active and assigned to nobody' }),
  })
  .openapi('ReviewInboxCounts');

/** What each count counts: the inbox's own filter, so a count and the list it opens agree. */
const COUNTED: Record<keyof z.infer<typeof InboxCounts>, Partial<ReviewInboxFilter>> = {
  open: { status: 'OPEN' },
  waitingConsultation: { status: 'WAITING_CONSULTATION' },
  overdue: { overdue: true },
  mine: { assigned: 'me' },
  unassigned: { assigned: 'unassigned' },
};

export const reviewTaskCounts = defineRoute({
  method: 'get',
  path: '/api/review-tasks/counts',
  summary: 'How many of your bureau’s active tasks are open, waiting for a consultation, overdue, yours, unassigned',
  tags: ['review'],
  auth: REVIEWER_ROLES,
  responses: {
    200: {
      description: 'The counts, over the same tasks as the inbox (exact up to 1000, then estimated)',
      schema: InboxCounts,
    },
  },
  handler: async ({ deps, actor }) => {
    // The inbox's own rule (scope, recusal): the counts never include a task the list would not show.
    const counted = await Promise.all(
      Object.entries(COUNTED).map(async ([key, f]) => {
        const where = await reviewInboxCondition(deps.db, actor, { scope: 'own', status: 'ACTIVE', ...f });
        return [key, await reviewInboxTotal(deps.db, where)] as const;
      }),
    );
    return { status: 200, body: Object.fromEntries(counted) as z.infer<typeof InboxCounts> };
  },
});

/** The task, its bureau's scope check (audited 403), and the role the actor acts under. */
async function ownTask(ctx: RouteContext<unknown, { id: string }, unknown>) {
  const task = await ctx.deps.db.reviewTask.findUnique({
    where: { id: ctx.params.id },
    include: { bureau: true, assignee: true, application: true },
  });
  if (!task) throw problems.notFound(`review task ${ctx.params.id}`);
  const role = await ctx.authorise({ ownerId: task.bureauId });
  return { task, role };
}

type OwnTask = Awaited<ReturnType<typeof ownTask>>;
const recusalOnTask = (
  ctx: RouteContext<unknown, { id: string }, unknown>,
  t: OwnTask['task'],
  actor: { userId: string; officerId: string | null } = ctx.actor,
) => recusalOf(ctx.deps.db, actor, { applicationId: t.applicationId }, [t.application.officerId]);

/** The task, for a reviewer who may act on it: not their own application, no conflict declared (第二十条). */
async function taskToActOn(ctx: RouteContext<unknown, { id: string }, unknown>): Promise<OwnTask> {
  const owned = await ownTask(ctx);
  const ground = await recusalOnTask(ctx, owned.task);
  if (ground) throw recusedRefusal(ground, '申请');
  return owned;
}

const TaskDetail = z
  .object({
    task: z.any(),
    application: ApplicationView,
    recusal: z.enum(['OWN_CASE', 'DECLARED']).nullable().openapi({
      description: 'Why you may not act on it (第二十条): your own application, or a conflict you declared',
    }),
  })
  .openapi('ReviewTaskDetail');

export const getReviewTask = defineRoute({
  method: 'get',
  path: '/api/review-tasks/{id}',
  summary: 'A task with its application, materials, eligibility, decision history and timeline',
  tags: ['review'],
  auth: REVIEWER_ROLES,
  params: z.object({ id: Uuid }),
  responses: { 200: { description: 'The task', schema: TaskDetail }, 404: { description: 'Unknown task' } },
  handler: async (ctx) => {
    const { task } = await ownTask(ctx);
    const view = await applicationView(ctx.deps.db, ctx.actor, task.applicationId);
    const recusal = await recusalOnTask(ctx, task);
    return { status: 200, body: { task: taskView(task), application: view!.body, recusal } };
  },
});

/** Claim / unclaim / assign: the task row changes by compare-and-set, audited. */
async function setAssignee(
  deps: Deps,
  ctx: RouteContext<unknown, { id: string }, unknown>,
  action: string,
  where: Prisma.ReviewTaskWhereInput,
  assigneeId: string | null,
  detail: Prisma.InputJsonValue,
  owned?: OwnTask,
) {
  const { task, role } = owned ?? (await taskToActOn(ctx));
  const changed = await deps.db.$transaction(async (tx) => {
    const r = await tx.reviewTask.updateMany({
      where: { id: task.id, status: { in: [...ACTIVE_TASK_STATUSES] }, ...where },
      data: { assigneeId },
    });
    if (r.count === 1) {
      await writeAudit(tx, {
        actorId: ctx.actor.userId,
        actorRoles: [role],
        action,
        targetType: 'ReviewTask',
        targetId: task.id,
        outcome: 'DONE',
        requestId: ctx.requestId,
        detail: { before: task.assigneeId, after: assigneeId, ...(detail as object) },
      });
    }
    return r.count === 1;
  });
  if (!changed)
    throw new RuleViolation({
      code: 'TASK_ASSIGNMENT_CONFLICT',
      title: '任务已被他人认领或已办结',
      detail: `cannot ${action.split('.').at(-1)}: the task is closed or assigned otherwise`,
    });
  const fresh = await deps.db.reviewTask.findUniqueOrThrow({
    where: { id: task.id },
    include: { bureau: true, assignee: true },
  });
  return { status: 200, body: taskView(fresh) };
}

const assignmentRoute = (verb: 'claim' | 'unclaim') =>
  defineRoute({
    method: 'post',
    path: `/api/review-tasks/{id}/${verb}`,
    summary: verb === 'claim' ? 'Claim an unassigned task' : 'Give back a task you claimed',
    tags: ['review'],
    auth: REVIEWER_ROLES,
    params: z.object({ id: Uuid }),
    responses: {
      200: { description: 'The task' },
      404: { description: 'Unknown task' },
      409: { description: 'Assigned otherwise or closed' },
    },
    handler: (ctx) =>
      verb === 'claim'
        ? setAssignee(ctx.deps, ctx, 'review-task.claim', { assigneeId: null }, ctx.actor.userId, {})
        : setAssignee(ctx.deps, ctx, 'review-task.unclaim', { assigneeId: ctx.actor.userId }, null, {}),
  });

export const claimTask = assignmentRoute('claim');
export const unclaimTask = assignmentRoute('unclaim');

export const assignTask = defineRoute({
  method: 'post',
  path: '/api/review-tasks/{id}/assign',
  summary: 'Assign a task to a colleague of the same bureau',
  tags: ['review'],
  auth: REVIEWER_ROLES,
  params: z.object({ id: Uuid }),
  body: z.object({ userId: Uuid }),
  responses: {
    200: { description: 'The task' },
    404: { description: 'Unknown task' },
    409: { description: 'Closed' },
    422: { description: 'Not a reviewer of this bureau and level' },
  },
  handler: async (ctx) => {
    // Scope first: another bureau learns nothing about this bureau's staff from a 422.
    const owned = await taskToActOn(ctx);
    const { task } = owned;
    const colleague = await ctx.deps.db.user.findUnique({ where: { id: ctx.body.userId } });
    if (
      !colleague ||
      !colleague.active ||
      colleague.organisationId !== task.bureauId ||
      !colleague.roles.includes(REVIEWER_ROLE_OF_LEVEL[task.bureau.level])
    ) {
      throw new RuleViolation({
        code: 'NOT_A_COLLEAGUE',
        title: '只能指派给本单位同级审核人员',
        detail: 'the user is not a reviewer of this bureau and level',
        status: 422,
      });
    }
    if (await recusalOnTask(ctx, task, { ...colleague, userId: colleague.id }))
      throw new RuleViolation({
        code: 'RECUSAL_COLLEAGUE',
        title: '该同事应当回避本申请，不能指派',
        detail: 'the colleague may not act on this application',
        article: RECUSAL_ARTICLE,
        status: 422,
      });
    return setAssignee(ctx.deps, ctx, 'review-task.assign', {}, ctx.body.userId, {}, owned);
  },
});

const Decision = z
  .object({
    decision: z
      .enum(['APPROVE', 'REJECT', 'RETURN', 'CONSULT'])
      .openapi({ description: 'RETURN = 退回补正; CONSULT = 征求机构编制部门意见 (第七条第二款)' }),
    comment: z.string().trim().max(4000).optional(),
  })
  .refine((b) => !needsReason(b.decision) || !!b.comment, {
    path: ['comment'],
    message: '不予通过、退回补正或征求意见须填写理由',
  })
  .openapi('ReviewDecision');

const DecisionResult = z
  .object({
    taskId: z.string(),
    decision: z.string(),
    applicationStatus: z.string(),
    resubmitDeadline: z.string().optional(),
    certificateNumber: z.string().optional(),
    consultationId: z.string().optional(),
  })
  .openapi('ReviewDecisionResult');

/** The task's bureau decides (第七条); the answer is the decision's outcome, not a fresh read. */
const ON_TASK = updateTarget({
  tags: ['review'],
  answer: { description: 'Decided', schema: DecisionResult },
  refusals: {
    404: { description: 'Unknown task' },
    409: { description: 'Not the current task, already decided, or waiting for a consultation' },
  },
  load: async (ctx) => {
    const { task, role } = await taskToActOn(ctx);
    return { record: task, role };
  },
  names: (task) => ({ taskId: task.id }),
  workflowId: (task) => task.application.workflowId,
  respond: (_ctx, task, outcome: UpdateResult<typeof decide>) => ({ taskId: task.id, ...outcome }),
});

export const decideTask = workflowUpdateRoute(ON_TASK, {
  path: '/api/review-tasks/{id}/decision',
  summary: 'Decide a review task (第七条): the answer comes when the decision is durable',
  auth: REVIEWER_ROLES,
  body: Decision,
  update: decide,
  args: ({ body }, task, acting) => ({ taskId: task.id, decision: body.decision, comment: body.comment, ...acting }),
});

export const declareReviewRecusal = workflowUpdateRoute(
  updateTarget({
    tags: ['review'],
    answer: { description: 'Declared; where the task went', schema: RecusalAnswer },
    refusals: {
      404: { description: 'Unknown task' },
      409: { description: 'Not the current task, already declared, or nobody left to take it over (第二十条)' },
    },
    // Also for the applicant among the reviewers: their declaration passes the task on like any other.
    load: async (ctx) => {
      const { task, role } = await ownTask(ctx);
      if ((await recusalOnTask(ctx, task)) === 'DECLARED')
        throw new RuleViolation({
          code: 'RECUSAL_ALREADY_DECLARED',
          title: '您已申请回避',
          detail: 'you declared a conflict in this application already',
          article: RECUSAL_ARTICLE,
        });
      return { record: task, role };
    },
    names: (task) => ({ taskId: task.id }),
    workflowId: (task) => task.application.workflowId,
    respond: ({ deps }, _task, handOver: UpdateResult<typeof declareConflict>) => recusalAnswer(deps.db, handOver),
  }),
  {
    path: '/api/review-tasks/{id}/recusal',
    summary:
      'Declare a conflict of interest (回避, 第二十条): the task goes to a colleague, or to the bureau over yours when none is left',
    auth: REVIEWER_ROLES,
    status: 201,
    body: RecusalBody,
    update: declareConflict,
    args: ({ body }, task, acting) => ({ taskId: task.id, reason: body.reason, ...acting }),
  },
);
