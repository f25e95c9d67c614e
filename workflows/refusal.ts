import { ApplicationFailure } from '@temporalio/workflow';
import { RULE_VIOLATION } from '../domain/failure-types';

/**
 * A refusal from a validator or handler: non-retryable, with the details the API turns into
 * problem+json (the same shape activities/failures.ts gives an activity's RuleViolation).
 */
export function refusal(status: number, code: string, title: string, message: string, article?: string): ApplicationFailure {
  return ApplicationFailure.create({ type: RULE_VIOLATION, message, nonRetryable: true, details: [{ code, title, status, article }] });
}
