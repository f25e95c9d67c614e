// Complaints for the handling organ and the supervisor (第二十八条): filing by a supervisor, the
// detail with its timeline, and each step of the workflow as a Workflow Update whose answer comes
// when the step is durable. The complainant's identity is read only here, by the handling organ and
// the supervisor, and each read is audited (第二十五条).
import { writeAudit } from '../../store/audit';
import { COMPLAINT_FINDINGS, FEEDBACK_CHANNELS, complaintReaderRole } from '../../domain/complaint';
import type { Actor, Role } from '../../domain/roles';
import type { Db, Prisma } from '../../infra/db';
import {
  accept,
  close,
  decideExtension,
  declareConflict,
  recordFeedback,
  recordResult,
  reopened,
  requestExtension,
  transfer,
} from '../../workflows/complaint';
import { actorRef } from '../actor-ref';
import { ComplaintSubmission, IntakeAnswer, competentOrgan, complaintRun, fileComplaint } from '../complaint-intake';
import { idempotent } from '../idempotency';
import { problems } from '../problem';
import { defineRoute, updateTarget, workflowUpdateRoute, type RouteContext } from '../route';
import { iso, Uuid, z } from '../schemas';
import { SanctionCase } from './sanction-decision';
import { RuleViolation } from '../../domain/errors';
import { RECUSAL_ARTICLE, recusalGround } from '../../domain/recusal';
import { recordedHandOver } from '../../store/recusal';
import { RecusalAnswer, RecusalBody, recusalAnswer, recusedRefusal } from '../recusal';

const A28 = '第二十八条';

const COMPLAINT_INCLUDE = {
  handlingOrg: true,
  subjects: true,
  recusals: { select: { userId: true } },
  events: { orderBy: { occurredAt: 'asc' } },
  tasks: { orderBy: { createdAt: 'asc' } },
  attachments: {
    select: { id: true, fileName: true, contentType: true, size: true, sha256: true, createdAt: true },
    orderBy: { createdAt: 'asc' },
  },
  proposals: { orderBy: { createdAt: 'asc' } },
} satisfies Prisma.ComplaintInclude;
type ComplaintRow = Prisma.ComplaintGetPayload<{ include: typeof COMPLAINT_INCLUDE }>;

export const ComplaintView = z
  .object({
    id: z.string(),
    number: z.string(),
    round: z.number(),
    status: z.string(),
    source: z.string(),
    addressedTo: z.string(),
    receivingOrgId: z.string(),
    handlingOrg: z.object({ id: z.string(), name: z.string() }),
    complainant: z
      .object({ kind: z.string(), anonymous: z.boolean(), name: z.string().nullable(), contact: z.string().nullable() })
      .openapi({ description: '第二十五条: only for the handling organ and the supervisor; every read is audited' }),
    subjects: z.array(
      z.object({
        name: z.string(),
        certificateNumber: z.string().nullable(),
        officerId: z.string().nullable(),
        agencyId: z.string(),
        agencyName: z.string(),
      }),
    ),
    facts: z.string(),
    occurredAt: z.string(),
    place: z.string(),
    investigatorId: z.string().nullable(),
    investigatorName: z.string().nullable(),
    investigationDueAt: z.string().nullable(),
    extension: z.object({ status: z.string(), reason: z.string().nullable() }).nullable(),
    result: z
      .object({ finding: z.string(), measures: z.string().nullable(), byId: z.string().nullable(), at: z.string() })
      .nullable(),
    feedback: z.object({
      dueAt: z.string().nullable(),
      channel: z.string().nullable(),
      content: z.string().nullable(),
      byId: z.string().nullable(),
      at: z.string().nullable(),
    }),
    proposals: z.array(
      z.object({
        id: z.string(),
        status: z.string(),
        type: z.string(),
        grounds: z.array(z.number()),
        sanctionId: z.string().nullable(),
        decisionNote: z.string().nullable(),
      }),
    ),
    tasks: z.array(
      z.object({
        id: z.string(),
        kind: z.string(),
        status: z.string(),
        organisationId: z.string(),
        assigneeId: z.string().nullable(),
        dueAt: z.string(),
        dueAtProvisional: z.boolean(),
        overdue: z.boolean(),
        escalations: z.number(),
        outcome: z.string().nullable(),
      }),
    ),
    attachments: z.array(
      z.object({
        id: z.string(),
        fileName: z.string(),
        contentType: z.string(),
        size: z.number(),
        sha256: z.string(),
        createdAt: z.string(),
      }),
    ),
    timeline: z.array(
      z.object({
        round: z.number(),
        type: z.string(),
        actorId: z.string().nullable(),
        actorRole: z.string().nullable(),
        organisationId: z.string().nullable(),
        comment: z.string().nullable(),
        occurredAt: z.string(),
      }),
    ),
    createdAt: z.string(),
    closedAt: z.string().nullable(),
  })
  .openapi('Complaint');

