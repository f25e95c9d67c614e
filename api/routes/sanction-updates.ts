// The steps after a sanction's decision (第三十条–第三十二条): its delivery (送达), 复核 filing and the
// 复核 decision. Each is a Workflow Update on the sanction's workflow; the answer comes when the change
// is committed in PostgreSQL.
import type { Role } from '../../domain/roles';
import { SUSPENSION_TERM } from '../../domain/sanction';
import { fixedTermEnd, workingDaysLater } from '../../domain/time';
import { decideReview, deliver, fileReview } from '../../workflows/sanction';
import { actorRef } from '../actor-ref';
import { idempotent } from '../idempotency';
import { defineRoute, type RouteContext } from '../route';
import { Uuid, z } from '../schemas';
import { DeliveredAt, deliveryOf } from './sanction-decision';
import { sanctionOr404, SanctionView } from './sanction-views';

/** A POST on one sanction that runs a Workflow Update; answers with the sanction as it is now. */
function sanctionUpdateRoute<B extends z.ZodType>(opts: {
  path: string;
  summary: string;
  roles: readonly Role[];
  body: B;
  status?: number;
  run: (ctx: RouteContext<z.infer<B>, { id: string }, unknown>, s: Awaited<ReturnType<typeof sanctionOr404>>, role: Role, updateId: string) => Promise<unknown>;
}) {
  return defineRoute({
    method: 'post',
    path: opts.path,
    summary: opts.summary,
    tags: ['sanctions'],
    auth: opts.roles,
    params: z.object({ id: Uuid }),
    body: opts.body,
    idempotent: true,
    responses: {
      [opts.status ?? 200]: { description: 'Done; the sanction as it is now', schema: SanctionView },
      404: { description: 'Unknown sanction' },
      409: { description: 'Not possible now (the reason, and any deadline, in the answer)' },
    },
    handler: async (ctx) => {
      const view = await sanctionOr404(ctx.deps.db, ctx.params.id);
      const role = await ctx.authorise(view.scope);
      return idempotent(ctx.deps.db, ctx.req, { route: `POST ${opts.path}`, actorId: ctx.actor.userId, body: { id: view.sanction.id, ...(ctx.body as object) } }, async (claim) => {
        await opts.run(ctx as never, view, role, claim.key);
        return { status: opts.status ?? 200, body: (await sanctionOr404(ctx.deps.db, view.sanction.id)).body };
      });
    },
  });
}

export const deliverSanction = sanctionUpdateRoute({
  path: '/api/sanctions/{id}/delivery',
  summary: 'Record the delivery (送达) of a decision: it takes effect, and every period counts from it',
  roles: ['SANCTION_OFFICER'],
  body: z.object({ deliveredAt: DeliveredAt }),
  run: ({ deps, body, actor }, s, role, updateId) => {
    return deps.temporal.workflow
      .getHandle(s.sanction.workflowId)
      .executeUpdate(deliver, { updateId, args: [{ ...deliveryOf(deps, s.sanction.type, new Date(body.deliveredAt)), actor: actorRef(actor, role) }] });
  },
});

export const fileSanctionReview = sanctionUpdateRoute({
  path: '/api/sanctions/{id}/review',
  summary: 'File 复核 (第三十二条) within 10 days of delivery; the decision keeps being executed meanwhile',
  roles: ['OFFICER', 'AGENCY_ADMIN'],
  body: z.object({ reason: z.string().trim().min(1).max(4000) }),
  status: 201,
  run: ({ deps, body, actor, requestId }, s, role, updateId) =>
    deps.temporal.workflow.getHandle(s.sanction.workflowId).executeUpdate(fileReview, {
      updateId,
      args: [{ reason: body.reason, dueAt: workingDaysLater(new Date(), deps.config.SANCTION_REVIEW_WORKING_DAYS, deps.calendar).toISOString(), actor: actorRef(actor, role), receivedAt: new Date().toISOString(), requestId }],
    }),
});

export const decideSanctionReview = sanctionUpdateRoute({
  path: '/api/sanctions/{id}/review/decision',
  summary: 'Decide a 复核: UPHELD, ANNULLED (reinstated at once) or VARIED (收缴 → 暂扣 from the original delivery)',
  roles: ['SANCTION_OFFICER'],
  body: z.object({ outcome: z.enum(['UPHELD', 'ANNULLED', 'VARIED']), comment: z.string().trim().min(1).max(4000) }),
  run: ({ deps, body, actor, requestId }, s, role, updateId) =>
    deps.temporal.workflow.getHandle(s.sanction.workflowId).executeUpdate(decideReview, {
      updateId,
      args: [
        {
          outcome: body.outcome,
          comment: body.comment,
          // 第三十二条 VARIED: the 暂扣 counts from the original delivery (第三十条).
          variedTermEndsAt: body.outcome === 'VARIED' && s.sanction.deliveredAt ? fixedTermEnd(s.sanction.deliveredAt, SUSPENSION_TERM).toISOString() : undefined,
          actor: actorRef(actor, role),
          requestId,
        },
      ],
    }),
});
