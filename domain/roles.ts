// Roles and who may hold them (DESIGN.md "Who uses it").
export const ROLES = [
  'AGENCY_ADMIN',
  'DISTRICT_REVIEWER',
  'CITY_REVIEWER',
  'PROVINCE_REVIEWER',
  'STAFFING_OFFICE',
  'SANCTION_OFFICER',
  'COMPLAINT_HANDLER',
  'SUPERVISOR',
  'OFFICER',
  'SYSTEM_ADMIN',
] as const;
export type Role = (typeof ROLES)[number];

export type OrgType = 'AGENCY' | 'JUSTICE_BUREAU' | 'STAFFING_OFFICE' | 'SUPERVISORY_ORGAN';
export type OrgLevel = 'PROVINCE' | 'CITY' | 'DISTRICT';

export interface ActorOrganisation {
  id: string;
  type: OrgType;
  level: OrgLevel;
  regionCode: string;
}

export interface Actor {
  userId: string;
  username: string;
  roles: Role[];
  officerId: string | null;
  organisation: ActorOrganisation;
}

/** Which organisations a role belongs to; a token claiming a role its organisation cannot have is refused. */
export function roleFitsOrganisation(role: Role, org: Pick<ActorOrganisation, 'type' | 'level'>): boolean {
  switch (role) {
    case 'AGENCY_ADMIN':
    case 'OFFICER':
      return org.type === 'AGENCY';
    case 'DISTRICT_REVIEWER':
      return org.type === 'JUSTICE_BUREAU' && org.level === 'DISTRICT';
    case 'CITY_REVIEWER':
      return org.type === 'JUSTICE_BUREAU' && org.level === 'CITY';
    case 'PROVINCE_REVIEWER':
      return org.type === 'JUSTICE_BUREAU' && org.level === 'PROVINCE';
    case 'STAFFING_OFFICE':
      return org.type === 'STAFFING_OFFICE';
    // 第二十九条: the city bureau decides; the province on referral.
    case 'SANCTION_OFFICER':
      return org.type === 'JUSTICE_BUREAU' && org.level !== 'DISTRICT';
    // 第二十八条: any receiving organ handles complaints.
    case 'COMPLAINT_HANDLER':
      return org.type !== 'STAFFING_OFFICE';
    case 'SUPERVISOR':
      return org.type === 'SUPERVISORY_ORGAN' || org.type === 'JUSTICE_BUREAU' || org.type === 'AGENCY';
    // 第三条: the city justice bureau organises and runs the system; it administers it.
    case 'SYSTEM_ADMIN':
      return org.type === 'JUSTICE_BUREAU' && org.level === 'CITY';
  }
}
