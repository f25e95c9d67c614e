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
import { actionFailure, acts, bestEffort, parkMinutes, persist, persistStart, write } from './activities';
import type { ActorRef } from '../domain/contracts/actor';
import type { Delivery, ReviewOutcome, SanctionDecision, SanctionOutcome } from '../domain/contracts/sanction';
import { nextSanctionStep } from '../domain/sanction';
import { refusal } from './refusal';
import { DEADLINE_MOVED_PATCH, REVIEW_DECISION_MOVED_PATCH, deadlineMoved, isLater } from './deadline-moved';
import { nowIso, untilOrDone } from './time';

export interface SanctionState {
  sanctionId: string;
  phase: 'PENDING' | 'PENDING_DELIVERY' | 'IN_EFFECT' | 'ENDED' | 'REFUSED' | 'ANNULLED';
  outcome?: SanctionOutcome;
  review?: { filed: boolean; outcome?: ReviewOutcome };
}

/**
 * Where the 复核 stands (第三十二条). FILING and DECIDING last while their write is under way: a second
 * filing or decision racing it is refused before anything is written, and a failed write goes back.
 */
type ReviewStage = 'NONE' | 'FILING' | 'FILED' | 'DECIDING' | 'DECIDED';

/** Resolves once the decision is durable in PostgreSQL (or fails with the refusal). */
export const decisionApplied = defineUpdate<SanctionState>('decisionApplied');
export const sanctionState = defineQuery<SanctionState>('sanctionState');
/** 送达 recorded after the decision; the dates are computed from it by the caller. */
export const deliver = defineUpdate<SanctionState, [Delivery & { actor: ActorRef }]>('deliver');
export const fileReview = defineUpdate<
  { reviewId: string },
  [
    {
      reason: string;
      dueAt: string;
      /** Computed over a year whose holidays are not entered yet (shown as 暂定). */
      dueAtProvisional?: boolean;
      actor: ActorRef;
      receivedAt?: string;
      requestId?: string;
    },
  ]
>('fileReview');
export const decideReview = defineUpdate<
  SanctionOutcome,
  [{ outcome: ReviewOutcome; comment: string; variedTermEndsAt?: string; actor: ActorRef; requestId?: string }]
>('decideReview');

const A32 = '第三十二条';

