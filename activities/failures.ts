import { ApplicationFailure } from '@temporalio/activity';
import { RuleViolation } from '../domain/errors';

export const RULE_VIOLATION = 'RuleViolation';

/** A refused business rule must not be retried: it becomes a non-retryable failure with its details. */
export async function refusalsAreFinal<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof RuleViolation) {
      throw ApplicationFailure.create({
        type: RULE_VIOLATION,
        message: err.message,
        nonRetryable: err.code !== 'CERTIFICATE_CHANGED_CONCURRENTLY',
        details: [{ code: err.code, article: err.article, title: err.title, status: err.status }],
      });
    }
    throw err;
  }
}
