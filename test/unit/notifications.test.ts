// Who reads a notification (domain/notifications.ts): the roles that act on its kind, in the
// organisation it is sent to — a complaint's notices never reach the officer or the agency's admin
// (第二十五条).
import { describe, expect, it } from 'vitest';
import { NOTIFICATION_AUDIENCE, notificationKindsFor } from '../../domain/notifications';
import { ROLES } from '../../domain/roles';

describe('notification audience', () => {
  it('第二十五条: a complaint’s notices are for its handlers and the organ’s head, never the officer or the agency admin', () => {
    const complaintKinds = Object.keys(NOTIFICATION_AUDIENCE).filter((k) => k.startsWith('COMPLAINT_'));
    expect(complaintKinds.length).toBeGreaterThan(0);
    for (const role of ['COMPLAINT_HANDLER', 'SUPERVISOR'] as const)
      expect(notificationKindsFor([role])).toEqual(expect.arrayContaining(complaintKinds));
    for (const role of ['OFFICER', 'AGENCY_ADMIN'] as const)
      expect(notificationKindsFor([role]).filter((k) => complaintKinds.includes(k))).toEqual([]);
  });

  it('an officer reads no organisation-wide notice (only those addressed to the officer)', () => {
    expect(notificationKindsFor(['OFFICER'])).toEqual([]);
  });

  it('a bureau’s reviewers and sanction officers read each their own kinds', () => {
    expect(notificationKindsFor(['CITY_REVIEWER'])).toContain('TASK_NEW');
    expect(notificationKindsFor(['CITY_REVIEWER'])).not.toContain('REVIEW_FILED');
    expect(notificationKindsFor(['SANCTION_OFFICER'])).toContain('REVIEW_FILED');
    expect(notificationKindsFor(['SANCTION_OFFICER'])).not.toContain('TASK_NEW');
  });

  it('every kind has an audience of real roles, and several roles read the union of their kinds', () => {
    for (const roles of Object.values(NOTIFICATION_AUDIENCE)) {
      expect(roles.length).toBeGreaterThan(0);
      for (const r of roles) expect(ROLES).toContain(r);
    }
    expect(notificationKindsFor(['AGENCY_ADMIN', 'COMPLAINT_HANDLER']).sort()).toEqual(
      [...new Set([...notificationKindsFor(['AGENCY_ADMIN']), ...notificationKindsFor(['COMPLAINT_HANDLER'])])].sort(),
    );
  });
});
