/**
 * A business rule refused. Carries a stable code, the English detail, the article that applies and
 * a Chinese title; the API turns it into problem+json (409 unless said otherwise).
 */
export class RuleViolation extends Error {
  constructor(
    readonly code: string,
    detail: string,
    readonly article?: string,
    readonly title = '业务规则不允许此操作',
    readonly status: 403 | 404 | 409 | 422 = 409,
  ) {
    super(detail);
    this.name = 'RuleViolation';
  }
}
