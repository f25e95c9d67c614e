// Bearer tokens, in one of two modes (infra/config.ts AuthMode):
// - OpenID Connect (production): the configured provider's access token (api/oidc.ts); the value of
//   OIDC_USERNAME_CLAIM names a User by username, and the roles and organisation are that row's — the
//   provider says who the person is, this system what they may do.
// - HS256 (development and tests only): sub = user id, roles, org = organisation id, signed with
//   the shared secret; accepted only when the user still holds every claimed role in that organisation.
// Either way the user (and its organisation) must still be active: checked on every request, against
// the row as read at most AUTH_USER_CACHE_SECONDS ago and evicted at once when it changes (README
// "Caches").
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { ROLES, roleFitsOrganisation, type Actor, type Role } from '../domain/roles';
import type { Config } from '../infra/config';
import type { Db } from '../infra/db';
import type { Deps } from './deps';
import { ProviderUnavailable, TokenRejected, verifierFor } from './oidc';
import { problems } from './problem';
import { RecordCache } from './record-cache';

export interface TokenSubject {
  id: string;
  roles: readonly Role[];
  organisationId: string;
}

function key(config: Config): Uint8Array {
  if (config.auth.mode !== 'hs256') throw new Error('HS256 tokens exist only without OIDC_ISSUER');
  return new TextEncoder().encode(config.auth.secret);
}

export async function signToken(config: Config, user: TokenSubject, ttl = '8h'): Promise<string> {
  return new SignJWT({ roles: [...user.roles], org: user.organisationId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(user.id)
    .setIssuer(config.JWT_ISSUER)
    .setAudience(config.JWT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(key(config));
}

export type AuthResult = { actor: Actor } | { denial: 401 | 403 | 503; reason: string };

type Lookup = Pick<Deps, 'config' | 'db' | 'caches'>;

export async function verifyBearer(deps: Lookup, header: string | undefined): Promise<AuthResult | undefined> {
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m) return { denial: 401, reason: 'authorization header is not a bearer token' };
  return deps.config.auth.mode === 'oidc' ? verifyOidc(deps, m[1]) : verifyHs256(deps, m[1]);
}

async function verifyOidc(deps: Lookup, token: string): Promise<AuthResult> {
  const config = deps.config;
  const auth = config.auth as Extract<Config['auth'], { mode: 'oidc' }>;
  let payload;
  try {
    payload = await verifierFor(config, auth).verify(token);
  } catch (err) {
    if (err instanceof ProviderUnavailable) return { denial: 503, reason: err.message };
    if (err instanceof TokenRejected) return { denial: 401, reason: err.message };
    throw err;
  }
  const username = payload[auth.usernameClaim];
  if (typeof username !== 'string' || username === '')
    return { denial: 401, reason: `token has no ${auth.usernameClaim} claim` };
  const user = await userBy(deps, { username });
  if (!user || !user.active || !user.organisation.active) return { denial: 401, reason: 'unknown or inactive user' };
  const org = user.organisation;
  // 第三条: a role the organisation cannot hold is a misrecorded user: refused rather than trimmed.
  if (user.roles.length === 0 || !user.roles.every((r) => roleFitsOrganisation(r, org)))
    return { denial: 403, reason: 'the user holds no role or a role the organisation cannot have' };
  return { actor: actorOf(user, user.roles) };
}

async function verifyHs256(deps: Lookup, token: string): Promise<AuthResult> {
  const config = deps.config;
  let payload;
  try {
    ({ payload } = await jwtVerify(token, key(config), {
      algorithms: ['HS256'],
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      requiredClaims: ['sub', 'exp', 'roles', 'org'],
    }));
  } catch (err) {
    const reason =
      err instanceof joseErrors.JWTExpired
        ? 'token expired'
        : err instanceof joseErrors.JOSEError
          ? err.code
          : 'invalid token';
    return { denial: 401, reason };
  }
  const roles = payload.roles;
  if (
    !Array.isArray(roles) ||
    roles.length === 0 ||
    !roles.every((r): r is Role => (ROLES as readonly string[]).includes(r))
  ) {
    return { denial: 401, reason: 'token roles claim is invalid' };
  }
  const user = await userBy(deps, { id: String(payload.sub) });
  if (!user || !user.active || !user.organisation.active || user.organisationId !== payload.org)
    return { denial: 401, reason: 'unknown or inactive user' };
  const org = user.organisation;
  // A role taken away since the token was issued: sign in again (401). A role the organisation can
  // never hold is a forged or misissued token: refused outright (403).
  if (!roles.every((r) => user.roles.includes(r)))
    return { denial: 401, reason: 'token claims a role the user no longer has' };
  if (!roles.every((r) => roleFitsOrganisation(r, org))) {
    return { denial: 403, reason: 'token claims a role the organisation cannot have' };
  }
  return { actor: actorOf(user, roles) };
}

type UserRow = NonNullable<Awaited<ReturnType<typeof findUser>>>;
const findUser = (db: Db, where: { id: string } | { username: string }) =>
  db.user.findUnique({ where, include: { organisation: true } });

/** The user's row with its organisation, from the cache of signed-in users if it is there. */
export const userBy = (deps: Lookup, where: { id: string } | { username: string }) =>
  deps.caches.users.get(
    'id' in where ? `id:${where.id}` : `username:${where.username}`,
    async () => (await findUser(deps.db, where)) ?? undefined,
  );

/** The signed-in users' rows with their organisations, by id (HS256) and by username (OIDC). */
export const userCache = (config: Config) =>
  new RecordCache<UserRow>({
    ttlSeconds: config.AUTH_USER_CACHE_SECONDS,
    sources: (u) => [
      { kind: 'user', key: u.id },
      { kind: 'organisation', key: u.organisationId },
    ],
  });

function actorOf(user: UserRow, roles: Role[]): Actor {
  const org = user.organisation;
  return {
    userId: user.id,
    username: user.username,
    roles,
    officerId: user.officerId,
    organisation: { id: org.id, type: org.type, level: org.level, regionCode: org.regionCode },
  };
}

export function denialProblem(d: { denial: 401 | 403 | 503; reason: string }) {
  if (d.denial === 503) return problems.unavailable('the identity provider');
  return d.denial === 401 ? problems.unauthenticated(d.reason) : problems.forbidden(d.reason);
}