/** Who the complaint names, for people: the subjects' agencies and the investigator by name. */
interface Names {
  agencies: ReadonlyMap<string, string>;
  investigator: string | null;
}

async function namesOf(db: Db, c: ComplaintRow): Promise<Names> {
  const [agencies, investigator] = await Promise.all([
    db.organisation.findMany({
      where: { id: { in: c.subjects.map((s) => s.agencyId) } },
      select: { id: true, name: true },
    }),
    c.investigatorId ? db.user.findUnique({ where: { id: c.investigatorId }, select: { displayName: true } }) : null,
  ]);
  return { agencies: new Map(agencies.map((a) => [a.id, a.name])), investigator: investigator?.displayName ?? null };
}

/** 第二十九条: the sanction proposals the complaint's result made, as the complaint shows them. */
const proposalsOf = (c: ComplaintRow) =>
  c.proposals.map((p) => ({
    id: p.id,
    status: p.status,
    type: p.type,
    grounds: p.grounds,
    sanctionId: p.sanctionId,
    decisionNote: p.decisionNote,
  }));

function complaintBody(c: ComplaintRow, names: Names): z.infer<typeof ComplaintView> {
  return {
    id: c.id,
    number: c.number,
    round: c.round,
    status: c.status,
    source: c.source,
    addressedTo: c.addressedTo,
    receivingOrgId: c.receivingOrgId,
    handlingOrg: { id: c.handlingOrg.id, name: c.handlingOrg.name },
    complainant: {
      kind: c.complainantKind,
      anonymous: c.complainantName === null,
      name: c.complainantName,
      contact: c.complainantContact,
    },
    subjects: c.subjects.map((s) => ({
      name: s.name,
      certificateNumber: s.certificateNumber,
      officerId: s.officerId,
      agencyId: s.agencyId,
      agencyName: names.agencies.get(s.agencyId) ?? '',
    })),
    facts: c.facts,
    occurredAt: c.occurredAt.toISOString(),
    place: c.place,
    investigatorId: c.investigatorId,
    investigatorName: names.investigator,
    investigationDueAt: iso(c.investigationDueAt),
    extension: c.extensionStatus ? { status: c.extensionStatus, reason: c.extensionReason } : null,
    result:
      c.finding && c.resultAt
        ? { finding: c.finding, measures: c.measures, byId: c.resultById, at: c.resultAt.toISOString() }
        : null,
    feedback: {
      dueAt: iso(c.feedbackDueAt),
      channel: c.feedbackChannel,
      content: c.feedbackContent,
      byId: c.feedbackById,
      at: iso(c.feedbackAt),
    },
    proposals: proposalsOf(c),
    tasks: c.tasks.map((t) => ({
      id: t.id,
      kind: t.kind,
      status: t.status,
      organisationId: t.organisationId,
      assigneeId: t.assigneeId,
      dueAt: t.dueAt.toISOString(),
      dueAtProvisional: t.dueAtProvisional,
      overdue: t.overdue,
      escalations: t.escalations,
      outcome: t.outcome,
    })),
    attachments: c.attachments.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() })),
    timeline: c.events.map((e) => ({
      round: e.round,
      type: e.type,
      actorId: e.actorId,
      actorRole: e.actorRole,
      organisationId: e.organisationId,
      comment: e.comment,
      occurredAt: e.occurredAt.toISOString(),
    })),
    createdAt: c.createdAt.toISOString(),
    closedAt: iso(c.closedAt),
  };
}

