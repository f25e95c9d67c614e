// Registrations for an exam session (考试申报, 第六条): an agency registers its 在编 staff with the
// materials and the truthfulness declaration (第六条第二款) and corrects a refused one before the
// deadline; the organising bureau confirms or refuses with a reason — each a Workflow Update on the
// session's workflow, answered once durable. A declaration later found false is flagged by the bureau
// on the record, with its evidence (not a step of the session: it may come long after the results).
import { pageOf } from '../../domain/notification-links';
import type { Role } from '../../domain/roles';
import type { ExamRegistrationEventType } from '../../domain/labels';
import { examSessionName } from '../../domain/exam-registration';
import type { Db } from '../../infra/db';
import { writeAudit } from '../../store/audit';
import { notify } from '../../store/notifications';
import { decide, register, resubmit } from '../../workflows/exam-session';
import { idempotent } from '../idempotency';
import { problems } from '../problem';
import { defineRoute, updateTarget, workflowUpdateRoute, type RouteContext } from '../route';
import { Uuid, z } from '../schemas';
import { EXAM_BUREAU_ROLES, RegistrationView, registrationBody, sessionOr404, sessionReader } from './exam-sessions';
import { RuleViolation } from '../../domain/errors';

const REFUSALS = {
  404: { description: 'Unknown session or registration' },
  409: { description: 'The list is closed, the session full, or the registration not in that state (第六条)' },
  422: { description: 'The officer may not be registered (第二条, 第四条, 第六条: the article in the problem)' },
};
const answer = { description: 'The registration as now', schema: RegistrationView };

/** 第六条: an agency registers for a session of a bureau over it (else an audited 403). */
const ON_SESSION = updateTarget<Awaited<ReturnType<typeof sessionOr404>>, { registrationId: string }>({
  tags: ['exams'],
  answer,
  refusals: REFUSALS,
  load: async (ctx) => {
    const s = await sessionOr404(ctx.deps.db, ctx.params.id);
    const role = await sessionReader(ctx, s);
    if (role !== 'AGENCY_ADMIN') return ctx.deny('an agency registers its staff');
    return { record: s, role };
  },
  names: (s) => ({ sessionId: s.id }),
  workflowId: (s) => s.workflowId,
  respond: ({ deps, actor }, _s, out) => registrationBody(deps.db, actor, out.registrationId),
});

async function registrationOr404(db: Db, id: string) {
  const r = await db.examRegistration.findUnique({ where: { id }, include: { session: true, agency: true } });
  if (!r) throw problems.notFound(`exam registration ${id}`);
  return r;
}
type Registration = Awaited<ReturnType<typeof registrationOr404>>;

/** A registration as its agency (own) or the session's bureau (owner) acts on it. */
function onRegistration(
  target: (r: Registration) => Parameters<RouteContext<unknown, unknown, unknown>['authorise']>[0],
) {
  return updateTarget<Registration, { registrationId: string }>({
    tags: ['exams'],
    answer,
    refusals: REFUSALS,
    load: async (ctx) => {
      const r = await registrationOr404(ctx.deps.db, ctx.params.id);
      return { record: r, role: await ctx.authorise(target(r)) };
    },
    names: (r) => ({ registrationId: r.id }),
    workflowId: (r) => r.session.workflowId,
    respond: ({ deps, actor }, r) => registrationBody(deps.db, actor, r.id),
  });
}
const BY_AGENCY = onRegistration((r) => ({ organisationId: r.agencyId }));
const BY_BUREAU = onRegistration((r) => ({ ownerId: r.session.bureauId }));

const Materials = z
  .array(Uuid)
  .min(1)
  .max(20)
  .openapi({ description: 'Attachment ids (POST /api/attachments) of the agency' });
// 第六条第二款: the agency declares the registration truthful; it answers for a false one.
const Declaration = z.literal(true).openapi({ description: '第六条第二款: the registration is truthful (如实申报)' });

export const registerForExam = workflowUpdateRoute(ON_SESSION, {
  path: '/api/exam-sessions/{id}/registrations',
  summary: 'Register a 在编 staff member for the session with the materials and the truthfulness declaration (第六条)',
  auth: ['AGENCY_ADMIN'],
  status: 201,
  body: z.object({ officerId: Uuid, attachmentIds: Materials, declaration: Declaration }),
  update: register,
  args: ({ body }, _s, acting) => ({ ...acting, officerId: body.officerId, attachmentIds: body.attachmentIds }),
});

