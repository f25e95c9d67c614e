// What an application looks like to the agency and its reviewers (第四条–第十条): the detail with its
// eligibility, tasks, consultations and per-application timeline, and where an application sits for
// scoping. The application routes and the review inbox share it.
import { APPLICATION_KINDS } from '../../domain/eligibility';
import { reviewChain } from '../../domain/review-chain';
import type { Actor } from '../../domain/roles';
import type { Db, Prisma } from '../../infra/db';
import { problems } from '../problem';
import { recordScope } from '../record-scope';
import { iso, z } from '../schemas';
import { idNumberFor } from './certificates';

const Reason = z.object({ code: z.string(), article: z.string(), message: z.string() });
export const EligibilitySchema = z
  .object({ eligible: z.boolean(), basis: z.array(Reason), refusals: z.array(Reason) })
  .openapi('Eligibility');

const TaskView = z.object({
  id: z.string(),
  level: z.string(),
  round: z.number(),
  status: z.string(),
  bureau: z.object({ id: z.string(), name: z.string() }),
  assignee: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  dueAt: z.string(),
  dueAtProvisional: z.boolean().openapi({
    description: 'Computed over a year whose holidays are not entered yet: may still move later (民法典 第二百零三条)',
  }),
  overdue: z.boolean(),
  decision: z.string().nullable(),
  comment: z.string().nullable(),
  decidedById: z.string().nullable(),
  decidedAt: z.string().nullable(),
});

export const ApplicationView = z
  .object({
    id: z.string(),
    number: z.string(),
    kind: z.enum(APPLICATION_KINDS),
    status: z.string(),
    round: z.number(),
    currentLevel: z.string().nullable(),
    chain: z.array(z.string()).openapi({
      description: 'The levels that review it, in order (第七条: district → city → province for a district agency)',
    }),
    officer: z.object({ id: z.string(), name: z.string(), idNumber: z.string(), hasPhoto: z.boolean() }),
    agency: z.object({ id: z.string(), name: z.string(), regionCode: z.string() }),
    previousCertificateNumber: z.string().nullable(),
    reissueReason: z.string().nullable(),
    note: z.string().nullable(),
    eligibility: EligibilitySchema,
    submittedAt: z.string(),
    resubmitDeadline: z.string().nullable(),
    resubmitDeadlineProvisional: z.boolean().openapi({
      description:
        'Computed over a year whose holidays are not entered yet: may still move later (民法典 第二百零三条)',
    }),
    closedAt: z.string().nullable(),
    certificateNumber: z.string().nullable(),
    attachments: z.array(
      z.object({ id: z.string(), fileName: z.string(), contentType: z.string(), size: z.number(), sha256: z.string() }),
    ),
    tasks: z.array(TaskView),
    consultations: z.array(
      z.object({
        id: z.string(),
        taskId: z.string(),
        question: z.string(),
        answer: z.string().nullable(),
        askedAt: z.string(),
        answeredAt: z.string().nullable(),
      }),
    ),
    timeline: z.array(
      z.object({
        type: z.string(),
        actorId: z.string().nullable(),
        actorRole: z.string().nullable(),
        level: z.string().nullable(),
        comment: z.string().nullable(),
        occurredAt: z.string(),
      }),
    ),
  })
  .openapi('Application');

export function taskView(t: {
  id: string;
  level: string;
  round: number;
  status: string;
  bureau: { id: string; name: string };
  assignee: { id: string; displayName: string } | null;
  dueAt: Date;
  dueAtProvisional: boolean;
  overdue: boolean;
  decision: string | null;
  comment: string | null;
  decidedById: string | null;
  decidedAt: Date | null;
}) {
  return {
    id: t.id,
    level: t.level,
    round: t.round,
    status: t.status,
    bureau: { id: t.bureau.id, name: t.bureau.name },
    assignee: t.assignee ? { id: t.assignee.id, displayName: t.assignee.displayName } : null,
    dueAt: t.dueAt.toISOString(),
    dueAtProvisional: t.dueAtProvisional,
    overdue: t.overdue,
    decision: t.decision,
    comment: t.comment,
    decidedById: t.decidedById,
    decidedAt: iso(t.decidedAt),
  };
}

