// The kinds of failure a process step ends with: activities raise them, workflows pass them on, the
// API turns them into problem+json (api/problem.ts). One list, so the three cannot disagree.

/** A business rule refused (details: code, title, status, article). Final: never retried. */
export const RULE_VIOLATION = 'RuleViolation';
/** The database refused the data (SQLSTATE class 22/23): the same input fails every time. Final. */
export const DATA_ERROR = 'DataError';
/** A step still failed after its last attempt (a dependency down): nothing was changed. */
export const STEP_FAILED = 'StepFailed';

/**
 * Every activity's retry: five attempts within about 15 s (1, 2, 4, 8 s apart) — long enough to ride
 * out a database restart or a lost connection, short enough that a person's request is answered
 * while they wait. What a process does after the last one: workflows/activities.ts.
 */
export const ACTIVITY_RETRY = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '8 seconds',
  maximumAttempts: 5,
} as const;
