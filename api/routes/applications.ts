// Applications for a certificate (第四条–第十条): submission (eligibility checked, materials linked),
// detail and list, resubmission after a return, withdrawal, and the eligibility check on its own.
import { eligibilityOf } from '../../store/eligibility-facts';
import { APPLICATION_KINDS, REISSUE_REASONS } from '../../domain/eligibility';
import type { Prisma } from '../../infra/db';
import { resubmit, withdraw } from '../../workflows/application';
import { actorRef } from '../actor-ref';
import { startApplication } from '../application-intake';
import { afterCursor, pageOf } from '../cursor';
import { listTotal } from '../list-total';
import { idempotent } from '../idempotency';
import { problems } from '../problem';
import { defineRoute, updateTarget, workflowUpdateRoute } from '../route';
import { iso, Uuid, z } from '../schemas';
import { APPLICATION_SCOPE, ApplicationView, EligibilitySchema, applicationOr404 } from './application-views';
import { REVIEWER_ROLES } from '../../domain/review-chain';

const SubmitApplication = z
  .object({
    officerId: Uuid,
    kind: z.enum(APPLICATION_KINDS).openapi({
      description: 'INITIAL 申领, TRANSFER 换发 (第八条), REISSUE 补发 (第十条), REAPPLY 重新申领 (第九条)',
    }),
    previousCertificateNumber: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .openapi({ description: 'The card to replace (TRANSFER, REISSUE)' }),
    reissueReason: z.enum(REISSUE_REASONS).optional(),
    note: z.string().trim().max(2000).optional(),
    attachmentIds: z.array(Uuid).max(20).default([]),
  })
  .refine((b) => !['TRANSFER', 'REISSUE'].includes(b.kind) || b.previousCertificateNumber, {
    path: ['previousCertificateNumber'],
    message: '换发和补发须填写原执法证号',
  })
  .refine((b) => b.kind !== 'REISSUE' || b.reissueReason, { path: ['reissueReason'], message: '补发须填写补发原因' })
  .openapi('ApplicationSubmission');

export const submitApplication = defineRoute({
  method: 'post',
  path: '/api/applications',
  summary: 'Submit an application (申领 / 换发 / 补发 / 重新申领) for an officer of your agency',
  tags: ['applications'],
  auth: ['AGENCY_ADMIN'],
  body: SubmitApplication,
  idempotent: true,
  responses: {
    201: { description: 'Submitted; the first review task is open', schema: ApplicationView },
    404: { description: 'Unknown officer or certificate' },
    409: { description: 'An open application exists already' },
    422: { description: 'Not eligible: `reasons` lists each refusal with its article' },
  },
  handler: async ({ deps, req, body, actor, authorise }) => {
    const officer = await deps.db.officer.findUnique({ where: { id: body.officerId } });
    if (!officer) throw problems.notFound(`officer ${body.officerId}`);
    const role = await authorise({ organisationId: officer.organisationId });
    let previousCertificateId: string | undefined;
    if (body.previousCertificateNumber) {
      const prev = await deps.db.certificate.findUnique({ where: { number: body.previousCertificateNumber } });
      if (!prev || prev.officerId !== officer.id)
        throw problems.notFound(`certificate ${body.previousCertificateNumber} of this officer`);
      previousCertificateId = prev.id;
    }
    return idempotent(deps.db, req, { route: 'POST /api/applications', actorId: actor.userId, body }, async (claim) => {
      await startApplication(deps, claim, actorRef(actor, role), String(req.id), {
        kind: body.kind,
        officerId: officer.id,
        organisationId: officer.organisationId,
        previousCertificateId,
        reissueReason: body.reissueReason,
        note: body.note,
        attachmentIds: body.attachmentIds,
      });
      return { status: 201, body: (await applicationOr404(deps.db, actor, claim.id)).body };
    });
  },
});

export const getApplication = defineRoute({
  method: 'get',
  path: '/api/applications/{id}',
  summary: 'An application with its materials, eligibility, decisions and timeline (每一步 who/when/what)',
  tags: ['applications'],
  auth: ['AGENCY_ADMIN', 'OFFICER', ...REVIEWER_ROLES],
  params: z.object({ id: Uuid }),
  responses: {
    200: { description: 'The application', schema: ApplicationView },
    404: { description: 'Unknown application' },
  },
  handler: async ({ deps, params, actor, authorise }) => {
    const view = await applicationOr404(deps.db, actor, params.id);
    await authorise(view.scope);
    return { status: 200, body: view.body };
  },
});

