// Users of the system (第三条). The city bureau's SYSTEM_ADMIN creates users of any organisation, gives
// them the roles that fit it (domain/roles.ts, as tokens are checked), links them to an officer's
// record and deactivates them; an agency's AGENCY_ADMIN does the same for the logins of its own
// officers only. A deactivated user's next request is refused (api/auth.ts: the row as it is now).
import { agencyAdminManages, locksOutSelf, rolesNotFitting, type FieldError } from '../../domain/administration';
import { RuleViolation } from '../../domain/errors';
import type { Actor, Role } from '../../domain/roles';
import type { Prisma } from '../../infra/db';
import { keepAnAdministrator } from '../../store/administration';
import { writeAudit } from '../../store/audit';
import { problems } from '../problem';
import { recordScope } from '../record-scope';
import { defineRoute, type RouteContext } from '../route';
import { Name, RoleSchema, Uuid, z } from '../schemas';
import { containing } from '../text-search';

const MANAGERS = ['SYSTEM_ADMIN', 'AGENCY_ADMIN'] as const;

/** Where a user sits for scoping: their organisation. */
const USER_SCOPE = recordScope<{ organisationId: string }, Prisma.UserWhereInput>({
  organisationId: { of: (u) => u.organisationId, where: (id) => ({ organisationId: id }) },
});

// What a provider's sign-in name can be (OIDC's username claim is matched against it): letters,
// digits and . _ @ - — no spaces, nothing invisible.
const Username = z
  .string()
  .trim()
  .regex(/^[\p{L}\p{N}._@-]{2,64}$/u, '应为 2–64 个字符：文字、数字或 . _ @ -');

const UserView = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(RoleSchema),
    organisation: z.object({ id: z.string(), name: z.string(), type: z.string(), level: z.string() }),
    officer: z.object({ id: z.string(), name: z.string() }).nullable(),
    active: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('AdminUser');

const include = { organisation: true, officer: { select: { id: true, name: true } } } as const;
type UserRow = Prisma.UserGetPayload<{ include: typeof include }>;

const view = (u: UserRow) => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  roles: u.roles,
  organisation: {
    id: u.organisation.id,
    name: u.organisation.name,
    type: u.organisation.type,
    level: u.organisation.level,
  },
  officer: u.officer,
  active: u.active,
  createdAt: u.createdAt.toISOString(),
});

const recordOf = (u: { displayName: string; roles: Role[]; officerId: string | null; active: boolean }) => ({
  displayName: u.displayName,
  roles: u.roles,
  officerId: u.officerId,
  active: u.active,
});

/** True when the actor acts on users as an agency's admin only (not as the system's). */
const asAgencyAdmin = (actor: Actor) => !actor.roles.includes('SYSTEM_ADMIN');

/** The user (else 404), when the actor may manage them (else an audited 403). */
async function managedUser(ctx: RouteContext<unknown, { id: string }, unknown>): Promise<UserRow> {
  const u = await ctx.deps.db.user.findUnique({ where: { id: ctx.params.id }, include });
  if (!u) throw problems.notFound(`user ${ctx.params.id}`);
  const role = await ctx.authorise(USER_SCOPE.target(u));
  // 第三条: an agency manages its own officers' logins, nothing else.
  if (role === 'AGENCY_ADMIN' && !agencyAdminManages({ organisationId: ctx.actor.organisation.id }, u))
    await ctx.deny('an agency admin manages only its own officers’ logins');
  return u;
}

/**
 * The rules a user's record keeps, checked inside the transaction that writes it: roles that fit the
 * organisation, an OFFICER linked to an officer of it; nobody created or reactivated in a
 * deactivated organisation.
 */
async function checkUser(
  tx: Prisma.TransactionClient,
  u: { organisationId: string; roles: Role[]; officerId: string | null },
  activating: boolean,
  field: (name: string) => string,
) {
  const org = await tx.organisation.findUnique({ where: { id: u.organisationId } });
  if (!org) throw problems.validation([{ field: field('organisationId'), message: '机构不存在' }]);
  if (activating && !org.active) {
    throw new RuleViolation({
      code: 'ORGANISATION_INACTIVE',
      title: '该机构已停用，不能为其启用用户',
      detail: 'the organisation is deactivated',
      status: 422,
    });
  }
  const errors: FieldError[] = [];
  const unfit = rolesNotFitting(u.roles, org);
  if (unfit.length) errors.push({ field: field('roles'), message: `该机构不能担任的角色：${unfit.join('、')}` });
  if (u.roles.includes('OFFICER') && !u.officerId)
    errors.push({ field: field('officerId'), message: '执法人员账号须关联本机关的执法人员' });
  if (u.officerId) {
    const officer = await tx.officer.findUnique({ where: { id: u.officerId } });
    if (!officer || officer.organisationId !== u.organisationId)
      errors.push({ field: field('officerId'), message: '所选执法人员不属于该机构' });
  }
  if (errors.length) throw problems.validation(errors);
}

