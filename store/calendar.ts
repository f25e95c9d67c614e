// The statutory calendar the city bureau maintains (民法典 第二百零三条; 第三条), read by the API and
// the activities alike. Each process keeps the days in memory and re-reads them when a notice says
// they changed, or (without notices) when a cheap version moved, so an entered year counts everywhere
// without a restart.
import {
  calendarFromDays,
  type CalendarDay,
  type CalendarDayKind,
  type CalendarSnapshot,
  type CalendarSource,
} from '../domain/calendar';
import { chineseDaysData } from '../domain/time';
import type { Db, Prisma } from '../infra/db';
import type { NoticeSubscriber } from '../infra/record-changes';
import { writeAudit } from './audit';

export type CalendarSourceKind = 'CHINESE_DAYS' | 'ENTERED' | 'IMPORTED';

export interface CalendarYearRecord {
  year: number;
  noticeReference: string;
  source: CalendarSourceKind;
  enteredById: string | null;
  enteredAt: Date;
  days: CalendarDay[];
}

/** chinese-days' lists as calendar days per year ("English,中文,n" → the Chinese name). */
function chineseDaysYears(): Map<number, CalendarDay[]> {
  const data = chineseDaysData();
  const years = new Map<number, CalendarDay[]>();
  const add = (date: string, kind: CalendarDayKind, label: string) => {
    const year = Number(date.slice(0, 4));
    const name = label.split(',')[1] ?? label;
    years.set(year, [...(years.get(year) ?? []), { date, kind, name }]);
  };
  for (const [date, label] of Object.entries(data.holidays)) add(date, 'HOLIDAY', label);
  for (const [date, label] of Object.entries(data.workdays)) add(date, 'MAKEUP_WORKDAY', label);
  return years;
}

/**
 * Seeds the years chinese-days covers that the table does not hold yet. A year already there — seeded
 * or entered — is never touched, so an entered correction is never overwritten. Safe to run from
 * several processes at once: a year is claimed by inserting its row, and only the claimant adds days.
 */
export async function seedCalendarFromChineseDays(db: Db): Promise<number[]> {
  const present = new Set((await db.calendarYear.findMany({ select: { year: true } })).map((y) => y.year));
  const seeded: number[] = [];
  for (const [year, days] of chineseDaysYears()) {
    if (present.has(year)) continue;
    const claimed = await db.$transaction(async (tx) => {
      const { count } = await tx.calendarYear.createMany({
        data: [
          {
            year,
            noticeReference: `国务院办公厅关于${year}年部分节假日安排的通知（chinese-days 数据）`,
            source: 'CHINESE_DAYS',
          },
        ],
        skipDuplicates: true,
      });
      if (count === 1)
        await tx.calendarDay.createMany({ data: days.map((d) => ({ ...d, year })), skipDuplicates: true });
      return count === 1;
    });
    if (claimed) seeded.push(year);
  }
  return seeded;
}

/** A calendar the record-change notices keep fresh (infra/record-changes.ts, kind `calendar`). */
export interface NoticedCalendar extends CalendarSource, NoticeSubscriber {}

/**
 * The calendar from the database, cached per process. While record-change notices arrive (`setLive`,
 * fed by a listener as the API's and the worker's are) the cached days serve until a notice says a
 * year or a day changed — no statement on a decision's path (issue #17). Otherwise each snapshot asks
 * a cheap version first (number of years, sum of their entry times) and re-reads when it moved. With
 * `seed`, the years chinese-days covers are added first (once per process; tried again after a
 * failure), as the API and the worker do at start-up.
 */
