// Keyset pagination shared by list routes: an opaque cursor of (sort value, id).
import { problems } from './problem';

export function encodeCursor(v: Date, id: string): string {
  return Buffer.from(JSON.stringify([v.toISOString(), id])).toString('base64url');
}

export function decodeCursor(c: string): [Date, string] {
  try {
    const [v, id] = JSON.parse(Buffer.from(c, 'base64url').toString('utf8'));
    const d = new Date(v);
    if (Number.isNaN(d.getTime()) || typeof id !== 'string') throw new Error('bad cursor');
    return [d, id];
  } catch {
    throw problems.validation([{ field: 'query.cursor', message: 'invalid cursor' }]);
  }
}

/** The where-clause that continues after `cursor` in (field, id) order. */
export function afterCursor(cursor: string, field: string, dir: 'asc' | 'desc') {
  const [v, id] = decodeCursor(cursor);
  const beyond = dir === 'asc' ? 'gt' : 'lt';
  return { OR: [{ [field]: { [beyond]: v } }, { [field]: v, id: { [beyond]: id } }] };
}
