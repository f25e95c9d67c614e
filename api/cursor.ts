// Keyset pagination shared by list routes: an opaque cursor of (sort value, id).
import { problems } from './problem';
import { isPlausibleInstant } from './schemas';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(v: Date, id: string): string {
  return Buffer.from(JSON.stringify([v.toISOString(), id])).toString('base64url');
}

export function decodeCursor(c: string): [Date, string] {
  try {
    const [v, id] = JSON.parse(Buffer.from(c, 'base64url').toString('utf8'));
    const d = new Date(v);
    // A cursor is opaque but not trusted: its instant and id reach SQL, so both are checked.
    if (!isPlausibleInstant(d.getTime()) || typeof id !== 'string' || !UUID.test(id)) throw new Error('bad cursor');
    return [d, id];
  } catch {
    throw problems.validation([{ field: 'query.cursor', message: '翻页标记无效，请从第一页重新查询' }]);
  }
}

/** The where-clause that continues after `cursor` in (field, id) order. */
export function afterCursor(cursor: string, field: string, dir: 'asc' | 'desc') {
  const [v, id] = decodeCursor(cursor);
  const beyond = dir === 'asc' ? 'gt' : 'lt';
  return { OR: [{ [field]: { [beyond]: v } }, { [field]: v, id: { [beyond]: id } }] };
}

// Counting stops here: an exact count of a huge inbox costs more than the page itself, and a person
// reads "10000+" the same way.
export const TOTAL_CAP = 10_000;

/** One page of rows fetched with `take: limit + 1`, the cursor to the next, and the capped total. */
export function pageOf<T extends { id: string }>(rows: T[], limit: number, total: number, sortValue: (row: T) => Date) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    total: Math.min(total, TOTAL_CAP),
    totalCapped: total > TOTAL_CAP,
    nextCursor: rows.length > limit && last ? encodeCursor(sortValue(last), last.id) : null,
  };
}
