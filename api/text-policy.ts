// What text the system accepts, in one place: every route's body, path and query pass through
// `parseOr400`, which applies it to every string (and object key) before a schema sees them, so a new
// route cannot forget it. PostgreSQL refuses NUL in text, so a NUL that got through would fail an
// activity on every attempt; other control characters, lone surrogates and bidi overrides are never
// legitimate in a name, a reason or a file name, and the overrides can make a text read differently
// from what is stored (an RLO turns "gpj.exe" into "exe.jpg").

/** C0 controls but tab, newline and carriage return; DEL; C1 controls. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
/** Bidi embeddings, overrides and isolates (LRE, RLE, PDF, LRO, RLO; LRI, RLI, FSI, PDI). */
const BIDI = /[\u202A-\u202E\u2066-\u2069]/u;
/** Noncharacters U+FFFE and U+FFFF: never text. */
const NONCHARACTER = /[\uFFFE\uFFFF]/u;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const hex = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Why `s` is refused, in words a person reads; undefined when it is acceptable text. */
export function textProblem(s: string): string | undefined {
  if (LONE_SURROGATE.test(s)) return '含有无效的 Unicode 字符（孤立代理项）';
  const control = CONTROL.exec(s);
  if (control) return `含有不允许的控制字符（${hex(control[0])}）`;
  const bidi = BIDI.exec(s);
  if (bidi) return `含有不允许的文字方向控制符（${hex(bidi[0])}）`;
  const non = NONCHARACTER.exec(s);
  if (non) return `含有不允许的字符（${hex(non[0])}）`;
  return undefined;
}

export interface TextIssue {
  field: string;
  message: string;
}

/** Every string (and key) in `value` that breaks the policy, named by its path (`body.note`). */
export function textIssues(value: unknown, path: string, depth = 0): TextIssue[] {
  if (typeof value === 'string') {
    const p = textProblem(value);
    return p ? [{ field: path, message: p }] : [];
  }
  if (!value || typeof value !== 'object') return [];
  // No request of this API nests deeper; past it nothing would be looked at, so it is refused.
  if (depth > 32) return [{ field: path, message: '嵌套层级过深' }];
  if (Array.isArray(value)) return value.flatMap((v, i) => textIssues(v, `${path}.${i}`, depth + 1));
  return Object.entries(value).flatMap(([k, v]) => {
    const keyProblem = textProblem(k);
    // A hostile key is named by its position, never echoed.
    if (keyProblem) return [{ field: `${path}.<key>`, message: keyProblem }];
    return textIssues(v, `${path}.${k}`, depth + 1);
  });
}
