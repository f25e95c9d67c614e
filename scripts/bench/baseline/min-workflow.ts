// The engine's floor: the leanest Temporal shape that keeps an application's semantics (第七条) —
// started with the first level's task open, one decision Update per level whose handler runs one
// local activity (no I/O) and returns, and a durable timer per level for its time limit, started and
// cancelled as the project's task alarms are; the workflow ends after the third level. No HTTP, no
// database, no activity task through the server.
import { allHandlersFinished, condition, defineUpdate, proxyLocalActivities, setHandler } from '@temporalio/workflow';
import type { BaselineActivities } from './activities';

const local = proxyLocalActivities<BaselineActivities>({ startToCloseTimeout: '30 seconds' });

export const decideLevel = defineUpdate<number, [number]>('decideLevel');

export async function baselineMinWorkflow(): Promise<void> {
  let level = 0;
  let decided = -1;
  setHandler(
    decideLevel,
    async (l) => {
      await local.record(l);
      decided = l;
      return l;
    },
    {
      validator: (l) => {
        if (l !== level) throw new Error(`level ${l} is not the open one (${level})`);
      },
    },
  );
  for (; level < 3; level++) {
    // The time limit passing would escalate here; the level stays open until decided.
    while (!(await condition(() => decided === level, '5 days'))) continue;
  }
  await condition(allHandlersFinished);
}
