// Notifications are rows (shown in the UI); the dedupe key makes a retried activity write one row.
// Who reads each kind is domain/notifications.ts.
import type { PageLink } from '../domain/notification-links';
import { notificationKindsFor, type NotificationKind } from '../domain/notifications';
import type { Role } from '../domain/roles';
import type { Db, Prisma } from '../infra/db';

export interface NotificationInput {
  recipientOrgId: string;
  recipientUserId?: string | null;
  kind: NotificationKind;
  subject: string;
  body: string;
  link?: PageLink;
  dedupeKey: string;
  at: Date;
}

export async function notify(tx: Prisma.TransactionClient, n: NotificationInput): Promise<void> {
  await tx.notification.createMany({
    data: [
      {
        recipientOrgId: n.recipientOrgId,
        recipientUserId: n.recipientUserId ?? null,
        kind: n.kind,
        subject: n.subject,
        body: n.body,
        link: n.link ?? null,
        dedupeKey: n.dedupeKey,
        createdAt: n.at,
      },
    ],
    skipDuplicates: true,
  });
}

/** A reader of notifications: who they are, where they work, what they do. */
export interface Reader {
  userId: string;
  organisationId: string;
  roles: readonly Role[];
}

/**
 * The notifications `r` reads: their organisation's, of the kinds their roles act on (第二十五条: a
 * complaint's never reaches its officer), and those addressed to them. The one rule for the list, the
 * count and the read marks.
 */
export const visibleTo = (r: Reader): Prisma.NotificationWhereInput => ({
  recipientOrgId: r.organisationId,
  OR: [{ recipientUserId: null, kind: { in: notificationKindsFor(r.roles) } }, { recipientUserId: r.userId }],
});

/** Those of `r`'s notifications they have not read. */
export const unreadBy = (r: Reader): Prisma.NotificationWhereInput => ({
  AND: [visibleTo(r), { reads: { none: { userId: r.userId } } }],
});

export const countUnread = (db: Db, r: Reader) => db.notification.count({ where: unreadBy(r) });

/** Marks one notification read; false when `r` does not read it (unknown or someone else's). */
export async function markRead(db: Db, r: Reader, notificationId: string, at: Date): Promise<boolean> {
  const n = await db.notification.findFirst({
    where: { AND: [{ id: notificationId }, visibleTo(r)] },
    select: { id: true },
  });
  if (!n) return false;
  await db.notificationRead.createMany({
    data: [{ notificationId, userId: r.userId, readAt: at }],
    skipDuplicates: true,
  });
  return true;
}

/** Marks every unread notification of `r` up to `at` read (not one that arrives meanwhile); how many. */
export async function markAllRead(db: Db, r: Reader, at: Date): Promise<number> {
  const unread = await db.notification.findMany({
    where: { AND: [unreadBy(r), { createdAt: { lte: at } }] },
    select: { id: true },
  });
  const done = await db.notificationRead.createMany({
    data: unread.map((n) => ({ notificationId: n.id, userId: r.userId, readAt: at })),
    skipDuplicates: true,
  });
  return done.count;
}
