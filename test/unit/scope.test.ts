// Scoping (DESIGN.md "Who uses it": a district reviewer acts only on its own district, an agency admin
// only on its own agency's staff, ...) and which organisations may hold which role.
// Region codes (DESIGN.md "Regions"): 330000 浙江省, 330100 杭州市, 330106 西湖区, 330105 拱墅区;
// 330200 is 宁波市, another city in the province; 320100 南京市 is outside the province.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ROLES,
  roleFitsOrganisation,
  type Actor,
  type ActorOrganisation,
  type OrgLevel,
  type OrgType,
  type Role,
} from '../../domain/roles';
import {
  authorise,
  listScope,
  regionCovers,
  type ScopeCondition,
  type ScopeField,
  type ScopeTarget,
} from '../../domain/scope';

const XIHU_AGENCY: ActorOrganisation = {
  id: 'org-xihu-market',
  type: 'AGENCY',
  level: 'DISTRICT',
  regionCode: '330106',
};
const OTHER_AGENCY: ActorOrganisation = {
  id: 'org-xihu-transport',
  type: 'AGENCY',
  level: 'DISTRICT',
  regionCode: '330106',
};
const XIHU_BUREAU: ActorOrganisation = {
  id: 'org-xihu-justice',
  type: 'JUSTICE_BUREAU',
  level: 'DISTRICT',
  regionCode: '330106',
};
const CITY_BUREAU: ActorOrganisation = {
  id: 'org-hz-justice',
  type: 'JUSTICE_BUREAU',
  level: 'CITY',
  regionCode: '330100',
};
const PROVINCE_BUREAU: ActorOrganisation = {
  id: 'org-zj-justice',
  type: 'JUSTICE_BUREAU',
  level: 'PROVINCE',
  regionCode: '330000',
};

function actor(organisation: ActorOrganisation, roles: Role[], officerId: string | null = null): Actor {
  return { userId: `u-${organisation.id}`, username: `user-${organisation.id}`, roles, officerId, organisation };
}

describe('regionCovers', () => {
  it('DISTRICT level covers its own district only, not a neighbour district', () => {
    expect(regionCovers('DISTRICT', '330106', '330106')).toBe(true);
    expect(regionCovers('DISTRICT', '330106', '330105')).toBe(false);
    expect(regionCovers('DISTRICT', '330106', '330206')).toBe(false);
  });

  it('DISTRICT level does not cover its own city as a whole', () => {
    expect(regionCovers('DISTRICT', '330106', '330100')).toBe(false);
  });

  it('CITY level covers the city and all its districts, not another city', () => {
    expect(regionCovers('CITY', '330100', '330100')).toBe(true);
    expect(regionCovers('CITY', '330100', '330106')).toBe(true);
    expect(regionCovers('CITY', '330100', '330182')).toBe(true);
    expect(regionCovers('CITY', '330100', '330200')).toBe(false);
    expect(regionCovers('CITY', '330100', '330206')).toBe(false);
  });

  it('PROVINCE level covers every region in the province, not another province', () => {
    expect(regionCovers('PROVINCE', '330000', '330106')).toBe(true);
    expect(regionCovers('PROVINCE', '330000', '330200')).toBe(true);
    expect(regionCovers('PROVINCE', '330000', '320100')).toBe(false);
  });
});

