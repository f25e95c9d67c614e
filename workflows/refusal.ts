import { ApplicationFailure } from '@temporalio/workflow';
import { DEFAULT_REFUSAL_TITLE, type Refusal } from '../domain/errors';
import { RULE_VIOLATION } from '../domain/failure-types';

/**
 * A refusal from a validator or handler: the same shape as a RuleViolation (domain/errors.ts), as the
 * non-retryable ApplicationFailure workflow code must throw; activities/failures.ts gives an
 * activity's RuleViolation the same details, and the API turns both into problem+json.
 */
export function refusal(r: Refusal): ApplicationFailure {
  const details = {
    code: r.code,
    title: r.title ?? DEFAULT_REFUSAL_TITLE,
    status: r.status ?? 409,
    article: r.article,
  };
  return ApplicationFailure.create({ type: RULE_VIOLATION, message: r.detail, nonRetryable: true, details: [details] });
}
