// Every kind of zod issue a request can raise reads in Chinese (issue #16 §2), through the API's own
// set-up of zod (api/schemas.ts → api/validation-messages.ts) and parseOr400, as a route applies it.
import { describe, expect, it } from 'vitest';
import { z } from '../../api/schemas';
import { parseOr400 } from '../../api/validate';
import { Problem } from '../../api/problem';
import { REQUIRED } from '../../api/validation-messages';

const HAN = /[\u4e00-\u9fff]/;
/** What no person filling in a form should read: zod's English, type names, enum codes. */
const NOT_FOR_PEOPLE =
  /Invalid|expected|received|Too (small|big)|\barray\b|\bstring\b|\bnumber\b|SUSPENSION|REVOCATION/;

/** The field errors of a body that `schema` refuses. */
function fieldErrors(schema: z.ZodType, body: unknown): { field: string; message: string }[] {
  try {
    parseOr400(schema, body, 'body');
  } catch (err) {
    expect(err).toBeInstanceOf(Problem);
    return (err as Problem).extra.errors as { field: string; message: string }[];
  }
  throw new Error('accepted');
}

const CASES: [string, z.ZodType, unknown, string | RegExp][] = [
  ['invalid_type: a missing field', z.object({ facts: z.string() }), {}, REQUIRED],
  ['invalid_type: a number sent as text', z.object({ hours: z.number() }), { hours: '8' }, '应为数字'],
  ['invalid_type: an integer', z.object({ year: z.number().int() }), { year: 2026.5 }, /整数/],
  [
    'too_small: an empty list (第二十九条 grounds)',
    z.object({ grounds: z.array(z.number()).min(1) }),
    { grounds: [] },
    '至少 1 项',
  ],
  ['too_small: an empty text', z.object({ place: z.string().min(1) }), { place: '' }, REQUIRED],
  ['too_small: a short text', z.object({ facts: z.string().min(10) }), { facts: '太短' }, '至少 10 个字'],
  ['too_small: a number', z.object({ hours: z.number().min(0.5) }), { hours: 0 }, '不能小于 0.5'],
  ['too_big: a long text', z.object({ note: z.string().max(5) }), { note: '一二三四五六' }, '最多 5 个字'],
  ['too_big: a number', z.object({ hours: z.number().max(24) }), { hours: 25 }, '不能大于 24'],
  ['too_big: a long list', z.object({ ids: z.array(z.number()).max(2) }), { ids: [1, 2, 3] }, '最多 2 项'],
  [
    'invalid_value: an enum code',
    z.object({ type: z.enum(['SUSPENSION', 'REVOCATION']) }),
    { type: 'X' },
    '不在可选范围内',
  ],
  ['invalid_value: a literal', z.object({ action: z.literal('KEEP') }), { action: 'DROP' }, '不在可选范围内'],
  ['invalid_format: a uuid', z.object({ id: z.uuid() }), { id: 'abc' }, '编号无效'],
  [
    'invalid_format: an instant',
    z.object({ at: z.iso.datetime({ offset: true }) }),
    { at: '昨天' },
    '请填写有效的日期和时间',
  ],
  ['invalid_format: a pattern', z.object({ code: z.string().regex(/^\d{6}$/) }), { code: '12' }, '格式不正确'],
  ['not_multiple_of', z.object({ hours: z.number().multipleOf(0.5) }), { hours: 1.2 }, '应为 0.5 的整数倍'],
  [
    'unrecognized_keys',
    z.object({ s: z.strictObject({ a: z.string() }) }),
    { s: { a: 'x', extra: 1 } },
    '不接受的字段：extra',
  ],
  ['invalid_union', z.object({ v: z.union([z.number(), z.boolean()]) }), { v: 'x' }, '格式不正确'],
  ['invalid_key', z.object({ m: z.record(z.string().regex(/^A/), z.number()) }), { m: { B: 1 } }, '格式不正确'],
  // Not from JSON (no Map in a request body), but a schema may still meet one.
  ['invalid_element', z.object({ m: z.map(z.object({}), z.number()) }), { m: new Map([[{}, 'x']]) }, '格式不正确'],
  ['custom without a message', z.object({ n: z.number().refine((n) => n > 1) }), { n: 0 }, /[\u4e00-\u9fff]/],
];

describe('validation messages (issue #16 §2)', () => {
  it.each(CASES)('%s → a Chinese message, named by its field', (_name, schema, body, want) => {
    const [first] = fieldErrors(schema, body);
    expect(first.field).toMatch(/^body\.\w+/);
    expect(first.message).toMatch(HAN);
    expect(first.message).not.toMatch(NOT_FOR_PEOPLE);
    if (typeof want === 'string') expect(first.message).toBe(want);
    else expect(first.message).toMatch(want);
  });

  it('every issue code zod knows is among the cases above', () => {
    const codes = new Set<string>();
    for (const [, schema, body] of CASES) for (const i of schema.safeParse(body).error!.issues) codes.add(i.code);
    // zod's issue codes (v4): a new one in a zod upgrade shows up here as a case to add.
    const all: z.core.$ZodIssue['code'][] = [
      'invalid_type',
      'too_small',
      'too_big',
      'invalid_value',
      'invalid_format',
      'not_multiple_of',
      'unrecognized_keys',
      'invalid_union',
      'invalid_key',
      'invalid_element',
      'custom',
    ];
    expect([...codes].sort()).toEqual([...all].sort());
  });

  it("a schema's own message wins over the general one", () => {
    const schema = z.object({ grounds: z.array(z.number()).min(1, '请至少选择一项情形') });
    expect(fieldErrors(schema, { grounds: [] })).toEqual([{ field: 'body.grounds', message: '请至少选择一项情形' }]);
  });
});