describe('authorise', () => {
  it('第十条: an AGENCY_ADMIN acts on its own agency only', () => {
    const admin = actor(XIHU_AGENCY, ['AGENCY_ADMIN']);
    expect(authorise(admin, ['AGENCY_ADMIN'], { organisationId: XIHU_AGENCY.id })).toBe('AGENCY_ADMIN');
    expect(authorise(admin, ['AGENCY_ADMIN'], { organisationId: OTHER_AGENCY.id })).toBeNull();
  });

  it('第十条: an AGENCY_ADMIN is bound by organisation, not region: same district, other agency → refused', () => {
    const admin = actor(XIHU_AGENCY, ['AGENCY_ADMIN']);
    expect(OTHER_AGENCY.regionCode).toBe(XIHU_AGENCY.regionCode);
    expect(authorise(admin, ['AGENCY_ADMIN'], { organisationId: OTHER_AGENCY.id, regionCode: '330106' })).toBeNull();
  });

  it('第三十二条: an OFFICER acts only about himself (own officerId)', () => {
    const officer = actor(XIHU_AGENCY, ['OFFICER'], 'officer-1');
    expect(authorise(officer, ['OFFICER'], { officerId: 'officer-1' })).toBe('OFFICER');
    expect(authorise(officer, ['OFFICER'], { officerId: 'officer-2' })).toBeNull();
  });

  it('第三十二条: an OFFICER needs a target officer: without one, or without an officerId of his own, refused', () => {
    expect(authorise(actor(XIHU_AGENCY, ['OFFICER'], 'officer-1'), ['OFFICER'], {})).toBeNull();
    expect(
      authorise(actor(XIHU_AGENCY, ['OFFICER'], 'officer-1'), ['OFFICER'], { organisationId: XIHU_AGENCY.id }),
    ).toBeNull();
    expect(authorise(actor(XIHU_AGENCY, ['OFFICER'], null), ['OFFICER'], {})).toBeNull();
    expect(authorise(actor(XIHU_AGENCY, ['OFFICER'], null), ['OFFICER'], { officerId: 'officer-1' })).toBeNull();
  });

  it('第七条: a DISTRICT_REVIEWER acts on its own district only, not on a neighbour district', () => {
    const reviewer = actor(XIHU_BUREAU, ['DISTRICT_REVIEWER']);
    expect(authorise(reviewer, ['DISTRICT_REVIEWER'], { regionCode: '330106' })).toBe('DISTRICT_REVIEWER');
    expect(authorise(reviewer, ['DISTRICT_REVIEWER'], { regionCode: '330105' })).toBeNull();
  });

  it('第七条: a CITY_REVIEWER covers every 3301xx district but not another city (330200)', () => {
    const reviewer = actor(CITY_BUREAU, ['CITY_REVIEWER']);
    expect(authorise(reviewer, ['CITY_REVIEWER'], { regionCode: '330100' })).toBe('CITY_REVIEWER');
    expect(authorise(reviewer, ['CITY_REVIEWER'], { regionCode: '330106' })).toBe('CITY_REVIEWER');
    expect(authorise(reviewer, ['CITY_REVIEWER'], { regionCode: '330127' })).toBe('CITY_REVIEWER');
    expect(authorise(reviewer, ['CITY_REVIEWER'], { regionCode: '330200' })).toBeNull();
    expect(authorise(reviewer, ['CITY_REVIEWER'], { regionCode: '330206' })).toBeNull();
  });

  it('第七条: a PROVINCE_REVIEWER covers the whole province', () => {
    const reviewer = actor(PROVINCE_BUREAU, ['PROVINCE_REVIEWER']);
    expect(authorise(reviewer, ['PROVINCE_REVIEWER'], { regionCode: '330106' })).toBe('PROVINCE_REVIEWER');
    expect(authorise(reviewer, ['PROVINCE_REVIEWER'], { regionCode: '330200' })).toBe('PROVINCE_REVIEWER');
    expect(authorise(reviewer, ['PROVINCE_REVIEWER'], { regionCode: '320100' })).toBeNull();
  });

  it('an actor lacking every one of the route roles gets null, even for a target it would cover', () => {
    const reviewer = actor(CITY_BUREAU, ['CITY_REVIEWER']);
    expect(authorise(reviewer, ['SANCTION_OFFICER'], { regionCode: '330106' })).toBeNull();
    expect(authorise(reviewer, ['SANCTION_OFFICER', 'PROVINCE_REVIEWER'], {})).toBeNull();
    expect(
      authorise(actor(XIHU_AGENCY, ['OFFICER'], 'officer-1'), ['AGENCY_ADMIN'], { organisationId: XIHU_AGENCY.id }),
    ).toBeNull();
  });

  it('an empty route role list authorises nobody', () => {
    expect(authorise(actor(CITY_BUREAU, ['CITY_REVIEWER', 'SANCTION_OFFICER']), [], {})).toBeNull();
  });

  it('returns the first route role, in route order, that the actor holds and that covers the target', () => {
    const cityStaff = actor(CITY_BUREAU, ['CITY_REVIEWER', 'SANCTION_OFFICER']);
    expect(authorise(cityStaff, ['SANCTION_OFFICER', 'CITY_REVIEWER'], { regionCode: '330106' })).toBe(
      'SANCTION_OFFICER',
    );
    expect(authorise(cityStaff, ['CITY_REVIEWER', 'SANCTION_OFFICER'], { regionCode: '330106' })).toBe('CITY_REVIEWER');
  });

  it('falls through to a later route role when the first one held does not cover the target', () => {
    // An agency admin who is also an officer: as OFFICER he may act about himself, in another agency's file he may not.
    const adminOfficer = actor(XIHU_AGENCY, ['AGENCY_ADMIN', 'OFFICER'], 'officer-1');
    expect(
      authorise(adminOfficer, ['AGENCY_ADMIN', 'OFFICER'], { organisationId: OTHER_AGENCY.id, officerId: 'officer-1' }),
    ).toBe('OFFICER');
    expect(
      authorise(adminOfficer, ['AGENCY_ADMIN', 'OFFICER'], { organisationId: OTHER_AGENCY.id, officerId: 'officer-9' }),
    ).toBeNull();
  });

  it('第二十九条: the city SANCTION_OFFICER covers any Hangzhou district; outside the city it is refused', () => {
    const sanctionOfficer = actor(CITY_BUREAU, ['SANCTION_OFFICER']);
    expect(authorise(sanctionOfficer, ['SANCTION_OFFICER'], { regionCode: '330110' })).toBe('SANCTION_OFFICER');
    expect(authorise(sanctionOfficer, ['SANCTION_OFFICER'], { regionCode: '330200' })).toBeNull();
  });
});