export const listApplications = defineRoute({
  method: 'get',
  path: '/api/applications',
  summary: 'Applications of your agency (or of the agencies in a bureau’s region), newest first',
  tags: ['applications'],
  auth: ['AGENCY_ADMIN', ...REVIEWER_ROLES],
  query: z.object({
    status: z.enum(['UNDER_REVIEW', 'RETURNED', 'ISSUED', 'REJECTED', 'WITHDRAWN', 'LAPSED']).optional(),
    cursor: z.string().max(300).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  }),
  responses: { 200: { description: 'A page of applications' } },
  handler: async ({ deps, query, visible }) => {
    const where: Prisma.ApplicationWhereInput = {
      AND: [visible(APPLICATION_SCOPE), query.status ? { status: query.status } : {}],
    };
    const page: Prisma.ApplicationWhereInput = query.cursor
      ? { AND: [where, afterCursor(query.cursor, 'submittedAt', 'desc')] }
      : where;
    const [rows, total] = await Promise.all([
      deps.db.application.findMany({
        where: page,
        include: { officer: true, organisation: true },
        orderBy: [{ submittedAt: 'desc' }, { id: 'desc' }],
        take: query.limit + 1,
      }),
      listTotal((take) => deps.db.application.count({ where, take })),
    ]);
    const { items, ...paging } = pageOf(rows, query.limit, total, (a) => a.submittedAt);
    return {
      status: 200,
      body: {
        ...paging,
        items: items.map((a) => ({
          id: a.id,
          number: a.number,
          kind: a.kind,
          status: a.status,
          currentLevel: a.currentLevel,
          officer: { id: a.officer.id, name: a.officer.name },
          agency: { id: a.organisation.id, name: a.organisation.name },
          submittedAt: a.submittedAt.toISOString(),
          resubmitDeadline: iso(a.resubmitDeadline),
        })),
      },
    };
  },
});

/** The agency acts on its own application through a Workflow Update; the answer is the new state. */
const ON_APPLICATION = updateTarget({
  tags: ['applications'],
  answer: { description: 'Done; the application as it is now', schema: ApplicationView },
  refusals: {
    404: { description: 'Unknown application' },
    409: { description: 'Not possible in the application’s state' },
  },
  load: async ({ deps, actor, params, authorise }) => {
    const view = await applicationOr404(deps.db, actor, params.id);
    return { record: view, role: await authorise({ organisationId: view.scope.organisationId }) };
  },
  names: (view) => ({ id: view.body.id }),
  workflowId: (view) => view.workflowId,
  respond: async ({ deps, actor }, view) => (await applicationOr404(deps.db, actor, view.body.id)).body,
});

export const resubmitApplication = workflowUpdateRoute(ON_APPLICATION, {
  path: '/api/applications/{id}/resubmit',
  summary: 'Resubmit a returned application with corrected data or materials (review restarts at the first level)',
  auth: ['AGENCY_ADMIN'],
  body: z.object({ note: z.string().trim().max(2000).optional(), attachmentIds: z.array(Uuid).max(20).default([]) }),
  update: resubmit,
  args: ({ body }, _view, acting) => ({ ...body, ...acting }),
});

export const withdrawApplication = workflowUpdateRoute(ON_APPLICATION, {
  path: '/api/applications/{id}/withdraw',
  summary: 'Withdraw (撤回) an application that has no final decision',
  auth: ['AGENCY_ADMIN'],
  body: z.object({ reason: z.string().trim().min(1).max(2000) }),
  update: withdraw,
  args: ({ body }, _view, acting) => ({ reason: body.reason, ...acting }),
});

export const officerEligibility = defineRoute({
  method: 'get',
  path: '/api/officers/{id}/eligibility',
  summary: 'Would an application of this kind be accepted today? Reasons cite their articles.',
  tags: ['applications'],
  auth: ['AGENCY_ADMIN', ...REVIEWER_ROLES],
  params: z.object({ id: Uuid }),
  query: z.object({
    kind: z.enum(APPLICATION_KINDS).default('INITIAL'),
    previousCertificateNumber: z.string().max(64).optional(),
    reissueReason: z.enum(REISSUE_REASONS).optional(),
  }),
  responses: {
    200: { description: 'The eligibility', schema: EligibilitySchema },
    404: { description: 'Unknown officer' },
  },
  handler: async ({ deps, params, query, authorise }) => {
    const officer = await deps.db.officer.findUnique({ where: { id: params.id }, include: { organisation: true } });
    if (!officer) throw problems.notFound(`officer ${params.id}`);
    await authorise({ organisationId: officer.organisationId, regionCode: officer.organisation.regionCode });
    const prev = query.previousCertificateNumber
      ? await deps.db.certificate.findUnique({ where: { number: query.previousCertificateNumber } })
      : null;
    const result = await eligibilityOf(deps.db, {
      officerId: officer.id,
      agencyId: officer.organisationId,
      kind: query.kind,
      previousCertificateId: prev?.officerId === officer.id ? prev.id : undefined,
      reissueReason: query.reissueReason,
      at: new Date(),
    });
    return { status: 200, body: result };
  },
});
