// Legal time (DESIGN.md "Time"). All legal dates are Asia/Shanghai dates; that zone is UTC+8 all
// year (no DST since 1991), so a fixed offset is exact and keeps this module pure and deterministic.
// Periods follow 民法典 第二百零一条–第二百零三条.

import { addDays, addYears, dateParts, endOfLocalDay, localDateOf, type LocalDate } from './local-date';

export * from './local-date';

export interface WorkCalendar {
  /** True on a working day, including 调休 make-up working days on weekends. */
  isWorkday(date: LocalDate): boolean;
}

export type Term = { days: number } | { years: number };

/**
 * The last day of a period that starts at `start`: the start day is not counted (第二百零一条), so
 * N days later is the Nth counted day; years use the corresponding day (第二百零二条).
 */
export function lastDayOfPeriod(start: Date, term: Term): LocalDate {
  const first = localDateOf(start);
  return 'days' in term ? addDays(first, term.days) : addYears(first, term.years);
}

/**
 * End of a fixed term (30-day suspension 第三十条, 2-year ban 第三十一条, 5-year retention 第九条):
 * 24:00 of its last day, never moved for rest days.
 */
export function fixedTermEnd(start: Date, term: Term): Date {
  return endOfLocalDay(lastDayOfPeriod(start, term));
}

/** The first working day on or after `date`. */
export function nextWorkday(date: LocalDate, calendar: WorkCalendar): LocalDate {
  let d = date;
  for (let i = 0; i < 60 && !calendar.isWorkday(d); i++) d = addDays(d, 1);
  return d;
}

/**
 * Deadline by which someone must act (复核 window 第三十二条, resubmission after a return): 24:00 of
 * the last day, moved to the next working day when that day is a statutory rest day (第二百零三条).
 */
export function actionDeadline(start: Date, term: Term, calendar: WorkCalendar): Date {
  return endOfLocalDay(nextWorkday(lastDayOfPeriod(start, term), calendar));
}

/** Service times (SLA) are counted in working days, the start day not counted; due at 24:00. */
export function workingDaysLater(start: Date, workingDays: number, calendar: WorkCalendar): Date {
  let d = localDateOf(start);
  for (let left = workingDays; left > 0;) {
    d = addDays(d, 1);
    if (calendar.isWorkday(d)) left--;
  }
  return endOfLocalDay(d);
}

// chinese-days' data: each year's statutory holidays and 调休 make-up working days. Only the lists
// are used (its own weekday logic reads the host's time zone); weekends are computed here in UTC.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a JSON file, bundled into workflow code as well
const HOLIDAY_DATA = require('chinese-days/dist/chinese-days.json') as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};
/** chinese-days' lists (date → "English,中文,n"): the seed of the calendar the city bureau maintains. */
export function chineseDaysData(): { holidays: Record<string, string>; workdays: Record<string, string> } {
  return HOLIDAY_DATA;
}
const HOLIDAYS: ReadonlySet<string> = new Set(Object.keys(HOLIDAY_DATA.holidays));
const MAKE_UP_WORKDAYS: ReadonlySet<string> = new Set(Object.keys(HOLIDAY_DATA.workdays));
const KNOWN_YEARS: ReadonlySet<number> = new Set([...HOLIDAYS].map((d) => Number(d.slice(0, 4))));

// 《全国年节及纪念日放假办法》: the holidays on fixed Gregorian dates (元旦, 劳动节, 国庆节), used
// for a year the package does not know yet. Lunar ones (春节, 端午, 中秋) and 清明 are not derived.
const FIXED_DATE_HOLIDAYS: ReadonlySet<string> = new Set(['01-01', '05-01', '05-02', '10-01', '10-02', '10-03']);

function isWeekend(date: LocalDate): boolean {
  const [y, m, d] = dateParts(date);
  const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return dow === 0 || dow === 6;
}

/**
 * China's statutory calendar (holidays and 调休 make-up days from `chinese-days`). A year the
 * package does not know falls back to weekends and the fixed-date holidays, and `onUnknownYear` is
 * told once per year.
 */
export function chineseCalendar(
  onUnknownYear: (year: number) => void = (y) =>
    console.warn(`holiday data does not cover ${y}: counting weekends only as rest days`),
): WorkCalendar {
  const warned = new Set<number>();
  return {
    isWorkday(date) {
      const year = dateParts(date)[0];
      if (!KNOWN_YEARS.has(year) && !warned.has(year)) {
        warned.add(year);
        onUnknownYear(year);
      }
      if (MAKE_UP_WORKDAYS.has(date)) return true;
      if (!KNOWN_YEARS.has(year) && FIXED_DATE_HOLIDAYS.has(date.slice(5))) return false;
      return !HOLIDAYS.has(date) && !isWeekend(date);
    },
  };
}
