// 第七条: review "按照规定权限" — a district-level agency's application goes district bureau → city
// bureau → province (核准); a city-level agency's goes city bureau → province.
import type { DecisionKind } from './contracts/application';
import type { OrgLevel } from './roles';

export const REVIEW_LEVELS = ['DISTRICT', 'CITY', 'PROVINCE'] as const satisfies readonly OrgLevel[];

export function reviewChain(agencyLevel: OrgLevel): OrgLevel[] {
  switch (agencyLevel) {
    case 'DISTRICT':
      return ['DISTRICT', 'CITY', 'PROVINCE'];
    case 'CITY':
      return ['CITY', 'PROVINCE'];
    case 'PROVINCE':
      return ['PROVINCE'];
  }
}

/** The region code of the bureau that reviews at `level` for an agency in `agencyRegion`. */
export function bureauRegion(level: OrgLevel, agencyRegion: string): string {
  if (level === 'DISTRICT') return agencyRegion;
  if (level === 'CITY') return `${agencyRegion.slice(0, 4)}00`;
  return `${agencyRegion.slice(0, 2)}0000`;
}

/** Who watches a level's overdue tasks: the city for districts, the province for the city. */
export function supervisingLevel(level: OrgLevel): OrgLevel {
  return level === 'DISTRICT' ? 'CITY' : 'PROVINCE';
}

export const REVIEWER_ROLE_OF_LEVEL = {
  DISTRICT: 'DISTRICT_REVIEWER',
  CITY: 'CITY_REVIEWER',
  PROVINCE: 'PROVINCE_REVIEWER',
} as const satisfies Record<OrgLevel, string>;

/** Every reviewer role, in chain order. */
export const REVIEWER_ROLES = [
  'DISTRICT_REVIEWER',
  'CITY_REVIEWER',
  'PROVINCE_REVIEWER',
] as const satisfies readonly (typeof REVIEWER_ROLE_OF_LEVEL)[OrgLevel][];

/**
 * Every decision but 核准 owes the agency its reasons: what to correct (退回补正), why it is refused,
 * what the staffing office is asked (第七条第二款). The API's form and the workflow's validator both ask this.
 */
export function needsReason(decision: DecisionKind): boolean {
  return decision !== 'APPROVE';
}
