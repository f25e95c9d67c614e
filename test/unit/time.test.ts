// Legal time (DESIGN.md "Time"): Asia/Shanghai dates, 民法典 第二百零一条–第二百零三条.
// Every expected value below is computed by hand. Holiday facts are those of chinese-days 1.5.7 for
// 2026: 中秋 Sep 25–27, 国庆 Oct 1–7 (Oct 8 is a normal Thursday), 调休 make-up days Sun Sep 20 and
// Sat Oct 10. The "calendar facts" tests pin those facts so a data change shows up as such.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  actionDeadline,
  addDays,
  addYears,
  chineseCalendar,
  dateInWords,
  daysLeft,
  endOfLocalDay,
  fixedTermEnd,
  lastDayInWords,
  isLocalDate,
  lastDayOfPeriod,
  localDateOf,
  nextWorkday,
  startOfLocalDay,
  workingDaysLater,
} from '../../domain/time';

const at = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();
/** A calendar for years chinese-days knows; fails the test if it ever falls back. */
function knownCalendar() {
  const onUnknownYear = vi.fn();
  return { calendar: chineseCalendar(onUnknownYear), onUnknownYear };
}

describe('calendar facts the other tests rely on (chinese-days 2026 data)', () => {
  it('国庆 2026: Oct 1–7 are rest days, Oct 8 (Thu) and make-up Sat Oct 10 are working days, Sun Oct 11 is rest', () => {
    const { calendar, onUnknownYear } = knownCalendar();
    for (const d of ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']) {
      expect(calendar.isWorkday(d), d).toBe(false);
    }
    expect(calendar.isWorkday('2026-10-08')).toBe(true);
    expect(calendar.isWorkday('2026-10-09')).toBe(true);
    expect(calendar.isWorkday('2026-10-10')).toBe(true);
    expect(calendar.isWorkday('2026-10-11')).toBe(false);
    expect(onUnknownYear).not.toHaveBeenCalled();
  });

  it('中秋 2026: Fri Sep 25 is a holiday; Sun Sep 20 is a 调休 make-up working day', () => {
    const { calendar } = knownCalendar();
    expect(calendar.isWorkday('2026-09-24')).toBe(true);
    expect(calendar.isWorkday('2026-09-25')).toBe(false);
    expect(calendar.isWorkday('2026-09-26')).toBe(false);
    expect(calendar.isWorkday('2026-09-27')).toBe(false);
    expect(calendar.isWorkday('2026-09-28')).toBe(true);
    expect(calendar.isWorkday('2026-09-20')).toBe(true);
  });

  it('ordinary weekdays are working days and ordinary weekends are rest days', () => {
    const { calendar } = knownCalendar();
    expect(calendar.isWorkday('2026-10-22')).toBe(true); // Thursday
    expect(calendar.isWorkday('2026-11-07')).toBe(false); // Saturday
    expect(calendar.isWorkday('2026-11-08')).toBe(false); // Sunday
    expect(calendar.isWorkday('2026-11-09')).toBe(true); // Monday
  });
});

describe('localDateOf: the Asia/Shanghai (UTC+8) calendar date of an instant', () => {
  it('23:30 local stays on that local date', () => {
    expect(localDateOf(at('2026-09-25T23:30:00+08:00'))).toBe('2026-09-25');
  });

  it('00:30 local is already the next local date although the UTC date is still the previous one', () => {
    const instant = at('2026-09-26T00:30:00+08:00');
    expect(iso(instant).slice(0, 10)).toBe('2026-09-25');
    expect(localDateOf(instant)).toBe('2026-09-26');
  });

  it('local midnight belongs to the new date, one millisecond before belongs to the old one', () => {
    expect(localDateOf(at('2026-10-01T00:00:00.000+08:00'))).toBe('2026-10-01');
    expect(localDateOf(at('2026-09-30T23:59:59.999+08:00'))).toBe('2026-09-30');
  });
});

describe('isLocalDate', () => {
  it('accepts real YYYY-MM-DD dates, including Feb 29 of a leap year', () => {
    expect(isLocalDate('2026-10-05')).toBe(true);
    expect(isLocalDate('2024-02-29')).toBe(true);
  });

  it('refuses impossible dates and other formats', () => {
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2026-13-01')).toBe(false);
    expect(isLocalDate('2026-04-31')).toBe(false);
    expect(isLocalDate('2026-9-1')).toBe(false);
    expect(isLocalDate('2026-09-01T00:00:00Z')).toBe(false);
    expect(isLocalDate('')).toBe(false);
  });
});

