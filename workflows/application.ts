// One workflow per application (`application-<id>`): the review chain of 第七条, level by level.
// Human decisions are Workflow Updates; their validators refuse what is not allowed before anything
// is written, and their handlers return only after the decision is durable in PostgreSQL.
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  defineQuery,
  patched,
  defineUpdate,
  setHandler,
} from '@temporalio/workflow';
import { actionFailure, acts, bestEffort, here, persist, persistStart, persistStartHere, write } from './activities';
import type { ActorRef } from '../domain/contracts/actor';
import type {
  ApplicationInput,
  ChainStep,
  DecidedStep,
  DecisionKind,
  DecisionOutcome,
  OpenedTask,
} from '../domain/contracts/application';
import type { HandOver, RecusalDeclaration } from '../domain/contracts/recusal';
import { RECUSAL_ARTICLE } from '../domain/recusal';
import type { OrgLevel } from '../domain/roles';
import { needsReason, REVIEWER_ROLE_OF_LEVEL } from '../domain/review-chain';
import { nextAlarm, type WatchedTask } from '../domain/task-alarms';
import { refusal } from './refusal';
import { DEADLINE_MOVED_PATCH, deadlineMoved, isLater } from './deadline-moved';
import { nowIso, untilOrDone } from './time';

export type ApplicationPhase =
  'SUBMITTING' | 'UNDER_REVIEW' | 'RETURNED' | 'ISSUED' | 'REJECTED' | 'WITHDRAWN' | 'LAPSED' | 'REFUSED';

/**
 * The current task's course, beside the phase the query shows (which the main loop moves when it gets
 * there): UNDECIDED while it waits, DECIDING while a decision is written, then the decision; after a
 * RETURN, RESUBMITTING while the agency's resubmission is written, then RESUBMITTED. While a write is
 * under way a second action racing it is refused before anything is written; a failed one goes back.
 */
type TaskCourse = 'UNDECIDED' | 'DECIDING' | 'APPROVE' | 'REJECT' | 'RETURN' | 'RESUBMITTING' | 'RESUBMITTED';

export interface CurrentTask extends ChainStep {
  taskId: string;
  remindAt: string;
  dueAt: string;
  waiting: boolean;
  consultationId?: string;
  staffingOfficeId?: string;
  final: boolean;
  /** The level of the bureau holding the task when it is not the chain's (第二十条 hand-over). */
  bureauLevel?: OrgLevel;
}

export interface ApplicationState {
  applicationId: string;
  number?: string;
  phase: ApplicationPhase;
  round: number;
  task?: CurrentTask;
  resubmitDeadline?: string;
  certificateNumber?: string;
}

export interface DecideArgs {
  taskId: string;
  decision: DecisionKind;
  comment?: string;
  actor: ActorRef;
  requestId?: string;
}

export const submitted = defineUpdate<ApplicationState>('submitted');
export const decide = defineUpdate<DecisionOutcome, [DecideArgs]>('decide');
export const answerConsultation = defineUpdate<
  ApplicationState,
  [{ consultationId: string; answer: string; actor: ActorRef; requestId?: string }]
>('answerConsultation');
export const resubmit = defineUpdate<
  ApplicationState,
  [{ note?: string; attachmentIds: string[]; actor: ActorRef; requestId?: string }]
>('resubmit');
/** 第二十条: a reviewer declares a conflict; the task goes to a colleague or to the bureau over theirs. */
export const declareConflict = defineUpdate<HandOver, [RecusalDeclaration & { taskId: string }]>('declareConflict');
export const withdraw = defineUpdate<ApplicationState, [{ reason: string; actor: ActorRef; requestId?: string }]>(
  'withdraw',
);
export const applicationState = defineQuery<ApplicationState>('applicationState');

const CLOSED: ApplicationPhase[] = ['ISSUED', 'REJECTED', 'WITHDRAWN', 'LAPSED', 'REFUSED'];

/**
 * Issue #17: the submission, and each decision with the next level's task, in one transaction run by
 * the workflow's own task (a local activity), so each is answered in one workflow task. Histories
 * from before it replay on the remote activities; an instance caught mid-chain takes the new shape
 * from its next decision (the loop then finds the next task opened).
 */
export const ONE_STEP_PATCH = 'one-step-decision';

