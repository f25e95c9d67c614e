// 第十八条: an investigation needs at least two staff, at least one a valid certificate holder; a
// penalty or coercive measure needs at least two valid holders. Valid = ACTIVE on the day of the action.
import type { Actor, Role } from './roles';
import { authorise, type ScopeTarget } from './scope';

export const TEAM_ACTIONS = ['INVESTIGATION', 'PENALTY', 'COERCIVE_MEASURE'] as const;
export type TeamAction = (typeof TEAM_ACTIONS)[number];

export interface TeamMember {
  ref: string;
  /** A known staff member of an enforcement agency. */
  known: boolean;
  /** Holds a certificate that is ACTIVE on the day of the action. */
  validHolder: boolean;
  /** Why the member does not count as a holder (suspended until …, revoked, no certificate, unknown). */
  note?: string;
}

export interface TeamVerdict {
  allowed: boolean;
  article: '第十八条';
  reasons: string[];
  members: TeamMember[];
}

/**
 * 第十八条: whom a team check may name. An agency assigns the team from its own staff, so an officer
 * names colleagues of its own agency; every other role the officers it reads (domain/scope.ts). Anyone
 * else is answered exactly like an unknown id: the check tells nothing about who exists elsewhere.
 */
export function mayNameMember(
  actor: Actor,
  roles: readonly Role[],
  member: ScopeTarget & { organisationId: string },
): boolean {
  if (roles.includes('OFFICER') && actor.roles.includes('OFFICER') && member.organisationId === actor.organisation.id)
    return true;
  return authorise(actor, roles, member) !== null;
}

export function checkTeam(action: TeamAction, members: TeamMember[]): TeamVerdict {
  const staff = members.filter((m) => m.known).length;
  const holders = members.filter((m) => m.validHolder).length;
  const reasons: string[] = [];
  if (action === 'INVESTIGATION') {
    if (staff < 2) reasons.push(`调查应当指派2名以上工作人员（现有 ${staff} 名）`);
    if (holders < 1) reasons.push('调查人员中至少1人应当是持有效行政执法证的行政执法人员');
  } else if (holders < 2) {
    reasons.push(`行政处罚、行政强制须2名以上持有效行政执法证的行政执法人员（现有 ${holders} 名）`);
  }
  return { allowed: reasons.length === 0, article: '第十八条', reasons, members };
}
