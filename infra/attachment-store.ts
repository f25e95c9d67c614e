// Where supporting materials (第六条) live. PostgreSQL by default; another store (disk, object
// storage) only has to implement this interface.
import crypto from 'node:crypto';
import type { Db } from './db';

export interface AttachmentMeta {
  id: string;
  organisationId: string;
  applicationId: string | null;
  complaintId: string | null;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  createdAt: Date;
}

export interface AttachmentStore {
  save(input: { organisationId: string; uploadedById: string; complaintId?: string; fileName: string; contentType: string; data: Buffer }): Promise<AttachmentMeta>;
  meta(id: string): Promise<AttachmentMeta | undefined>;
  load(id: string): Promise<{ meta: AttachmentMeta; data: Uint8Array } | undefined>;
}

const META = { id: true, organisationId: true, applicationId: true, complaintId: true, fileName: true, contentType: true, size: true, sha256: true, createdAt: true } as const;

export function pgAttachmentStore(db: Db): AttachmentStore {
  return {
    async save(i) {
      return db.attachment.create({
        data: {
          organisationId: i.organisationId,
          uploadedById: i.uploadedById,
          complaintId: i.complaintId ?? null,
          fileName: i.fileName,
          contentType: i.contentType,
          size: i.data.length,
          sha256: crypto.createHash('sha256').update(i.data).digest('hex'),
          data: new Uint8Array(i.data),
        },
        select: META,
      });
    },
    async meta(id) {
      return (await db.attachment.findUnique({ where: { id }, select: META })) ?? undefined;
    },
    async load(id) {
      const row = await db.attachment.findUnique({ where: { id } });
      if (!row) return undefined;
      const { data, uploadedById: _u, ...meta } = row;
      return { meta, data };
    },
  };
}

/** The file's first bytes must match its declared type (a renamed executable is not a PDF). */
export function contentMatchesType(data: Buffer, contentType: string): boolean {
  const starts = (...bytes: number[]) => bytes.every((b, i) => data[i] === b);
  switch (contentType) {
    case 'application/pdf':
      return starts(0x25, 0x50, 0x44, 0x46); // %PDF
    case 'image/jpeg':
      return starts(0xff, 0xd8, 0xff);
    case 'image/png':
      return starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
    default:
      return false;
  }
}
