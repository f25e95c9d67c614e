import { describe, expect, it } from 'vitest';
import { checkTeam, type TeamMember } from '../../domain/team-check';

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
    expect(checkTeam('INVESTIGATION', [holder('a'), { ref: 'x', known: false, validHolder: false }]).allowed).toBe(false);
  });
});