async function complaintOr404(db: Db, id: string): Promise<ComplaintRow> {
  const c = await db.complaint.findUnique({ where: { id }, include: COMPLAINT_INCLUDE });
  if (!c) throw problems.notFound(`complaint ${id}`);
  return c;
}

/** 第二十五条: the role under which the actor reads this complaint, or an audited 403. */
async function readerRole(
  ctx: Pick<RouteContext<unknown, unknown, unknown>, 'actor' | 'deny'>,
  c: ComplaintRow,
): Promise<Role> {
  const role = complaintReaderRole(ctx.actor, {
    handlingOrgId: c.handlingOrgId,
    handlingRegionCode: c.handlingOrg.regionCode,
    subjectAgencyIds: c.subjects.map((s) => s.agencyId),
    subjectOfficerIds: c.subjects.map((s) => s.officerId),
    declaredUserIds: c.recusals.map((r) => r.userId),
  });
  return role ?? ctx.deny('only the handling organ and the supervisor read a complaint (第二十五条)');
}

/** The detail with the complainant's identity; the read is audited in the answer's own path (第二十五条). */
async function identifiedView(db: Db, c: ComplaintRow, actor: Actor, role: Role, requestId: string) {
  await writeAudit(db, {
    actorId: actor.userId,
    actorRoles: [role],
    action: 'complaint.complainant.read',
    targetType: 'Complaint',
    targetId: c.id,
    outcome: 'DONE',
    requestId,
    detail: { organisationId: actor.organisation.id },
  });
  return complaintBody(c, await namesOf(db, c));
}

export const fileComplaintBySupervisor = defineRoute({
  method: 'post',
  path: '/api/complaints',
  summary: 'File a complaint received by a supervisor (第二十八条); the answer carries the receipt code',
  tags: ['complaints'],
  auth: ['SUPERVISOR'],
  body: ComplaintSubmission,
  idempotent: true,
  responses: {
    201: { description: 'Filed; the organ addressed has the acceptance task', schema: IntakeAnswer },
    422: { description: 'Not an organ the complainant may address (第二十八条), or Idempotency-Key reused' },
  },
  handler: async ({ deps, req, body, actor, requestId, deny }) => {
    if (actor.organisation.type === 'AGENCY') return deny(SUPERVISING_ORGAN_ONLY);
    return idempotent(deps.db, req, { route: 'POST /api/complaints', actorId: actor.userId, body }, async (claim) => ({
      status: 201,
      body: await fileComplaint(deps, claim, body, { source: 'SUPERVISOR', filedById: actor.userId, requestId }),
    }));
  },
});

// 第二十八条: filing and reopening are the supervising organ's (监察机关, a bureau); the head of an
// agency (a SUPERVISOR there) approves its own organ's extensions only — it does not reopen the
// complaints against its own staff.
const SUPERVISING_ORGAN_ONLY =
  'only a supervisory organ or a superior bureau files and reopens complaints (第二十八条)';

export const getComplaint = defineRoute({
  method: 'get',
  path: '/api/complaints/{id}',
  summary:
    'A complaint with its complainant (audited), officers, tasks, result, feedback, sanction proposals and timeline',
  tags: ['complaints'],
  auth: ['COMPLAINT_HANDLER', 'SUPERVISOR'],
  params: z.object({ id: Uuid }),
  responses: {
    200: { description: 'The complaint', schema: ComplaintView },
    404: { description: 'Unknown complaint' },
  },
  handler: async (ctx) => {
    const c = await complaintOr404(ctx.deps.db, ctx.params.id);
    const role = await readerRole(ctx, c);
    return { status: 200, body: await identifiedView(ctx.deps.db, c, ctx.actor, role, ctx.requestId) };
  },
});

export const downloadComplaintAttachment = defineRoute({
  method: 'get',
  path: '/api/complaints/{id}/attachments/{attachmentId}',
  summary: 'A complainant’s material (read like the complaint itself, 第二十五条)',
  tags: ['complaints'],
  auth: ['COMPLAINT_HANDLER', 'SUPERVISOR'],
  params: z.object({ id: Uuid, attachmentId: Uuid }),
  responses: { 200: { description: 'The file' }, 404: { description: 'Unknown complaint or attachment' } },
  handler: async (ctx) => {
    const c = await complaintOr404(ctx.deps.db, ctx.params.id);
    await readerRole(ctx, c);
    const a = await ctx.deps.db.attachment.findFirst({ where: { id: ctx.params.attachmentId, complaintId: c.id } });
    if (!a) throw problems.notFound(`attachment ${ctx.params.attachmentId}`);
    return { status: 200, file: { contentType: a.contentType, fileName: a.fileName, data: a.data } };
  },
});

