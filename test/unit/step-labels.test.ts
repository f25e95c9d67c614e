// The operators' page (运行监测) names every step of a process in Chinese: a new activity without a
// label fails here, so no activity name reaches a person.
import { describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import type { Db } from '../../infra/db';
import { PROCESS_KINDS } from '../../api/routes/operations';
import { OPERATIONS_LABELS, STEP_LABELS } from '../../web/src/messages';
import { DEFAULT_SETTINGS } from '../support/time-skipping';

describe('运行监测 labels', () => {
  it('every activity of the worker has a step label', () => {
    const names = Object.keys(
      createActivities({} as Db, DEFAULT_SETTINGS, {
        addWorkingDays: () => new Date(),
        moveToWorkingDay: () => new Date(),
      } as never),
    );
    expect(names.length).toBeGreaterThan(30);
    expect(names.filter((n) => !STEP_LABELS[n])).toEqual([]);
  });

  it('every process kind and error kind has a label', () => {
    expect(
      [...PROCESS_KINDS, 'unavailable', 'transient', 'data', 'unknown'].filter((k) => !OPERATIONS_LABELS[k]),
    ).toEqual([]);
  });
});
