// One workflow per complaint (`complaint-<id>`, 第二十八条): acceptance or transfer to the competent
// organ, investigation with a deadline (reminder, escalation, one approved extension), the result
// (optionally a sanction proposal), and the feedback to the complainant — without which the complaint
// cannot close; a missing feedback is escalated again and again. A reopened complaint runs again under
// the same workflow ID. The complainant's identity never enters this history (第二十五条).
import { allHandlersFinished, condition, defineQuery, defineUpdate, patched, setHandler } from '@temporalio/workflow';
import type { ActorRef } from '../domain/contracts/actor';
import type { ComplaintInput, SanctionProposalInput } from '../domain/contracts/complaint';
import { feedbackChannelRefusal, type ComplaintFinding, type FeedbackChannel } from '../domain/complaint';
import { nextAlarm, type WatchedTask } from '../domain/task-alarms';
import { RECUSAL_ARTICLE } from '../domain/recusal';
import { acts, bestEffort, persist, write } from './activities';
import { refusal } from './refusal';
import { DEADLINE_MOVED_PATCH, deadlineMoved, isLater } from './deadline-moved';
import { nowIso, untilOrDone } from './time';

export type ComplaintPhase = 'RECEIVING' | 'ACCEPTANCE' | 'INVESTIGATION' | 'FEEDBACK' | 'FEEDBACK_GIVEN' | 'CLOSED';

export interface ComplaintState {
  complaintId: string;
  round: number;
  phase: ComplaintPhase;
  handlingOrgId: string;
  /** The open task of the current phase (acceptance, investigation or feedback). */
  taskId?: string;
  extension?: 'REQUESTED' | 'APPROVED' | 'REFUSED';
  extensionTaskId?: string;
  transfers: number;
}

interface Acting {
  actor: ActorRef;
  requestId?: string;
}

/** Intake (update-with-start): resolves once the acceptance task is durable. */
export const received = defineUpdate<ComplaintState>('received');
/** Reopening (update-with-start of a new run): resolves once the new investigation task is durable. */
export const reopened = defineUpdate<ComplaintState>('reopened');
export const accept = defineUpdate<ComplaintState, [Acting & { investigatorId: string }]>('accept');
export const transfer = defineUpdate<ComplaintState, [Acting & { toOrgId: string; reason: string }]>('transfer');
export const requestExtension = defineUpdate<ComplaintState, [Acting & { reason: string }]>('requestExtension');
export const decideExtension = defineUpdate<ComplaintState, [Acting & { approve: boolean; comment: string }]>(
  'decideExtension',
);
export const recordResult = defineUpdate<
  ComplaintState,
  [Acting & { finding: ComplaintFinding; measures: string; proposal?: SanctionProposalInput }]
>('recordResult');
export const recordFeedback = defineUpdate<ComplaintState, [Acting & { channel: FeedbackChannel; content: string }]>(
  'recordFeedback',
);
/** 第二十条: a handler (or the investigator) declares a conflict; the case goes to a colleague or the organ over theirs. */
export const declareConflict = defineUpdate<ComplaintState, [Acting & { reason: string }]>('declareConflict');
export const close = defineUpdate<ComplaintState, [Acting & { note?: string }]>('close');
export const addInformation = defineUpdate<ComplaintState, [{ text: string; requestId?: string }]>('addInformation');
export const complaintState = defineQuery<ComplaintState>('complaintState');

const A28 = '第二十八条';