/** What an action answers: the complaint's state, without the identity (not read for this). */
const ActionAnswer = z
  .object({
    id: z.string(),
    number: z.string(),
    round: z.number(),
    status: z.string(),
    handlingOrgId: z.string(),
    investigationDueAt: z.string().nullable(),
    feedbackDueAt: z.string().nullable(),
    proposals: ComplaintView.shape.proposals,
  })
  .openapi('ComplaintState');

async function actionAnswer(db: Db, id: string) {
  const c = await complaintOr404(db, id);
  return {
    id: c.id,
    number: c.number,
    round: c.round,
    status: c.status,
    handlingOrgId: c.handlingOrgId,
    investigationDueAt: iso(c.investigationDueAt),
    feedbackDueAt: iso(c.feedbackDueAt),
    proposals: proposalsOf(c),
  };
}

/** 第二十条: whether `who` may not act on the complaint — the officer complained about, or a declared conflict. */
const recusalOn = (who: { userId: string; officerId: string | null }, c: ComplaintRow) =>
  recusalGround(who, {
    subjectOfficerIds: c.subjects.map((s) => s.officerId),
    declaredUserIds: c.recusals.map((r) => r.userId),
  });

/** A step of the complaint's process by the organ handling it, run as a Workflow Update; answers once it is durable. */
const ON_COMPLAINT = updateTarget({
  tags: ['complaints'],
  answer: { description: 'Done; the complaint as it is now', schema: ActionAnswer },
  refusals: {
    404: { description: 'Unknown complaint' },
    409: { description: 'Not possible at this stage (e.g. closing before the feedback, 第二十八条)' },
  },
  load: async ({ deps, params, actor, authorise }) => {
    const c = await complaintOr404(deps.db, params.id);
    // 第二十八条: only the organ that handles the complaint now acts on it.
    const role = await authorise({ ownerId: c.handlingOrgId });
    // 第二十条: the officer complained about, though of the handling organ, does not act on it; nor a
    // handler who declared a conflict.
    const ground = recusalOn(actor, c);
    if (ground) throw recusedRefusal(ground, '投诉');
    return { record: c, role };
  },
  names: (c) => ({ id: c.id }),
  workflowId: (c) => c.workflowId,
  respond: ({ deps }, c) => actionAnswer(deps.db, c.id),
});

export const acceptComplaint = workflowUpdateRoute(ON_COMPLAINT, {
  path: '/api/complaints/{id}/accept',
  summary:
    'Accept the complaint for investigation and assign the investigator (default: yourself); the deadline starts',
  auth: ['COMPLAINT_HANDLER'],
  body: z.object({ investigatorId: Uuid.optional() }),
  update: accept,
  args: async ({ deps, body, actor }, c, acting) => {
    const investigatorId = body.investigatorId ?? actor.userId;
    const colleague = await deps.db.user.findUnique({ where: { id: investigatorId } });
    if (
      !colleague?.active ||
      colleague.organisationId !== c.handlingOrgId ||
      !colleague.roles.includes('COMPLAINT_HANDLER')
    ) {
      throw new RuleViolation({
        code: 'NOT_A_COLLEAGUE',
        title: '调查人员须为本机关投诉受理人员',
        detail: 'the investigator must be a complaint handler of the handling organ',
        status: 422,
      });
    }
    // 第二十条: nobody investigates a complaint about themselves, nor one they declared a conflict in.
    const ground = recusalOn({ ...colleague, userId: colleague.id }, c);
    if (ground) {
      throw new RuleViolation({
        code: ground === 'OWN_CASE' ? 'RECUSAL_OWN_CASE' : 'RECUSAL_DECLARED',
        title: ground === 'OWN_CASE' ? '所选调查人员是被投诉的执法人员，应当回避' : '所选调查人员已申请回避',
        detail: 'the investigator may not act on this complaint',
        article: RECUSAL_ARTICLE,
        status: 422,
      });
    }
    return { ...acting, investigatorId };
  },
});

