// Every route's body, path and query pass through `parseOr400`, which applies the text policy
// (domain/text-policy.ts) to every string (and object key) before a schema sees them, so a new route
// cannot forget it.
import { textProblem } from '../domain/text-policy';

export { textProblem };

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