describe('addDays / addYears / local day boundaries', () => {
  it('addDays crosses month and year ends, and goes backwards', () => {
    expect(addDays('2026-09-25', 10)).toBe('2026-10-05');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('refuses a malformed date with a RangeError', () => {
    expect(() => addDays('2026/10/01', 1)).toThrow(RangeError);
    expect(() => endOfLocalDay('2026-10-1')).toThrow(RangeError);
  });

  it('民法典第二百零二条: years end on the corresponding day of the final month', () => {
    expect(addYears('2026-09-25', 2)).toBe('2028-09-25');
    expect(addYears('2026-03-31', 5)).toBe('2031-03-31');
  });

  it('民法典第二百零二条: Feb 29 with no corresponding day ends on the last day of February', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 2)).toBe('2026-02-28');
    expect(addYears('2024-02-29', 5)).toBe('2029-02-28');
  });

  it('民法典第二百零二条: Feb 29 plus a whole number of leap cycles keeps Feb 29', () => {
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });

  it('endOfLocalDay is 24:00 Asia/Shanghai (16:00Z); startOfLocalDay is 00:00 (16:00Z the day before)', () => {
    expect(iso(endOfLocalDay('2026-10-25'))).toBe('2026-10-25T16:00:00.000Z');
    expect(iso(startOfLocalDay('2026-10-25'))).toBe('2026-10-24T16:00:00.000Z');
    expect(iso(endOfLocalDay('2026-12-31'))).toBe('2026-12-31T16:00:00.000Z');
    expect(iso(startOfLocalDay('2027-01-01'))).toBe('2026-12-31T16:00:00.000Z');
  });
});

describe('lastDayOfPeriod (民法典第二百零一条: the start day is not counted)', () => {
  it('民法典第二百零一条: a 1-day period delivered at any hour ends on the next local day', () => {
    expect(lastDayOfPeriod(at('2026-09-25T00:00:00+08:00'), { days: 1 })).toBe('2026-09-26');
    expect(lastDayOfPeriod(at('2026-09-25T23:59:00+08:00'), { days: 1 })).toBe('2026-09-26');
  });

  it('民法典第二百零一条: 10 days from delivery on 2026-09-25 ends on 2026-10-05', () => {
    expect(lastDayOfPeriod(at('2026-09-25T10:00:00+08:00'), { days: 10 })).toBe('2026-10-05');
  });

  it('民法典第二百零一条: the start day is the local date, so 23:30 and 00:30 local give different last days', () => {
    expect(lastDayOfPeriod(at('2026-09-25T23:30:00+08:00'), { days: 30 })).toBe('2026-10-25');
    expect(lastDayOfPeriod(at('2026-09-26T00:30:00+08:00'), { days: 30 })).toBe('2026-10-26');
  });

  it('民法典第二百零二条: a 2-year period from 2026-09-25 ends on 2028-09-25', () => {
    expect(lastDayOfPeriod(at('2026-09-25T10:00:00+08:00'), { years: 2 })).toBe('2028-09-25');
  });
});

