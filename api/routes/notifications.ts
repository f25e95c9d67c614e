import { defineRoute } from '../route';
import { z } from '../schemas';
import { ROLES } from '../../domain/roles';

export const listNotifications = defineRoute({
  method: 'get',
  path: '/api/notifications',
  summary: 'Notifications for your organisation (new tasks, reminders, escalations, decisions)',
  tags: ['notifications'],
  auth: ROLES,
  query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
  responses: {
    200: {
      description: 'Newest first',
      schema: z.object({
        items: z.array(z.object({ id: z.string(), kind: z.string(), subject: z.string(), body: z.string(), link: z.string().nullable(), createdAt: z.string(), readAt: z.string().nullable() })),
      }),
    },
  },
  handler: async ({ deps, actor, query }) => {
    const rows = await deps.db.notification.findMany({
      where: { recipientOrgId: actor.organisation.id, OR: [{ recipientUserId: null }, { recipientUserId: actor.userId }] },
      orderBy: { createdAt: 'desc' },
      take: query.limit,
    });
    return {
      status: 200,
      body: {
        items: rows.map((n) => ({ id: n.id, kind: n.kind, subject: n.subject, body: n.body, link: n.link, createdAt: n.createdAt.toISOString(), readAt: n.readAt?.toISOString() ?? null })),
      },
    };
  },
});
