// How many rows a list says it has (issue #17), one rule for every list that counts: exactly up to
// EXACT_TOTAL_UP_TO — the count stops there, so it costs a thousand index entries at most whatever
// the table's size — and beyond it PostgreSQL's own estimate, rounded, or, for a list without one,
// only "more than". The UI says 共 N 条, 约 N 条 or N 条以上 accordingly (web/src/ui.tsx fmtTotal).
import { Prisma, type Db } from '../infra/db';
import { z } from './schemas';

export const EXACT_TOTAL_UP_TO = 1_000;

export interface ListTotal {
  total: number;
  /** More rows match than were counted: `total` is an estimate, or only a lower bound. */
  totalCapped: boolean;
  /** `total` is the planner's estimate, rounded to two significant digits. */
  totalEstimated: boolean;
}

export const listTotalFields = {
  total: z
    .number()
    .int()
    .openapi({
      description: `Matching rows: exact up to ${EXACT_TOTAL_UP_TO}; beyond, an estimate (totalEstimated) or ${EXACT_TOTAL_UP_TO} meaning "more than" (totalCapped alone)`,
    }),
  totalCapped: z
    .boolean()
    .openapi({ description: `More than ${EXACT_TOTAL_UP_TO} match: total is not an exact count` }),
  totalEstimated: z.boolean().openapi({ description: 'total is PostgreSQL’s estimate, rounded' }),
};

/**
 * The total of a list: `countUpTo(limit)` counts at most `limit` matching rows; `estimate` (when the
 * list has one) is asked only when there are more than EXACT_TOTAL_UP_TO.
 */
export async function listTotal(
  countUpTo: (limit: number) => Promise<number>,
  estimate?: () => Promise<number>,
): Promise<ListTotal> {
  const counted = await countUpTo(EXACT_TOTAL_UP_TO + 1);
  if (counted <= EXACT_TOTAL_UP_TO) return { total: counted, totalCapped: false, totalEstimated: false };
  const guess = roughly((await estimate?.()) ?? 0);
  // An estimate not above what was counted is plainly wrong (stale statistics): say "more than" only.
  if (guess > EXACT_TOTAL_UP_TO) return { total: guess, totalCapped: true, totalEstimated: true };
  return { total: EXACT_TOTAL_UP_TO, totalCapped: true, totalEstimated: false };
}

/** Two significant digits: nobody should read an estimate as a count. */
export function roughly(n: number): number {
  if (n < 100) return Math.round(n);
  const unit = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.round(n / unit) * unit;
}

/** How many rows PostgreSQL's planner expects `query` to return (EXPLAIN, nothing is run). */
export async function plannerEstimate(db: Db, query: Prisma.Sql): Promise<number> {
  const [row] = await db.$queryRaw<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }[]>(
    Prisma.sql`EXPLAIN (FORMAT JSON) ${query}`,
  );
  return row['QUERY PLAN'][0].Plan['Plan Rows'];
}