export function storeCalendar(db: Db, opts: { seed?: boolean } = {}): NoticedCalendar {
  let seeding: Promise<void> | undefined = opts.seed ? undefined : Promise.resolve();
  let cached: { version: string; snapshot: CalendarSnapshot } | undefined;
  let live = false;
  // Counts notices (and changes of liveness): a read that one overtook is not kept as current.
  let generation = 0;
  const seeded = () =>
    (seeding ??= seedCalendarFromChineseDays(db).then(
      () => undefined,
      (err: unknown) => {
        seeding = undefined; // tried again by the next caller
        throw err;
      },
    ));
  const drop = () => {
    generation += 1;
    cached = undefined;
  };
  return {
    async snapshot() {
      await seeded();
      if (live && cached) return cached.snapshot;
      const seen = generation;
      const [v] = await db.$queryRaw<{ version: string }[]>`
        SELECT COUNT(*)::text || ':' || COALESCE(SUM((EXTRACT(EPOCH FROM "enteredAt") * 1000)::bigint)::text, '') AS version
        FROM "CalendarYear"`;
      if (cached?.version === v.version) return cached.snapshot;
      const [years, days] = await Promise.all([
        db.calendarYear.findMany({ select: { year: true } }),
        db.calendarDay.findMany({ select: { date: true, kind: true, name: true } }),
      ]);
      const snapshot = calendarFromDays(
        days,
        years.map((y) => y.year),
      );
      if (generation === seen) cached = { version: v.version, snapshot };
      return snapshot;
    },
    evict(change) {
      if (change.kind === 'calendar') drop();
    },
    setLive(isLive) {
      live = isLive;
      drop(); // a notice may have been missed before listening began (or while it was down)
    },
  };
}

export async function listCalendarYears(db: Db) {
  const years = await db.calendarYear.findMany({
    orderBy: { year: 'asc' },
    include: { _count: { select: { days: true } } },
  });
  return years.map(({ _count, ...y }) => ({ ...y, dayCount: _count.days }));
}

export async function readCalendarYear(
  db: Db | Prisma.TransactionClient,
  year: number,
): Promise<CalendarYearRecord | null> {
  const y = await db.calendarYear.findUnique({ where: { year }, include: { days: { orderBy: { date: 'asc' } } } });
  if (!y) return null;
  return { ...y, days: y.days.map((d) => ({ date: d.date, kind: d.kind, name: d.name })) };
}

export interface EnterYear {
  year: number;
  noticeReference: string;
  source: 'ENTERED' | 'IMPORTED';
  days: CalendarDay[];
  actorId: string;
  actorRoles: string[];
  requestId?: string;
  at: Date;
}

/**
 * Replaces a year's days (entered or corrected by the city bureau), audited with before and after.
 * Returns false when the year already held exactly these days and reference (a repeated request).
 */
export async function enterCalendarYear(tx: Prisma.TransactionClient, e: EnterYear): Promise<boolean> {
  // Serialises two entries of the same year, also of a year not in the table yet (no row to lock),
  // so `before` is what the entry replaces.
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext('CalendarYear'), ${e.year}::int)::text AS locked`;
  const before = await readCalendarYear(tx, e.year);
  const same =
    before &&
    before.noticeReference === e.noticeReference &&
    JSON.stringify(before.days) === JSON.stringify(e.days) &&
    before.source !== 'CHINESE_DAYS';
  if (same) return false;
  await tx.calendarYear.upsert({
    where: { year: e.year },
    create: {
      year: e.year,
      noticeReference: e.noticeReference,
      source: e.source,
      enteredById: e.actorId,
      enteredAt: e.at,
    },
    update: { noticeReference: e.noticeReference, source: e.source, enteredById: e.actorId, enteredAt: e.at },
  });
  await tx.calendarDay.deleteMany({ where: { year: e.year } });
  await tx.calendarDay.createMany({ data: e.days.map((d) => ({ ...d, year: e.year })) });
  await writeAudit(tx, {
    actorId: e.actorId,
    actorRoles: e.actorRoles,
    action: 'calendar.year.enter',
    targetType: 'CalendarYear',
    targetId: String(e.year),
    outcome: 'DONE',
    requestId: e.requestId,
    detail: {
      before: before ? { noticeReference: before.noticeReference, source: before.source, days: before.days } : null,
      after: { noticeReference: e.noticeReference, source: e.source, days: e.days },
    } as unknown as Prisma.InputJsonValue,
  });
  return true;
}
