// The complainant's side (第二十八条), without login and rate-limited: filing (named or anonymous),
// the status and result by receipt code, adding information and material while the complaint is
// open. The status page never shows who complained or who handled it (第二十五条); a wrong code is a
// plain 404 that does not tell whether such a complaint exists.
import { writeAudit } from '../../store/audit';
import { pgAttachmentStore } from '../../infra/attachment-store';
import type { Db } from '../../infra/db';
import { addInformation } from '../../workflows/complaint';
import { ComplaintSubmission, IntakeAnswer, fileComplaint, normaliseReceiptCode } from '../complaint-intake';
import { idempotent, PUBLIC_CALLER } from '../idempotency';
import { problems } from '../problem';
import { defineRoute } from '../route';
import { z } from '../schemas';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, readUpload } from './attachments';
import { containing } from '../text-search';
import { RuleViolation } from '../../domain/errors';

// Per complaint: enough for evidence, not a free file store.
export const COMPLAINT_MAX_ATTACHMENTS = 10;
const A28 = '第二十八条';

// Any string: a malformed code gets the same 404 as an unknown one.
const CodeParam = z.object({ code: z.string().max(100) });

async function byReceiptCode(db: Db, code: string) {
  const normal = normaliseReceiptCode(code);
  const c = normal
    ? await db.complaint.findUnique({ where: { receiptCode: normal }, include: { handlingOrg: true } })
    : null;
  if (!c) throw problems.notFound('complaint');
  return c;
}

const openOr409 = (c: { status: string }) => {
  if (c.status === 'CLOSED')
    throw new RuleViolation({
      code: 'COMPLAINT_CLOSED',
      title: '投诉举报已办结',
      detail: 'the complaint is closed',
      article: A28,
    });
};

export const submitPublicComplaint = defineRoute({
  method: 'post',
  path: '/api/public/complaints',
  summary:
    'File a complaint or report (投诉、举报, 第二十八条) — named with a contact, or anonymous; keep the receipt code',
  tags: ['public'],
  auth: 'public',
  body: ComplaintSubmission,
  idempotent: true,
  responses: {
    201: { description: 'Received; the organ addressed has the acceptance task', schema: IntakeAnswer },
    422: { description: 'Not an organ the complainant may address (第二十八条)' },
    429: { description: 'Too many submissions from this client' },
  },
  handler: ({ deps, req, body, requestId }) =>
    idempotent(deps.db, req, { route: 'POST /api/public/complaints', actorId: PUBLIC_CALLER, body }, async (claim) => ({
      status: 201,
      body: await fileComplaint(deps, claim, body, { source: 'PUBLIC', requestId }),
    })),
});

const PublicStatus = z
  .object({
    number: z.string(),
    status: z.string(),
    receivedAt: z.string(),
    handlingOrgan: z.string().openapi({ description: 'The organ handling it now (after any transfer)' }),
    timeline: z.array(z.object({ type: z.string(), organ: z.string().nullable(), occurredAt: z.string() })),
    result: z
      .object({ finding: z.string(), feedback: z.string(), channel: z.string(), at: z.string() })
      .nullable()
      .openapi({
        description:
          'Once the feedback is recorded; for a complaint without contact this publication is the feedback (第二十八条)',
      }),
    closedAt: z.string().nullable(),
  })
  .openapi('ComplaintPublicStatus');

export const complaintStatus = defineRoute({
  method: 'get',
  path: '/api/public/complaints/{code}',
  summary: 'Status and result of a complaint by its receipt code (no login)',
  tags: ['public'],
  auth: 'public',
  params: CodeParam,
  responses: {
    200: { description: 'The status', schema: PublicStatus },
    404: { description: 'No complaint with this code' },
  },
  handler: async ({ deps, params }) => {
    const c = await byReceiptCode(deps.db, params.code);
    const events = await deps.db.complaintEvent.findMany({
      where: { complaintId: c.id, public: true },
      orderBy: { occurredAt: 'asc' },
    });
    const organIds = [...new Set(events.map((e) => e.organisationId).filter((x): x is string => !!x))];
    const names = new Map(
      (await deps.db.organisation.findMany({ where: { id: { in: organIds } }, select: { id: true, name: true } })).map(
        (o) => [o.id, o.name],
      ),
    );
    const told = c.feedbackAt && c.finding && c.feedbackContent && c.feedbackChannel;
    return {
      status: 200,
      body: {
        number: c.number,
        status: c.status === 'SUBMITTED' ? 'AWAITING_ACCEPTANCE' : c.status,
        receivedAt: c.createdAt.toISOString(),
        handlingOrgan: c.handlingOrg.name,
        // Types, organs and times only: no comments, no names of people (第二十五条).
        timeline: events.map((e) => ({
          type: e.type,
          organ: e.organisationId ? (names.get(e.organisationId) ?? null) : null,
          occurredAt: e.occurredAt.toISOString(),
        })),
        result: told
          ? {
              finding: c.finding!,
              feedback: c.feedbackContent!,
              channel: c.feedbackChannel!,
              at: c.feedbackAt!.toISOString(),
            }
          : null,
        closedAt: c.closedAt?.toISOString() ?? null,
      },
    };
  },
});