describe('fixedTermEnd: fixed terms end at 24:00 of the last day and are never moved', () => {
  it('第三十条: 30-day suspension delivered 2026-09-25 10:00 ends 24:00 on Sunday 2026-10-25, not moved', () => {
    const end = fixedTermEnd(at('2026-09-25T10:00:00+08:00'), { days: 30 });
    expect(iso(end)).toBe('2026-10-25T16:00:00.000Z');
    expect(knownCalendar().calendar.isWorkday('2026-10-25')).toBe(false); // it really is a rest day
  });

  it('第三十条: a 30-day term whose last day (2026-10-05) falls in the National Day holiday is not moved', () => {
    const end = fixedTermEnd(at('2026-09-05T10:00:00+08:00'), { days: 30 });
    expect(iso(end)).toBe('2026-10-05T16:00:00.000Z');
  });

  it('第三十条: delivered at 23:30 local the term counts from the next day; at 00:30 one day later', () => {
    expect(iso(fixedTermEnd(at('2026-09-25T23:30:00+08:00'), { days: 30 }))).toBe('2026-10-25T16:00:00.000Z');
    // 00:30 local on Sep 26 is still Sep 25 in UTC; the term must count from the local date.
    expect(iso(fixedTermEnd(at('2026-09-26T00:30:00+08:00'), { days: 30 }))).toBe('2026-10-26T16:00:00.000Z');
  });

  it('第三十一条: a 2-year ban from 2024-02-29 ends 24:00 on 2026-02-28 (民法典第二百零二条, no Feb 29)', () => {
    expect(iso(fixedTermEnd(at('2024-02-29T09:00:00+08:00'), { years: 2 }))).toBe('2026-02-28T16:00:00.000Z');
  });

  it('第三十一条: a 2-year ban from 2026-09-25 ends 24:00 on 2028-09-25', () => {
    expect(iso(fixedTermEnd(at('2026-09-25T10:00:00+08:00'), { years: 2 }))).toBe('2028-09-25T16:00:00.000Z');
  });

  it('第九条: 5-year qualification retention from 2024-02-29 ends 24:00 on 2029-02-28', () => {
    expect(iso(fixedTermEnd(at('2024-02-29T09:00:00+08:00'), { years: 5 }))).toBe('2029-02-28T16:00:00.000Z');
  });

  it('第九条: 5-year retention from a cancellation on 2026-10-12 ends 24:00 on 2031-10-12', () => {
    expect(iso(fixedTermEnd(at('2026-10-12T15:00:00+08:00'), { years: 5 }))).toBe('2031-10-12T16:00:00.000Z');
  });
});

describe('nextWorkday', () => {
  it('民法典第二百零三条: a working day is returned unchanged', () => {
    const { calendar } = knownCalendar();
    expect(nextWorkday('2026-10-22', calendar)).toBe('2026-10-22');
  });

  it('民法典第二百零三条: from a National Day holiday the next working day is 2026-10-08', () => {
    const { calendar } = knownCalendar();
    expect(nextWorkday('2026-10-01', calendar)).toBe('2026-10-08');
    expect(nextWorkday('2026-10-05', calendar)).toBe('2026-10-08');
  });

  it('民法典第二百零三条: from the 中秋 holiday (Fri 2026-09-25) the next working day is Mon 2026-09-28', () => {
    const { calendar } = knownCalendar();
    expect(nextWorkday('2026-09-25', calendar)).toBe('2026-09-28');
  });
});

describe('actionDeadline (民法典第二百零三条): 24:00 of the last day, moved past statutory rest days', () => {
  it('第三十二条: 10-day 复核 window delivered 2026-09-25 ends on 2026-10-05 (国庆) and moves to Thu 2026-10-08', () => {
    const { calendar, onUnknownYear } = knownCalendar();
    const deadline = actionDeadline(at('2026-09-25T10:00:00+08:00'), { days: 10 }, calendar);
    expect(iso(deadline)).toBe('2026-10-08T16:00:00.000Z');
    expect(onUnknownYear).not.toHaveBeenCalled();
  });

  it('民法典第二百零三条: a last day that is an ordinary working day is not moved', () => {
    const { calendar } = knownCalendar();
    // Mon 2026-10-12 + 10 days = Thu 2026-10-22
    expect(iso(actionDeadline(at('2026-10-12T09:00:00+08:00'), { days: 10 }, calendar))).toBe(
      '2026-10-22T16:00:00.000Z',
    );
  });

  it('民法典第二百零三条: a last day on an ordinary Saturday moves to the Monday', () => {
    const { calendar } = knownCalendar();
    // Wed 2026-10-28 + 10 days = Sat 2026-11-07 → Mon 2026-11-09
    expect(iso(actionDeadline(at('2026-10-28T09:00:00+08:00'), { days: 10 }, calendar))).toBe(
      '2026-11-09T16:00:00.000Z',
    );
  });

  it('民法典第二百零三条: a 调休 make-up Saturday (2026-10-10) is a working day, so the deadline is not moved', () => {
    const { calendar } = knownCalendar();
    // Wed 2026-09-30 + 10 days = Sat 2026-10-10, a make-up working day
    expect(iso(actionDeadline(at('2026-09-30T15:00:00+08:00'), { days: 10 }, calendar))).toBe(
      '2026-10-10T16:00:00.000Z',
    );
  });

  it('民法典第二百零三条: a 调休 make-up Sunday (2026-09-20) is a working day, so the deadline is not moved', () => {
    const { calendar } = knownCalendar();
    // Thu 2026-09-10 + 10 days = Sun 2026-09-20, a make-up working day
    expect(iso(actionDeadline(at('2026-09-10T09:00:00+08:00'), { days: 10 }, calendar))).toBe(
      '2026-09-20T16:00:00.000Z',
    );
  });

  it('第三十二条: delivered 23:30 local on Sep 20 the window ends Wed Sep 30; at 00:30 on Sep 21 it ends Oct 1 and moves to Oct 8', () => {
    const { calendar } = knownCalendar();
    expect(iso(actionDeadline(at('2026-09-20T23:30:00+08:00'), { days: 10 }, calendar))).toBe(
      '2026-09-30T16:00:00.000Z',
    );
    // 2026-09-21T00:30+08:00 is 2026-09-20T16:30Z: same UTC date as the case above.
    expect(iso(actionDeadline(at('2026-09-21T00:30:00+08:00'), { days: 10 }, calendar))).toBe(
      '2026-10-08T16:00:00.000Z',
    );
  });

  it('民法典第二百零二条/第二百零三条: 2 years from 2024-02-29 ends on 2026-02-28, a 调休 make-up Saturday, not moved', () => {
    const { calendar } = knownCalendar();
    expect(calendar.isWorkday('2026-02-28')).toBe(true);
    expect(iso(actionDeadline(at('2024-02-29T09:00:00+08:00'), { years: 2 }, calendar))).toBe(
      '2026-02-28T16:00:00.000Z',
    );
  });
});

