import { ApplicationFailure } from '@temporalio/activity';
import { RuleViolation } from '../domain/errors';
import { DATA_ERROR, RULE_VIOLATION } from '../domain/failure-types';
import { errorKind, errorLabel } from '../infra/error-kind';

/**
 * What an activity's error means for Temporal, decided in one place (applied to every activity by
 * worker/activity-failures.ts): a refused rule and data the database refuses are final (retrying
 * cannot change them), anything else — a dependency down, a conflict, the unexpected — is retried
 * within the activity's bounded policy.
 */
export function asActivityFailure(err: unknown): unknown {
  if (err instanceof RuleViolation) {
    return ApplicationFailure.create({
      type: RULE_VIOLATION,
      message: err.message,
      // A concurrent certificate change is worth another try: the next read sees the new state.
      nonRetryable: err.code !== 'CERTIFICATE_CHANGED_CONCURRENTLY',
      details: [{ code: err.code, article: err.article, title: err.title, status: err.status }],
    });
  }
  if (errorKind(err) === 'data') {
    const label = errorLabel(err);
    return ApplicationFailure.create({
      type: DATA_ERROR,
      message: `the database refused the data (${label})`,
      nonRetryable: true,
      details: [{ label }],
    });
  }
  return err;
}
