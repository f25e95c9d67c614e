// One workflow per sanction (`sanction-<id>`): the decision takes effect at delivery (送达); a
// suspension ends by itself after its term (第三十条); 复核 may be filed within the window and is
// decided by the deciding organ without stopping execution (第三十二条). The workflow ends only when
// the term, the window and any 复核 are all over. Every instant it waits for is stored, absolute.
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  defineQuery,
  defineUpdate,
  patched,
  setHandler,
  sleep,
} from '@temporalio/workflow';
import { actionFailure, acts, bestEffort, parkMinutes, persist, persistStart } from './activities';
import type { ActorRef } from '../domain/contracts/actor';
import type { Delivery, ReviewOutcome, SanctionDecision, SanctionOutcome } from '../domain/contracts/sanction';
import { refusal } from './refusal';
import { untilOrDone } from './time';


export interface SanctionState {
  sanctionId: string;
  phase: 'PENDING' | 'PENDING_DELIVERY' | 'IN_EFFECT' | 'ENDED' | 'REFUSED' | 'ANNULLED';
  outcome?: SanctionOutcome;
  review?: { filed: boolean; outcome?: ReviewOutcome };
}

/** Resolves once the decision is durable in PostgreSQL (or fails with the refusal). */
export const decisionApplied = defineUpdate<SanctionState>('decisionApplied');
export const sanctionState = defineQuery<SanctionState>('sanctionState');
/** 送达 recorded after the decision; the dates are computed from it by the caller. */
export const deliver = defineUpdate<SanctionState, [Delivery & { actor: ActorRef }]>('deliver');
export const fileReview = defineUpdate<{ reviewId: string }, [{ reason: string; dueAt: string; actor: ActorRef; receivedAt?: string; requestId?: string }]>('fileReview');
export const decideReview = defineUpdate<SanctionOutcome, [{ outcome: ReviewOutcome; comment: string; variedTermEndsAt?: string; actor: ActorRef; requestId?: string }]>('decideReview');

const nowIso = () => new Date(Date.now()).toISOString();

