// Asia/Shanghai calendar dates and the instants that bound them — the pure part of legal time
// (domain/time.ts), with no data attached, so the web reads dates with the same rules as the server.
// That zone is UTC+8 all year (no DST since 1991), so a fixed offset is exact.

const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A calendar date in Asia/Shanghai, `YYYY-MM-DD`. */
export type LocalDate = string;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Year, month, day of a `YYYY-MM-DD` date. */
export function dateParts(date: LocalDate): [number, number, number] {
  const m = LOCAL_DATE.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function fromUtcMidnight(ms: number): LocalDate {
  return new Date(ms).toISOString().slice(0, 10);
}

export function isLocalDate(s: string): boolean {
  if (!LOCAL_DATE.test(s)) return false;
  const [y, m, d] = dateParts(s);
  const back = new Date(Date.UTC(y, m - 1, d));
  return back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d;
}

/** The Asia/Shanghai calendar date on which `instant` falls. */
export function localDateOf(instant: Date): LocalDate {
  return fromUtcMidnight(instant.getTime() + OFFSET_MS);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const [y, m, d] = dateParts(date);
  return fromUtcMidnight(Date.UTC(y, m - 1, d) + days * DAY_MS);
}

/** 第二百零二条: the corresponding day of the final month; without one, that month's last day. */
export function addYears(date: LocalDate, years: number): LocalDate {
  const [y, m, d] = dateParts(date);
  const lastDay = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return fromUtcMidnight(Date.UTC(y + years, m - 1, Math.min(d, lastDay)));
}

/**
 * The last day of a period that ends at `end` (24:00 Asia/Shanghai of that day, 第二百零三条): the day a
 * person reads as the deadline or the end of a term. Hence the 1 ms.
 */
export function lastDayBefore(end: Date): LocalDate {
  return localDateOf(new Date(end.getTime() - 1));
}

/** A date as a person writes it: `2026-12-15` → 2026年12月15日 (what the web and the server's texts show). */
export function dateInWords(date: LocalDate): string {
  const [y, m, d] = dateParts(date);
  return `${y}年${m}月${d}日`;
}

/** The last day of a period ending at `end`, in words: a deadline at 24:00 of 15 December reads 2026年12月15日. */
export const lastDayInWords = (end: Date): string => dateInWords(lastDayBefore(end));

/**
 * The days a person counts before a period ending at `end` runs out, seen at `now`: the calendar days
 * after today up to and including the last day — so with 10 days and 9 hours left the count is 10,
 * 0 on the last day itself (it still counts until 24:00), negative once it is over. Whole Asia/Shanghai
 * days, whatever the hour: "剩余 10 天" means ten more days after today.
 */
export function daysLeft(end: Date, now: Date): number {
  return Math.round((Date.parse(lastDayBefore(end)) - Date.parse(localDateOf(now))) / DAY_MS);
}

/** 24:00 Asia/Shanghai at the end of `date`, as an instant. */
export function endOfLocalDay(date: LocalDate): Date {
  const [y, m, d] = dateParts(date);
  return new Date(Date.UTC(y, m - 1, d) + DAY_MS - OFFSET_MS);
}

/** 00:00 Asia/Shanghai at the start of `date`, as an instant. */
export function startOfLocalDay(date: LocalDate): Date {
  const [y, m, d] = dateParts(date);
  return new Date(Date.UTC(y, m - 1, d) - OFFSET_MS);
}
