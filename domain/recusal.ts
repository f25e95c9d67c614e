// 第二十条 回避: a person does not act on a matter in which they have an interest — a complaint about
// themselves, their own application, or a case where they declared a conflict of interest. The case
// stays with their organ when a colleague is left to act on it, else it passes to the organ over it.
import { bureauRegion, supervisingLevel } from './review-chain';
import type { OrgLevel } from './roles';

export const RECUSAL_ARTICLE = '第二十条';

/** A case someone may have to stand back from: an application (its review) or a complaint. */
export type RecusalCase = { applicationId: string } | { complaintId: string };

/** Why someone may not act on a case: it is their own (as officer), or they declared a conflict. */
export type RecusalGround = 'OWN_CASE' | 'DECLARED';

export interface RecusalFacts {
  /** The officers the case is about: the applicant, or the officers complained about. */
  subjectOfficerIds: readonly (string | null)[];
  /** Who declared a conflict on this case. */
  declaredUserIds: readonly string[];
}

export function recusalGround(
  actor: { userId?: string; id?: string; officerId: string | null },
  c: RecusalFacts,
): RecusalGround | null {
  if (actor.officerId !== null && c.subjectOfficerIds.includes(actor.officerId)) return 'OWN_CASE';
  const userId = actor.userId ?? actor.id;
  if (userId !== undefined && c.declaredUserIds.includes(userId)) return 'DECLARED';
  return null;
}

export interface OrganPlace {
  type: 'AGENCY' | 'JUSTICE_BUREAU' | 'STAFFING_OFFICE' | 'SUPERVISORY_ORGAN';
  level: OrgLevel;
  regionCode: string;
}

/**
 * The organ a case passes to when nobody of its organ may act on it any more: the justice bureau (or
 * 监察机关) one level up; for an agency, the justice bureau of its level and region, which supervises
 * its enforcement (第二十七条). A provincial organ has none in this system (null).
 */
export function supervisingOrgan(o: OrganPlace): OrganPlace | null {
  if (o.type === 'AGENCY')
    return { type: 'JUSTICE_BUREAU', level: o.level, regionCode: bureauRegion(o.level, o.regionCode) };
  if (o.type === 'STAFFING_OFFICE' || o.level === 'PROVINCE') return null;
  const level = supervisingLevel(o.level);
  return { type: o.type, level, regionCode: bureauRegion(level, o.regionCode) };
}

/**
 * Who takes over the task the recused person held: the colleague with the fewest open tasks (then the
 * first by id, so a retried step picks the same one). Null when no colleague is left.
 */
export function leastLoaded(colleagues: readonly { id: string; openTasks: number }[]): string | null {
  const sorted = [...colleagues].sort((a, b) => a.openTasks - b.openTasks || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return sorted[0]?.id ?? null;
}
