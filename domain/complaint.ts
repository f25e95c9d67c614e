// Complaints and reports (投诉、举报, 第二十八条) and the complainant's confidentiality (第二十五条):
// pure rules shared by the API, the activities and the workflow.
import type { Actor, OrgLevel, OrgType, Role } from './roles';
import { recusalGround } from './recusal';
import { authorise, regionCovers } from './scope';

export const COMPLAINT_FINDINGS = ['SUBSTANTIATED', 'PARTLY_SUBSTANTIATED', 'NOT_SUBSTANTIATED'] as const;
export type ComplaintFinding = (typeof COMPLAINT_FINDINGS)[number];
export const FEEDBACK_CHANNELS = ['PHONE', 'SMS', 'EMAIL', 'LETTER', 'IN_PERSON', 'PUBLISHED'] as const;
export type FeedbackChannel = (typeof FEEDBACK_CHANNELS)[number];
/** What each complaint task is called where a person reads it (notifications). */
export const COMPLAINT_TASK_LABELS = {
  ACCEPTANCE: '受理',
  INVESTIGATION: '调查',
  EXTENSION_APPROVAL: '延期审批',
  FEEDBACK: '结果告知',
} as const;
export type ComplaintAddressee = 'OFFICER_AGENCY' | 'SUPERIOR_AGENCY' | 'SUPERVISORY_ORGAN';

export interface OrganRef {
  id: string;
  type: OrgType;
  level: OrgLevel;
  regionCode: string;
  system?: string | null;
}

const RANK: Record<OrgLevel, number> = { DISTRICT: 0, CITY: 1, PROVINCE: 2 };

/**
 * 第二十八条: a complaint goes to the officer's agency, a superior agency or the supervisory organ
 * (监察机关). A superior agency is above the officer's agency, covers its region, and is either of
 * the same system (系统) or the justice bureau that supervises enforcement. Null: not such an organ.
 */
export function addresseeFor(organ: OrganRef, agencies: readonly OrganRef[]): ComplaintAddressee | null {
  if (agencies.length === 0) return null;
  if (agencies.every((a) => a.id === organ.id)) return 'OFFICER_AGENCY';
  const covers = (a: OrganRef) => regionCovers(organ.level, organ.regionCode, a.regionCode);
  if (organ.type === 'SUPERVISORY_ORGAN' && agencies.every(covers)) return 'SUPERVISORY_ORGAN';
  const superior = (a: OrganRef) =>
    RANK[organ.level] > RANK[a.level] &&
    covers(a) &&
    (organ.type === 'JUSTICE_BUREAU' || (organ.type === 'AGENCY' && !!organ.system && organ.system === a.system));
  return agencies.every(superior) ? 'SUPERIOR_AGENCY' : null;
}

/** 第二十八条: the result must reach the complainant; without a contact it is published on the receipt page. */
export function feedbackChannelRefusal(hasContact: boolean, channel: FeedbackChannel): string | undefined {
  if (!hasContact && channel !== 'PUBLISHED')
    return 'the complainant left no contact: the feedback is published on the receipt status page (PUBLISHED)';
  if (hasContact && channel === 'PUBLISHED')
    return 'the complainant left a contact: tell them directly (PHONE, SMS, EMAIL, LETTER or IN_PERSON)';
  return undefined;
}

export interface ComplaintScope {
  handlingOrgId: string;
  handlingRegionCode: string;
  /** The agencies of the officers complained about. */
  subjectAgencyIds: readonly string[];
  /** The officers complained about, where the complaint names one on record. */
  subjectOfficerIds: readonly (string | null)[];
  /** Who declared a conflict of interest on it (第二十条). */
  declaredUserIds: readonly string[];
}

/** The roles that read a complaint (第二十五条). */
export const COMPLAINT_READERS = ['COMPLAINT_HANDLER', 'SUPERVISOR'] as const satisfies readonly Role[];

/**
 * Who may read a complaint — and with it the complainant's identity (第二十五条): the handling organ's
 * complaint handlers and head (SUPERVISOR), and a supervisor whose region covers the handling organ —
 * but never a supervisor of the officer's own agency unless that agency handles the complaint. The
 * subject officer and their agency's other roles never read it. It is the scoping rule of
 * domain/scope.ts on the handling organ (an agency's roles, its head included, are bound to their own
 * organ; 监察机关 and justice bureaus oversee a region), so the complaint inbox lists exactly these.
 */
export function complaintReaderRole(actor: Actor, c: ComplaintScope): Role | null {
  // Said once more, whatever the scoping rule becomes: the officer's agency reads only what it handles.
  if (c.subjectAgencyIds.includes(actor.organisation.id) && actor.organisation.id !== c.handlingOrgId) return null;
  // 第二十条, 第二十五条: the officer complained about never reads it, even as one of the handling organ;
  // nor does a handler who declared a conflict in it.
  if (recusalGround(actor, c)) return null;
  return authorise(actor, COMPLAINT_READERS, { organisationId: c.handlingOrgId, regionCode: c.handlingRegionCode });
}
