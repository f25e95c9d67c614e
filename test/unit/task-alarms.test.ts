// A watched task's alarms (domain/task-alarms.ts) for a review task (第七条): one reminder before the
// due time, one escalation at it, then nothing more — unlike the complaint's feedback (第二十八条),
// which repeats (test/unit/complaint.test.ts).
import { describe, expect, it } from 'vitest';
import { nextAlarm, type WatchedTask } from '../../domain/task-alarms';

describe('nextAlarm for a review task (第七条 service time)', () => {
  const task: WatchedTask = {
    taskId: 't',
    remindAt: '2026-03-10T16:00:00.000Z',
    dueAt: '2026-03-12T16:00:00.000Z',
    reminded: false,
    escalations: 0,
  };

  it('第七条: the reminder first, then the escalation at the due time, then nothing more', () => {
    expect(nextAlarm(task)).toEqual({ kind: 'remind', at: task.remindAt });
    expect(nextAlarm({ ...task, reminded: true })).toEqual({ kind: 'escalate', at: task.dueAt });
    expect(nextAlarm({ ...task, reminded: true, escalations: 1 })).toBeUndefined();
  });
});
