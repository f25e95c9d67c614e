// 第二十条 回避: who may not act on a case, where a case goes when its organ has nobody left, and who
// takes over the task the recused person held (domain/recusal.ts).
import { describe, expect, it } from 'vitest';
import { leastLoaded, recusalGround, supervisingOrgan } from '../../domain/recusal';

describe('recusal (第二十条)', () => {
  it('第二十条: the officer concerned and a person who declared a conflict may not act; anyone else may', () => {
    const facts = { subjectOfficerIds: ['officer-zhang', null], declaredUserIds: ['u-li'] };
    expect(recusalGround({ userId: 'u-zhang', officerId: 'officer-zhang' }, facts)).toBe('OWN_CASE');
    expect(recusalGround({ userId: 'u-li', officerId: null }, facts)).toBe('DECLARED');
    expect(recusalGround({ id: 'u-li', officerId: null }, facts)).toBe('DECLARED');
    expect(recusalGround({ userId: 'u-wang', officerId: 'officer-wang' }, facts)).toBeNull();
    expect(recusalGround({ userId: 'u-wang', officerId: null }, facts)).toBeNull(); // a null subject is nobody
  });

  it('第二十条, 第二十七条: the organ over a bureau or 监察机关 is the one a level up; over an agency, the justice bureau of its level; none over the province', () => {
    expect(supervisingOrgan({ type: 'JUSTICE_BUREAU', level: 'DISTRICT', regionCode: '330106' })).toEqual({
      type: 'JUSTICE_BUREAU',
      level: 'CITY',
      regionCode: '330100',
    });
    expect(supervisingOrgan({ type: 'JUSTICE_BUREAU', level: 'CITY', regionCode: '330100' })).toEqual({
      type: 'JUSTICE_BUREAU',
      level: 'PROVINCE',
      regionCode: '330000',
    });
    expect(supervisingOrgan({ type: 'SUPERVISORY_ORGAN', level: 'DISTRICT', regionCode: '330106' })).toEqual({
      type: 'SUPERVISORY_ORGAN',
      level: 'CITY',
      regionCode: '330100',
    });
    expect(supervisingOrgan({ type: 'AGENCY', level: 'DISTRICT', regionCode: '330106' })).toEqual({
      type: 'JUSTICE_BUREAU',
      level: 'DISTRICT',
      regionCode: '330106',
    });
    expect(supervisingOrgan({ type: 'JUSTICE_BUREAU', level: 'PROVINCE', regionCode: '330000' })).toBeNull();
    expect(supervisingOrgan({ type: 'STAFFING_OFFICE', level: 'CITY', regionCode: '330100' })).toBeNull();
  });

  it('第二十条: the task goes to the colleague with the fewest open tasks, the same one on a retry; none when nobody is left', () => {
    const colleagues = [
      { id: 'b', openTasks: 3 },
      { id: 'c', openTasks: 1 },
      { id: 'a', openTasks: 1 },
    ];
    expect(leastLoaded(colleagues)).toBe('a');
    expect(leastLoaded([...colleagues].reverse())).toBe('a');
    expect(leastLoaded([])).toBeNull();
  });
});
