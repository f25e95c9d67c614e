import type { z } from 'zod';
import { problems } from './problem';
import { textIssues } from './text-policy';

/**
 * Parses `value` or throws a 400 problem that names every offending field (`body.grounds.0`): the
 * text policy (api/text-policy.ts) for every string, then the route's schema.
 */
export function parseOr400<T extends z.ZodType>(
  schema: T,
  value: unknown,
  where: 'body' | 'params' | 'query' | 'header',
): z.infer<T> {
  const text = textIssues(value, where);
  const r = schema.safeParse(value);
  if (r.success && text.length === 0) return r.data;
  // One message per field: the first thing wrong with it (a text policy breach before the schema's).
  const named = new Set<string>();
  const errors = [
    ...text,
    ...(r.success
      ? []
      : r.error.issues.map((i) => ({ field: [where, ...i.path.map(String)].join('.'), message: i.message }))),
  ].filter((e) => !named.has(e.field) && named.add(e.field));
  throw problems.validation(errors);
}
