import { defineRoute } from '../route';
import { z } from '../schemas';
import { notificationKindsFor } from '../../domain/notifications';
import { ROLES } from '../../domain/roles';

export const listNotifications = defineRoute({
  method: 'get',
  path: '/api/notifications',
  summary:
    'Notifications for your organisation and roles (new tasks, reminders, escalations, decisions), and those to you',
  tags: ['notifications'],
  auth: ROLES,
  query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
  responses: {
    200: {
      description: 'Newest first',
      schema: z.object({
        items: z.array(
          z.object({
            id: z.string(),
            kind: z.string(),
            subject: z.string(),
            body: z.string(),
            link: z.string().nullable(),
            createdAt: z.string(),
            readAt: z.string().nullable(),
          }),
        ),
      }),
    },
  },
  handler: async ({ deps, actor, query }) => {
    const rows = await deps.db.notification.findMany({
      // An organisation's notice is for the roles that act on its kind (第二十五条: a complaint's never reaches its officer).
      where: {
        recipientOrgId: actor.organisation.id,
        OR: [
          { recipientUserId: null, kind: { in: notificationKindsFor(actor.roles) } },
          { recipientUserId: actor.userId },
        ],
      },
      orderBy: { createdAt: 'desc' },
      take: query.limit,
    });
    return {
      status: 200,
      body: {
        items: rows.map((n) => ({
          id: n.id,
          kind: n.kind,
          subject: n.subject,
          body: n.body,
          link: n.link,
          createdAt: n.createdAt.toISOString(),
          readAt: n.readAt?.toISOString() ?? null,
        })),
      },
    };
  },
});