export async function applicationWorkflow(input: ApplicationInput): Promise<ApplicationState> {
  const state: ApplicationState = { applicationId: input.applicationId, phase: 'SUBMITTING', round: 1 };
  let submitRefusal: ApplicationFailure | undefined;
  let course = 'UNDECIDED' as TaskCourse; // `as`: only handlers and the loop change it, so TypeScript would narrow it
  // Tasks that were current once: a decision naming one of them (and not the current) is stale.
  const pastTasks = new Set<string>();
  const known = (taskId: string) => state.task?.taskId === taskId || pastTasks.has(taskId);
  const withdrawn = () => state.phase === 'WITHDRAWN';
  // Decided from the decision on, through a RETURN's resubmission, until the next task opens: the loop
  // may still be in a reminder or escalation step of this task when the agency resubmits.
  const decided = () => (course !== 'UNDECIDED' && course !== 'DECIDING') || withdrawn();

  function checkAgency(actor: ActorRef): void {
    if (actor.organisationId !== input.organisationId || actor.role !== 'AGENCY_ADMIN') {
      throw refusal({
        code: 'OUT_OF_SCOPE',
        title: '无权在此范围内操作',
        detail: 'only the applying agency may do this',
        status: 403,
      });
    }
  }

  // Reviewers who declared a conflict on this application (第二十条): they act on none of its tasks.
  const recused = new Set<string>();

  let chain: ChainStep[] = [];
  let step = 0; // the chain's index of the current task
  // The next task, when the step that ended the last one opened it too (ONE_STEP_PATCH); null when it
  // found the application no longer under review.
  let opening: OpenedTask | null | undefined;

  /** The current task, neither decided nor being decided, and a reviewer of its bureau who may act on it. */
  function checkTurn(args: { taskId: string; actor: ActorRef }): CurrentTask {
    const task = state.task;
    const open = course === 'UNDECIDED' || course === 'DECIDING';
    if (state.phase !== 'UNDER_REVIEW' || !task || task.taskId !== args.taskId || !open) {
      throw refusal({
        code: 'TASK_NOT_CURRENT',
        title: '该任务不是当前待办任务',
        detail: 'the task is not the current task of this application',
      });
    }
    if (course === 'DECIDING')
      throw refusal({
        code: 'TASK_ALREADY_DECIDED',
        title: '任务已被处理',
        detail: 'another decision on this task is in progress',
      });
    const role = REVIEWER_ROLE_OF_LEVEL[task.bureauLevel ?? task.level];
    if (args.actor.organisationId !== task.bureauId || args.actor.role !== role) {
      throw refusal({
        code: 'OUT_OF_SCOPE',
        title: '无权在此范围内操作',
        detail: 'the task belongs to another bureau or level',
        article: '第七条',
        status: 403,
      });
    }
    if (recused.has(args.actor.userId)) {
      throw refusal({
        code: 'RECUSAL_DECLARED',
        title: '您已申请回避，不能办理本申请',
        detail: 'the reviewer declared a conflict of interest in this application',
        article: RECUSAL_ARTICLE,
        status: 403,
      });
    }
    return task;
  }

  /** A decision on the current task: its turn, no pending consultation, a reason where one is owed (第七条). */
  function checkDecision(args: DecideArgs): void {
    const task = checkTurn(args);
    if (task.waiting) {
      throw refusal({
        code: 'TASK_WAITING_CONSULTATION',
        title: '正在征求机构编制部门意见',
        detail: 'the task waits for the staffing office’s answer',
        article: '第七条第二款',
      });
    }
    if (needsReason(args.decision) && !args.comment?.trim()) {
      throw refusal({
        code: 'COMMENT_REQUIRED',
        title: '请填写理由',
        detail: `${args.decision} needs a comment`,
        status: 400,
      });
    }
  }

  setHandler(applicationState, () => state);

  // 民法典 第二百零三条: a deadline computed over a year whose calendar was not entered yet, moved later
  // once it is. The wait for it ends and starts again until the new instant (never an earlier one).
  let watched: WatchedTask | undefined;
  let deadlineVersion = 0;
  setHandler(deadlineMoved, (move) => {
    if (move.kind === 'REVIEW_TASK') {
      const w = watched;
      if (!w || w.taskId !== move.taskId || state.task?.taskId !== move.taskId || !isLater(move.dueAt, w.dueAt)) return;
      if (!patched(DEADLINE_MOVED_PATCH)) return;
      w.dueAt = move.dueAt;
      if (!w.reminded && isLater(move.remindAt, w.remindAt)) w.remindAt = move.remindAt;
      state.task = { ...state.task, dueAt: w.dueAt, remindAt: w.remindAt ?? state.task.remindAt };
    } else if (move.kind === 'RESUBMISSION') {
      if (state.phase !== 'RETURNED' || !isLater(move.deadline, state.resubmitDeadline)) return;
      if (!patched(DEADLINE_MOVED_PATCH)) return;
      state.resubmitDeadline = move.deadline;
    } else return;
    deadlineVersion++;
  });

  setHandler(submitted, async () => {
    await condition(() => state.phase !== 'SUBMITTING');
    if (submitRefusal) throw submitRefusal;
    return state;
  });

  setHandler(
    decide,
    async (args) => {
      // The task row is committed (and visible in the inbox) a moment before the workflow learns the
      // activity's result: a decision on the task about to become current waits for it, briefly.
      if (!known(args.taskId)) await condition(() => state.task?.taskId === args.taskId, '10 seconds');
      checkDecision(args);
      const task = state.task!;
      return write(
        async () => {
          course = 'DECIDING';
          const d = {
            applicationId: input.applicationId,
            taskId: args.taskId,
            decision: args.decision,
            comment: args.comment,
            actor: args.actor,
            finalLevel: task.final,
            at: nowIso(),
            requestId: args.requestId,
          };
          let result: DecidedStep;
          if (patched(ONE_STEP_PATCH)) {
            const following = args.decision === 'APPROVE' && !task.final ? chain[step + 1] : undefined;
            result = await here.decideAndOpenNext({ ...d, next: following && { round: state.round, ...following } });
            if (result.opened !== undefined) opening = result.opened;
          } else result = await acts.recordDecision(d);
          if (args.decision === 'CONSULT') {
            state.task = { ...task, waiting: true, consultationId: result.consultationId };
            course = 'UNDECIDED';
          } else {
            course = args.decision;
            if (result.resubmitDeadline) state.resubmitDeadline = result.resubmitDeadline;
            if (result.certificateNumber) state.certificateNumber = result.certificateNumber;
          }
          const { opened: _next, ...outcome } = result;
          return outcome;
        },
        // Undone only if nothing moved on meanwhile (an old history may hold a later step).
        () => {
          if (course === 'DECIDING') course = 'UNDECIDED';
        },
      );
    },
    {
      validator: (args) => {
        // A task about to become current: checked by the handler once it is.
        if (state.phase === 'UNDER_REVIEW' && !known(args.taskId)) return;
        checkDecision(args);
      },
    },
  );

  setHandler(
    answerConsultation,
    (args) =>
      write(async () => {
        await acts.answerConsultation({ ...args, at: nowIso() });
        if (state.task) state.task = { ...state.task, waiting: false, consultationId: undefined };
        return state;
      }),
    {
      validator: (args) => {
        if (!state.task?.waiting || state.task.consultationId !== args.consultationId) {
          throw refusal({
            code: 'CONSULTATION_NOT_OPEN',
            title: '该征求意见不在等待答复',
            detail: 'this consultation is not waiting for an answer',
          });
        }
        if (args.actor.role !== 'STAFFING_OFFICE')
          throw refusal({
            code: 'OUT_OF_SCOPE',
            title: '无权在此范围内操作',
            detail: 'only the staffing office answers',
            status: 403,
          });
      },
    },
  );

  setHandler(
    resubmit,
    (args) =>
      write(
        async () => {
          course = 'RESUBMITTING';
          await acts.resubmitApplication({
            applicationId: input.applicationId,
            round: state.round + 1,
            ...args,
            at: nowIso(),
          });
          course = 'RESUBMITTED'; // only now may review restart: the row is UNDER_REVIEW for the next round
          return state;
        },
        () => {
          if (course === 'RESUBMITTING') course = 'RETURN';
        },
      ),
    {
      validator: (args) => {
        checkAgency(args.actor);
        // UNDER_REVIEW too: the return is durable even if the main loop has not moved on yet.
        if ((state.phase !== 'RETURNED' && state.phase !== 'UNDER_REVIEW') || course !== 'RETURN') {
          throw refusal({
            code: 'APPLICATION_NOT_RETURNED',
            title: '申请不处于退回补正状态',
            detail: 'only a returned application can be resubmitted',
          });
        }
        if (state.resubmitDeadline && Date.now() > Date.parse(state.resubmitDeadline)) {
          throw refusal({
            code: 'RESUBMIT_DEADLINE_PASSED',
            title: '已超过补正期限',
            detail: `the resubmission deadline passed at ${state.resubmitDeadline}`,
          });
        }
      },
    },
  );

  setHandler(
    declareConflict,
    (args) =>
      write(
        async () => {
          course = 'DECIDING'; // holds the task: a decision racing the declaration is refused
          const task = state.task!;
          const handOver = await acts.recuseReviewer({
            applicationId: input.applicationId,
            taskId: task.taskId,
            reason: args.reason,
            actor: args.actor,
            requestId: args.requestId,
            at: nowIso(),
          });
          recused.add(args.actor.userId);
          if (handOver.organ && state.task?.taskId === task.taskId) {
            state.task = { ...state.task, bureauId: handOver.organ.id, bureauLevel: handOver.organ.level };
          }
          course = 'UNDECIDED';
          return handOver;
        },
        () => {
          if (course === 'DECIDING') course = 'UNDECIDED';
        },
      ),
    {
      validator: (args) => {
        checkTurn(args);
        if (!args.reason.trim())
          throw refusal({
            code: 'REASON_REQUIRED',
            title: '请填写回避理由',
            detail: 'a reason is required',
            status: 400,
          });
      },
    },
  );

  setHandler(
    withdraw,
    (args) =>
      write(async () => {
        await acts.withdrawApplication({ applicationId: input.applicationId, ...args, at: nowIso() });
        state.phase = 'WITHDRAWN';
        state.task = undefined;
        return state;
      }),
    {
      validator: (args) => {
        checkAgency(args.actor);
        const issuing = course === 'APPROVE' && state.task?.final;
        if (CLOSED.includes(state.phase) || state.phase === 'SUBMITTING' || issuing) {
          throw refusal({
            code: 'APPLICATION_CLOSED',
            title: '申请已办结，不能撤回',
            detail: 'the application has a final decision already',
          });
        }
      },
    },
  );

  /** A task opened: current until decided, then one of the past. */
  function makeCurrent(task: CurrentTask): void {
    state.task = task;
    pastTasks.add(task.taskId);
    course = 'UNDECIDED';
  }

  /** The task's service time: a reminder before its due time, an escalation at it (domain/task-alarms.ts). */
  async function watch(w: WatchedTask): Promise<void> {
    watched = w;
    for (let alarm = nextAlarm(w); alarm; alarm = nextAlarm(w)) {
      const v = deadlineVersion;
      if (await untilOrDone(decided, alarm.at, () => deadlineVersion !== v)) return;
      if (deadlineVersion !== v) continue; // moved later: wait again for the new instant
      if (alarm.kind === 'remind') {
        await bestEffort('remindTask', { taskId: w.taskId, at: alarm.at });
        w.reminded = true;
      } else {
        await persist('escalateTask', { taskId: w.taskId, at: alarm.at });
        w.escalations += 1;
      }
    }
  }

  try {
    const s: { number: string; chain: ChainStep[]; opened?: OpenedTask | null } = patched(ONE_STEP_PATCH)
      ? await persistStartHere('submitAndOpenFirst', { ...input, openAt: nowIso() })
      : await persistStart('submitApplication', input);
    opening = s.opened;
    chain = s.chain;
    state.number = s.number;
    state.phase = 'UNDER_REVIEW';
  } catch (err) {
    submitRefusal = actionFailure(err);
    state.phase = 'REFUSED';
    await condition(allHandlersFinished);
    return state;
  }

  review: while (!withdrawn()) {
    for (step = 0; step < chain.length && !withdrawn(); step++) {
      const link = chain[step];
      const opened =
        opening !== undefined
          ? opening
          : await persist('openTask', {
              applicationId: input.applicationId,
              round: state.round,
              ...link,
              at: nowIso(),
            });
      opening = undefined;
      if (!opened || withdrawn()) break review;
      makeCurrent({ ...link, ...opened, waiting: false, final: step === chain.length - 1 });
      await watch({ ...opened, reminded: false, escalations: 0 });
      await condition(decided);
      if (withdrawn()) break review;
      state.task = undefined;
      if (course === 'APPROVE') continue;
      if (course === 'REJECT') {
        state.phase = 'REJECTED';
        break review;
      }
      // RETURN: the agency corrects and resubmits before the deadline, or the application lapses.
      state.phase = 'RETURNED';
      const back = () => course === 'RESUBMITTED' || withdrawn();
      for (;;) {
        const v = deadlineVersion;
        const moved = () => deadlineVersion !== v;
        const inTime = await untilOrDone(back, state.resubmitDeadline!, moved);
        if (withdrawn()) break review;
        if (inTime) break;
        if (moved()) continue; // the deadline moved later: wait again for the new instant
        // A resubmission committed just before the deadline wins over the lapse (the activity says
        // which); so does a deadline moved later meanwhile, whose signal is on its way.
        const lapsed = await persist('lapseApplication', {
          applicationId: input.applicationId,
          at: state.resubmitDeadline!,
        });
        if (lapsed) {
          if (!withdrawn()) state.phase = 'LAPSED';
          break review;
        }
        await condition(() => back() || moved());
        if (withdrawn()) break review;
        if (back()) break;
      }
      state.round += 1;
      state.resubmitDeadline = undefined;
      state.phase = 'UNDER_REVIEW';
      continue review;
    }
    if (state.phase === 'UNDER_REVIEW') state.phase = 'ISSUED';
    break;
  }
  await condition(allHandlersFinished);
  return state;
}