export const transferComplaint = workflowUpdateRoute(ON_COMPLAINT, {
  path: '/api/complaints/{id}/transfer',
  summary:
    'Transfer the complaint to the competent organ (转交有权机关, 第二十八条) — one it could be addressed to (else 422) — with the reason',
  auth: ['COMPLAINT_HANDLER'],
  body: z.object({ organisationId: Uuid, reason: z.string().trim().min(1).max(2000) }),
  update: transfer,
  args: async ({ deps, body }, c, acting) => {
    const to = await deps.db.organisation.findUnique({ where: { id: body.organisationId, active: true } });
    if (!to) throw problems.validation([{ field: 'body.organisationId', message: '未找到该机关' }]);
    // 第二十八条: the organ taking it over is one the complaint could have been addressed to.
    await competentOrgan(
      deps.db,
      to,
      c.subjects.map((s) => s.agencyId),
    );
    return { ...acting, toOrgId: to.id, reason: body.reason };
  },
});

export const requestComplaintExtension = workflowUpdateRoute(ON_COMPLAINT, {
  path: '/api/complaints/{id}/extension',
  summary: 'Ask the organ’s head for the one extension of the investigation, with the reason',
  auth: ['COMPLAINT_HANDLER'],
  body: z.object({ reason: z.string().trim().min(1).max(2000) }),
  update: requestExtension,
  args: ({ body }, _c, acting) => ({ ...acting, reason: body.reason }),
});

export const decideComplaintExtension = workflowUpdateRoute(ON_COMPLAINT, {
  path: '/api/complaints/{id}/extension/decision',
  summary: 'The organ’s head (its SUPERVISOR) approves or refuses the extension',
  auth: ['SUPERVISOR'],
  body: z.object({ approve: z.boolean(), comment: z.string().trim().min(1).max(2000) }),
  update: decideExtension,
  args: ({ body }, _c, acting) => ({ ...acting, ...body }),
});

export const recordComplaintResult = workflowUpdateRoute(ON_COMPLAINT, {
  path: '/api/complaints/{id}/result',
  summary:
    'Record the findings and measures, optionally proposing 暂扣 / 收缴 to 杭州市司法局 (第二十九条); the feedback is now owed',
  auth: ['COMPLAINT_HANDLER'],
  body: z.object({
    finding: z.enum(COMPLAINT_FINDINGS),
    measures: z.string().trim().min(1).max(4000),
    sanctionProposal: z
      .object(SanctionCase)
      .optional()
      .openapi({ description: 'A certificate of an officer complained about' }),
  }),
  update: recordResult,
  args: async ({ deps, body }, c, acting) => {
    let proposal;
    if (body.sanctionProposal && body.finding === 'NOT_SUBSTANTIATED')
      throw new RuleViolation({
        code: 'PROPOSAL_WITHOUT_FINDING',
        title: '投诉不属实，不能提出暂扣或收缴建议',
        detail: 'a sanction proposal rests on a finding that holds',
        article: '第二十九条',
        status: 422,
      });
    if (body.sanctionProposal) {
      const p = body.sanctionProposal;
      const cert = await deps.db.certificate.findUnique({ where: { number: p.certificateNumber } });
      const named =
        cert && c.subjects.some((s) => s.officerId === cert.officerId || s.certificateNumber === cert.number);
      if (!cert || !named)
        throw new RuleViolation({
          code: 'NOT_A_SUBJECT',
          title: '建议处理的证件不属于被投诉人员',
          detail: 'the proposal must name a certificate of an officer complained about',
          article: '第二十九条',
          status: 422,
        });
      proposal = { certificateId: cert.id, type: p.type, grounds: p.grounds, facts: p.facts };
    }
    return { ...acting, finding: body.finding, measures: body.measures, proposal };
  },
});

export const recordComplaintFeedback = workflowUpdateRoute(ON_COMPLAINT, {
  path: '/api/complaints/{id}/feedback',
  summary:
    'Record the feedback to the complainant (第二十八条): channel, content; PUBLISHED for a complainant without contact',
  auth: ['COMPLAINT_HANDLER'],
  body: z.object({ channel: z.enum(FEEDBACK_CHANNELS), content: z.string().trim().min(1).max(4000) }),
  update: recordFeedback,
  args: ({ body }, _c, acting) => ({ ...acting, ...body }),
});