export const resubmitExamRegistration = workflowUpdateRoute(BY_AGENCY, {
  path: '/api/exam-registrations/{id}/resubmit',
  summary: 'Correct a refused registration and submit it again before the deadline (第六条)',
  auth: ['AGENCY_ADMIN'],
  body: z.object({ attachmentIds: Materials, declaration: Declaration }),
  update: resubmit,
  args: ({ body }, r, acting) => ({ ...acting, registrationId: r.id, attachmentIds: body.attachmentIds }),
});

export const decideExamRegistration = workflowUpdateRoute(BY_BUREAU, {
  path: '/api/exam-registrations/{id}/decision',
  summary: 'The organising bureau confirms a registration, or refuses it with the reason (第六条)',
  auth: EXAM_BUREAU_ROLES,
  body: z
    .object({ decision: z.enum(['CONFIRM', 'REFUSE']), reason: z.string().trim().max(2000).optional() })
    .refine((b) => b.decision === 'CONFIRM' || !!b.reason, { path: ['reason'], message: '不予确认须填写理由' }),
  update: decide,
  args: ({ body }, r, acting) => ({
    ...acting,
    registrationId: r.id,
    confirm: body.decision === 'CONFIRM',
    reason: body.reason || undefined,
  }),
});

export const flagFalseDeclaration = defineRoute({
  method: 'post',
  path: '/api/exam-registrations/{id}/false-declaration',
  summary: 'Flag the registration’s declaration as false (第六条第二款) with its evidence; on the officer’s record',
  tags: ['exams'],
  auth: EXAM_BUREAU_ROLES,
  params: z.object({ id: Uuid }),
  body: z.object({ evidence: z.string().trim().min(1).max(4000) }),
  idempotent: true,
  responses: { 200: answer, 404: { description: 'Unknown registration' }, 409: { description: 'Flagged already' } },
  handler: async (ctx) => {
    const { deps, body, actor } = ctx;
    const r = await registrationOr404(deps.db, ctx.params.id);
    const role: Role = await ctx.authorise({ ownerId: r.session.bureauId });
    return idempotent(
      deps.db,
      ctx.req,
      {
        route: 'POST /api/exam-registrations/{id}/false-declaration',
        actorId: actor.userId,
        body: { id: r.id, ...body },
      },
      async () => {
        const at = new Date();
        await deps.db.$transaction(async (tx) => {
          const changed = await tx.examRegistration.updateMany({
            where: { id: r.id, declarationFalse: false },
            data: {
              declarationFalse: true,
              falseDeclarationEvidence: body.evidence,
              falseDeclarationById: actor.userId,
              falseDeclarationAt: at,
            },
          });
          if (changed.count !== 1)
            throw new RuleViolation({
              code: 'DECLARATION_ALREADY_FLAGGED',
              title: '该报名的虚假申报已记录',
              detail: 'the declaration is flagged already',
              article: '第六条第二款',
            });
          await tx.examRegistrationEvent.create({
            data: {
              registrationId: r.id,
              key: 'false-declaration',
              type: 'DECLARATION_FALSE' satisfies ExamRegistrationEventType,
              actorId: actor.userId,
              comment: body.evidence,
              occurredAt: at,
            },
          });
          await writeAudit(tx, {
            actorId: actor.userId,
            actorRoles: [role],
            action: 'exam-registration.declaration-false',
            targetType: 'ExamRegistration',
            targetId: r.id,
            outcome: 'DONE',
            requestId: ctx.requestId,
            detail: { evidence: body.evidence },
          });
          await notify(tx, {
            recipientOrgId: r.agencyId,
            kind: 'EXAM_DECLARATION_FALSE',
            subject: '考试报名申报不实',
            body: `${examSessionName(r.session)}的报名经查申报不实，已记入人员档案（第六条第二款）：${body.evidence}`,
            link: pageOf.examRegistrations(r.sessionId),
            dedupeKey: `exam-declaration-false:${r.id}`,
            at,
          });
        });
        return { status: 200, body: await registrationBody(deps.db, actor, r.id) };
      },
    );
  },
});
