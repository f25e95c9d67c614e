// The statutory calendar as data (domain/calendar.ts, 民法典 第二百零三条): a deadline over a year not
// entered yet is provisional; a recomputed one applies only when later; a year's days are checked.
import { describe, expect, it } from 'vitest';
import {
  calendarFromDays,
  computeOver,
  laterDeadline,
  missingNextYear,
  normaliseDays,
  parseCalendarCsv,
  validateYear,
} from '../../domain/calendar';
import { actionDeadline, workingDaysLater } from '../../domain/time';

const at = (s: string) => new Date(s);

describe('laterDeadline: a recomputed deadline moves later only (民法典 第二百零三条)', () => {
  const stored = at('2027-02-10T16:00:00.000Z');
  it('第二百零三条: a later recomputed deadline is applied', () => {
    expect(laterDeadline(stored, at('2027-02-17T16:00:00.000Z'))?.toISOString()).toBe('2027-02-17T16:00:00.000Z');
  });
  it('第二百零三条: an earlier one is never applied — no party loses time', () => {
    expect(laterDeadline(stored, at('2027-02-08T16:00:00.000Z'))).toBeUndefined();
  });
  it('第二百零三条: the same one changes nothing', () => {
    expect(laterDeadline(stored, new Date(stored))).toBeUndefined();
  });
});

describe('computeOver: provisional when a year it looked at is not entered (民法典 第二百零三条)', () => {
  const snapshot = calendarFromDays([{ date: '2026-10-01', kind: 'HOLIDAY', name: '国庆节' }], [2026]);
  it('第二百零三条: a deadline inside an entered year is final', () => {
    const r = computeOver(snapshot, (c) => actionDeadline(at('2026-09-21T10:00:00+08:00'), { days: 10 }, c));
    expect(r.provisional).toBe(false);
    expect(r.value.toISOString()).toBe('2026-10-02T16:00:00.000Z'); // 1 Oct is a rest day → 2 Oct
  });
  it('第二百零三条: a service time running into a year not entered is provisional', () => {
    const r = computeOver(snapshot, (c) => workingDaysLater(at('2026-12-20T10:00:00+08:00'), 15, c));
    expect(r.provisional).toBe(true);
  });
  it('a year not entered counts weekends and the fixed-date holidays (元旦, 劳动节, 国庆节) as rest days', () => {
    expect(snapshot.isWorkday('2027-01-01')).toBe(false);
    expect(snapshot.isWorkday('2027-05-03')).toBe(true);
    expect(snapshot.isWorkday('2027-01-02')).toBe(false); // Saturday
    expect(snapshot.isKnownYear(2027)).toBe(false);
  });
  it('an entered year counts only its entered days besides weekends: a make-up working day is a working day', () => {
    const entered = calendarFromDays([{ date: '2027-02-20', kind: 'MAKEUP_WORKDAY', name: '春节' }], [2027]);
    expect(entered.isWorkday('2027-02-20')).toBe(true); // Saturday worked
    expect(entered.isWorkday('2027-01-01')).toBe(true); // not entered as a holiday
  });
});

describe('validateYear: a year’s days as the notice gives them', () => {
  it('accepts holidays and weekend make-up days inside the year', () => {
    expect(
      validateYear(2027, [
        { date: '2027-02-06', kind: 'HOLIDAY', name: '春节' },
        { date: '2027-02-20', kind: 'MAKEUP_WORKDAY', name: '春节' },
        { date: '2027-10-09', kind: '补班', name: '国庆节' },
      ]),
    ).toEqual([]);
  });
  it('names the row and field of each problem, in Chinese', () => {
    const problems = validateYear(2027, [
      { date: '2026-12-31', kind: 'HOLIDAY', name: '元旦' },
      { date: '2027-02-30', kind: 'HOLIDAY', name: '春节' },
      { date: '2027-02-08', kind: 'MAKEUP_WORKDAY', name: '春节' },
      { date: '2027-02-08', kind: 'HOLIDAY', name: '春节' },
      { date: '2027-02-09', kind: 'HOLIDAY_X', name: '' },
    ]);
    expect(problems).toEqual([
      { row: 1, field: 'date', message: '第 1 行：日期 2026-12-31 不在 2027 年内' },
      { row: 2, field: 'date', message: '第 2 行：日期“2027-02-30”不是有效日期（应为 YYYY-MM-DD）' },
      { row: 3, field: 'kind', message: '第 3 行：2027-02-08 是工作日，不能设为调休上班日' },
      { row: 4, field: 'date', message: '第 4 行：日期 2027-02-08 与第 3 行重复' },
      { row: 5, field: 'kind', message: '第 5 行：类型“HOLIDAY_X”无效（应为 HOLIDAY 或 MAKEUP_WORKDAY）' },
      { row: 5, field: 'name', message: '第 5 行：名称不能为空且不超过 50 字' },
    ]);
  });
  it('normalises kinds and sorts by date', () => {
    expect(
      normaliseDays([
        { date: '2027-02-20', kind: '补班', name: ' 春节 ' },
        { date: '2027-02-06', kind: '放假', name: '春节' },
      ]),
    ).toEqual([
      { date: '2027-02-06', kind: 'HOLIDAY', name: '春节' },
      { date: '2027-02-20', kind: 'MAKEUP_WORKDAY', name: '春节' },
    ]);
  });
});

describe('parseCalendarCsv: the small import file', () => {
  it('reads `date,kind,name` lines with an optional header, skipping blanks and comments, keeping line numbers', () => {
    const r = parseCalendarCsv('date,kind,name\n# 春节\n2027-02-06,HOLIDAY,春节\n\n2027-02-20,MAKEUP_WORKDAY,春节\n');
    expect(r.problems).toEqual([]);
    expect(r.days).toEqual([
      { date: '2027-02-06', kind: 'HOLIDAY', name: '春节', row: 3 },
      { date: '2027-02-20', kind: 'MAKEUP_WORKDAY', name: '春节', row: 5 },
    ]);
    expect(validateYear(2027, [{ ...r.days[0], date: '2027-02-30' }])[0].message).toMatch(/^第 3 行/);
  });
  it('names a line without three columns', () => {
    expect(parseCalendarCsv('2027-02-06,HOLIDAY').problems).toEqual([
      { row: 1, field: 'csv', message: '第 1 行：应为“日期,类型,名称”三列' },
    ]);
  });
});

describe('missingNextYear: the warning from 1 November (Asia/Shanghai)', () => {
  const known = (y: number) => y <= 2026;
  it('warns from 1 November when next year is not entered', () => {
    expect(missingNextYear('2026-11-01', known)).toBe(2027);
    expect(missingNextYear('2026-12-31', known)).toBe(2027);
  });
  it('does not warn before 1 November, nor when next year is entered', () => {
    expect(missingNextYear('2026-10-31', known)).toBeUndefined();
    expect(missingNextYear('2025-11-15', known)).toBeUndefined();
  });
});