describe('workingDaysLater (SLA in working days, start day not counted, due 24:00)', () => {
  it('民法典第二百零一条: the start day is not counted even when it is a working day', () => {
    const { calendar } = knownCalendar();
    // Mon 2026-10-12 + 1 working day = Tue 2026-10-13
    expect(iso(workingDaysLater(at('2026-10-12T09:00:00+08:00'), 1, calendar))).toBe('2026-10-13T16:00:00.000Z');
  });

  it('skips the whole National Day holiday and counts the 调休 Saturday: 3 working days from Wed 2026-09-30 is Sat 2026-10-10', () => {
    const { calendar } = knownCalendar();
    // Oct 1–7 rest; Oct 8 (1), Oct 9 (2), Oct 10 make-up Saturday (3)
    expect(iso(workingDaysLater(at('2026-09-30T10:00:00+08:00'), 3, calendar))).toBe('2026-10-10T16:00:00.000Z');
  });

  it('skips the 中秋 holiday and weekend: 2 working days from Thu 2026-09-24 is Tue 2026-09-29', () => {
    const { calendar } = knownCalendar();
    // Sep 25–27 rest; Sep 28 (1), Sep 29 (2)
    expect(iso(workingDaysLater(at('2026-09-24T10:00:00+08:00'), 2, calendar))).toBe('2026-09-29T16:00:00.000Z');
  });

  it('counts from the local date: 23:30 Thu 2026-10-15 → Fri 10-16; 00:30 Fri 2026-10-16 → Mon 10-19', () => {
    const { calendar } = knownCalendar();
    expect(iso(workingDaysLater(at('2026-10-15T23:30:00+08:00'), 1, calendar))).toBe('2026-10-16T16:00:00.000Z');
    expect(iso(workingDaysLater(at('2026-10-16T00:30:00+08:00'), 1, calendar))).toBe('2026-10-19T16:00:00.000Z');
  });

  it('0 working days is due at 24:00 of the start day', () => {
    const { calendar } = knownCalendar();
    expect(iso(workingDaysLater(at('2026-10-05T10:00:00+08:00'), 0, calendar))).toBe('2026-10-05T16:00:00.000Z');
  });
});

