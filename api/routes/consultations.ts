// 第七条第二款: the staffing office answers a reviewer's consultation; the review waits for it.
import { answerConsultation } from '../../workflows/application';
import { problems } from '../problem';
import { defineRoute, updateTarget, workflowUpdateRoute } from '../route';
import { z } from '../schemas';

const ConsultationView = z
  .object({
    id: z.string(),
    question: z.string(),
    answer: z.string().nullable(),
    askedAt: z.string(),
    answeredAt: z.string().nullable(),
    application: z.object({
      id: z.string(),
      number: z.string(),
      kind: z.string(),
      officerName: z.string(),
      agencyName: z.string(),
    }),
  })
  .openapi('Consultation');

export const listConsultations = defineRoute({
  method: 'get',
  path: '/api/consultations',
  summary: 'Consultations addressed to your staffing office (unanswered first)',
  tags: ['review'],
  auth: ['STAFFING_OFFICE'],
  query: z.object({
    answered: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
  }),
  responses: { 200: { description: 'Consultations', schema: z.object({ items: z.array(ConsultationView) }) } },
  handler: async ({ deps, actor, query }) => {
    const rows = await deps.db.consultation.findMany({
      where: {
        staffingOfficeId: actor.organisation.id,
        ...(query.answered === undefined ? {} : { answeredAt: query.answered ? { not: null } : null }),
      },
      orderBy: [{ answeredAt: { sort: 'desc', nulls: 'first' } }, { askedAt: 'asc' }],
      take: 200,
      include: { application: { include: { officer: true, organisation: true } } },
    });
    return {
      status: 200,
      body: {
        items: rows.map((c) => ({
          id: c.id,
          question: c.question,
          answer: c.answer,
          askedAt: c.askedAt.toISOString(),
          answeredAt: c.answeredAt?.toISOString() ?? null,
          application: {
            id: c.application.id,
            number: c.application.number,
            kind: c.application.kind,
            officerName: c.application.officer.name,
            agencyName: c.application.organisation.name,
          },
        })),
      },
    };
  },
});

/** The staffing office the consultation is addressed to answers it, by a Workflow Update on the application. */
const ON_CONSULTATION = updateTarget({
  tags: ['review'],
  answer: { description: 'Answered' },
  refusals: { 404: { description: 'Unknown consultation' }, 409: { description: 'Answered already' } },
  load: async ({ deps, params, authorise }) => {
    const c = await deps.db.consultation.findUnique({ where: { id: params.id }, include: { application: true } });
    if (!c) throw problems.notFound(`consultation ${params.id}`);
    return { record: c, role: await authorise({ ownerId: c.staffingOfficeId }) };
  },
  names: (c) => ({ id: c.id }),
  workflowId: (c) => c.application.workflowId,
  respond: (_ctx, c) => ({ id: c.id, answered: true }),
});

export const answerConsultationRoute = workflowUpdateRoute(ON_CONSULTATION, {
  path: '/api/consultations/{id}/answer',
  summary: 'Answer a consultation; the reviewer’s task opens again',
  auth: ['STAFFING_OFFICE'],
  body: z.object({ answer: z.string().trim().min(1).max(4000) }),
  update: answerConsultation,
  args: ({ body }, c, acting) => ({ consultationId: c.id, answer: body.answer, ...acting }),
});