/** Where an application sits (domain/scope.ts): the applying agency, its region, the officer — for the detail and the list. */
export const APPLICATION_SCOPE = recordScope<
  { organisationId: string; officerId: string; organisation: { regionCode: string } },
  Prisma.ApplicationWhereInput
>({
  organisationId: { of: (a) => a.organisationId, where: (id) => ({ organisationId: id }) },
  regionCode: {
    of: (a) => a.organisation.regionCode,
    where: (prefix) => ({ organisation: { regionCode: { startsWith: prefix } } }),
  },
  officerId: { of: (a) => a.officerId, where: (id) => ({ officerId: id }) },
});

/** The application with everything a reviewer or the agency sees; undefined when unknown. */
export async function applicationView(db: Db, actor: Actor, id: string) {
  const a = await db.application.findUnique({
    where: { id },
    include: {
      officer: true,
      organisation: true,
      attachments: {
        select: { id: true, fileName: true, contentType: true, size: true, sha256: true },
        orderBy: { createdAt: 'asc' },
      },
      tasks: { include: { bureau: true, assignee: true }, orderBy: [{ round: 'asc' }, { createdAt: 'asc' }] },
      consultations: { orderBy: { askedAt: 'asc' } },
      events: { orderBy: { occurredAt: 'asc' } },
    },
  });
  if (!a) return undefined;
  const [previous, certificate] = await Promise.all([
    a.previousCertificateId
      ? db.certificate.findUnique({ where: { id: a.previousCertificateId }, select: { number: true } })
      : null,
    a.certificateId ? db.certificate.findUnique({ where: { id: a.certificateId }, select: { number: true } }) : null,
  ]);
  return {
    scope: APPLICATION_SCOPE.target(a),
    workflowId: a.workflowId,
    body: {
      id: a.id,
      number: a.number,
      kind: a.kind,
      status: a.status,
      round: a.round,
      currentLevel: a.currentLevel,
      chain: reviewChain(a.organisation.level),
      officer: {
        id: a.officer.id,
        name: a.officer.name,
        idNumber: idNumberFor(actor, a.officer),
        hasPhoto: a.officer.photoId !== null,
      },
      agency: { id: a.organisation.id, name: a.organisation.name, regionCode: a.organisation.regionCode },
      previousCertificateNumber: previous?.number ?? null,
      reissueReason: a.reissueReason,
      note: a.note,
      eligibility: a.eligibility as z.infer<typeof EligibilitySchema>,
      submittedAt: a.submittedAt.toISOString(),
      resubmitDeadline: iso(a.resubmitDeadline),
      resubmitDeadlineProvisional: a.resubmitDeadlineProvisional,
      closedAt: iso(a.closedAt),
      certificateNumber: certificate?.number ?? null,
      attachments: a.attachments,
      tasks: a.tasks.map(taskView),
      consultations: a.consultations.map((c) => ({
        id: c.id,
        taskId: c.taskId,
        question: c.question,
        answer: c.answer,
        askedAt: c.askedAt.toISOString(),
        answeredAt: iso(c.answeredAt),
      })),
      timeline: a.events.map((e) => ({
        type: e.type,
        actorId: e.actorId,
        actorRole: e.actorRole,
        level: e.level,
        comment: e.comment,
        occurredAt: e.occurredAt.toISOString(),
      })),
    },
  };
}

/** The application's view, or 404. */
export async function applicationOr404(db: Db, actor: Actor, id: string) {
  const view = await applicationView(db, actor, id);
  if (!view) throw problems.notFound(`application ${id}`);
  return view;
}
