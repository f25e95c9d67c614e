import type { z } from 'zod';
import { problems } from './problem';

/** Parses `value` or throws a 400 problem that names every offending field (`body.grounds.0`). */
export function parseOr400<T extends z.ZodType>(schema: T, value: unknown, where: 'body' | 'params' | 'query' | 'header'): z.infer<T> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw problems.validation(
    r.error.issues.map((i) => ({ field: [where, ...i.path.map(String)].join('.'), message: i.message })),
  );
}
