// Administration of the system (第三条: the city justice bureau organises and runs it; each agency
// manages its own people): what an organisation record must hold to work in the processes, and who
// may change which user.
import { roleFitsOrganisation, type OrgLevel, type OrgType, type Role } from './roles';

export const ORG_TYPES = [
  'AGENCY',
  'JUSTICE_BUREAU',
  'STAFFING_OFFICE',
  'SUPERVISORY_ORGAN',
] as const satisfies readonly OrgType[];
export const ORG_LEVELS = ['PROVINCE', 'CITY', 'DISTRICT'] as const satisfies readonly OrgLevel[];
// 第二条第三款 (一)–(三): 行政机关, 法律法规授权的组织, 受委托的组织.
export const AGENCY_KINDS = ['GOVERNMENT_BODY', 'AUTHORISED', 'ENTRUSTED'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/** A field of the request and what is wrong with it, in Chinese (the API's `errors[]`). */
export interface FieldError {
  field: string;
  message: string;
}

export interface OrganisationShape {
  type: OrgType;
  level: OrgLevel;
  agencyKind?: AgencyKind | null;
  verticallyManaged?: boolean;
  system?: string | null;
  requiresProfessionalExam?: boolean;
}

/**
 * What is wrong with an organisation's record, field by field (empty: nothing). `regionLevel` is
 * the level of the region it is placed in: a district bureau sits in a district.
 */
export function organisationShapeErrors(o: OrganisationShape, regionLevel: OrgLevel): FieldError[] {
  const errors: FieldError[] = [];
  if (regionLevel !== o.level) errors.push({ field: 'body.regionCode', message: '所选地区与机构层级不一致' });
  if (o.type === 'AGENCY') {
    // 第二条第三款: every enforcement agency is one of the three kinds.
    if (!o.agencyKind) errors.push({ field: 'body.agencyKind', message: '执法机关须选择主体类别（第二条第三款）' });
  } else {
    // 第四条: the exam facts belong to enforcement agencies only.
    if (o.agencyKind) errors.push({ field: 'body.agencyKind', message: '只有执法机关有主体类别' });
    if (o.verticallyManaged) errors.push({ field: 'body.verticallyManaged', message: '只有执法机关可标为垂直管理' });
    if (o.system) errors.push({ field: 'body.system', message: '只有执法机关属于执法系统' });
    if (o.requiresProfessionalExam)
      errors.push({ field: 'body.requiresProfessionalExam', message: '只有执法机关可要求专业法律知识考试' });
  }
  // 第四条第二款: a professional exam is set by the agency's system.
  if (o.requiresProfessionalExam && !o.system)
    errors.push({ field: 'body.system', message: '要求专业法律知识考试的执法机关须填写所属系统' });
  return errors;
}

/**
 * Organisations the processes look up by kind, level and region, so there is one active per region:
 * the bureau that reviews there (第七条), the staffing office it consults (第七条第二款).
 */
export function oneActivePerRegion(type: OrgType): boolean {
  return type === 'JUSTICE_BUREAU' || type === 'STAFFING_OFFICE';
}

/** The roles among `roles` that an organisation of this kind and level cannot hold (domain/roles.ts). */
export function rolesNotFitting(roles: readonly Role[], org: { type: OrgType; level: OrgLevel }): Role[] {
  return roles.filter((r) => !roleFitsOrganisation(r, org));
}

/**
 * 第三条: an agency manages its own people — its admin creates and deactivates the logins of its own
 * officers and nothing else: a user of its organisation whose only role is OFFICER.
 */
export function agencyAdminManages(
  admin: { organisationId: string },
  user: { organisationId: string; roles: readonly Role[] },
): boolean {
  return user.organisationId === admin.organisationId && user.roles.length === 1 && user.roles[0] === 'OFFICER';
}

/** What keeps the system administrable (第三条): at least one active SYSTEM_ADMIN in an active organisation. */
export const LAST_ADMIN_REFUSAL = {
  code: 'LAST_SYSTEM_ADMIN',
  title: '此操作将使系统没有可用的系统管理员，不能办理',
  detail: 'the change would leave no active SYSTEM_ADMIN in an active organisation',
  article: '第三条',
} as const;

/**
 * A change that would leave nobody to administer the system: an administrator deactivating their
 * own login or giving up their own SYSTEM_ADMIN role. Another administrator has to do it.
 */
export function locksOutSelf(
  actorUserId: string,
  userId: string,
  change: { active?: boolean; roles?: readonly Role[] },
): boolean {
  if (actorUserId !== userId) return false;
  return change.active === false || (change.roles !== undefined && !change.roles.includes('SYSTEM_ADMIN'));
}
