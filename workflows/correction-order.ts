// One workflow per correction order (`correction-order-<id>`, 督促整改, 第二十七条第二款): the order goes
// to the officer's agency with a deadline in working days; a reminder before it; the agency reports
// what it corrected and the issuing bureau accepts (closed) or sends it back (the agency may report
// again before the deadline). Nothing reported by the deadline, or a report sent back after it: the
// order is not corrected — escalated, and a 暂扣 proposal on 第二十九条第一款第（四）项 goes to the city
// sanction officer through the complaints' proposal flow (filed once, in the step that closes it).
import { allHandlersFinished, condition, defineQuery, defineUpdate, setHandler } from '@temporalio/workflow';
import type { ActorRef } from '../domain/contracts/actor';
import type { CorrectionOrderInput, CorrectionOutcome } from '../domain/contracts/correction-order';
import { SUPERVISION_ROLES } from '../domain/supervision';
import { acts, bestEffort, persist, persistStart, write } from './activities';
import { deadlineMoved, isLater } from './deadline-moved';
import { refusal } from './refusal';
import { nowIso, untilOrDone } from './time';

export type CorrectionPhase = 'ISSUING' | CorrectionOutcome | 'REPORTED';

export interface CorrectionOrderState {
  orderId: string;
  phase: CorrectionPhase;
  dueAt?: string;
  deadlinePassed: boolean;
  reports: number;
}

interface Acting {
  actor: ActorRef;
  requestId?: string;
}

/** The breach's finding (update-with-start): resolves once the order and its deadline are durable. */
export const issued = defineUpdate<CorrectionOrderState>('issued');
export const reportCorrection = defineUpdate<
  CorrectionOrderState,
  [Acting & { text: string; attachmentIds: string[] }]
>('reportCorrection');
export const decideCorrection = defineUpdate<CorrectionOrderState, [Acting & { accept: boolean; reason?: string }]>(
  'decideCorrection',
);
export const correctionOrderState = defineQuery<CorrectionOrderState>('correctionOrderState');

const A27 = '第二十七条第二款';
const CLOSED: readonly CorrectionPhase[] = ['CORRECTED', 'NOT_CORRECTED'];