export const closeComplaint = workflowUpdateRoute(ON_COMPLAINT, {
  path: '/api/complaints/{id}/close',
  summary: 'Close (办结) the complaint — only after the feedback is recorded (else 409, 第二十八条)',
  auth: ['COMPLAINT_HANDLER'],
  body: z.object({ note: z.string().trim().max(2000).optional() }),
  update: close,
  args: ({ body }, _c, acting) => ({ ...acting, note: body.note }),
});

export const declareComplaintRecusal = workflowUpdateRoute(
  updateTarget({
    tags: ['complaints'],
    answer: { description: 'Declared; where the complaint went', schema: RecusalAnswer },
    refusals: {
      404: { description: 'Unknown complaint' },
      409: { description: 'Already declared, not open, or nobody left to take it over (第二十条)' },
    },
    // Also for the officer complained about among the handlers: their declaration passes it on.
    load: async ({ deps, params, actor, authorise }) => {
      const c = await complaintOr404(deps.db, params.id);
      const role = await authorise({ ownerId: c.handlingOrgId });
      if (recusalOn(actor, c) === 'DECLARED')
        throw new RuleViolation({
          code: 'RECUSAL_ALREADY_DECLARED',
          title: '您已申请回避',
          detail: 'you declared a conflict in this complaint already',
          article: RECUSAL_ARTICLE,
        });
      return { record: c, role };
    },
    names: (c) => ({ id: c.id }),
    workflowId: (c) => c.workflowId,
    respond: async ({ deps, actor }, c) =>
      recusalAnswer(deps.db, await recordedHandOver(deps.db, { userId: actor.userId, complaintId: c.id })),
  }),
  {
    path: '/api/complaints/{id}/recusal',
    summary:
      'Declare a conflict of interest (回避, 第二十条): your part goes to a colleague, or the complaint to the organ over yours when none is left',
    auth: ['COMPLAINT_HANDLER'],
    status: 201,
    body: RecusalBody,
    update: declareConflict,
    args: ({ body }, _c, acting) => ({ ...acting, reason: body.reason }),
  },
);

export const reopenComplaint = defineRoute({
  method: 'post',
  path: '/api/complaints/{id}/reopen',
  summary: 'Reopen a closed complaint with the reason: a new round of investigation and feedback',
  tags: ['complaints'],
  auth: ['SUPERVISOR'],
  params: z.object({ id: Uuid }),
  body: z.object({ reason: z.string().trim().min(1).max(2000) }),
  idempotent: true,
  responses: {
    200: { description: 'Reopened', schema: ActionAnswer },
    404: { description: 'Unknown complaint' },
    409: { description: 'Not closed' },
  },
  handler: async (ctx) => {
    const { deps, body, actor } = ctx;
    const c = await complaintOr404(deps.db, ctx.params.id);
    const role = await readerRole(ctx, c);
    if (actor.organisation.type === 'AGENCY') return ctx.deny(SUPERVISING_ORGAN_ONLY);
    return idempotent(
      deps.db,
      ctx.req,
      { route: 'POST /api/complaints/{id}/reopen', actorId: actor.userId, body: { id: c.id, ...body } },
      async (claim) => {
        if (c.status !== 'CLOSED')
          throw new RuleViolation({
            code: 'COMPLAINT_NOT_CLOSED',
            title: '投诉举报尚未办结',
            detail: 'only a closed complaint can be reopened',
            article: A28,
          });
        const input = {
          complaintId: c.id,
          handlingOrgId: c.handlingOrgId,
          round: c.round + 1,
          hasContact: c.complainantContact !== null,
          reopen: { reason: body.reason, actor: actorRef(actor, role) },
          requestId: ctx.requestId,
        };
        // The closed run stays in history; the reopened one runs under the same workflow ID.
        await deps.temporal.workflow.executeUpdateWithStart(reopened, {
          updateId: claim.key,
          startWorkflowOperation: complaintRun(deps, c, input, 'ALLOW_DUPLICATE'),
        });
        return { status: 200, body: await actionAnswer(deps.db, c.id) };
      },
    );
  },
});
