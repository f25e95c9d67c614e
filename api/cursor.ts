// Keyset pagination shared by list routes: an opaque cursor of (sort value, id).
import { Prisma, utcInstant } from '../infra/db';
import type { ListTotal } from './list-total';
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

/** The SQL condition that continues after `cursor` in (column, id) order, for a list written in SQL. */
export function afterCursorSql(cursor: string, column: Prisma.Sql, id: Prisma.Sql, dir: 'asc' | 'desc'): Prisma.Sql {
  const [v, after] = decodeCursor(cursor);
  // A row comparison: the (…, column, id) index serves it. Instants are stored as UTC without a zone.
  const at = utcInstant(v);
  return dir === 'asc'
    ? Prisma.sql`(${column}, ${id}) > (${at}, ${after})`
    : Prisma.sql`(${column}, ${id}) < (${at}, ${after})`;
}

/** One page of rows fetched with `take: limit + 1`, its total (api/list-total.ts) and the cursor to the next. */
export function pageOf<T extends { id: string }>(
  rows: T[],
  limit: number,
  total: ListTotal,
  sortValue: (row: T) => Date,
) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    ...total,
    nextCursor: rows.length > limit && last ? encodeCursor(sortValue(last), last.id) : null,
  };
}