export async function correctionOrderWorkflow(input: CorrectionOrderInput): Promise<CorrectionOrderState> {
  const state: CorrectionOrderState = { orderId: input.orderId, phase: 'ISSUING', deadlinePassed: false, reports: 0 };
  let busy = false;
  const closed = () => CLOSED.includes(state.phase);

  /** Who may act (the agency or the issuing bureau), and whether the order is still open to it. */
  function check(a: Acting, who: 'AGENCY' | 'BUREAU', phase: CorrectionPhase): void {
    const fits =
      who === 'AGENCY'
        ? a.actor.role === 'AGENCY_ADMIN' && a.actor.organisationId === input.agencyId
        : (SUPERVISION_ROLES as readonly string[]).includes(a.actor.role) &&
          a.actor.organisationId === input.bureauOrgId;
    if (!fits)
      throw refusal({
        code: 'OUT_OF_SCOPE',
        title: '无权在此范围内操作',
        detail: who === 'AGENCY' ? 'only the agency the order goes to reports' : 'only the issuing bureau decides',
        article: A27,
        status: 403,
      });
    if (closed())
      throw refusal({
        code: 'CORRECTION_ORDER_CLOSED',
        title: '督促整改事项已办结',
        detail: `the order is ${state.phase}`,
        article: A27,
      });
    if (busy)
      throw refusal({
        code: 'CORRECTION_ORDER_BUSY',
        title: '该督促整改事项正在办理中，请稍后重试',
        detail: 'another action on this order is in progress',
      });
    if (state.phase !== phase)
      throw refusal({
        code: phase === 'OPEN' ? 'CORRECTION_REPORT_PENDING' : 'NO_CORRECTION_REPORT',
        title: phase === 'OPEN' ? '整改报告正在审核中' : '没有待审核的整改报告',
        detail: `not possible while the order is ${state.phase}`,
        article: A27,
      });
  }

  async function exclusive(work: () => Promise<void>): Promise<CorrectionOrderState> {
    busy = true;
    try {
      await write(work);
      return state;
    } finally {
      busy = false;
    }
  }

  setHandler(correctionOrderState, () => state);
  setHandler(issued, async () => {
    await condition(() => state.phase !== 'ISSUING');
    return state;
  });

  setHandler(
    reportCorrection,
    (a) =>
      exclusive(async () => {
        await acts.reportCorrection({
          orderId: input.orderId,
          key: `report:${state.reports + 1}`,
          actor: a.actor,
          text: a.text,
          attachmentIds: a.attachmentIds,
          at: nowIso(),
          requestId: a.requestId,
        });
        state.reports++;
        state.phase = 'REPORTED';
      }),
    {
      validator: (a) => {
        check(a, 'AGENCY', 'OPEN');
        // 第二十七条第二款: a report is due by the deadline; after it the order is not corrected — also
        // when the report reaches the workflow in the same task as the deadline's timer (workflow time).
        if (state.deadlinePassed || (state.dueAt !== undefined && Date.now() >= Date.parse(state.dueAt)))
          throw refusal({
            code: 'CORRECTION_DEADLINE_PASSED',
            title: '整改期限已过',
            detail: 'the deadline to report has passed',
            article: A27,
          });
      },
    },
  );

  setHandler(
    decideCorrection,
    (a) =>
      exclusive(async () => {
        state.phase = await acts.decideCorrectionReport({
          orderId: input.orderId,
          actor: a.actor,
          accept: a.accept,
          reason: a.reason,
          deadlinePassed: state.deadlinePassed,
          at: nowIso(),
          requestId: a.requestId,
        });
      }),
    {
      validator: (a) => {
        check(a, 'BUREAU', 'REPORTED');
        if (!a.accept && !a.reason?.trim())
          throw refusal({
            code: 'REASON_REQUIRED',
            title: '退回整改报告须说明理由',
            detail: 'sending a report back needs the reason',
            article: A27,
            status: 400,
          });
      },
    },
  );

  // 民法典 第二百零三条: a deadline computed over a year not entered yet, moved later once it is; the
  // waits below wait again for the new instants (a reminder already sent stays sent).
  let remindAt: string | undefined;
  let reminded = false;
  let moves = 0;
  setHandler(deadlineMoved, (m) => {
    if (m.kind !== 'CORRECTION_ORDER' || m.orderId !== input.orderId || state.deadlinePassed) return;
    if (!isLater(m.dueAt, state.dueAt)) return;
    state.dueAt = m.dueAt;
    if (!reminded && m.remindAt) remindAt = m.remindAt;
    moves++;
  });

  const deadline = await persistStart('issueCorrectionOrder', {
    orderId: input.orderId,
    at: nowIso(),
    requestId: input.requestId,
  });
  state.dueAt = deadline.dueAt;
  remindAt = deadline.remindAt;
  state.phase = 'OPEN';

  // A reminder while nothing is reported; at the deadline, an order still open is not corrected. A
  // report pending the bureau's decision waits for it: sent back now, the order is not corrected.
  for (;;) {
    const seen = moves;
    const moved = () => moves !== seen;
    const alarm = remindAt && !reminded ? remindAt : state.dueAt!;
    if (await untilOrDone(closed, alarm, moved)) break;
    if (moved()) continue;
    if (alarm === remindAt && !reminded) {
      if (state.phase === 'OPEN') await bestEffort('remindCorrectionOrder', { orderId: input.orderId, at: alarm });
      reminded = true;
      continue;
    }
    await condition(() => !busy);
    state.deadlinePassed = true;
    if (state.phase === 'OPEN') {
      await persist('escalateCorrectionOrder', { orderId: input.orderId, at: alarm });
      state.phase = 'NOT_CORRECTED';
    }
    break;
  }
  await condition(closed);
  await condition(allHandlersFinished);
  return state;
}
