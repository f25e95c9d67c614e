// An officer's 证件照 (issue #16 §4), printed on the card: uploaded by the officer's agency with the
// application, checked like every material (type by header and by content, size), shown to those who
// read the officer. The public sees it only with the card's signed token (api/routes/verification.ts).
import { REVIEWER_ROLES } from '../../domain/review-chain';
import { pgAttachmentStore } from '../../infra/attachment-store';
import { writeAudit } from '../../store/audit';
import { isPrintablePhoto } from '../certificate-card-pdf';
import { problems } from '../problem';
import { defineRoute } from '../route';
import { Uuid, z } from '../schemas';
import { readUpload, type UploadKind } from './attachments';
import { OFFICER_SCOPE } from './officers';

export const PHOTO_TYPES = ['image/jpeg', 'image/png'] as const;
export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;

const PhotoMeta = z
  .object({
    officerId: z.string(),
    contentType: z.string(),
    size: z.number(),
    sha256: z.string(),
    createdAt: z.string(),
  })
  .openapi('OfficerPhoto');

// Read as the card will read it, so that a photo accepted here always prints.
const PHOTO: UploadKind = { types: PHOTO_TYPES, refusal: '证件照仅支持 JPG、PNG 图片', readable: isPrintablePhoto };

export const uploadOfficerPhoto = defineRoute({
  method: 'post',
  path: '/api/officers/{id}/photo',
  summary:
    'Set the officer’s photo (证件照) for the card: JPEG or PNG, at most 2 MB; name it in X-File-Name (URL-encoded)',
  tags: ['officers'],
  auth: ['AGENCY_ADMIN'],
  params: z.object({ id: Uuid }),
  upload: { types: PHOTO_TYPES, maxBytes: PHOTO_MAX_BYTES },
  responses: {
    201: { description: 'Stored; it replaces the earlier photo', schema: PhotoMeta },
    404: { description: 'Unknown officer' },
    413: { description: 'Larger than 2 MB' },
    415: { description: 'Not a JPEG or PNG (by header and by content), or not a readable one' },
  },
  handler: async ({ deps, req, params, actor, authorise, requestId }) => {
    const officer = await deps.db.officer.findUnique({ where: { id: params.id } });
    if (!officer) throw problems.notFound(`officer ${params.id}`);
    await authorise({ organisationId: officer.organisationId });
    const meta = await pgAttachmentStore(deps.db).saveAsPhotoOf(officer.id, {
      ...readUpload(req, PHOTO),
      organisationId: officer.organisationId,
      uploadedById: actor.userId,
    });
    await writeAudit(deps.db, {
      actorId: actor.userId,
      actorRoles: actor.roles,
      action: 'officer.photo.upload',
      targetType: 'Officer',
      targetId: officer.id,
      outcome: 'DONE',
      requestId,
      detail: { attachmentId: meta.id, size: meta.size, sha256: meta.sha256 },
    });
    const { contentType, size, sha256, createdAt } = meta;
    return {
      status: 201,
      body: { officerId: officer.id, contentType, size, sha256, createdAt: createdAt.toISOString() },
    };
  },
});

export const getOfficerPhoto = defineRoute({
  method: 'get',
  path: '/api/officers/{id}/photo',
  summary: 'The officer’s photo (证件照), for those who read the officer',
  tags: ['officers'],
  auth: ['AGENCY_ADMIN', 'OFFICER', ...REVIEWER_ROLES],
  params: z.object({ id: Uuid }),
  responses: { 200: { description: 'The JPEG or PNG' }, 404: { description: 'Unknown officer, or no photo yet' } },
  handler: async ({ deps, params, authorise }) => {
    const officer = await deps.db.officer.findUnique({
      where: { id: params.id },
      include: { organisation: { select: { regionCode: true } }, photo: true },
    });
    if (!officer) throw problems.notFound(`officer ${params.id}`);
    await authorise(OFFICER_SCOPE.target(officer));
    if (!officer.photo) throw problems.notFound(`photo of officer ${params.id}`);
    const { contentType, fileName, data } = officer.photo;
    return { status: 200, file: { contentType, fileName, data, inline: true } };
  },
});