export async function sanctionWorkflow(d: SanctionDecision): Promise<SanctionState> {
  let state: SanctionState = { sanctionId: d.sanctionId, phase: 'PENDING' };
  let refusal_: ApplicationFailure | undefined;
  setHandler(sanctionState, () => state);
  setHandler(decisionApplied, async () => {
    await condition(() => state.phase !== 'PENDING');
    if (refusal_) throw refusal_;
    return state;
  });

  // Histories recorded before 复核 existed replay through the original, shorter path; such a
  // sanction refuses the later updates clearly instead of with "no handler".
  if (!patched('sanction-delivery-and-review')) {
    const old = (): never => {
      throw refusal({ code: 'NOT_SUPPORTED_BY_THIS_SANCTION', title: '该决定由旧版流程办理，请线下办理', detail: 'this sanction runs on the first workflow version; handle it offline' });
    };
    setHandler(deliver, async (_a) => old(), { validator: (_a) => old() });
    setHandler(fileReview, async (_a) => old(), { validator: (_a) => old() });
    setHandler(decideReview, async (_a) => old(), { validator: (_a) => old() });
    return legacySuspension(d, state, (s) => (state = s), (r) => (refusal_ = r));
  }

  let type = d.type;
  let delivery: Delivery | undefined = d.deliveredAt
    ? { deliveredAt: d.deliveredAt, termEndsAt: d.termEndsAt, banEndsAt: d.banEndsAt, reviewDeadline: d.reviewDeadline! }
    : undefined;
  let reviewFiled = false; // set at once: a second filing is refused
  let reviewDurable = false; // the filing is committed: a decision on it may follow
  let reviewDecided = false;
  let reviewDueAt: string | undefined; // the 复核 decision's service time (configuration)
  let reviewEscalated = false;
  let escalationRetries = 0;
  let escalationRetryAt: string | undefined;
  let changed = false; // a handler changed something the main loop waits on

  const requireDecider = (actor: ActorRef) => {
    if (actor.role !== 'SANCTION_OFFICER' || actor.organisationId !== d.decidingOrgId) {
      throw refusal({ code: 'OUT_OF_SCOPE', title: '无权在此范围内操作', detail: 'only the deciding organ may do this', article: '第二十九条', status: 403 });
    }
  };

  setHandler(
    deliver,
    async (args) => {
      delivery = { deliveredAt: args.deliveredAt, termEndsAt: args.termEndsAt, banEndsAt: args.banEndsAt, reviewDeadline: args.reviewDeadline };
      await condition(() => state.phase !== 'PENDING_DELIVERY');
      if (refusal_) throw refusal_;
      return state;
    },
    {
      validator: (args) => {
        requireDecider(args.actor);
        if (state.phase !== 'PENDING_DELIVERY' || delivery) throw refusal({ code: 'ALREADY_DELIVERED', title: '决定已送达', detail: 'the decision has been delivered already' });
        if (Date.parse(args.deliveredAt) < Date.parse(d.decidedAt)) {
          throw refusal({ code: 'DELIVERY_BEFORE_DECISION', title: '送达时间早于决定时间', detail: 'delivery cannot precede the decision', status: 400 });
        }
      },
    },
  );

  setHandler(
    fileReview,
    async (args) => {
      reviewFiled = true; // at once: a second filing racing this one is refused by its validator
      let r: { reviewId: string };
      try {
        r = await acts.fileReviewRequest({ sanctionId: d.sanctionId, reason: args.reason, filedById: args.actor.userId, filedByRole: args.actor.role, at: nowIso(), dueAt: args.dueAt, requestId: args.requestId });
      } catch (err) {
        reviewFiled = false; // nothing was filed: the officer may file again
        throw actionFailure(err);
      }
      reviewDurable = true;
      reviewDueAt = args.dueAt;
      state = { ...state, review: { ...state.review, filed: true } };
      changed = true;
      return r;
    },
    {
      validator: (args) => {
        if (!['OFFICER', 'AGENCY_ADMIN'].includes(args.actor.role)) {
          throw refusal({ code: 'OUT_OF_SCOPE', title: '无权在此范围内操作', detail: 'only the officer or their agency files 复核', article: '第三十二条', status: 403 });
        }
        if (!delivery || state.phase === 'PENDING_DELIVERY') throw refusal({ code: 'NOT_DELIVERED', title: '决定尚未送达', detail: 'the decision has not been delivered yet', article: '第三十二条' });
        if (reviewFiled) throw refusal({ code: 'REVIEW_ALREADY_FILED', title: '已申请过复核', detail: '复核 was filed already for this decision', article: '第三十二条' });
        // The filing counts when the API received it (a worker backlog at 24:00 must not refuse it),
        // trusted only within a few minutes of the workflow's own clock.
        const received = args.receivedAt ? Date.parse(args.receivedAt) : NaN;
        const filedAt = Math.abs(received - Date.now()) <= 10 * 60_000 ? received : Date.now();
        if (filedAt > Date.parse(delivery.reviewDeadline)) {
          throw refusal({ code: 'REVIEW_WINDOW_CLOSED', title: '已超过申请复核期限', detail: `the 复核 window closed at ${delivery.reviewDeadline}`, article: '第三十二条' });
        }
      },
    },
  );

  setHandler(
    decideReview,
    async (args) => {
      reviewDecided = true;
      try {
        const out = await acts.decideReviewRequest({ sanctionId: d.sanctionId, outcome: args.outcome, comment: args.comment, actorId: args.actor.userId, actorRole: args.actor.role, at: nowIso(), variedTermEndsAt: args.variedTermEndsAt, requestId: args.requestId });
        if (args.outcome === 'VARIED') {
          type = 'SUSPENSION';
          delivery = { ...delivery!, termEndsAt: args.variedTermEndsAt, banEndsAt: undefined };
        }
        state = { ...state, outcome: out, review: { filed: true, outcome: args.outcome }, phase: args.outcome === 'ANNULLED' ? 'ANNULLED' : state.phase };
        changed = true;
        return out;
      } catch (err) {
        reviewDecided = false;
        throw actionFailure(err);
      }
    },
    {
      validator: (args) => {
        requireDecider(args.actor);
        if (!reviewDurable || reviewDecided) throw refusal({ code: 'NO_PENDING_REVIEW', title: '没有待决定的复核', detail: 'there is no pending 复核', article: '第三十二条' });
        if (args.outcome === 'VARIED' && (type !== 'REVOCATION' || !args.variedTermEndsAt)) {
          throw refusal({ code: 'VARY_ONLY_REVOCATION', title: '只能将收缴变更为暂扣', detail: 'only a 收缴 can be varied (to a 暂扣)', article: '第三十二条' });
        }
        if (!args.comment.trim()) throw refusal({ code: 'COMMENT_REQUIRED', title: '请填写复核理由', detail: 'a 复核 decision needs its reasons', status: 400 });
      },
    },
  );

  try {
    if (!delivery) {
      state = { ...state, phase: 'PENDING_DELIVERY', outcome: await persistStart('recordPendingSanction', d) };
      await condition(() => delivery !== undefined);
    }
    // Delivered with the decision, nothing is stored yet: data the database refuses refuses it (422).
    // Delivered later, the decision is stored and its application owed: a failure parks it.
    const apply = d.deliveredAt ? persistStart : persist;
    state = { ...state, phase: 'IN_EFFECT', outcome: await apply('applySanction', { ...d, ...delivery! }) };
  } catch (err) {
    refusal_ = actionFailure(err);
    state = { ...state, phase: 'REFUSED' };
    await condition(allHandlersFinished);
    return state;
  }

  let suspensionOver = false;
  for (;;) {
    if (state.phase === 'ANNULLED') break;
    const termEndsAt = type === 'SUSPENSION' && !suspensionOver ? delivery!.termEndsAt : undefined;
    if (termEndsAt && Date.now() >= Date.parse(termEndsAt)) {
      const out = await persist('endSuspension', { sanctionId: d.sanctionId, at: termEndsAt });
      suspensionOver = true;
      // A 复核 that annulled meanwhile keeps its ANNULLED phase.
      state = { ...state, outcome: out, phase: state.phase === 'IN_EFFECT' ? 'ENDED' : state.phase };
      continue;
    }
    const windowOpen = Date.now() <= Date.parse(delivery!.reviewDeadline);
    const reviewPending = reviewFiled && !reviewDecided;
    if (!termEndsAt && !windowOpen && !reviewPending) break;
    // A 复核 not decided by its due time is escalated once (added after the first histories: patched).
    const reviewDue = reviewDurable && !reviewDecided && !reviewEscalated && reviewDueAt && patched('sanction-review-escalation') ? (escalationRetryAt ?? reviewDueAt) : undefined;
    if (reviewDue && Date.now() >= Date.parse(reviewDue)) {
      // An escalation that fails after its attempts is tried again later by this loop, so it never
      // holds up the end of the term (第三十条) the way a parked step would.
      if (await bestEffort('escalateReview', { sanctionId: d.sanctionId, at: reviewDueAt! })) reviewEscalated = true;
      else escalationRetryAt = new Date(Date.now() + parkMinutes(escalationRetries++) * 60_000).toISOString();
      continue;
    }
    const next = [termEndsAt, windowOpen ? delivery!.reviewDeadline : undefined, reviewDue].filter((x): x is string => !!x).sort()[0];
    changed = false;
    // The term acts at its instant; a deadline (window, 复核 due time) is over only just after its
    // instant, hence +1 ms, so the loop sees it closed when it wakes.
    if (next) await untilOrDone(() => changed, new Date(Date.parse(next) + (next === termEndsAt ? 0 : 1)).toISOString());
    else await condition(() => changed);
  }
  await condition(allHandlersFinished);
  return state;
}

/** The workflow as first deployed: apply at delivery, wait out the term, reinstate. */
async function legacySuspension(
  d: SanctionDecision,
  state: SanctionState,
  set: (s: SanctionState) => void,
  setRefusal: (r: ApplicationFailure) => void,
): Promise<SanctionState> {
  try {
    state = { ...state, phase: 'IN_EFFECT', outcome: await persistStart('applySanction', d) };
    set(state);
  } catch (err) {
    if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure) {
      setRefusal(err.cause);
      state = { ...state, phase: 'REFUSED' };
      set(state);
      await condition(allHandlersFinished);
      return state;
    }
    throw err;
  }
  if (d.type === 'SUSPENSION' && d.termEndsAt) {
    const ms = Date.parse(d.termEndsAt) - Date.now();
    if (ms > 0) await sleep(ms);
    state = { ...state, phase: 'ENDED', outcome: await persist('endSuspension', { sanctionId: d.sanctionId, at: d.termEndsAt }) };
    set(state);
  }
  await condition(allHandlersFinished);
  return state;
}
