// The statutory calendar as data (民法典 第二百零三条: a deadline falling on a rest day moves to the
// next working day). Holidays and 调休 make-up working days come from the State Council's yearly
// notice, which the city bureau enters (第三条); a year not entered yet counts weekends and the
// fixed-date holidays only, and every deadline computed over it is provisional until it is entered.
import { isLocalDate, type LocalDate, type WorkCalendar } from './time';

export const CALENDAR_DAY_KINDS = ['HOLIDAY', 'MAKEUP_WORKDAY'] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

export interface CalendarDay {
  date: LocalDate;
  kind: CalendarDayKind;
  name: string;
}

/** The calendar as the database holds it at one moment: the entered days and which years are known. */
export interface CalendarSnapshot extends WorkCalendar {
  /** True when `year`'s holidays and 调休 days have been entered (or seeded). */
  isKnownYear(year: number): boolean;
}

/** Where the activities and the API get the calendar: a fresh snapshot whenever a year changed. */
export interface CalendarSource {
  snapshot(): Promise<CalendarSnapshot>;
}

/** 《全国年节及纪念日放假办法》: holidays on fixed Gregorian dates, assumed for a year not entered yet. */
const FIXED_DATE_HOLIDAYS: ReadonlySet<string> = new Set(['01-01', '05-01', '05-02', '10-01', '10-02', '10-03']);

export function isWeekend(date: LocalDate): boolean {
  const [y, m, d] = date.split('-').map(Number);
  const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return dow === 0 || dow === 6;
}

export const yearOf = (date: LocalDate) => Number(date.slice(0, 4));

/** A snapshot from the entered days of `knownYears`; other years: weekends and fixed-date holidays. */
export function calendarFromDays(days: readonly CalendarDay[], knownYears: Iterable<number>): CalendarSnapshot {
  const kinds = new Map(days.map((d) => [d.date, d.kind]));
  const known = new Set(knownYears);
  return {
    isKnownYear: (year) => known.has(year),
    isWorkday(date) {
      const kind = kinds.get(date);
      if (kind) return kind === 'MAKEUP_WORKDAY';
      if (!known.has(yearOf(date)) && FIXED_DATE_HOLIDAYS.has(date.slice(5))) return false;
      return !isWeekend(date);
    },
  };
}

/** A value computed over the calendar, and whether a year it looked at was not entered yet. */
export interface Computed<T> {
  value: T;
  provisional: boolean;
}

/**
 * Runs `compute` over `snapshot`, noting every year it asked about: the result is provisional when
 * one of them is not known (a deadline that may still move once that year is entered).
 */
export function computeOver<T>(snapshot: CalendarSnapshot, compute: (calendar: WorkCalendar) => T): Computed<T> {
  let provisional = false;
  const value = compute({
    isWorkday(date) {
      if (!snapshot.isKnownYear(yearOf(date))) provisional = true;
      return snapshot.isWorkday(date);
    },
  });
  return { value, provisional };
}

/**
 * Recomputing a deadline once its year is entered: the new instant applies only when it is later, so
 * no party loses time it was told it had (民法典 第二百零三条; a deadline announced is relied upon).
 * Returns the instant to store, or undefined to keep the stored one.
 */
export function laterDeadline(stored: Date, recomputed: Date): Date | undefined {
  return recomputed.getTime() > stored.getTime() ? recomputed : undefined;
}

/** One problem with a year's days as entered, naming the row (1-based) and field. */
export interface CalendarProblem {
  row?: number;
  field: string;
  message: string;
}

const KIND_NAMES: Record<string, CalendarDayKind> = {
  HOLIDAY: 'HOLIDAY',
  MAKEUP_WORKDAY: 'MAKEUP_WORKDAY',
  假日: 'HOLIDAY',
  放假: 'HOLIDAY',
  补班: 'MAKEUP_WORKDAY',
  调休上班: 'MAKEUP_WORKDAY',
};

export interface DayInput {
  date: string;
  kind: string;
  name: string;
  /** The line of an imported file; else the position in the list (1-based). */
  row?: number;
}

/**
 * Checks a year's days as the notice gives them: each date a real date inside the year, at most once;
 * a make-up working day only on a weekend (调休 moves work onto a Saturday or Sunday); a name given.
 */
export function validateYear(year: number, days: readonly DayInput[]): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  const seen = new Map<string, number>();
  days.forEach((d, i) => {
    const row = d.row ?? i + 1;
    if (!isLocalDate(d.date)) {
      problems.push({ row, field: 'date', message: `第 ${row} 行：日期“${d.date}”不是有效日期（应为 YYYY-MM-DD）` });
      return;
    }
    if (yearOf(d.date) !== year)
      problems.push({ row, field: 'date', message: `第 ${row} 行：日期 ${d.date} 不在 ${year} 年内` });
    const first = seen.get(d.date);
    if (first !== undefined)
      problems.push({ row, field: 'date', message: `第 ${row} 行：日期 ${d.date} 与第 ${first} 行重复` });
    else seen.set(d.date, row);
    const kind = KIND_NAMES[d.kind];
    if (!kind)
      problems.push({
        row,
        field: 'kind',
        message: `第 ${row} 行：类型“${d.kind}”无效（应为 HOLIDAY 或 MAKEUP_WORKDAY）`,
      });
    else if (kind === 'MAKEUP_WORKDAY' && !isWeekend(d.date))
      problems.push({ row, field: 'kind', message: `第 ${row} 行：${d.date} 是工作日，不能设为调休上班日` });
    if (!d.name.trim() || d.name.length > 50)
      problems.push({ row, field: 'name', message: `第 ${row} 行：名称不能为空且不超过 50 字` });
  });
  return problems;
}

/** The days with their kinds normalised (after validateYear found nothing), in date order. */
export function normaliseDays(days: readonly DayInput[]): CalendarDay[] {
  return days
    .map((d) => ({ date: d.date, kind: KIND_NAMES[d.kind], name: d.name.trim() }))
    .sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * A small import file: CSV `date,kind,name` (a header line optional, `#` comments and blank lines
 * skipped). Rows keep their line numbers for the problems.
 */
export function parseCalendarCsv(text: string): { days: DayInput[]; problems: CalendarProblem[] } {
  const days: DayInput[] = [];
  const problems: CalendarProblem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const cells = line.split(',').map((c) => c.trim());
    if (i === 0 && cells[0]?.toLowerCase() === 'date') return;
    if (cells.length !== 3) {
      problems.push({ row: i + 1, field: 'csv', message: `第 ${i + 1} 行：应为“日期,类型,名称”三列` });
      return;
    }
    days.push({ date: cells[0], kind: cells[1], name: cells[2], row: i + 1 });
  });
  return { days, problems };
}

/** 1 November on (Asia/Shanghai): next year's notice is due, so a missing one is warned about. */
export function missingNextYear(today: LocalDate, isKnownYear: (y: number) => boolean): number | undefined {
  const year = yearOf(today);
  if (today.slice(5) < '11-01') return undefined;
  return isKnownYear(year + 1) ? undefined : year + 1;
}
