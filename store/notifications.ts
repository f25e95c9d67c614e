// Notifications are rows (shown in the UI); the dedupe key makes a retried activity write one row.
// Who reads each kind is domain/notifications.ts.
import type { PageLink } from '../domain/notification-links';
import { notificationKindsFor, type NotificationKind } from '../domain/notifications';
import type { RecusalCase } from '../domain/recusal';
import type { Role } from '../domain/roles';
import { Prisma, utcInstant, type Db } from '../infra/db';

export interface NotificationInput {
  recipientOrgId: string;
  recipientUserId?: string | null;
  kind: NotificationKind;
  subject: string;
  body: string;
  link?: PageLink;
  /** The case it is about, when its recusal holds it back (domain/notification-links.ts caseNotice). */
  about?: RecusalCase;
  dedupeKey: string;
  at: Date;
}

/**
 * The one notification row, as a statement: run alone (notify) or as a step of a larger one (a CTE);
 * `when` makes it conditional on that statement's other steps. A second row with its dedupe key is
 * skipped: a retried step writes one.
 */
export function notificationRow(n: NotificationInput, when: Prisma.Sql = Prisma.sql`TRUE`): Prisma.Sql {
  const about = n.about;
  return Prisma.sql`INSERT INTO "Notification"
      (id, "recipientOrgId", "recipientUserId", kind, subject, body, link, "complaintId", "applicationId", "dedupeKey", "createdAt")
    SELECT gen_random_uuid()::text, ${n.recipientOrgId}, ${n.recipientUserId ?? null}, ${n.kind}, ${n.subject}, ${n.body},
      ${n.link ?? null}, ${about && 'complaintId' in about ? about.complaintId : null},
      ${about && 'applicationId' in about ? about.applicationId : null}, ${n.dedupeKey}, ${utcInstant(n.at)}
    WHERE ${when}
    ON CONFLICT ("dedupeKey") DO NOTHING`;
}

export async function notify(tx: Pick<Prisma.TransactionClient, '$executeRaw'>, n: NotificationInput): Promise<void> {
  await tx.$executeRaw(notificationRow(n));
}

/** A reader of notifications: who they are (and which officer, if one), where they work, what they do. */
export interface Reader {
  userId: string;
  officerId: string | null;
  organisationId: string;
  roles: readonly Role[];
}

/**
 * The notifications `r` reads, as a condition on "Notification" n: their organisation's, of the kinds
 * their roles act on (第二十五条: a complaint's only to those who handle it), and those addressed to them —
 * but never one about a case they must stand back from (第二十条, as domain/recusal.ts recusalGround):
 * their own application, a complaint about them, or a case in which they declared a conflict. The one
 * rule for the list, the count and the read marks. Each NOT EXISTS looks up only the reader's own rows
 * through an index, so the unread count (run on every page) costs what the reader's notices cost, not
 * what the city's complaints and applications do (Prisma's relation filters join those whole tables).
 */
const visibleTo = (r: Reader) => Prisma.sql`
  n."recipientOrgId" = ${r.organisationId}
  AND ((n."recipientUserId" IS NULL AND n.kind = ANY(${notificationKindsFor(r.roles)}::text[]))
    OR n."recipientUserId" = ${r.userId})
  AND NOT EXISTS (SELECT 1 FROM "Recusal" x WHERE x."userId" = ${r.userId} AND x."complaintId" = n."complaintId")
  AND NOT EXISTS (SELECT 1 FROM "Recusal" x WHERE x."userId" = ${r.userId} AND x."applicationId" = n."applicationId")
  AND NOT EXISTS (SELECT 1 FROM "ComplaintSubject" s WHERE s."complaintId" = n."complaintId" AND s."officerId" = ${r.officerId})
  AND NOT EXISTS (SELECT 1 FROM "Application" a WHERE a.id = n."applicationId" AND a."officerId" = ${r.officerId})`;

/** …and not read by them yet. */
const unreadBy = (r: Reader) => Prisma.sql`${visibleTo(r)}
  AND NOT EXISTS (SELECT 1 FROM "NotificationRead" nr WHERE nr."notificationId" = n.id AND nr."userId" = ${r.userId})`;

export interface NoticeRow {
  id: string;
  kind: string;
  subject: string;
  body: string;
  link: string | null;
  createdAt: Date;
  /** When `r` read it; null while unread. */
  readAt: Date | null;
}

/** `r`'s notifications, newest first, with their own read state. */
export function noticesOf(db: Db, r: Reader, o: { unreadOnly: boolean; limit: number }): Promise<NoticeRow[]> {
  return db.$queryRaw<NoticeRow[]>`
    SELECT n.id, n.kind, n.subject, n.body, n.link, n."createdAt", nr."readAt"
    FROM "Notification" n
    LEFT JOIN "NotificationRead" nr ON nr."notificationId" = n.id AND nr."userId" = ${r.userId}
    WHERE ${o.unreadOnly ? unreadBy(r) : visibleTo(r)}
    ORDER BY n."createdAt" DESC, n.id
    LIMIT ${o.limit}`;
}

export async function countUnread(db: Db, r: Reader): Promise<number> {
  const [c] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "Notification" n WHERE ${unreadBy(r)}`;
  return c.n;
}

/** Those of `ids` that `r` reads (all of them, or only the unread). */
async function ofReader(db: Db, r: Reader, ids: readonly string[], unreadOnly: boolean): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT n.id FROM "Notification" n WHERE n.id = ANY(${[...ids]}::text[]) AND ${unreadOnly ? unreadBy(r) : visibleTo(r)}`;
  return rows.map((n) => n.id);
}

const markedRead = (db: Db, r: Reader, ids: string[], at: Date) =>
  db.notificationRead.createMany({
    data: ids.map((notificationId) => ({ notificationId, userId: r.userId, readAt: at })),
    skipDuplicates: true,
  });

/** Marks one notification read; false when `r` does not read it (unknown, someone else's, or withheld). */
export async function markRead(db: Db, r: Reader, notificationId: string, at: Date): Promise<boolean> {
  const mine = await ofReader(db, r, [notificationId], false);
  if (mine.length === 0) return false;
  await markedRead(db, r, mine, at);
  return true;
}

/**
 * Marks read those of `ids` — the notices the reader's page showed — that `r` reads and has not read;
 * how many. One that arrived after the page was shown is not among them and stays unread.
 */
export async function markShownRead(db: Db, r: Reader, ids: readonly string[], at: Date): Promise<number> {
  return (await markedRead(db, r, await ofReader(db, r, ids, true), at)).count;
}
