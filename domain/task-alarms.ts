// A task a process watches (第七条 review tasks, 第二十八条 complaint tasks): a reminder before its due
// time, an escalation at it, and for an obligation that must still be met, again and again.

/** A task the workflow watches: a reminder before its due time, an escalation at it, and optionally again. */
export interface WatchedTask {
  taskId: string;
  remindAt?: string;
  dueAt: string;
  /** Escalate again every repeatMs until done (the feedback obligation); otherwise once. */
  repeatMs?: number;
  reminded: boolean;
  escalations: number;
}

/** The next alarm of a watched task, or undefined when nothing more is due. */
export function nextAlarm(w: WatchedTask): { kind: 'remind' | 'escalate'; at: string } | undefined {
  if (w.remindAt && !w.reminded) return { kind: 'remind', at: w.remindAt };
  if (w.escalations === 0) return { kind: 'escalate', at: w.dueAt };
  if (w.repeatMs)
    return { kind: 'escalate', at: new Date(Date.parse(w.dueAt) + w.escalations * w.repeatMs).toISOString() };
  return undefined;
}