export async function complaintWorkflow(input: ComplaintInput): Promise<ComplaintState> {
  const state: ComplaintState = {
    complaintId: input.complaintId,
    round: input.round,
    phase: 'RECEIVING',
    handlingOrgId: input.handlingOrgId,
    transfers: 0,
  };
  let steps = 0;
  // Names each task-opening step, so a retried activity opens its task once. The key is used up only
  // when its step succeeds: an action sent again after a failed last attempt (which may have
  // committed) reuses it, and finds the task it opened instead of opening a second one.
  const nextKey = () => `${input.round}:${steps + 1}`;
  const keyUsed = <T>(out: T): T => {
    steps++;
    return out;
  };
  // The staff action being written, if any: a second one racing it is refused before anything is
  // written. Only the handler that set it clears it, whatever happens (the complainant's additions
  // run beside staff actions and never touch it).
  let busy: number | undefined;
  let writes = 0;
  let watched: WatchedTask | undefined;
  let version = 0;
  const watch = (w: WatchedTask | undefined) => {
    watched = w;
    state.taskId = w?.taskId;
    version++;
  };
  const base = { complaintId: input.complaintId };
  // Who declared a conflict on this complaint in this run (第二十条); the API refuses them in every run.
  const recused = new Set<string>();

  /**
   * Writes a staff action (`write`, workflows/activities.ts) and answers with the state; it holds the
   * busy mark until it ends, however it ends.
   */
  async function staffWrite(work: () => Promise<void>, undo?: () => void): Promise<ComplaintState> {
    const mine = (busy = ++writes);
    try {
      await write(work, undo);
      return state;
    } finally {
      if (busy === mine) busy = undefined;
    }
  }

  /** The phase, the role and the organ of an action; refusals are final answers for the API. */
  function check(
    a: Acting,
    phases: ComplaintPhase[],
    role: 'COMPLAINT_HANDLER' | 'SUPERVISOR' = 'COMPLAINT_HANDLER',
  ): void {
    if (a.actor.role !== role || a.actor.organisationId !== state.handlingOrgId) {
      throw refusal({
        code: 'OUT_OF_SCOPE',
        title: '无权在此范围内操作',
        detail: `only the handling organ's ${role} may do this`,
        article: A28,
        status: 403,
      });
    }
    if (recused.has(a.actor.userId))
      throw refusal({
        code: 'RECUSAL_DECLARED',
        title: '您已申请回避，不能办理本投诉',
        detail: 'the handler declared a conflict of interest in this complaint',
        article: RECUSAL_ARTICLE,
        status: 403,
      });
    if (busy !== undefined)
      throw refusal({
        code: 'COMPLAINT_BUSY',
        title: '该投诉正在办理中，请稍后重试',
        detail: 'another action on this complaint is in progress',
      });
    if (!phases.includes(state.phase)) {
      throw refusal({
        code: 'COMPLAINT_WRONG_STAGE',
        title: '投诉举报当前阶段不能进行此操作',
        detail: `not possible while the complaint is ${state.phase}`,
        article: A28,
      });
    }
  }

  setHandler(complaintState, () => state);
  // 民法典 第二百零三条: the current task's deadline, computed over a year not entered yet, moved later
  // once it is; the watch below waits again for the new instants (a reminder already sent stays sent).
  setHandler(deadlineMoved, (move) => {
    const w = watched;
    if (move.kind !== 'COMPLAINT_TASK' || !w || w.taskId !== move.taskId || w.escalations > 0) return;
    if (!isLater(move.dueAt, w.dueAt) || !patched(DEADLINE_MOVED_PATCH)) return;
    w.dueAt = move.dueAt;
    if (!w.reminded && move.remindAt) w.remindAt = move.remindAt;
    version++;
  });
  setHandler(received, async () => {
    await condition(() => state.phase !== 'RECEIVING');
    return state;
  });
  setHandler(
    reopened,
    async () => {
      await condition(() => state.phase !== 'RECEIVING');
      return state;
    },
    {
      validator: () => {
        if (!input.reopen || state.phase !== 'RECEIVING')
          throw refusal({
            code: 'COMPLAINT_NOT_CLOSED',
            title: '投诉举报尚未办结',
            detail: 'only a closed complaint can be reopened',
          });
      },
    },
  );

  setHandler(
    accept,
    (a) =>
      staffWrite(async () => {
        watch(
          keyUsed(
            await acts.acceptComplaint({
              ...base,
              key: nextKey(),
              taskId: state.taskId!,
              actor: a.actor,
              investigatorId: a.investigatorId,
              at: nowIso(),
              requestId: a.requestId,
            }),
          ),
        );
        state.phase = 'INVESTIGATION';
      }),
    { validator: (a) => check(a, ['ACCEPTANCE']) },
  );

  setHandler(
    transfer,
    (a) =>
      staffWrite(async () => {
        // 第二十八条 转交有权机关: the new organ accepts; the feedback obligation stays with this workflow.
        watch(
          keyUsed(
            await acts.transferComplaint({
              ...base,
              key: nextKey(),
              taskId: state.taskId!,
              actor: a.actor,
              toOrgId: a.toOrgId,
              reason: a.reason,
              at: nowIso(),
              requestId: a.requestId,
            }),
          ),
        );
        state.handlingOrgId = a.toOrgId;
        state.transfers++;
      }),
    {
      validator: (a) => {
        check(a, ['ACCEPTANCE']);
        if (a.toOrgId === state.handlingOrgId)
          throw refusal({
            code: 'TRANSFER_TO_SELF',
            title: '不能转交本机关',
            detail: 'a complaint is transferred to another organ',
            article: A28,
            status: 422,
          });
      },
    },
  );

  setHandler(
    requestExtension,
    (a) =>
      staffWrite(
        async () => {
          state.extension = 'REQUESTED';
          state.extensionTaskId = keyUsed(
            await acts.requestExtension({
              ...base,
              key: nextKey(),
              actor: a.actor,
              reason: a.reason,
              at: nowIso(),
              requestId: a.requestId,
            }),
          ).taskId;
        },
        () => (state.extension = undefined),
      ),
    {
      validator: (a) => {
        check(a, ['INVESTIGATION']);
        if (state.extension)
          throw refusal({
            code: 'EXTENSION_ALREADY_REQUESTED',
            title: '本轮调查已申请过延期',
            detail: 'one extension per investigation',
            article: A28,
          });
      },
    },
  );

  setHandler(
    decideExtension,
    (a) =>
      staffWrite(async () => {
        const w = await acts.decideExtension({
          ...base,
          taskId: state.extensionTaskId!,
          investigationTaskId: state.taskId!,
          approve: a.approve,
          comment: a.comment,
          actor: a.actor,
          at: nowIso(),
          requestId: a.requestId,
        });
        state.extension = a.approve ? 'APPROVED' : 'REFUSED';
        if (w) watch(w); // the new deadline: reminder and escalation re-armed
      }),
    {
      validator: (a) => {
        // The organ's head (its SUPERVISOR) approves an extension.
        check(a, ['INVESTIGATION'], 'SUPERVISOR');
        if (state.extension !== 'REQUESTED')
          throw refusal({
            code: 'NO_PENDING_EXTENSION',
            title: '没有待审批的延期申请',
            detail: 'there is no pending extension request',
            article: A28,
          });
      },
    },
  );

  setHandler(
    declareConflict,
    (a) =>
      staffWrite(async () => {
        const handOver = await acts.recuseHandler({
          ...base,
          actor: a.actor,
          reason: a.reason,
          at: nowIso(),
          requestId: a.requestId,
        });
        recused.add(a.actor.userId);
        if (handOver.organ) state.handlingOrgId = handOver.organ.id;
      }),
    { validator: (a) => check(a, ['ACCEPTANCE', 'INVESTIGATION', 'FEEDBACK', 'FEEDBACK_GIVEN']) },
  );

  setHandler(
    recordResult,
    (a) =>
      staffWrite(async () => {
        watch(
          keyUsed(
            await acts.recordResult({
              ...base,
              key: nextKey(),
              taskId: state.taskId!,
              actor: a.actor,
              finding: a.finding,
              measures: a.measures,
              proposal: a.proposal,
              at: nowIso(),
              requestId: a.requestId,
            }),
          ),
        );
        state.phase = 'FEEDBACK';
      }),
    { validator: (a) => check(a, ['INVESTIGATION']) },
  );

  setHandler(
    recordFeedback,
    (a) =>
      staffWrite(async () => {
        await acts.recordFeedback({
          ...base,
          taskId: state.taskId!,
          actor: a.actor,
          channel: a.channel,
          content: a.content,
          at: nowIso(),
          requestId: a.requestId,
        });
        watch(undefined);
        state.phase = 'FEEDBACK_GIVEN';
      }),
    {
      validator: (a) => {
        check(a, ['FEEDBACK']);
        const wrong = feedbackChannelRefusal(input.hasContact, a.channel);
        if (wrong)
          throw refusal({
            code: 'FEEDBACK_CHANNEL',
            title: '告知方式不适用于该投诉',
            detail: wrong,
            article: A28,
            status: 422,
          });
      },
    },
  );

  setHandler(
    close,
    (a) =>
      staffWrite(async () => {
        await acts.closeComplaint({ ...base, actor: a.actor, note: a.note, at: nowIso(), requestId: a.requestId });
        state.phase = 'CLOSED';
        version++;
      }),
    {
      validator: (a) => {
        check(a, ['ACCEPTANCE', 'INVESTIGATION', 'FEEDBACK', 'FEEDBACK_GIVEN']);
        if (state.phase !== 'FEEDBACK_GIVEN') {
          throw refusal({
            code: 'FEEDBACK_REQUIRED',
            title: '未告知投诉人处理结果，不能办结',
            detail: 'the result must be told to the complainant (feedback recorded) before the complaint closes',
            article: A28,
          });
        }
      },
    },
  );

  setHandler(
    addInformation,
    (a) =>
      write(async () => {
        await acts.addComplaintInformation({ ...base, text: a.text, at: nowIso(), requestId: a.requestId });
        return state;
      }),
    {
      validator: (a) => {
        if (state.phase === 'RECEIVING' || state.phase === 'CLOSED')
          throw refusal({
            code: 'COMPLAINT_CLOSED',
            title: '投诉举报已办结',
            detail: 'information can be added only while the complaint is open',
            article: A28,
          });
        if (!a.text.trim())
          throw refusal({
            code: 'TEXT_REQUIRED',
            title: '请填写补充内容',
            detail: 'the added information is empty',
            status: 400,
          });
      },
    },
  );

  if (input.reopen) {
    watch(
      keyUsed(
        await persist('reopenComplaint', {
          ...base,
          key: nextKey(),
          round: input.round,
          actor: input.reopen.actor,
          reason: input.reopen.reason,
          at: nowIso(),
          requestId: input.requestId,
        }),
      ),
    );
    state.phase = 'INVESTIGATION';
  } else {
    watch(
      keyUsed(await persist('receiveComplaint', { ...base, key: nextKey(), at: nowIso(), requestId: input.requestId })),
    );
    state.phase = 'ACCEPTANCE';
  }

  // The watch over the current task: a reminder before its due time, an escalation at it — for the
  // feedback again and again until it is recorded (第二十八条). A handler that replaces the task re-arms it.
  const closed = (): boolean => state.phase === 'CLOSED';
  while (!closed()) {
    const w = watched;
    const v = version;
    const changed = () => version !== v;
    const alarm = w && nextAlarm(w);
    if (!w || !alarm) {
      await condition(changed);
      continue;
    }
    if (await untilOrDone(changed, alarm.at)) continue;
    if (alarm.kind === 'remind') {
      await bestEffort('remindComplaintTask', { taskId: w.taskId, at: alarm.at });
      w.reminded = true;
    } else {
      await persist('escalateComplaintTask', { taskId: w.taskId, at: alarm.at, count: w.escalations + 1 });
      w.escalations += 1;
    }
  }
  await condition(allHandlersFinished);
  return state;
}
