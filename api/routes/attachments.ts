// Supporting materials (第六条): upload (type and size limits, checksum), metadata and download.
import { writeAudit } from '../../store/audit';
import { contentMatchesType, pgAttachmentStore } from '../../infra/attachment-store';
import type { Request } from 'express';
import { Problem, problems } from '../problem';
import { defineRoute } from '../route';
import { Uuid, z } from '../schemas';
import { parseOr400 } from '../validate';
import { REVIEWER_ROLES } from '../../domain/review-chain';

export const ATTACHMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

const AttachmentMeta = z
  .object({
    id: z.string(),
    fileName: z.string(),
    contentType: z.string(),
    size: z.number(),
    sha256: z.string(),
    createdAt: z.string(),
  })
  .openapi('Attachment');

const FileName = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[^/\\\0]+$/, '文件名不能含有路径分隔符');

export const uploadAttachment = defineRoute({
  method: 'post',
  path: '/api/attachments',
  summary: 'Upload one supporting document (PDF, JPEG or PNG, at most 10 MB); name it in X-File-Name (URL-encoded)',
  tags: ['applications'],
  auth: ['AGENCY_ADMIN'],
  upload: { types: ATTACHMENT_TYPES, maxBytes: ATTACHMENT_MAX_BYTES },
  responses: {
    201: { description: 'Stored', schema: AttachmentMeta },
    413: { description: 'Larger than 10 MB' },
    415: { description: 'Not a PDF, JPEG or PNG (by header and by content)' },
  },
  handler: async ({ deps, req, actor, requestId }) => {
    const meta = await pgAttachmentStore(deps.db).save({
      ...readUpload(req),
      organisationId: actor.organisation.id,
      uploadedById: actor.userId,
    });
    await writeAudit(deps.db, {
      actorId: actor.userId,
      actorRoles: actor.roles,
      action: 'attachment.upload',
      targetType: 'Attachment',
      targetId: meta.id,
      outcome: 'DONE',
      requestId,
      detail: { size: meta.size, sha256: meta.sha256 },
    });
    return { status: 201, body: { ...meta, createdAt: meta.createdAt.toISOString() } };
  },
});

/** What an upload may be: its types, the refusal's title, and a closer reading where one is needed. */
export interface UploadKind {
  types: readonly string[];
  refusal: string;
  /** Whether the file can be used as what it claims to be (e.g. an image the card can print). */
  readable?(data: Buffer): boolean;
}

const MATERIAL: UploadKind = { types: ATTACHMENT_TYPES, refusal: '仅支持 PDF、JPG、PNG 文件' };

/** The uploaded file, its type checked by header and content (415) and its name from X-File-Name (400). */
export function readUpload(req: Request, kind = MATERIAL): { contentType: string; fileName: string; data: Buffer } {
  const contentType = String(req.headers['content-type'] ?? '')
    .split(';')[0]
    .trim();
  if (
    !Buffer.isBuffer(req.body) ||
    !kind.types.includes(contentType) ||
    !contentMatchesType(req.body, contentType) ||
    (kind.readable && !kind.readable(req.body))
  ) {
    throw new Problem(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      kind.refusal,
      `allowed: ${kind.types.join(', ')}, and the content must match the type`,
    );
  }
  return { contentType, fileName: uploadFileName(req), data: req.body };
}

/** An upload's file name, from X-File-Name (URL-encoded UTF-8): checked like any input (400). */
export function uploadFileName(req: Request): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(req.header('X-File-Name') ?? '');
  } catch {
    decoded = '';
  }
  return parseOr400(z.object({ 'X-File-Name': FileName }), { 'X-File-Name': decoded }, 'header')['X-File-Name'];
}

export const downloadAttachment = defineRoute({
  method: 'get',
  path: '/api/attachments/{id}',
  summary: 'Download a supporting document',
  tags: ['applications'],
  auth: ['AGENCY_ADMIN', ...REVIEWER_ROLES],
  params: z.object({ id: Uuid }),
  responses: { 200: { description: 'The file' }, 404: { description: 'Unknown attachment' } },
  handler: async ({ deps, params, authorise }) => {
    const file = await pgAttachmentStore(deps.db).load(params.id);
    // A complainant's material is read only with the complaint (第二十五条): GET /api/complaints/{id}/attachments/{attachmentId}.
    if (!file || file.meta.complaintId) throw problems.notFound(`attachment ${params.id}`);
    const org = await deps.db.organisation.findUniqueOrThrow({ where: { id: file.meta.organisationId } });
    await authorise({ organisationId: org.id, regionCode: org.regionCode });
    return { status: 200, file: { contentType: file.meta.contentType, fileName: file.meta.fileName, data: file.data } };
  },
});