/** A unique key taken meanwhile: the username, or the officer already linked to another login. */
function conflict(err: unknown): never {
  if ((err as { code?: string }).code !== 'P2002') throw err;
  // Prisma names the constraint in `meta` (its shape differs between the engine and the pg adapter).
  throw new RuleViolation(
    JSON.stringify((err as { meta?: unknown }).meta ?? {}).includes('officerId')
      ? { code: 'OFFICER_HAS_LOGIN', title: '该执法人员已有账号', detail: 'the officer is linked to another user' }
      : { code: 'USERNAME_TAKEN', title: '用户名已被使用', detail: 'the username is taken' },
  );
}

export const listUsers = defineRoute({
  method: 'get',
  path: '/api/admin/users',
  summary: 'Users: every user for the system admin; its own officers’ logins for an agency admin',
  tags: ['administration'],
  auth: MANAGERS,
  query: z.object({
    q: z.string().trim().max(50).optional(),
    organisationId: Uuid.optional(),
    active: z.enum(['true', 'false']).optional(),
  }),
  responses: {
    200: {
      description: 'At most 500, by name',
      schema: z.object({ items: z.array(UserView), total: z.number().int() }),
    },
  },
  handler: async ({ deps, query, actor, visible }) => {
    const where: Prisma.UserWhereInput = {
      AND: [
        visible(USER_SCOPE),
        asAgencyAdmin(actor) ? { roles: { equals: ['OFFICER'] } } : {},
        query.q ? { OR: [{ username: containing(query.q) }, { displayName: containing(query.q) }] } : {},
        query.organisationId ? { organisationId: query.organisationId } : {},
        query.active ? { active: query.active === 'true' } : {},
      ],
    };
    const [rows, total] = await Promise.all([
      deps.db.user.findMany({ where, include, orderBy: [{ displayName: 'asc' }, { id: 'asc' }], take: 500 }),
      deps.db.user.count({ where }),
    ]);
    return { status: 200, body: { items: rows.map(view), total } };
  },
});

export const getUser = defineRoute({
  method: 'get',
  path: '/api/admin/users/{id}',
  summary: 'A user',
  tags: ['administration'],
  auth: MANAGERS,
  params: z.object({ id: Uuid }),
  responses: { 200: { description: 'The user', schema: UserView }, 404: { description: 'Unknown' } },
  handler: async (ctx) => ({ status: 200, body: view(await managedUser(ctx)) }),
});

export const createUser = defineRoute({
  method: 'post',
  path: '/api/admin/users',
  summary:
    'Create a user. The system admin: any organisation, roles that fit it; an agency admin: an OFFICER login for one of its own officers',
  tags: ['administration'],
  auth: MANAGERS,
  body: z
    .object({
      username: Username,
      displayName: Name(50),
      organisationId: Uuid.optional().openapi({ description: 'Required for the system admin; an agency admin’s own' }),
      roles: z.array(RoleSchema).min(1).max(10).optional().openapi({ description: 'An agency admin: OFFICER only' }),
      officerId: Uuid.optional(),
    })
    .strict()
    .openapi('NewUser'),
  responses: {
    201: { description: 'Created', schema: UserView },
    409: { description: 'The username is taken, or the officer has a login already' },
    422: { description: 'The organisation is deactivated' },
  },
  handler: async ({ deps, body, actor, requestId, authorise, deny }) => {
    const agencyAdmin = asAgencyAdmin(actor);
    const organisationId = body.organisationId ?? (agencyAdmin ? actor.organisation.id : undefined);
    if (!organisationId) throw problems.validation([{ field: 'body.organisationId', message: '请选择机构' }]);
    const roles: Role[] = [...new Set(body.roles ?? (agencyAdmin ? ['OFFICER' as const] : []))];
    if (!roles.length) throw problems.validation([{ field: 'body.roles', message: '请选择至少一个角色' }]);
    await authorise({ organisationId });
    // 第三条: an agency's admin creates its own officers' logins, nothing else.
    if (agencyAdmin && !agencyAdminManages({ organisationId: actor.organisation.id }, { organisationId, roles }))
      await deny('an agency admin creates only OFFICER logins of its own officers');
    const record = { organisationId, roles, officerId: body.officerId ?? null, active: true };
    const created = await deps.db
      .$transaction(async (tx) => {
        await checkUser(tx, record, true, (f) => `body.${f}`);
        const u = await tx.user.create({
          data: { username: body.username, displayName: body.displayName, ...record },
          include,
        });
        await writeAudit(tx, {
          actorId: actor.userId,
          actorRoles: actor.roles,
          action: 'user.create',
          targetType: 'User',
          targetId: u.id,
          outcome: 'DONE',
          requestId,
          detail: { before: null, after: { username: u.username, organisationId, ...recordOf(u) } },
        });
        return u;
      })
      .catch(conflict);
    return { status: 201, body: view(created) };
  },
});

