// 通知: what a reader has been told, with their own read state (issue #16 §1). Who reads which notice is
// store/notifications.ts visibleTo; marking read is idempotent (a second mark changes nothing).
import { defineRoute } from '../route';
import { problems } from '../problem';
import { Uuid, z } from '../schemas';
import { countUnread, markRead, markShownRead, noticesOf, type Reader } from '../../store/notifications';
import type { Actor } from '../../domain/roles';
import { ROLES } from '../../domain/roles';

const readerOf = (a: Actor): Reader => ({
  userId: a.userId,
  officerId: a.officerId,
  organisationId: a.organisation.id,
  roles: a.roles,
});

const Unread = z.object({ unread: z.number().int().openapi({ description: 'Notifications you have not read' }) });

export const listNotifications = defineRoute({
  method: 'get',
  path: '/api/notifications',
  summary:
    'Notifications for your organisation and roles (new tasks, reminders, escalations, decisions), and those to you, with your read state',
  tags: ['notifications'],
  auth: ROLES,
  query: z.object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    unread: z.enum(['true', 'false']).optional().openapi({ description: 'true: only those you have not read' }),
  }),
  responses: {
    200: {
      description: 'Newest first; `link` is the web page where you act on it',
      schema: Unread.extend({
        items: z.array(
          z.object({
            id: z.string(),
            kind: z.string(),
            subject: z.string(),
            body: z.string(),
            link: z.string().nullable(),
            createdAt: z.string(),
            readAt: z.string().nullable().openapi({ description: 'When you read it; null while unread' }),
          }),
        ),
      }),
    },
  },
  handler: async ({ deps, actor, query }) => {
    const reader = readerOf(actor);
    const [rows, unread] = await Promise.all([
      noticesOf(deps.db, reader, { unreadOnly: query.unread === 'true', limit: query.limit }),
      countUnread(deps.db, reader),
    ]);
    return {
      status: 200,
      body: {
        unread,
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

export const unreadNotifications = defineRoute({
  method: 'get',
  path: '/api/notifications/unread-count',
  summary: 'How many of your notifications you have not read (the badge in the header)',
  tags: ['notifications'],
  auth: ROLES,
  responses: { 200: { description: 'The count', schema: Unread } },
  handler: async ({ deps, actor }) => ({ status: 200, body: { unread: await countUnread(deps.db, readerOf(actor)) } }),
});

export const readNotification = defineRoute({
  method: 'post',
  path: '/api/notifications/{id}/read',
  summary: 'Mark one of your notifications read (again: no change)',
  tags: ['notifications'],
  auth: ROLES,
  params: z.object({ id: Uuid }),
  responses: {
    200: { description: 'Read; your unread count after it', schema: Unread },
    404: { description: 'No such notification of yours' },
  },
  handler: async ({ deps, actor, params }) => {
    const reader = readerOf(actor);
    if (!(await markRead(deps.db, reader, params.id, new Date()))) throw problems.notFound(`notification ${params.id}`);
    return { status: 200, body: { unread: await countUnread(deps.db, reader) } };
  },
});

export const readAllNotifications = defineRoute({
  method: 'post',
  path: '/api/notifications/read',
  summary: 'Mark the notifications your page shows read (one arriving since stays unread)',
  tags: ['notifications'],
  auth: ROLES,
  body: z.object({
    ids: z.array(Uuid).min(1).max(200).openapi({
      description: 'The notifications shown to you; those not yours or read already are left as they are',
    }),
  }),
  responses: {
    200: {
      description: 'How many were marked, and your unread count after it',
      schema: Unread.extend({ marked: z.number().int() }),
    },
  },
  handler: async ({ deps, actor, body }) => {
    const reader = readerOf(actor);
    const marked = await markShownRead(deps.db, reader, body.ids, new Date());
    return { status: 200, body: { marked, unread: await countUnread(deps.db, reader) } };
  },
});
