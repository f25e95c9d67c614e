// What every inbox (待办) shares: the filters on overdue and assignment, the sorts, and keyset paging.
import { z } from './schemas';

export const INBOX_SORTS = {
  dueAt: 'dueAt',
  '-dueAt': 'dueAt',
  createdAt: 'createdAt',
  '-createdAt': 'createdAt',
} as const;

export const inboxQueryFields = {
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  assigned: z.enum(['me', 'unassigned']).optional(),
  sort: z.enum(Object.keys(INBOX_SORTS) as [keyof typeof INBOX_SORTS]).default('dueAt'),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
};

/** The sorted field and direction of an inbox `sort`. */
export function inboxOrder(sort: keyof typeof INBOX_SORTS): { field: 'dueAt' | 'createdAt'; dir: 'asc' | 'desc' } {
  return { field: INBOX_SORTS[sort], dir: sort.startsWith('-') ? 'desc' : 'asc' };
}