describe('chineseCalendar fallback for a year without holiday data (DESIGN.md "Time")', () => {
  it('民法典第二百零三条: 2027 still rests on weekends and the fixed-date holidays (元旦, 劳动节, 国庆节)', () => {
    const onUnknownYear = vi.fn();
    const calendar = chineseCalendar(onUnknownYear);
    expect(calendar.isWorkday('2027-01-01')).toBe(false); // Fri, 元旦
    expect(calendar.isWorkday('2027-05-03')).toBe(true); // Mon after 劳动节
    expect(calendar.isWorkday('2027-10-01')).toBe(false); // Fri, 国庆节
    expect(calendar.isWorkday('2027-10-02')).toBe(false);
    expect(calendar.isWorkday('2027-10-03')).toBe(false);
    expect(calendar.isWorkday('2027-10-04')).toBe(true);
    expect(calendar.isWorkday('2027-06-08')).toBe(true); // an ordinary Tuesday
  });

  it('the warning callback is called exactly once for 2027 however many 2027 dates are asked', () => {
    const onUnknownYear = vi.fn();
    const calendar = chineseCalendar(onUnknownYear);
    for (const d of ['2027-01-01', '2027-03-15', '2027-10-01', '2027-10-02', '2027-12-31']) calendar.isWorkday(d);
    expect(onUnknownYear).toHaveBeenCalledTimes(1);
    expect(onUnknownYear).toHaveBeenCalledWith(2027);
  });

  it('another unknown year (2028) is reported once more, and a known year (2026) never', () => {
    const onUnknownYear = vi.fn();
    const calendar = chineseCalendar(onUnknownYear);
    calendar.isWorkday('2026-10-05');
    expect(onUnknownYear).not.toHaveBeenCalled();
    calendar.isWorkday('2027-05-01');
    calendar.isWorkday('2028-01-01');
    calendar.isWorkday('2028-01-03');
    calendar.isWorkday('2027-05-02');
    expect(onUnknownYear.mock.calls).toEqual([[2027], [2028]]);
  });

  it('民法典第二百零三条 under the fallback: a 复核 window ending Sat 2027-10-02 moves to Mon 2027-10-04, one warning', () => {
    const onUnknownYear = vi.fn();
    const calendar = chineseCalendar(onUnknownYear);
    // Wed 2027-09-22 + 10 days = Sat 2027-10-02; Sun 10-03 also rest; Mon 10-04
    const deadline = actionDeadline(at('2027-09-22T10:00:00+08:00'), { days: 10 }, calendar);
    expect(iso(deadline)).toBe('2027-10-04T16:00:00.000Z');
    expect(onUnknownYear).toHaveBeenCalledTimes(1);
    expect(onUnknownYear).toHaveBeenCalledWith(2027);
  });
});

describe('host time zone independence (time.ts promises a pure, deterministic module)', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  // chinese-days' own isWorkday reads the weekday in the host's time zone; the calendar must not.
  it('民法典第二百零三条: the calendar gives the same answers on a host in America/Los_Angeles', () => {
    process.env.TZ = 'America/Los_Angeles';
    const { calendar } = knownCalendar();
    expect(calendar.isWorkday('2026-09-28')).toBe(true); // ordinary Monday
    expect(calendar.isWorkday('2026-11-07')).toBe(false); // ordinary Saturday
    // Wed 2026-10-28 + 10 days = Sat 2026-11-07 → Mon 2026-11-09, as on a UTC or Asia/Shanghai host.
    expect(iso(actionDeadline(at('2026-10-28T09:00:00+08:00'), { days: 10 }, calendar))).toBe(
      '2026-11-09T16:00:00.000Z',
    );
  });
});

describe('issue #16 §2: a legal day as a person reads it', () => {
  // A period ending at 24:00 of 15 December 2026 (Asia/Shanghai) = 2026-12-15T16:00:00Z.
  const end = new Date('2026-12-15T16:00:00.000Z');

  it('a deadline at 24:00 reads as its last day, in words, never the UTC instant (a day early)', () => {
    expect(lastDayInWords(end)).toBe('2026年12月15日');
    expect(dateInWords('2027-01-01')).toBe('2027年1月1日');
  });

  it('剩余 N 天 counts the days after today up to the last day: 10 days 9 hours left is 10, not 11', () => {
    // 14:40 on 5 December (Shanghai): 10 days, 9 hours and 20 minutes before the end.
    expect(daysLeft(end, new Date('2026-12-05T06:40:00Z'))).toBe(10);
    // 00:10 on 5 December: still 10 — the hour of the day does not change the count.
    expect(daysLeft(end, new Date('2026-12-04T16:10:00Z'))).toBe(10);
    // 23:59 on 14 December: 1 day (the 15th) left.
    expect(daysLeft(end, new Date('2026-12-14T15:59:00Z'))).toBe(1);
    // Any time on the last day: 0 — it counts until 24:00.
    expect(daysLeft(end, new Date('2026-12-14T16:00:00Z'))).toBe(0);
    expect(daysLeft(end, new Date('2026-12-15T15:59:59Z'))).toBe(0);
    // From 24:00 on: over.
    expect(daysLeft(end, new Date('2026-12-15T16:00:00Z'))).toBe(-1);
  });
});
