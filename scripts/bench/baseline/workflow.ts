// The engine's ceiling for the project's shape: what an application workflow does in Temporal —
// started by an update-with-start, then three levels, each opened by an activity and closed by a
// decision update whose handler runs an activity — with no HTTP and no database (7 activities,
// 4 updates, as in workflows/application.ts for a three-level approval).
import { allHandlersFinished, condition, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';
import type { BaselineActivities } from './activities';

const acts = proxyActivities<BaselineActivities>({ startToCloseTimeout: '30 seconds' });

export const submitted = defineUpdate<number>('submitted');
export const decide = defineUpdate<number, [number]>('decide');

export async function baselineWorkflow(): Promise<void> {
  let started = false;
  let level = -1;
  let decided = -1;
  setHandler(submitted, async () => {
    await condition(() => started);
    return level;
  });
  setHandler(decide, async (l) => {
    await condition(() => level === l);
    await acts.record(l);
    decided = l;
    return l;
  });
  await acts.submit();
  started = true;
  for (let l = 0; l < 3; l++) {
    await acts.open(l);
    level = l;
    await condition(() => decided === l);
  }
  await condition(allHandlersFinished);
}
