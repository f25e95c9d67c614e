// The one scoping rule every route uses: an actor acts under one of the route's roles, and that role
// must cover the target (its organisation, its region, or the officer it is about). A detail route
// checks one target (`authorise`); a list asks for the same rule as conditions on its rows
// (`listScope`), so a list never shows what the detail route would refuse.
import type { Actor, OrgLevel, Role } from './roles';

export interface ScopeTarget {
  organisationId?: string;
  regionCode?: string;
  officerId?: string;
  /** The organisation that owns the target outright (the bureau of a review task): only its own staff act. */
  ownerId?: string;
}
export type ScopeField = keyof ScopeTarget;

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

/** One condition a target must meet: a field equal to an id, or its region code under a prefix. */
export type ScopeCondition =
  { field: 'organisationId' | 'officerId' | 'ownerId'; equals: string } | { field: 'regionCode'; prefix: string };

const ORGANISATION_BOUND: ReadonlySet<Role> = new Set(['AGENCY_ADMIN', 'COMPLAINT_HANDLER', 'STAFFING_OFFICE']);

/**
 * What `role` requires of a target that has the fields `has` says: all of the conditions, or null
 * when the role covers no such target. The rule itself — `authorise` and `listScope` both ask it.
 */
function roleRequires(actor: Actor, role: Role, has: (f: ScopeField) => boolean): ScopeCondition[] | null {
  const org = actor.organisation;
  const all: ScopeCondition[] = has('ownerId') ? [{ field: 'ownerId', equals: org.id }] : [];
  // 第三条: the system's administrator acts for the whole deployment, not a region of it.
  if (role === 'SYSTEM_ADMIN') return all;
  if (role === 'OFFICER')
    return has('officerId') && actor.officerId ? [...all, { field: 'officerId', equals: actor.officerId }] : null;
  // An agency's head (SUPERVISOR at an agency) answers for its own agency, not the district around it.
  if (ORGANISATION_BOUND.has(role) || (role === 'SUPERVISOR' && org.type === 'AGENCY')) {
    return has('organisationId') ? [...all, { field: 'organisationId', equals: org.id }] : all;
  }
  return has('regionCode') ? [...all, { field: 'regionCode', prefix: regionPrefix(org) }] : all;
}

function meets(target: ScopeTarget, c: ScopeCondition): boolean {
  const v = target[c.field];
  return v !== undefined && ('prefix' in c ? v.slice(0, c.prefix.length) === c.prefix : v === c.equals);
}

/** The first of `roles` under which `actor` may act on `target`, or null when none covers it. */
export function authorise(actor: Actor, roles: readonly Role[], target: ScopeTarget = {}): Role | null {
  const has = (f: ScopeField) => target[f] !== undefined;
  for (const role of roles) {
    if (!actor.roles.includes(role)) continue;
    const conditions = roleRequires(actor, role, has);
    if (conditions?.every((c) => meets(target, c))) return role;
  }
  return null;
}

/**
 * `authorise` for a list: the rows of a kind whose targets carry `fields` that `actor` may see under
 * one of `roles` — any one alternative (a role held), each all of its conditions. `[]`: none; an
 * empty alternative: all.
 */
export function listScope(actor: Actor, roles: readonly Role[], fields: readonly ScopeField[]): ScopeCondition[][] {
  const has = (f: ScopeField) => fields.includes(f);
  return roles.flatMap((role) => {
    const conditions = actor.roles.includes(role) ? roleRequires(actor, role, has) : null;
    return conditions ? [conditions] : [];
  });
}
