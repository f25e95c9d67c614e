// Property-based tests (fast-check) over every request schema of every route (routesFor): any JSON
// a client can send is either accepted or refused with the paths of the offending fields — a
// schema never throws, so invalid input is always a 400 that names the field (DESIGN.md "Errors").
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { routesFor } from '../../api/app';
import { Problem } from '../../api/problem';
import { parseOr400 } from '../../api/validate';

type Where = 'body' | 'params' | 'query';

const schemas = routesFor(true).flatMap((r) =>
  (['body', 'params', 'query'] as const)
    .filter((w) => r[w])
    .map((where) => ({ name: `${r.method.toUpperCase()} ${r.path} ${where}`, where, schema: r[where] as z.ZodType })),
);

// Values that get past the first checks of many fields, so refinements and cross-field rules run too.
const plausible = fc.oneof(
  fc.uuid(),
  fc.constantFrom(
    '2025-05-10',
    '2025-02-30',
    '2025-05-10T08:00:00+08:00',
    '330106-2023-00001',
    '330106198503120011',
    'INITIAL',
    'REISSUE',
    'TRANSFER',
    'SUSPENSION',
    'APPROVE',
    'RETURN',
    'ANNUAL',
    'LOST',
    'true',
    '',
    ' ',
  ),
  fc.integer({ min: -5, max: 3000 }),
  fc.double(),
  fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 5 }),
);

/** Objects with the schema's own keys (and others) holding plausible or arbitrary values, or any JSON at all. */
function inputs(schema: z.ZodType, where: Where): fc.Arbitrary<unknown> {
  const keys = schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
  const key = keys.length ? fc.oneof(fc.constantFrom(...keys), fc.string()) : fc.string();
  if (where === 'body')
    return fc.oneof(
      fc.jsonValue(),
      fc.dictionary(key, fc.oneof(plausible, fc.jsonValue()), { maxKeys: keys.length + 2 }),
    );
  // Path and query values arrive as strings (qs: also arrays and nested objects of strings).
  const text = fc.oneof(fc.string(), plausible.map(String));
  return fc.dictionary(
    key,
    fc.oneof(text, fc.array(text, { maxLength: 3 }), fc.dictionary(fc.string(), text, { maxKeys: 2 })),
    { maxKeys: keys.length + 2 },
  );
}

describe('request schemas under arbitrary input (fast-check)', () => {
  it('covers the schemas of every route', () => {
    expect(schemas.length).toBeGreaterThan(40);
  });

  it.each(schemas)('$name: parses, or refuses with a 400 naming each field — never throws', ({ schema, where }) => {
    fc.assert(
      fc.property(inputs(schema, where), (value) => {
        const parsed = schema.safeParse(value); // a throw here fails the property
        if (parsed.success) return;
        for (const issue of parsed.error.issues) {
          expect(Array.isArray(issue.path) && issue.message.length > 0).toBe(true);
        }
        let refusal: unknown;
        try {
          parseOr400(schema, value, where);
        } catch (e) {
          refusal = e;
        }
        expect(refusal).toBeInstanceOf(Problem);
        const p = refusal as Problem;
        expect(p.status).toBe(400);
        expect(p.extra.errors!.length).toBeGreaterThan(0);
        for (const e of p.extra.errors!) expect(e.field).toMatch(new RegExp(`^${where}(\\.|$)`));
      }),
      { numRuns: 300 },
    );
  });
});
