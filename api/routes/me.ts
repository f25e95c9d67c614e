import { ROLES } from '../../domain/roles';
import { userBy } from '../auth';
import { problems } from '../problem';
import { defineRoute } from '../route';
import { RoleSchema, z } from '../schemas';

const Me = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string().openapi({ description: 'The name the header shows' }),
  roles: z.array(RoleSchema),
  officerId: z.string().nullable(),
  organisation: z.object({ id: z.string(), type: z.string(), level: z.string(), regionCode: z.string() }),
});

export const me = defineRoute({
  method: 'get',
  path: '/api/me',
  summary: 'The signed-in user, roles and organisation',
  tags: ['auth'],
  auth: ROLES,
  responses: { 200: { description: 'Current user', schema: Me } },
  handler: async ({ deps, actor }) => {
    // The row the token was just checked against (HS256: the same cache entry; OIDC: by id).
    const user = await userBy(deps, { id: actor.userId });
    if (!user) throw problems.unauthenticated('unknown or inactive user');
    return {
      status: 200,
      body: {
        id: actor.userId,
        username: actor.username,
        displayName: user.displayName,
        roles: actor.roles,
        officerId: actor.officerId,
        organisation: actor.organisation,
      },
    };
  },
});

export const myColleagues = defineRoute({
  method: 'get',
  path: '/api/me/colleagues',
  summary: 'Active users of your organisation (to assign a task to one of them)',
  tags: ['auth'],
  auth: ROLES,
  responses: {
    200: {
      description: 'Colleagues',
      schema: z.object({
        items: z.array(z.object({ id: z.string(), displayName: z.string(), roles: z.array(RoleSchema) })),
      }),
    },
  },
  handler: async ({ deps, actor }) => {
    const users = await deps.db.user.findMany({
      where: { organisationId: actor.organisation.id, active: true },
      orderBy: { displayName: 'asc' },
      take: 500,
    });
    return {
      status: 200,
      body: { items: users.map((u) => ({ id: u.id, displayName: u.displayName, roles: u.roles })) },
    };
  },
});
