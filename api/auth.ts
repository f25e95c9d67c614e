// Bearer JWT (HS256, `jose`): sub = user id, roles, org = organisation id. A token is accepted only
// when the user still exists, is active, belongs to the claimed organisation, holds every claimed
// role, and each role fits that organisation (domain/roles.ts).
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { ROLES, roleFitsOrganisation, type Actor, type Role } from '../domain/roles';
import type { Config } from '../infra/config';
import type { Db } from '../infra/db';
import { problems } from './problem';

export interface TokenSubject {
  id: string;
  roles: readonly Role[];
  organisationId: string;
}

const key = (config: Config) => new TextEncoder().encode(config.jwtSecret);

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

export type AuthResult = { actor: Actor } | { denial: 401 | 403; reason: string };

export async function verifyBearer(
  config: Config,
  db: Db,
  header: string | undefined,
): Promise<AuthResult | undefined> {
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m) return { denial: 401, reason: 'authorization header is not a bearer token' };
  let payload;
  try {
    ({ payload } = await jwtVerify(m[1], key(config), {
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
  const user = await db.user.findUnique({ where: { id: String(payload.sub) }, include: { organisation: true } });
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
  return {
    actor: {
      userId: user.id,
      username: user.username,
      roles,
      officerId: user.officerId,
      organisation: { id: org.id, type: org.type, level: org.level, regionCode: org.regionCode },
    },
  };
}

export function denialProblem(d: { denial: 401 | 403; reason: string }) {
  return d.denial === 401 ? problems.unauthenticated(d.reason) : problems.forbidden(d.reason);
}