describe('roleFitsOrganisation (DESIGN.md "Who uses it")', () => {
  const ORGS: { type: OrgType; level: OrgLevel }[] = (
    ['AGENCY', 'JUSTICE_BUREAU', 'STAFFING_OFFICE', 'SUPERVISORY_ORGAN'] as const
  ).flatMap((type) => (['PROVINCE', 'CITY', 'DISTRICT'] as const).map((level) => ({ type, level })));

  // Hand-written: the organisations (type/level) that may hold each role.
  const FITS: Record<Role, (o: { type: OrgType; level: OrgLevel }) => boolean> = {
    AGENCY_ADMIN: (o) => o.type === 'AGENCY',
    OFFICER: (o) => o.type === 'AGENCY',
    DISTRICT_REVIEWER: (o) => o.type === 'JUSTICE_BUREAU' && o.level === 'DISTRICT',
    CITY_REVIEWER: (o) => o.type === 'JUSTICE_BUREAU' && o.level === 'CITY',
    PROVINCE_REVIEWER: (o) => o.type === 'JUSTICE_BUREAU' && o.level === 'PROVINCE',
    STAFFING_OFFICE: (o) => o.type === 'STAFFING_OFFICE',
    SANCTION_OFFICER: (o) => o.type === 'JUSTICE_BUREAU' && (o.level === 'CITY' || o.level === 'PROVINCE'),
    COMPLAINT_HANDLER: (o) => o.type !== 'STAFFING_OFFICE',
    SUPERVISOR: (o) => o.type !== 'STAFFING_OFFICE',
    SYSTEM_ADMIN: (o) => o.type === 'JUSTICE_BUREAU' && o.level === 'CITY',
  };

  it('a district justice bureau cannot hold CITY_REVIEWER (第七条), a city bureau cannot hold DISTRICT_REVIEWER', () => {
    expect(roleFitsOrganisation('CITY_REVIEWER', { type: 'JUSTICE_BUREAU', level: 'DISTRICT' })).toBe(false);
    expect(roleFitsOrganisation('DISTRICT_REVIEWER', { type: 'JUSTICE_BUREAU', level: 'CITY' })).toBe(false);
    expect(roleFitsOrganisation('CITY_REVIEWER', { type: 'JUSTICE_BUREAU', level: 'CITY' })).toBe(true);
    expect(roleFitsOrganisation('DISTRICT_REVIEWER', { type: 'JUSTICE_BUREAU', level: 'DISTRICT' })).toBe(true);
  });

  it('第二十九条: SANCTION_OFFICER only at the city bureau or the province, never a district bureau or an agency', () => {
    expect(roleFitsOrganisation('SANCTION_OFFICER', { type: 'JUSTICE_BUREAU', level: 'CITY' })).toBe(true);
    expect(roleFitsOrganisation('SANCTION_OFFICER', { type: 'JUSTICE_BUREAU', level: 'PROVINCE' })).toBe(true);
    expect(roleFitsOrganisation('SANCTION_OFFICER', { type: 'JUSTICE_BUREAU', level: 'DISTRICT' })).toBe(false);
    expect(roleFitsOrganisation('SANCTION_OFFICER', { type: 'AGENCY', level: 'CITY' })).toBe(false);
    expect(roleFitsOrganisation('SANCTION_OFFICER', { type: 'SUPERVISORY_ORGAN', level: 'CITY' })).toBe(false);
  });

  it('第七条: the reviewer at each level is a justice bureau; an agency cannot review', () => {
    expect(roleFitsOrganisation('DISTRICT_REVIEWER', { type: 'AGENCY', level: 'DISTRICT' })).toBe(false);
    expect(roleFitsOrganisation('PROVINCE_REVIEWER', { type: 'JUSTICE_BUREAU', level: 'CITY' })).toBe(false);
  });

  it('第七条第二款: STAFFING_OFFICE only at a staffing office', () => {
    expect(roleFitsOrganisation('STAFFING_OFFICE', { type: 'STAFFING_OFFICE', level: 'CITY' })).toBe(true);
    expect(roleFitsOrganisation('STAFFING_OFFICE', { type: 'JUSTICE_BUREAU', level: 'CITY' })).toBe(false);
  });

  it('第二十八条: the agency, a superior organ or the supervisory organ handles complaints; a staffing office does not', () => {
    expect(roleFitsOrganisation('COMPLAINT_HANDLER', { type: 'AGENCY', level: 'DISTRICT' })).toBe(true);
    expect(roleFitsOrganisation('COMPLAINT_HANDLER', { type: 'SUPERVISORY_ORGAN', level: 'CITY' })).toBe(true);
    expect(roleFitsOrganisation('COMPLAINT_HANDLER', { type: 'STAFFING_OFFICE', level: 'CITY' })).toBe(false);
  });

  it('第三条: SYSTEM_ADMIN only at the city justice bureau, which runs the system', () => {
    expect(roleFitsOrganisation('SYSTEM_ADMIN', { type: 'JUSTICE_BUREAU', level: 'CITY' })).toBe(true);
    expect(roleFitsOrganisation('SYSTEM_ADMIN', { type: 'JUSTICE_BUREAU', level: 'DISTRICT' })).toBe(false);
    expect(roleFitsOrganisation('SYSTEM_ADMIN', { type: 'AGENCY', level: 'CITY' })).toBe(false);
  });

  it('OFFICER and AGENCY_ADMIN belong to an enforcement agency (第二条), not to a justice bureau', () => {
    expect(roleFitsOrganisation('OFFICER', { type: 'AGENCY', level: 'CITY' })).toBe(true);
    expect(roleFitsOrganisation('OFFICER', { type: 'JUSTICE_BUREAU', level: 'CITY' })).toBe(false);
    expect(roleFitsOrganisation('AGENCY_ADMIN', { type: 'JUSTICE_BUREAU', level: 'DISTRICT' })).toBe(false);
  });

  it.each([...ROLES])('full matrix for %s over 4 organisation types × 3 levels', (role) => {
    for (const org of ORGS) {
      expect(roleFitsOrganisation(role, org), `${role} @ ${org.type}/${org.level}`).toBe(FITS[role](org));
    }
  });
});

