import { describe, expect, it } from 'vitest';
import type { Actor, ActorOrganisation, Role } from '../../domain/roles';
import { checkTeam, mayNameMember, type TeamMember } from '../../domain/team-check';

const holder = (ref: string): TeamMember => ({ ref, known: true, validHolder: true });
const staff = (ref: string): TeamMember => ({ ref, known: true, validHolder: false, note: '未持有行政执法证' });

describe('第十八条 team check', () => {
  it('第十八条: an investigation with two staff, one of them a valid holder, is allowed', () => {
    expect(checkTeam('INVESTIGATION', [holder('a'), staff('b')]).allowed).toBe(true);
  });
  it('第十八条: an investigation by one person, or without a valid holder, is refused with both reasons', () => {
    expect(checkTeam('INVESTIGATION', [holder('a')]).reasons).toHaveLength(1);
    const r = checkTeam('INVESTIGATION', [staff('a')]);
    expect(r.allowed).toBe(false);
    expect(r.reasons).toHaveLength(2);
    expect(r.article).toBe('第十八条');
  });
  it('第十八条: a penalty or coercive measure needs two valid holders', () => {
    expect(checkTeam('PENALTY', [holder('a'), holder('b')]).allowed).toBe(true);
    expect(checkTeam('PENALTY', [holder('a'), staff('b')]).allowed).toBe(false);
    expect(checkTeam('COERCIVE_MEASURE', [holder('a'), staff('b'), staff('c')]).reasons[0]).toContain('现有 1 名');
  });
  it('第十八条: unknown members count for nothing', () => {
    expect(checkTeam('INVESTIGATION', [holder('a'), { ref: 'x', known: false, validHolder: false }]).allowed).toBe(
      false,
    );
  });
});

describe('第十八条: whom a team check may name', () => {
  const XIHU: ActorOrganisation = { id: 'xihu-cg', type: 'AGENCY', level: 'DISTRICT', regionCode: '330106' };
  const CITY: ActorOrganisation = { id: 'city-justice', type: 'JUSTICE_BUREAU', level: 'CITY', regionCode: '330100' };
  const CHECKERS: Role[] = ['AGENCY_ADMIN', 'OFFICER', 'SUPERVISOR', 'SANCTION_OFFICER'];
  const who = (organisation: ActorOrganisation, roles: Role[], officerId: string | null = null): Actor => ({
    userId: 'u',
    username: 'u',
    roles,
    officerId,
    organisation,
  });
  const colleague = { organisationId: XIHU.id, regionCode: '330106', officerId: 'li' };
  const neighbour = { organisationId: 'xihu-market', regionCode: '330106', officerId: 'wu' };
  const elsewhere = { organisationId: 'shangcheng-health', regionCode: '330102', officerId: 'wang' };

  it('第十八条: an officer names colleagues of its own agency, no one else', () => {
    const officer = who(XIHU, ['OFFICER'], 'zhang');
    expect(mayNameMember(officer, CHECKERS, colleague)).toBe(true);
    expect(mayNameMember(officer, CHECKERS, neighbour)).toBe(false);
    expect(mayNameMember(officer, CHECKERS, elsewhere)).toBe(false);
  });

  it('第十八条: an agency’s admin and head their agency; the city’s sanction officer the city', () => {
    for (const roles of [['AGENCY_ADMIN'], ['SUPERVISOR']] as Role[][]) {
      expect(mayNameMember(who(XIHU, roles), CHECKERS, colleague)).toBe(true);
      expect(mayNameMember(who(XIHU, roles), CHECKERS, neighbour)).toBe(false);
    }
    expect(mayNameMember(who(CITY, ['SANCTION_OFFICER']), CHECKERS, elsewhere)).toBe(true);
    expect(
      mayNameMember(who(CITY, ['SANCTION_OFFICER']), CHECKERS, {
        organisationId: 'ningbo',
        regionCode: '330200',
        officerId: 'x',
      }),
    ).toBe(false);
  });
});