export const addPublicComplaintInformation = defineRoute({
  method: 'post',
  path: '/api/public/complaints/{code}/information',
  summary: 'Add information to an open complaint (by its receipt code)',
  tags: ['public'],
  auth: 'public',
  params: CodeParam,
  body: z.object({ text: z.string().trim().min(1).max(5000) }),
  idempotent: true,
  responses: {
    201: { description: 'Added' },
    404: { description: 'No complaint with this code' },
    409: { description: 'Closed' },
  },
  handler: async ({ deps, req, params, body, requestId }) => {
    const c = await byReceiptCode(deps.db, params.code);
    openOr409(c);
    return idempotent(
      deps.db,
      req,
      { route: 'POST /api/public/complaints/{code}/information', actorId: PUBLIC_CALLER, body: { id: c.id, ...body } },
      async (claim) => {
        await deps.temporal.workflow
          .getHandle(c.workflowId)
          .executeUpdate(addInformation, { updateId: claim.key, args: [{ text: body.text, requestId }] });
        return { status: 201, body: { added: true } };
      },
    );
  },
});

export const uploadPublicComplaintAttachment = defineRoute({
  method: 'post',
  path: '/api/public/complaints/{code}/attachments',
  summary: `Add material to an open complaint (PDF, JPEG or PNG, at most 10 MB, ${COMPLAINT_MAX_ATTACHMENTS} per complaint); name it in X-File-Name`,
  tags: ['public'],
  auth: 'public',
  params: CodeParam,
  upload: { types: ATTACHMENT_TYPES, maxBytes: ATTACHMENT_MAX_BYTES },
  responses: {
    201: { description: 'Stored' },
    404: { description: 'No complaint with this code' },
    409: { description: 'Closed, or the complaint has its maximum of attachments' },
    413: { description: 'Larger than 10 MB' },
    415: { description: 'Not a PDF, JPEG or PNG (by header and by content)' },
  },
  handler: async ({ deps, req, params, requestId }) => {
    const c = await byReceiptCode(deps.db, params.code);
    openOr409(c);
    const file = readUpload(req);
    // Counted and stored in one transaction: parallel uploads never pass the limit together.
    const meta = await pgAttachmentStore(deps.db).saveToComplaint(c.id, COMPLAINT_MAX_ATTACHMENTS, {
      ...file,
      organisationId: c.handlingOrgId,
      uploadedById: PUBLIC_CALLER,
    });
    if (!meta)
      throw new RuleViolation({
        code: 'TOO_MANY_ATTACHMENTS',
        title: '附件数量已达上限',
        detail: `a complaint has at most ${COMPLAINT_MAX_ATTACHMENTS} attachments`,
      });
    await writeAudit(deps.db, {
      action: 'complaint.attachment.upload',
      targetType: 'Complaint',
      targetId: c.id,
      outcome: 'DONE',
      requestId,
      detail: { attachmentId: meta.id, size: meta.size, sha256: meta.sha256 },
    });
    return {
      status: 201,
      body: {
        id: meta.id,
        fileName: meta.fileName,
        contentType: meta.contentType,
        size: meta.size,
        sha256: meta.sha256,
      },
    };
  },
});

export const complaintOrgans = defineRoute({
  method: 'get',
  path: '/api/public/complaint-organs',
  summary: 'Organs a complaint may be addressed to (第二十八条): agencies, justice bureaus, supervisory organs',
  tags: ['public'],
  auth: 'public',
  query: z.object({ q: z.string().trim().min(1).max(50).optional() }),
  responses: {
    200: {
      description: 'Organs',
      schema: z.object({
        items: z.array(
          z.object({ id: z.string(), name: z.string(), type: z.string(), level: z.string(), regionCode: z.string() }),
        ),
      }),
    },
  },
  handler: async ({ deps, query }) => {
    const items = await deps.db.organisation.findMany({
      where: { type: { not: 'STAFFING_OFFICE' }, active: true, ...(query.q ? { name: containing(query.q) } : {}) },
      select: { id: true, name: true, type: true, level: true, regionCode: true },
      orderBy: [{ regionCode: 'asc' }, { name: 'asc' }],
      take: 200,
    });
    return { status: 200, body: { items } };
  },
});
