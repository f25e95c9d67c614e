// Who supervises enforcement for a justice bureau (第三条, 第二十七条第二款): its reviewers — the staff
// who already manage its region's certificates — draw spot checks, record findings and issue and
// decide correction orders. (DESIGN.md's separate INSPECTOR role is this list's future home.)
import { REVIEWER_ROLES } from './review-chain';

export const SUPERVISION_ROLES = REVIEWER_ROLES;
