// One workflow per sanction (`sanction-<id>`). It applies the decision at delivery and, for a
// suspension, waits on a durable timer until the term's stored end, then reinstates (第三十条).
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  defineQuery,
  defineUpdate,
  proxyActivities,
  setHandler,
  sleep,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { SanctionDecision, SanctionOutcome } from '../activities/sanctions';

const { applySanction, endSuspension } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export interface SanctionState {
  sanctionId: string;
  phase: 'PENDING' | 'IN_EFFECT' | 'ENDED' | 'REFUSED';
  outcome?: SanctionOutcome;
}

/** Resolves once the decision is durable in PostgreSQL (or fails with the refusal). */
export const decisionApplied = defineUpdate<SanctionState>('decisionApplied');
export const sanctionState = defineQuery<SanctionState>('sanctionState');

export async function sanctionWorkflow(d: SanctionDecision): Promise<SanctionState> {
  let state: SanctionState = { sanctionId: d.sanctionId, phase: 'PENDING' };
  let refusal: ApplicationFailure | undefined;
  setHandler(sanctionState, () => state);
  setHandler(decisionApplied, async () => {
    await condition(() => state.phase !== 'PENDING');
    if (refusal) throw refusal;
    return state;
  });

  try {
    state = { ...state, phase: 'IN_EFFECT', outcome: await applySanction(d) };
  } catch (err) {
    if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure) {
      refusal = err.cause;
      state = { ...state, phase: 'REFUSED' };
      await condition(allHandlersFinished);
      return state;
    }
    throw err;
  }

  if (d.type === 'SUSPENSION' && d.termEndsAt) {
    await sleepUntil(d.termEndsAt);
    state = { ...state, phase: 'ENDED', outcome: await endSuspension({ sanctionId: d.sanctionId, at: d.termEndsAt }) };
  }
  await condition(allHandlersFinished);
  return state;
}

/** A durable timer to a stored absolute instant (survives restarts, redeploys, continue-as-new). */
async function sleepUntil(iso: string): Promise<void> {
  const ms = Date.parse(iso) - Date.now();
  if (ms > 0) await sleep(ms);
}
