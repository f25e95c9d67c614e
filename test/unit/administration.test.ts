// The rules of administration (第三条) as pure functions: what an organisation record must hold,
// which users an agency admin manages, and the lock-out guard.
import { describe, expect, it } from 'vitest';
import {
  agencyAdminManages,
  locksOutSelf,
  organisationShapeErrors,
  rolesNotFitting,
} from '../../domain/administration';

const fields = (errors: { field: string }[]) => errors.map((e) => e.field).sort();

describe('organisationShapeErrors', () => {
  it('第二条第三款: an enforcement agency is one of the three kinds; a bureau has none of the agency facts (第四条)', () => {
    expect(organisationShapeErrors({ type: 'AGENCY', level: 'DISTRICT', agencyKind: 'ENTRUSTED' }, 'DISTRICT')).toEqual(
      [],
    );
    expect(fields(organisationShapeErrors({ type: 'AGENCY', level: 'DISTRICT' }, 'DISTRICT'))).toEqual([
      'body.agencyKind',
    ]);
    expect(
      fields(
        organisationShapeErrors(
          {
            type: 'JUSTICE_BUREAU',
            level: 'CITY',
            agencyKind: 'GOVERNMENT_BODY',
            verticallyManaged: true,
            system: '司法行政',
            requiresProfessionalExam: true,
          },
          'CITY',
        ),
      ),
    ).toEqual(['body.agencyKind', 'body.requiresProfessionalExam', 'body.system', 'body.verticallyManaged']);
  });

  it('the region is of the organisation’s level; 第四条第二款: a professional exam needs the system that sets it', () => {
    expect(fields(organisationShapeErrors({ type: 'SUPERVISORY_ORGAN', level: 'DISTRICT' }, 'CITY'))).toEqual([
      'body.regionCode',
    ]);
    expect(
      fields(
        organisationShapeErrors(
          { type: 'AGENCY', level: 'CITY', agencyKind: 'AUTHORISED', requiresProfessionalExam: true },
          'CITY',
        ),
      ),
    ).toEqual(['body.system']);
  });
});

describe('who manages which user', () => {
  it('第三条: an agency admin manages the logins of its own officers only', () => {
    const admin = { organisationId: 'a' };
    expect(agencyAdminManages(admin, { organisationId: 'a', roles: ['OFFICER'] })).toBe(true);
    expect(agencyAdminManages(admin, { organisationId: 'b', roles: ['OFFICER'] })).toBe(false);
    expect(agencyAdminManages(admin, { organisationId: 'a', roles: ['OFFICER', 'COMPLAINT_HANDLER'] })).toBe(false);
    expect(agencyAdminManages(admin, { organisationId: 'a', roles: ['AGENCY_ADMIN'] })).toBe(false);
  });

  it('an administrator may not deactivate their own login or drop their own SYSTEM_ADMIN; another may', () => {
    expect(locksOutSelf('me', 'me', { active: false })).toBe(true);
    expect(locksOutSelf('me', 'me', { roles: ['CITY_REVIEWER'] })).toBe(true);
    expect(locksOutSelf('me', 'me', { roles: ['SYSTEM_ADMIN', 'CITY_REVIEWER'], active: true })).toBe(false);
    expect(locksOutSelf('me', 'other', { active: false, roles: [] })).toBe(false);
  });

  it('roles that do not fit the organisation are named (domain/roles.ts)', () => {
    expect(
      rolesNotFitting(['DISTRICT_REVIEWER', 'CITY_REVIEWER', 'COMPLAINT_HANDLER'], {
        type: 'JUSTICE_BUREAU',
        level: 'DISTRICT',
      }),
    ).toEqual(['CITY_REVIEWER']);
  });
});
