// What text the system accepts, in one place (the API applies it to every string of every request,
// api/text-policy.ts; an import to every cell of a file, domain/import.ts). PostgreSQL refuses NUL in
// text, so a NUL that got through would fail an activity on every attempt; other control characters,
// lone surrogates and bidi overrides are never legitimate in a name, a reason or a file name, and the
// overrides can make a text read differently from what is stored (an RLO turns "gpj.exe" into "exe.jpg").

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
