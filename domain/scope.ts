// The one scoping rule every route uses: an actor acts under one of the route's roles, and that role
// must cover the target (its organisation, its region, or the officer it is about).
import type { Actor, OrgLevel, Role } from './roles';

export interface ScopeTarget {
  organisationId?: string;
  regionCode?: string;
  officerId?: string;
  /** The organisation that owns the target outright (the bureau of a review task): only its own staff act. */
  ownerId?: string;
}

// Region codes: 33 = 浙江省, 3301 = 杭州市, 330106 = 西湖区. A bureau covers the regions under its own.
const PREFIX_BY_LEVEL: Record<OrgLevel, number> = { PROVINCE: 2, CITY: 4, DISTRICT: 6 };

/** The region-code prefix an organisation at `level` covers: '330106', '3301' or '33'. */
export function regionPrefix(org: { level: OrgLevel; regionCode: string }): string {
  return org.regionCode.slice(0, PREFIX_BY_LEVEL[org.level]);
}

export function regionCovers(level: OrgLevel, ownRegion: string, target: string): boolean {
  const n = PREFIX_BY_LEVEL[level];
  return target.slice(0, n) === ownRegion.slice(0, n);
}

const ORGANISATION_BOUND: ReadonlySet<Role> = new Set(['AGENCY_ADMIN', 'COMPLAINT_HANDLER', 'STAFFING_OFFICE']);

function roleCovers(actor: Actor, role: Role, target: ScopeTarget): boolean {
  if (target.ownerId !== undefined && target.ownerId !== actor.organisation.id) return false;
  if (role === 'OFFICER') return target.officerId !== undefined && target.officerId === actor.officerId;
  // An agency's head (SUPERVISOR at an agency) answers for its own agency, not the district around it.
  if (ORGANISATION_BOUND.has(role) || (role === 'SUPERVISOR' && actor.organisation.type === 'AGENCY')) {
    return target.organisationId === undefined || target.organisationId === actor.organisation.id;
  }
  return (
    target.regionCode === undefined ||
    regionCovers(actor.organisation.level, actor.organisation.regionCode, target.regionCode)
  );
}

/** The first of `roles` under which `actor` may act on `target`, or null when none covers it. */
export function authorise(actor: Actor, roles: readonly Role[], target: ScopeTarget = {}): Role | null {
  for (const role of roles) if (actor.roles.includes(role) && roleCovers(actor, role, target)) return role;
  return null;
}
