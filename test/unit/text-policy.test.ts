// The text policy every request passes (api/text-policy.ts via parseOr400): control characters,
// lone surrogates and bidi overrides are refused with the field named; real text of any script is not.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textIssues, textProblem } from '../../api/text-policy';
import { parseOr400 } from '../../api/validate';
import { Problem } from '../../api/problem';
import { z } from '../../api/schemas';

/** An oracle independent of the policy's regex: encodeURIComponent throws on a lone surrogate. */
const wellFormed = (s: string) => {
  try {
    encodeURIComponent(s);
    return true;
  } catch {
    return false;
  }
};

describe('text policy', () => {
  it.each([
    ['NUL', 'a\u0000b', 'U+0000'],
    ['a C0 control', 'x\u001Bx', 'U+001B'],
    ['DEL', '\u007F', 'U+007F'],
    ['a C1 control', 'x\u0085', 'U+0085'],
    ['a lone high surrogate', 'x\uD800y', '孤立代理项'],
    ['a lone low surrogate', '\uDC00', '孤立代理项'],
    ['right-to-left override (RLO)', '申请\u202Egpj.exe', 'U+202E'],
    ['left-to-right override (LRO)', '\u202D', 'U+202D'],
    ['a bidi isolate (FSI)', '\u2068x', 'U+2068'],
    ['a noncharacter', '\uFFFF', 'U+FFFF'],
  ])('refuses %s', (_what, s, mention) => {
    expect(textProblem(s)).toContain(mention);
  });

  it('accepts real text: Chinese, emoji (a surrogate pair), tabs and line breaks, other scripts', () => {
    for (const s of ['张伟 玩忽职守', '😀👍', 'line 1\r\nline 2\tend', 'مرحبا', 'Ünïcödé', '', 'x'.repeat(10_000)])
      expect(textProblem(s)).toBeUndefined();
  });

  it('names every offending field by its path, keys included, without echoing them', () => {
    expect(
      textIssues(
        { note: 'ok', items: ['fine', 'bad\u0000'], nested: { reason: '\u202E' }, ['k\u0000']: 1 },
        'body',
      ).map((i) => i.field),
    ).toEqual(['body.items.1', 'body.nested.reason', 'body.<key>']);
  });

  it('a body nested deeper than any request of this API is refused rather than left unread', () => {
    let deep: unknown = 'a\u0000';
    for (let i = 0; i < 40; i++) deep = { x: deep };
    expect(textIssues(deep, 'body')).toEqual([{ field: `body${'.x'.repeat(33)}`, message: '嵌套层级过深' }]);
  });

  it('parseOr400 refuses a policy breach with 400 naming the field, even where the schema would accept the string', () => {
    const schema = z.object({ comment: z.string().max(2000) });
    expect(parseOr400(schema, { comment: '通过' }, 'body')).toEqual({ comment: '通过' });
    try {
      parseOr400(schema, { comment: 'a\u0000' }, 'body');
      expect.fail('accepted a NUL');
    } catch (e) {
      expect(e).toBeInstanceOf(Problem);
      expect([(e as Problem).status, (e as Problem).extra.errors?.map((x) => x.field)]).toEqual([
        400,
        ['body.comment'],
      ]);
    }
  });

  it('any string is either accepted text or refused: never both, never a throw (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        const p = textProblem(s);
        const bad =
          // eslint-disable-next-line no-control-regex -- the property is about control characters
          /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]/.test(s) ||
          !wellFormed(s);
        expect(p !== undefined).toBe(bad);
      }),
    );
  });
});
