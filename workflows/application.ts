// One workflow per application (`application-<id>`): the review chain of 第七条, level by level.
// Human decisions are Workflow Updates; their validators refuse what is not allowed before anything
// is written, and their handlers return only after the decision is durable in PostgreSQL.
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  defineQuery,
  defineUpdate,
  setHandler,
} from '@temporalio/workflow';
import { actionFailure, acts, bestEffort, persist, persistStart } from './activities';
import type { ActorRef } from '../domain/contracts/actor';
import type { ApplicationInput, ChainStep, DecisionKind, DecisionOutcome } from '../domain/contracts/application';
import { REVIEWER_ROLE_OF_LEVEL } from '../domain/review-chain';
import { refusal } from './refusal';
import { untilOrDone } from './time';


export type ApplicationPhase = 'SUBMITTING' | 'UNDER_REVIEW' | 'RETURNED' | 'ISSUED' | 'REJECTED' | 'WITHDRAWN' | 'LAPSED' | 'REFUSED';

export interface CurrentTask extends ChainStep {
  taskId: string;
  remindAt: string;
  dueAt: string;
  waiting: boolean;
  consultationId?: string;
  staffingOfficeId?: string;
  final: boolean;
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
export const answerConsultation = defineUpdate<ApplicationState, [{ consultationId: string; answer: string; actor: ActorRef; requestId?: string }]>('answerConsultation');
export const resubmit = defineUpdate<ApplicationState, [{ note?: string; attachmentIds: string[]; actor: ActorRef; requestId?: string }]>('resubmit');
export const withdraw = defineUpdate<ApplicationState, [{ reason: string; actor: ActorRef; requestId?: string }]>('withdraw');
export const applicationState = defineQuery<ApplicationState>('applicationState');

const CLOSED: ApplicationPhase[] = ['ISSUED', 'REJECTED', 'WITHDRAWN', 'LAPSED', 'REFUSED'];
const nowIso = () => new Date(Date.now()).toISOString();

export async function applicationWorkflow(input: ApplicationInput): Promise<ApplicationState> {
  const state: ApplicationState = { applicationId: input.applicationId, phase: 'SUBMITTING', round: 1 };
  let submitRefusal: ApplicationFailure | undefined;
  let outcome: 'APPROVE' | 'REJECT' | 'RETURN' | undefined;
  let withdrawn = false;
  let resubmitted = false;
  let resubmitting = false;
  // Set synchronously when a decision handler starts: a second decision on the same task, racing the
  // first inside one workflow activation, sees it and is refused (409) before writing anything.
  let deciding = false;
  // Tasks that were current once: a decision naming one of them (and not the current) is stale.
  const pastTasks = new Set<string>();

  const requireAgency = (actor: ActorRef) => {
    if (actor.organisationId !== input.organisationId || actor.role !== 'AGENCY_ADMIN') {
      throw refusal({ code: 'OUT_OF_SCOPE', title: '无权在此范围内操作', detail: 'only the applying agency may do this', status: 403 });
    }
  };

  setHandler(applicationState, () => state);

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
      const isCurrent = () => state.task?.taskId === args.taskId;
      if (!isCurrent() && !pastTasks.has(args.taskId)) await condition(isCurrent, '10 seconds');
      const task = state.task;
      if (deciding) throw refusal({ code: 'TASK_ALREADY_DECIDED', title: '任务已被处理', detail: 'another decision on this task is in progress' });
      if (!task || task.taskId !== args.taskId || outcome || withdrawn) {
        throw refusal({ code: 'TASK_NOT_CURRENT', title: '该任务不是当前待办任务', detail: 'the task is not the current task of this application' });
      }
      checkDecision(task, args);
      deciding = true;
      try {
        const result = await acts.recordDecision({
          applicationId: input.applicationId,
          taskId: args.taskId,
          decision: args.decision,
          comment: args.comment,
          actor: args.actor,
          finalLevel: task.final,
          at: nowIso(),
          requestId: args.requestId,
        });
        if (args.decision === 'CONSULT') state.task = { ...task, waiting: true, consultationId: result.consultationId };
        else {
          outcome = args.decision;
          if (result.resubmitDeadline) state.resubmitDeadline = result.resubmitDeadline;
          if (result.certificateNumber) state.certificateNumber = result.certificateNumber;
        }
        return result;
      } catch (err) {
        throw actionFailure(err);
      } finally {
        deciding = false;
      }
    },
    {
      validator: (args) => {
        const task = state.task;
        const upcoming = state.phase === 'UNDER_REVIEW' && !pastTasks.has(args.taskId) && task?.taskId !== args.taskId;
        if (upcoming) return; // checked again by the handler once the task is current
        if (state.phase !== 'UNDER_REVIEW' || !task || task.taskId !== args.taskId || outcome) {
          throw refusal({ code: 'TASK_NOT_CURRENT', title: '该任务不是当前待办任务', detail: 'the task is not the current task of this application' });
        }
        if (deciding) throw refusal({ code: 'TASK_ALREADY_DECIDED', title: '任务已被处理', detail: 'another decision on this task is in progress' });
        checkDecision(task, args);
      },
    },
  );

  /** Bureau, level, consultation and reason rules of a decision on the current task (第七条). */
  function checkDecision(task: CurrentTask, args: DecideArgs): void {
        if (args.actor.organisationId !== task.bureauId || args.actor.role !== REVIEWER_ROLE_OF_LEVEL[task.level]) {
          throw refusal({ code: 'OUT_OF_SCOPE', title: '无权在此范围内操作', detail: 'the task belongs to another bureau or level', article: '第七条', status: 403 });
        }
        if (task.waiting) {
          throw refusal({ code: 'TASK_WAITING_CONSULTATION', title: '正在征求机构编制部门意见', detail: 'the task waits for the staffing office’s answer', article: '第七条第二款' });
        }
        if (args.decision !== 'APPROVE' && !args.comment?.trim()) {
          throw refusal({ code: 'COMMENT_REQUIRED', title: '请填写理由', detail: `${args.decision} needs a comment`, status: 400 });
        }
  }

  setHandler(
    answerConsultation,
    async (args) => {
      try {
        await acts.answerConsultation({ ...args, at: nowIso() });
      } catch (err) {
        throw actionFailure(err);
      }
      if (state.task) state.task = { ...state.task, waiting: false, consultationId: undefined };
      return state;
    },
    {
      validator: (args) => {
        if (!state.task?.waiting || state.task.consultationId !== args.consultationId) {
          throw refusal({ code: 'CONSULTATION_NOT_OPEN', title: '该征求意见不在等待答复', detail: 'this consultation is not waiting for an answer' });
        }
        if (args.actor.role !== 'STAFFING_OFFICE') throw refusal({ code: 'OUT_OF_SCOPE', title: '无权在此范围内操作', detail: 'only the staffing office answers', status: 403 });
      },
    },
  );

  setHandler(
    resubmit,
    async (args) => {
      resubmitting = true; // at once: a second resubmission racing this one is refused
      try {
        await acts.resubmitApplication({ applicationId: input.applicationId, round: state.round + 1, ...args, at: nowIso() });
      } catch (err) {
        throw actionFailure(err);
      } finally {
        resubmitting = false;
      }
      // Only now may review restart: the row is UNDER_REVIEW for the next round.
      resubmitted = true;
      return state;
    },
    {
      validator: (args) => {
        requireAgency(args.actor);
        // `outcome === 'RETURN'`: the return is durable even if the main loop has not moved on yet.
        if ((state.phase !== 'RETURNED' && !(state.phase === 'UNDER_REVIEW' && outcome === 'RETURN')) || resubmitted || resubmitting) {
          throw refusal({ code: 'APPLICATION_NOT_RETURNED', title: '申请不处于退回补正状态', detail: 'only a returned application can be resubmitted' });
        }
        if (state.resubmitDeadline && Date.now() > Date.parse(state.resubmitDeadline)) {
          throw refusal({ code: 'RESUBMIT_DEADLINE_PASSED', title: '已超过补正期限', detail: `the resubmission deadline passed at ${state.resubmitDeadline}` });
        }
      },
    },
  );

  setHandler(
    withdraw,
    async (args) => {
      try {
        await acts.withdrawApplication({ applicationId: input.applicationId, ...args, at: nowIso() });
      } catch (err) {
        throw actionFailure(err);
      }
      withdrawn = true;
      state.phase = 'WITHDRAWN';
      state.task = undefined;
      return state;
    },
    {
      validator: (args) => {
        requireAgency(args.actor);
        if (CLOSED.includes(state.phase) || state.phase === 'SUBMITTING' || (outcome === 'APPROVE' && state.task?.final)) {
          throw refusal({ code: 'APPLICATION_CLOSED', title: '申请已办结，不能撤回', detail: 'the application has a final decision already' });
        }
      },
    },
  );

  let chain: ChainStep[];
  try {
    const s = await persistStart('submitApplication', input);
    chain = s.chain;
    state.number = s.number;
    state.phase = 'UNDER_REVIEW';
  } catch (err) {
    submitRefusal = actionFailure(err);
    state.phase = 'REFUSED';
    await condition(allHandlersFinished);
    return state;
  }

  review: while (!withdrawn) {
    for (let i = 0; i < chain.length && !withdrawn; i++) {
      const step = chain[i];
      const opened = await persist('openTask', { applicationId: input.applicationId, round: state.round, level: step.level, bureauId: step.bureauId, at: nowIso() });
      if (!opened || withdrawn) break review;
      state.task = { ...step, ...opened, waiting: false, final: i === chain.length - 1 };
      pastTasks.add(opened.taskId);
      outcome = undefined;
      const decided = () => outcome !== undefined || withdrawn;
      // The SLA: a reminder before the due time, an escalation at it (durable timers, stored instants).
      if (!(await untilOrDone(decided, opened.remindAt))) await bestEffort('remindTask', { taskId: opened.taskId, at: opened.remindAt });
      if (!(await untilOrDone(decided, opened.dueAt))) await persist('escalateTask', { taskId: opened.taskId, at: opened.dueAt });
      await condition(decided);
      if (withdrawn) break review;
      state.task = undefined;
      if (outcome === 'APPROVE') continue;
      if (outcome === 'REJECT') {
        state.phase = 'REJECTED';
        break review;
      }
      // RETURN: the agency corrects and resubmits before the deadline, or the application lapses.
      state.phase = 'RETURNED';
      const back = await untilOrDone(() => resubmitted || withdrawn, state.resubmitDeadline!);
      if (withdrawn) break review;
      // A resubmission committed just before the deadline wins over the lapse (the activity says which).
      if (!back && (await persist('lapseApplication', { applicationId: input.applicationId, at: state.resubmitDeadline! }))) {
        if (!withdrawn) state.phase = 'LAPSED';
        break review;
      }
      if (!back) await condition(() => resubmitted || withdrawn);
      if (withdrawn) break review;
      state.round += 1;
      resubmitted = false;
      state.resubmitDeadline = undefined;
      state.phase = 'UNDER_REVIEW';
      continue review;
    }
    if (!withdrawn && state.phase === 'UNDER_REVIEW') state.phase = 'ISSUED';
    break;
  }
  await condition(allHandlersFinished);
  return state;
}