export const updateUser = defineRoute({
  method: 'patch',
  path: '/api/admin/users/{id}',
  summary:
    'Change a user: display name, roles, officer link, active (effective on their next request). An agency admin: active only, for its officers’ logins',
  tags: ['administration'],
  auth: MANAGERS,
  params: z.object({ id: Uuid }),
  body: z
    .object({
      displayName: Name(50).optional(),
      roles: z.array(RoleSchema).min(1).max(10).optional(),
      officerId: Uuid.nullable().optional(),
      active: z.boolean().optional(),
    })
    .strict()
    .refine((b) => Object.keys(b).length > 0, '没有要修改的内容')
    .openapi('UserChange'),
  responses: {
    200: { description: 'Changed', schema: UserView },
    404: { description: 'Unknown' },
    409: { description: 'It would lock the administrator out, or the officer has a login already' },
  },
  handler: async (ctx) => {
    const { deps, body, actor, requestId } = ctx;
    const user = await managedUser(ctx);
    if (asAgencyAdmin(actor) && Object.keys(body).some((k) => k !== 'active'))
      await ctx.deny('an agency admin only activates or deactivates its officers’ logins');
    const roles = body.roles ? [...new Set(body.roles)] : undefined;
    if (locksOutSelf(actor.userId, user.id, { active: body.active, roles })) {
      throw new RuleViolation({
        code: 'SELF_LOCKOUT',
        title: '不能停用自己的账号或取消自己的系统管理员角色，请由另一名系统管理员办理',
        detail: 'an administrator cannot deactivate their own login or drop their own SYSTEM_ADMIN role',
      });
    }
    const updated = await deps.db
      .$transaction(async (tx) => {
        const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "User" WHERE id = ${user.id} FOR UPDATE`;
        if (!locked) throw problems.notFound(`user ${user.id}`);
        const current = (await tx.user.findUnique({ where: { id: user.id } }))!;
        // The check made before the lock, made again on the row as it is now (a role given meanwhile).
        if (asAgencyAdmin(actor) && !agencyAdminManages({ organisationId: actor.organisation.id }, current))
          throw problems.forbidden('an agency admin manages only its own officers’ logins');
        const before = recordOf(current);
        const after = { ...before, ...body, ...(roles ? { roles } : {}) };
        // 第三条: the last active administrator is neither deactivated nor relieved of the role.
        const leaves = before.active && before.roles.includes('SYSTEM_ADMIN');
        if (leaves && (!after.active || !after.roles.includes('SYSTEM_ADMIN')))
          await keepAnAdministrator(tx, { leavingUserId: user.id });
        await checkUser(
          tx,
          { ...after, organisationId: current.organisationId },
          after.active && !before.active,
          (f) => `body.${f}`,
        );
        const u = await tx.user.update({ where: { id: user.id }, data: after, include });
        await writeAudit(tx, {
          actorId: actor.userId,
          actorRoles: actor.roles,
          action: 'user.update',
          targetType: 'User',
          targetId: user.id,
          outcome: 'DONE',
          requestId,
          detail: { before, after },
        });
        return u;
      })
      .catch(conflict);
    // Their next request here is checked against the row as it is now (others: by its notice).
    deps.caches.forget({ kind: 'user', key: user.id });
    return { status: 200, body: view(updated) };
  },
});

export const officerCandidates = defineRoute({
  method: 'get',
  path: '/api/admin/officer-candidates',
  summary: 'Officers of an organisation without a login yet, to link a new OFFICER user to',
  tags: ['administration'],
  auth: MANAGERS,
  query: z.object({ organisationId: Uuid }),
  responses: {
    200: {
      description: 'At most 500, by name; the ID number’s last four characters tell namesakes apart',
      schema: z.object({
        items: z.array(z.object({ id: z.string(), name: z.string(), idNumberTail: z.string(), onStaff: z.boolean() })),
      }),
    },
  },
  handler: async ({ deps, query, authorise }) => {
    await authorise({ organisationId: query.organisationId });
    const rows = await deps.db.officer.findMany({
      where: { organisationId: query.organisationId, user: null },
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      take: 500,
    });
    return {
      status: 200,
      body: {
        items: rows.map((o) => ({ id: o.id, name: o.name, idNumberTail: o.idNumber.slice(-4), onStaff: o.onStaff })),
      },
    };
  },
});
