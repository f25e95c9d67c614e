// The one way a search term becomes a "contains" filter. Prisma passes `contains` to LIKE as it is,
// so `%` or `_` typed by a person would match everything; they are escaped to mean themselves.
export const escapeLike = (term: string) => term.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A Prisma string filter matching values that contain `term` literally. */
export const containing = (term: string) => ({ contains: escapeLike(term) });
