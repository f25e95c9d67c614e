import { ROLES } from '../../domain/roles';
import { defineRoute } from '../route';
import { RoleSchema, z } from '../schemas';

const Me = z.object({
  id: z.string(),
  username: z.string(),
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
  handler: async ({ actor }) => ({
    status: 200,
    body: { id: actor.userId, username: actor.username, roles: actor.roles, officerId: actor.officerId, organisation: actor.organisation },
  }),
});
