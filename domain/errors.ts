/**
 * What a business rule says when it refuses — the one shape for every refusal, wherever it is
 * raised: `new RuleViolation(r)` in the API, activities and domain, `refusal(r)` in workflow code
 * (which must throw an ApplicationFailure). The API turns either into problem+json.
 */
export interface Refusal {
  /** Stable machine code, e.g. `TASK_NOT_CURRENT`. */
  code: string;
  /** The Chinese title a person reads. */
  title?: string;
  /** The English detail for clients and logs. */
  detail: string;
  /** The article that applies, e.g. `第三十二条`. */
  article?: string;
  /** HTTP status; 409 unless said otherwise. */
  status?: RefusalStatus;
}

export type RefusalStatus = 400 | 403 | 404 | 409 | 422;

export const DEFAULT_REFUSAL_TITLE = '业务规则不允许此操作';

export class RuleViolation extends Error {
  readonly code: string;
  readonly title: string;
  readonly article?: string;
  readonly status: RefusalStatus;

  constructor(r: Refusal) {
    super(r.detail);
    this.name = 'RuleViolation';
    this.code = r.code;
    this.title = r.title ?? DEFAULT_REFUSAL_TITLE;
    this.article = r.article;
    this.status = r.status ?? 409;
  }
}
