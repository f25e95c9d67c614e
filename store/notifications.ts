// Notifications are rows (shown in the UI); the dedupe key makes a retried activity write one row.
// Who reads each kind is domain/notifications.ts.
import type { NotificationKind } from '../domain/notifications';
import type { Prisma } from '../infra/db';

export interface NotificationInput {
  recipientOrgId: string;
  recipientUserId?: string | null;
  kind: NotificationKind;
  subject: string;
  body: string;
  link?: string;
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