describe('an agency’s head (SUPERVISOR at an agency)', () => {
  it('第二十八条: answers for its own agency only, not the other agencies of its district; a 监察机关 supervisor covers its region', () => {
    const head = actor(XIHU_AGENCY, ['SUPERVISOR']);
    expect(authorise(head, ['SUPERVISOR'], { organisationId: XIHU_AGENCY.id, regionCode: '330106' })).toBe(
      'SUPERVISOR',
    );
    expect(authorise(head, ['SUPERVISOR'], { organisationId: OTHER_AGENCY.id, regionCode: '330106' })).toBeNull();
    const jianwei = actor({ id: 'org-hz-jianwei', type: 'SUPERVISORY_ORGAN', level: 'CITY', regionCode: '330100' }, [
      'SUPERVISOR',
    ]);
    expect(authorise(jianwei, ['SUPERVISOR'], { organisationId: OTHER_AGENCY.id, regionCode: '330106' })).toBe(
      'SUPERVISOR',
    );
  });
});

describe('listScope: the list form of authorise (a list shows exactly what its detail route allows)', () => {
  const meets = (t: ScopeTarget, c: ScopeCondition) =>
    'prefix' in c ? (t.regionCode ?? '').startsWith(c.prefix) : t[c.field] === c.equals;
  const listed = (a: Actor, roles: readonly Role[], t: ScopeTarget) => {
    const fields = (Object.keys(t) as ScopeField[]).filter((f) => t[f] !== undefined);
    return listScope(a, roles, fields).some((all) => all.every((c) => meets(t, c)));
  };
  const ORGS = [
    XIHU_AGENCY,
    OTHER_AGENCY,
    XIHU_BUREAU,
    CITY_BUREAU,
    PROVINCE_BUREAU,
    { id: 'org-hz-jianwei', type: 'SUPERVISORY_ORGAN', level: 'CITY', regionCode: '330100' } as const,
  ];
  const REGIONS = ['330106', '330105', '330100', '330200', '320100'];
  const OFFICERS = ['officer-1', 'officer-2'];
  const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

  it('for any actor, route roles and target: listed ⇔ authorise(actor, roles, target) is not null', () => {
    const actorArb = fc
      .record({
        org: fc.constantFrom(...ORGS),
        roles: fc.subarray([...ROLES]),
        officerId: fc.constantFrom(null, ...OFFICERS),
      })
      .map((x) => actor(x.org, x.roles, x.officerId));
    const orgIds = ORGS.map((o) => o.id);
    const targetArb = fc.record({
      organisationId: maybe(fc.constantFrom(...orgIds)),
      regionCode: maybe(fc.constantFrom(...REGIONS)),
      officerId: maybe(fc.constantFrom(...OFFICERS)),
      ownerId: maybe(fc.constantFrom(...orgIds)),
    });
    fc.assert(
      fc.property(actorArb, fc.subarray([...ROLES]), targetArb, (a, roles, raw) => {
        const target = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)) as ScopeTarget;
        expect(listed(a, roles, target)).toBe(authorise(a, roles, target) !== null);
      }),
      { numRuns: 5000 },
    );
  });

  it('第二十八条: an agency’s head lists its own agency’s records, not its district’s; a 监察机关 supervisor its region', () => {
    expect(listScope(actor(XIHU_AGENCY, ['SUPERVISOR']), ['SUPERVISOR'], ['organisationId', 'regionCode'])).toEqual([
      [{ field: 'organisationId', equals: XIHU_AGENCY.id }],
    ]);
    const jianwei = actor({ id: 'org-hz-jianwei', type: 'SUPERVISORY_ORGAN', level: 'CITY', regionCode: '330100' }, [
      'SUPERVISOR',
    ]);
    expect(listScope(jianwei, ['SUPERVISOR'], ['organisationId', 'regionCode'])).toEqual([
      [{ field: 'regionCode', prefix: '3301' }],
    ]);
  });

  it('one alternative per role held; none when no role covers such records', () => {
    const adminOfficer = actor(XIHU_AGENCY, ['AGENCY_ADMIN', 'OFFICER'], 'officer-1');
    expect(listScope(adminOfficer, ['AGENCY_ADMIN', 'OFFICER'], ['organisationId', 'officerId'])).toEqual([
      [{ field: 'organisationId', equals: XIHU_AGENCY.id }],
      [{ field: 'officerId', equals: 'officer-1' }],
    ]);
    // A record about no officer: an OFFICER sees none of it.
    expect(listScope(actor(XIHU_AGENCY, ['OFFICER'], 'officer-1'), ['OFFICER'], ['organisationId'])).toEqual([]);
    expect(listScope(actor(CITY_BUREAU, ['CITY_REVIEWER']), ['SANCTION_OFFICER'], ['regionCode'])).toEqual([]);
  });
});
