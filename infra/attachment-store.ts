// Where supporting materials (第六条) live. PostgreSQL by default; another store (disk, object
// storage) only has to implement this interface.
import crypto from 'node:crypto';
import type { Db, Prisma } from './db';

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

export interface NewAttachment {
  organisationId: string;
  uploadedById: string;
  fileName: string;
  contentType: string;
  data: Buffer;
}

export interface AttachmentStore {
  save(input: NewAttachment): Promise<AttachmentMeta>;
  /** Stores the file with the complaint unless it already holds `max` (undefined then), counted atomically. */
  saveToComplaint(complaintId: string, max: number, input: NewAttachment): Promise<AttachmentMeta | undefined>;
  /** Stores the file and makes it the officer's photo (the earlier one stays stored, unlinked), in one transaction. */
  saveAsPhotoOf(officerId: string, input: NewAttachment): Promise<AttachmentMeta>;
  meta(id: string): Promise<AttachmentMeta | undefined>;
  load(id: string): Promise<{ meta: AttachmentMeta; data: Uint8Array } | undefined>;
}

const META = {
  id: true,
  organisationId: true,
  applicationId: true,
  complaintId: true,
  fileName: true,
  contentType: true,
  size: true,
  sha256: true,
  createdAt: true,
} as const;

function create(db: Prisma.TransactionClient, i: NewAttachment, complaintId: string | null): Promise<AttachmentMeta> {
  return db.attachment.create({
    data: {
      organisationId: i.organisationId,
      uploadedById: i.uploadedById,
      complaintId,
      fileName: i.fileName,
      contentType: i.contentType,
      size: i.data.length,
      sha256: crypto.createHash('sha256').update(i.data).digest('hex'),
      data: new Uint8Array(i.data),
    },
    select: META,
  });
}

export function pgAttachmentStore(db: Db): AttachmentStore {
  return {
    save: (i) => create(db, i, null),
    async saveToComplaint(complaintId, max, i) {
      return db.$transaction(async (tx) => {
        // Parallel uploads to one complaint queue on its row, so each counts what the others stored
        // (NO KEY UPDATE: rows that merely reference the complaint are not held up).
        await tx.$executeRaw`SELECT 1 FROM "Complaint" WHERE id = ${complaintId} FOR NO KEY UPDATE`;
        if ((await tx.attachment.count({ where: { complaintId } })) >= max) return undefined;
        return create(tx, i, complaintId);
      });
    },
    async saveAsPhotoOf(officerId, i) {
      return db.$transaction(async (tx) => {
        const meta = await create(tx, i, null);
        await tx.officer.update({ where: { id: officerId }, data: { photoId: meta.id } });
        return meta;
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
