import { describe, expect, it } from 'vitest';
import { FINDING_KINDS, FINDING_RULES, isMonthDay, mayResolve, reviewedYear } from '../../domain/cleanup';
import { loadConfig } from '../../infra/config';

describe('clean-up rules (第十条)', () => {
  it('第十条: a clean-up started in January reviews the year before', () => {
    expect(reviewedYear('2027-01-15')).toBe(2026);
  });

  it('第九条: a holder no longer 在编 is resolved by cancelling or keeping with a reason, never by 补发', () => {
    expect(mayResolve('NOT_ON_STAFF', 'CANCEL')).toBe(true);
    expect(mayResolve('NOT_ON_STAFF', 'KEEP')).toBe(true);
    expect(mayResolve('NOT_ON_STAFF', 'REISSUE')).toBe(false);
  });

  it('第十条: a lost card without 补发 is resolved by starting the 补发 (or keeping with a reason), not by a second cancellation', () => {
    expect(mayResolve('LOST_NOT_REISSUED', 'REISSUE')).toBe(true);
    expect(mayResolve('LOST_NOT_REISSUED', 'CANCEL')).toBe(false);
  });

  it('第十五条, 第二十七条: training shortfalls and missing assessments can only be answered with a reason', () => {
    expect(FINDING_RULES.TRAINING_SHORTFALL.resolutions).toEqual(['KEEP']);
    expect(FINDING_RULES.ASSESSMENT_MISSING.resolutions).toEqual(['KEEP']);
  });

  it('every finding kind names its article and has a title in Chinese', () => {
    for (const kind of FINDING_KINDS) expect(FINDING_RULES[kind].article).toMatch(/^第.+条$/);
  });

  it('MM-DD dates: real dates only (no 02-30), and 02-29 is refused as not in every year', () => {
    expect(isMonthDay('01-15')).toBe(true);
    expect(isMonthDay('12-31')).toBe(true);
    expect(isMonthDay('02-30')).toBe(false);
    expect(isMonthDay('02-29')).toBe(false);
    expect(isMonthDay('1-15')).toBe(false);
  });

  it('configuration: the clean-up date defaults to 15 January; a bad date stops start-up', () => {
    const base = { NODE_ENV: 'test', DATABASE_URL: 'postgresql://x/y' };
    expect(loadConfig(base)).toMatchObject({
      CLEANUP_DATE: '01-15',
      CLEANUP_DEADLINE_DAYS: 30,
      TRAINING_WARNING_FROM: '10-01',
    });
    expect(() => loadConfig({ ...base, CLEANUP_DATE: '13-01' })).toThrow(/CLEANUP_DATE/);
  });
});
