// The one way a search term becomes a "contains" filter: literal, ignoring case (an application number
// SQ2026000123 is found by "sq2026"). Prisma passes `contains` to ILIKE as it is, so `%` or `_` typed
// by a person would match everything; they are escaped to mean themselves.
import { Prisma } from '../infra/db';

export const escapeLike = (term: string) => term.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A Prisma string filter matching values that contain `term` literally. */
export const containing = (term: string) => ({ contains: escapeLike(term), mode: 'insensitive' as const });

/** The same filter in SQL (ILIKE, which a trigram index serves from 3 characters on). */
export const textContains = (column: Prisma.Sql, term: string) =>
  Prisma.sql`${column} ILIKE ${`%${escapeLike(term)}%`}`;
