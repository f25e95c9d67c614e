// Dev mode only (never mounted when NODE_ENV=production): mint a token for a seeded user.
import { signToken } from '../auth';
import { problems } from '../problem';
import { defineRoute } from '../route';
import { RoleSchema, z } from '../schemas';

const TokenRequest = z.object({ username: z.string().min(1).max(64) });
const TokenResponse = z.object({
  token: z.string(),
  user: z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(RoleSchema),
    organisation: z.string(),
  }),
});

export const devToken = defineRoute({
  method: 'post',
  path: '/api/dev/tokens',
  summary: 'Development only: a bearer token for a demo user',
  tags: ['dev'],
  auth: 'public',
  body: TokenRequest,
  responses: { 201: { description: 'Token', schema: TokenResponse }, 404: { description: 'No such user' } },
  handler: async ({ deps, body }) => {
    const user = await deps.db.user.findUnique({ where: { username: body.username }, include: { organisation: true } });
    if (!user || !user.active || !user.organisation.active) throw problems.notFound(`user ${body.username}`);
    const token = await signToken(deps.config, user);
    return {
      status: 201,
      body: {
        token,
        user: {
          id: user.id,
          username: user.username,
          displayName: user.displayName,
          roles: user.roles,
          organisation: user.organisation.name,
        },
      },
    };
  },
});

export const devUsers = defineRoute({
  method: 'get',
  path: '/api/dev/users',
  summary: 'Development only: the demo users the sign-in page offers',
  tags: ['dev'],
  auth: 'public',
  responses: { 200: { description: 'Demo users', schema: z.object({ items: z.array(TokenResponse.shape.user) }) } },
  handler: async ({ deps }) => {
    const users = await deps.db.user.findMany({
      where: { active: true, organisation: { active: true } },
      include: { organisation: true },
      orderBy: { username: 'asc' },
      take: 200,
    });
    return {
      status: 200,
      body: {
        items: users.map((u) => ({
          id: u.id,
          username: u.username,
          displayName: u.displayName,
          roles: u.roles,
          organisation: u.organisation.name,
        })),
      },
    };
  },
});