export async function sanctionWorkflow(d: SanctionDecision): Promise<SanctionState> {
  let state: SanctionState = { sanctionId: d.sanctionId, phase: 'PENDING' };
  let refused: ApplicationFailure | undefined;
  setHandler(sanctionState, () => state);
  setHandler(decisionApplied, async () => {
    await condition(() => state.phase !== 'PENDING');
    if (refused) throw refused;
    return state;
  });

  // Histories recorded before 复核 existed replay through the original, shorter path; such a
  // sanction refuses the later updates clearly instead of with "no handler".
  if (!patched('sanction-delivery-and-review')) {
    const old = (): never => {
      throw refusal({
        code: 'NOT_SUPPORTED_BY_THIS_SANCTION',
        title: '该决定由旧版流程办理，请线下办理',
        detail: 'this sanction runs on the first workflow version; handle it offline',
      });
    };
    setHandler(deliver, async (_a) => old(), { validator: (_a) => old() });
    setHandler(fileReview, async (_a) => old(), { validator: (_a) => old() });
    setHandler(decideReview, async (_a) => old(), { validator: (_a) => old() });
    return legacySuspension(
      d,
      state,
      (s) => (state = s),
      (r) => (refused = r),
    );
  }

  let type = d.type;
  let delivery: Delivery | undefined = d.deliveredAt
    ? {
        deliveredAt: d.deliveredAt,
        termEndsAt: d.termEndsAt,
        banEndsAt: d.banEndsAt,
        reviewDeadline: d.reviewDeadline!,
        reviewDeadlineProvisional: d.reviewDeadlineProvisional,
      }
    : undefined;
  let review = 'NONE' as ReviewStage; // `as`: only handlers change it, so TypeScript would narrow it to 'NONE'
  // The 复核's service time (configuration): escalated once when undecided by then; an escalation that
  // failed after its attempts is tried again at retryAt.
  let escalation: { dueAt: string; done: boolean; retries: number; retryAt?: string } | undefined;
  let version = 0; // bumped when a handler changes something the main loop waits on
  let movedReviewDue: string | undefined; // a 复核 service time moved before its filing's write returned

  // 第三十二条, 民法典 第二百零三条: the 复核 window, computed over a year not entered yet, moved later
  // once it is; the loop below waits again until the new instant.
  setHandler(deadlineMoved, (move) => {
    // 第三十二条: the 复核 decision's service time; the escalation waits for the new instant.
    if (move.kind === 'REVIEW_DECISION') {
      const e = escalation;
      if (!e) {
        // Moved while the filing's write is still under way: the escalation takes it when it is set.
        if (review === 'FILING' && patched(REVIEW_DECISION_MOVED_PATCH)) movedReviewDue = move.dueAt;
        return;
      }
      if (e.done || !isLater(move.dueAt, e.dueAt) || !patched(REVIEW_DECISION_MOVED_PATCH)) return;
      e.dueAt = move.dueAt;
      version++;
      return;
    }
    if (move.kind !== 'REVIEW_WINDOW' || !delivery || !isLater(move.reviewDeadline, delivery.reviewDeadline)) return;
    if (!patched(DEADLINE_MOVED_PATCH)) return;
    delivery = { ...delivery, reviewDeadline: move.reviewDeadline };
    version++;
  });

  /** Only the deciding organ decides (the province only on the city's referral, 第二十九条). */
  function checkDecider(actor: ActorRef): void {
    if (actor.role !== 'SANCTION_OFFICER' || actor.organisationId !== d.decidingOrgId) {
      throw refusal({
        code: 'OUT_OF_SCOPE',
        title: '无权在此范围内操作',
        detail: 'only the deciding organ may do this',
        article: '第二十九条',
        status: 403,
      });
    }
  }

  setHandler(
    deliver,
    async (args) => {
      delivery = {
        deliveredAt: args.deliveredAt,
        termEndsAt: args.termEndsAt,
        banEndsAt: args.banEndsAt,
        reviewDeadline: args.reviewDeadline,
        reviewDeadlineProvisional: args.reviewDeadlineProvisional,
      };
      await condition(() => state.phase !== 'PENDING_DELIVERY');
      if (refused) throw refused;
      return state;
    },
    {
      validator: (args) => {
        checkDecider(args.actor);
        if (state.phase !== 'PENDING_DELIVERY' || delivery)
          throw refusal({
            code: 'ALREADY_DELIVERED',
            title: '决定已送达',
            detail: 'the decision has been delivered already',
          });
        if (Date.parse(args.deliveredAt) < Date.parse(d.decidedAt)) {
          throw refusal({
            code: 'DELIVERY_BEFORE_DECISION',
            title: '送达时间早于决定时间',
            detail: 'delivery cannot precede the decision',
            status: 400,
          });
        }
      },
    },
  );

  setHandler(
    fileReview,
    (args) =>
      write(
        async () => {
          review = 'FILING';
          const r = await acts.fileReviewRequest({
            sanctionId: d.sanctionId,
            reason: args.reason,
            filedById: args.actor.userId,
            filedByRole: args.actor.role,
            at: nowIso(),
            dueAt: args.dueAt,
            dueAtProvisional: args.dueAtProvisional,
            requestId: args.requestId,
          });
          review = 'FILED';
          const dueAt = movedReviewDue && isLater(movedReviewDue, args.dueAt) ? movedReviewDue : args.dueAt;
          escalation = { dueAt, done: false, retries: 0 };
          state = { ...state, review: { ...state.review, filed: true } };
          version++;
          return r;
        },
        () => (review = 'NONE'), // nothing was filed: the officer may file again
      ),
    {
      validator: (args) => {
        if (!['OFFICER', 'AGENCY_ADMIN'].includes(args.actor.role)) {
          throw refusal({
            code: 'OUT_OF_SCOPE',
            title: '无权在此范围内操作',
            detail: 'only the officer or their agency files 复核',
            article: A32,
            status: 403,
          });
        }
        if (!delivery || state.phase === 'PENDING_DELIVERY')
          throw refusal({
            code: 'NOT_DELIVERED',
            title: '决定尚未送达',
            detail: 'the decision has not been delivered yet',
            article: A32,
          });
        if (review !== 'NONE')
          throw refusal({
            code: 'REVIEW_ALREADY_FILED',
            title: '已申请过复核',
            detail: '复核 was filed already for this decision',
            article: A32,
          });
        // The filing counts when the API received it (a worker backlog at 24:00 must not refuse it),
        // trusted only within a few minutes of the workflow's own clock.
        const received = args.receivedAt ? Date.parse(args.receivedAt) : NaN;
        const filedAt = Math.abs(received - Date.now()) <= 10 * 60_000 ? received : Date.now();
        if (filedAt > Date.parse(delivery.reviewDeadline)) {
          throw refusal({
            code: 'REVIEW_WINDOW_CLOSED',
            title: '已超过申请复核期限',
            detail: `the 复核 window closed at ${delivery.reviewDeadline}`,
            article: A32,
          });
        }
      },
    },
  );

  setHandler(
    decideReview,
    (args) =>
      write(
        async () => {
          review = 'DECIDING';
          const out = await acts.decideReviewRequest({
            sanctionId: d.sanctionId,
            outcome: args.outcome,
            comment: args.comment,
            actorId: args.actor.userId,
            actorRole: args.actor.role,
            at: nowIso(),
            variedTermEndsAt: args.variedTermEndsAt,
            requestId: args.requestId,
          });
          review = 'DECIDED';
          if (args.outcome === 'VARIED') {
            type = 'SUSPENSION';
            delivery = { ...delivery!, termEndsAt: args.variedTermEndsAt, banEndsAt: undefined };
          }
          state = {
            ...state,
            outcome: out,
            review: { filed: true, outcome: args.outcome },
            phase: args.outcome === 'ANNULLED' ? 'ANNULLED' : state.phase,
          };
          version++;
          return out;
        },
        () => (review = 'FILED'),
      ),
    {
      validator: (args) => {
        checkDecider(args.actor);
        // Only once the filing is durable, and one decision at a time.
        if (review !== 'FILED')
          throw refusal({
            code: 'NO_PENDING_REVIEW',
            title: '没有待决定的复核',
            detail: 'there is no pending 复核',
            article: A32,
          });
        if (args.outcome === 'VARIED' && (type !== 'REVOCATION' || !args.variedTermEndsAt)) {
          throw refusal({
            code: 'VARY_ONLY_REVOCATION',
            title: '只能将收缴变更为暂扣',
            detail: 'only a 收缴 can be varied (to a 暂扣)',
            article: A32,
          });
        }
        if (!args.comment.trim())
          throw refusal({
            code: 'COMMENT_REQUIRED',
            title: '请填写复核理由',
            detail: 'a 复核 decision needs its reasons',
            status: 400,
          });
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
    refused = actionFailure(err);
    state = { ...state, phase: 'REFUSED' };
    await condition(allHandlersFinished);
    return state;
  }

  // Until the term (第三十条), the 复核 window and any 复核 (第三十二条) are all over: the next step
  // is domain/sanction.ts nextSanctionStep's.
  while (state.phase !== 'ANNULLED') {
    const step = nextSanctionStep(
      {
        termEndsAt: type === 'SUSPENSION' && state.phase !== 'ENDED' ? delivery!.termEndsAt : undefined,
        reviewDeadline: delivery!.reviewDeadline,
        reviewPending: review === 'FILING' || review === 'FILED',
        // Added after the first histories (patched), so asked only where the loop always asked it.
        escalateAt: () => {
          const due = review === 'FILED' && escalation && !escalation.done && patched('sanction-review-escalation');
          return due ? (escalation!.retryAt ?? escalation!.dueAt) : undefined;
        },
      },
      Date.now(),
    );
    if (step.kind === 'FINISHED') break;
    if (step.kind === 'END_TERM') {
      const out = await persist('endSuspension', { sanctionId: d.sanctionId, at: step.at });
      // A 复核 that annulled meanwhile keeps its ANNULLED phase.
      state = { ...state, outcome: out, phase: state.phase === 'IN_EFFECT' ? 'ENDED' : state.phase };
    } else if (step.kind === 'ESCALATE_REVIEW') {
      // An escalation that fails after its attempts is tried again later by this loop, so it never
      // holds up the end of the term (第三十条) the way a parked step would.
      const e = escalation!;
      if (await bestEffort('escalateReview', { sanctionId: d.sanctionId, at: e.dueAt })) e.done = true;
      else e.retryAt = new Date(Date.now() + parkMinutes(e.retries++) * 60_000).toISOString();
    } else {
      const v = version;
      const changed = () => version !== v;
      if (step.until) await untilOrDone(changed, step.until);
      else await condition(changed);
    }
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
    state = {
      ...state,
      phase: 'ENDED',
      outcome: await persist('endSuspension', { sanctionId: d.sanctionId, at: d.termEndsAt }),
    };
    set(state);
  }
  await condition(allHandlersFinished);
  return state;
}
