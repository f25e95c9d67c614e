// One workflow per exam session (`exam-session-<id>`, 第六条), started when the bureau publishes it:
// open for registration until the stored instant the list closes (24:00 Asia/Shanghai of the last
// day, a durable timer), then the list is closed and the agencies with registrations are told; then
// it waits for the results import, and ends. Registrations, resubmissions, the bureau's decisions and
// the results import are Updates: a validator refuses what the session does not allow before anything
// is written; the handler answers once its activity has committed.
import {
  allHandlersFinished,
  condition,
  currentUpdateInfo,
  defineQuery,
  defineUpdate,
  setHandler,
} from '@temporalio/workflow';
import type { ActorRef } from '../domain/contracts/actor';
import type { ExamResultInput, ExamSessionInput, RegistrationInput } from '../domain/contracts/exam';
import { RESULTS_ALREADY_IMPORTED, RESULTS_IN, type ExamSessionStatus } from '../domain/exam-registration';
import { acts, persist, write } from './activities';
import { refusal } from './refusal';
import { nowIso, untilOrDone } from './time';

export interface ExamSessionState {
  sessionId: string;
  status: ExamSessionStatus;
  /** The results being written (a second import racing it is refused). */
  importing: boolean;
}

type Registered = { registrationId: string };
interface Acting {
  actor: ActorRef;
  requestId?: string;
}

/** Publication (update-with-start): resolves once the agencies have been told. */
export const published = defineUpdate<ExamSessionState>('published');
export const register = defineUpdate<Registered, [Acting & RegistrationInput]>('register');
export const resubmit = defineUpdate<Registered, [Acting & { registrationId: string; attachmentIds: string[] }]>(
  'resubmit',
);
export const decide = defineUpdate<
  Registered,
  [Acting & { registrationId: string; confirm: boolean; reason?: string }]
>('decide');
export const importResults = defineUpdate<
  { imported: number },
  [Acting & { fileName: string; results: ExamResultInput[] }]
>('importResults');
export const examSessionState = defineQuery<ExamSessionState>('examSessionState');

const A6 = '第六条';

export async function examSessionWorkflow(input: ExamSessionInput): Promise<ExamSessionState> {
  const state: ExamSessionState = { sessionId: input.sessionId, status: 'OPEN', importing: false };
  let announced = false;
  const key = () => currentUpdateInfo()!.id;
  const step = (a: Acting) => ({
    sessionId: input.sessionId,
    key: key(),
    actor: a.actor,
    at: nowIso(),
    requestId: a.requestId,
  });

  /** The organising bureau's staff decide and import (第六条); anyone else: 403. */
  function bureauOnly(a: Acting): void {
    if (a.actor.organisationId !== input.bureauId)
      throw refusal({
        code: 'OUT_OF_SCOPE',
        title: '无权在此范围内操作',
        detail: 'only the organising bureau acts on the session',
        article: A6,
        status: 403,
      });
  }
  /** 第六条: registration closes at the stored instant, whatever the workflow has done yet. */
  function listOpen(a: Acting): void {
    if (a.actor.role !== 'AGENCY_ADMIN')
      throw refusal({ code: 'OUT_OF_SCOPE', title: '无权在此范围内操作', detail: 'an agency registers', status: 403 });
    if (state.status !== 'OPEN' || Date.now() >= Date.parse(input.closesAt))
      throw refusal({
        code: 'REGISTRATION_CLOSED',
        title: '本场考试报名已截止',
        detail: 'the registration list of the session is closed',
        article: A6,
      });
  }

  setHandler(examSessionState, () => state);
  setHandler(published, async () => {
    await condition(() => announced);
    return state;
  });
  setHandler(
    register,
    (a) => write(() => acts.registerForExam({ ...step(a), officerId: a.officerId, attachmentIds: a.attachmentIds })),
    {
      validator: listOpen,
    },
  );
  setHandler(
    resubmit,
    (a) =>
      write(() =>
        acts.resubmitExamRegistration({ ...step(a), registrationId: a.registrationId, attachmentIds: a.attachmentIds }),
      ),
    { validator: listOpen },
  );
  setHandler(
    decide,
    (a) =>
      write(() =>
        acts.decideExamRegistration({
          ...step(a),
          registrationId: a.registrationId,
          confirm: a.confirm,
          reason: a.reason,
        }),
      ),
    {
      validator: (a) => {
        bureauOnly(a);
        // 第六条: the list the results were read against does not change under an import in flight.
        if (state.status === 'RESULTS_IMPORTED' || state.importing) throw refusal(RESULTS_IN);
        if (!a.confirm && !a.reason?.trim())
          throw refusal({
            code: 'REASON_REQUIRED',
            title: '退回须说明理由',
            detail: 'a refusal needs its reason',
            status: 400,
          });
      },
    },
  );
  setHandler(
    importResults,
    (a) =>
      write(
        async () => {
          state.importing = true;
          const out = await acts.importExamResults({ ...step(a), fileName: a.fileName, results: a.results });
          state.status = 'RESULTS_IMPORTED';
          state.importing = false;
          return { imported: out.imported };
        },
        () => (state.importing = false),
      ),
    {
      validator: (a) => {
        bureauOnly(a);
        if (state.status === 'OPEN')
          throw refusal({
            code: 'REGISTRATION_STILL_OPEN',
            title: '报名尚未截止，不能导入成绩',
            detail: 'results are imported after the registration list has closed',
            article: A6,
          });
        if (state.status === 'RESULTS_IMPORTED' || state.importing) throw refusal(RESULTS_ALREADY_IMPORTED);
      },
    },
  );

  await persist('announceExamSession', { sessionId: input.sessionId, at: nowIso() });
  announced = true;
  // The durable timer: the stored instant, so a restart or a redeploy does not move it.
  await untilOrDone(() => false, input.closesAt);
  state.status = 'CLOSED';
  await persist('closeExamRegistration', { sessionId: input.sessionId, at: input.closesAt });
  await condition(() => state.status === 'RESULTS_IMPORTED');
  await condition(allHandlersFinished);
  return state;
}
