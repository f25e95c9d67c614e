// The steps after a sanction's decision (第三十条–第三十二条): its delivery (送达), 复核 filing and the
// 复核 decision. Each is a Workflow Update on the sanction's workflow; the answer comes when the change
// is committed in PostgreSQL.
import { SUSPENSION_TERM } from '../../domain/sanction';
import { fixedTermEnd, workingDaysLater } from '../../domain/time';
import { decideReview, deliver, fileReview } from '../../workflows/sanction';
import { updateTarget, workflowUpdateRoute } from '../route';
import { z } from '../schemas';
import { DeliveredAt, deliveryOf } from './sanction-decision';
import { computeOver } from '../../domain/calendar';
import { sanctionOr404, SanctionView } from './sanction-views';

/** A POST on one sanction that runs a Workflow Update; answers with the sanction as it is now. */
const ON_SANCTION = updateTarget({
  tags: ['sanctions'],
  answer: { description: 'Done; the sanction as it is now', schema: SanctionView },
  refusals: {
    404: { description: 'Unknown sanction' },
    409: { description: 'Not possible now (the reason, and any deadline, in the answer)' },
  },
  load: async ({ deps, params, authorise }) => {
    const view = await sanctionOr404(deps.db, params.id);
    return { record: view.sanction, role: await authorise(view.scope) };
  },
  names: (s) => ({ id: s.id }),
  workflowId: (s) => s.workflowId,
  respond: async ({ deps }, s) => (await sanctionOr404(deps.db, s.id)).body,
});

export const deliverSanction = workflowUpdateRoute(ON_SANCTION, {
  path: '/api/sanctions/{id}/delivery',
  summary: 'Record the delivery (送达) of a decision: it takes effect, and every period counts from it',
  auth: ['SANCTION_OFFICER'],
  body: z.object({ deliveredAt: DeliveredAt }),
  update: deliver,
  args: async ({ deps, body }, s, { actor }) => ({
    ...(await deliveryOf(deps, s.type, new Date(body.deliveredAt))),
    actor,
  }),
});

export const fileSanctionReview = workflowUpdateRoute(ON_SANCTION, {
  path: '/api/sanctions/{id}/review',
  summary: 'File 复核 (第三十二条) within 10 days of delivery; the decision keeps being executed meanwhile',
  auth: ['OFFICER', 'AGENCY_ADMIN'],
  body: z.object({ reason: z.string().trim().min(1).max(4000) }),
  status: 201,
  update: fileReview,
  args: async ({ deps, body }, _s, { actor, requestId }) => {
    // 第三十二条: the 复核's service time in working days; provisional over a year not entered yet.
    const due = computeOver(await deps.calendar.snapshot(), (c) =>
      workingDaysLater(new Date(), deps.config.SANCTION_REVIEW_WORKING_DAYS, c),
    );
    return {
      reason: body.reason,
      dueAt: due.value.toISOString(),
      dueAtProvisional: due.provisional,
      actor,
      receivedAt: new Date().toISOString(),
      requestId,
    };
  },
});

export const decideSanctionReview = workflowUpdateRoute(ON_SANCTION, {
  path: '/api/sanctions/{id}/review/decision',
  summary: 'Decide a 复核: UPHELD, ANNULLED (reinstated at once) or VARIED (收缴 → 暂扣 from the original delivery)',
  auth: ['SANCTION_OFFICER'],
  body: z.object({ outcome: z.enum(['UPHELD', 'ANNULLED', 'VARIED']), comment: z.string().trim().min(1).max(4000) }),
  update: decideReview,
  args: ({ body }, s, { actor, requestId }) => ({
    outcome: body.outcome,
    comment: body.comment,
    // 第三十二条 VARIED: the 暂扣 counts from the original delivery (第三十条).
    variedTermEndsAt:
      body.outcome === 'VARIED' && s.deliveredAt
        ? fixedTermEnd(s.deliveredAt, SUSPENSION_TERM).toISOString()
        : undefined,
    actor,
    requestId,
  }),
});
