// A review task and its decision (第七条): the comment is required except for APPROVE; the decision
// carries one Idempotency-Key per form, so a double click or a retry has one effect; the result is
// shown as soon as the API answers (the answer means the decision is durable).
import { useState } from 'react';
import { useParams } from 'react-router';
import { request } from '../api';
import { fmtDeadline, label, t } from '../i18n';
import type { MessageKey } from '../messages';
import { Loading, ProblemAlert, useAsync, useKeyedSend, useSubmit, Provisional, TextField } from '../ui';
import { RecusalForm, RecusalNotice } from '../recusal';
import { ApplicationView, type Application } from './application-view';

const DECISIONS = ['APPROVE', 'RETURN', 'REJECT', 'CONSULT'] as const;

export function TaskDetail() {
  const { id } = useParams();
  const state = useAsync(
    () =>
      request<{
        task: {
          id: string;
          level: string;
          status: string;
          dueAt: string;
          dueAtProvisional?: boolean;
          overdue: boolean;
          decision: string | null;
        };
        application: Application;
        recusal: 'OWN_CASE' | 'DECLARED' | null;
      }>('GET', `/api/review-tasks/${id}`),
    [id],
  );
  return (
    <section>
      <h1>{t('task.title')}</h1>
      <Loading state={state}>
        {({ task, application, recusal }) => (
          <>
            <p>
              {label(task.level)} · {label(task.status)} · {t('inbox.due')} {fmtDeadline(task.dueAt)}
              <Provisional on={task.dueAtProvisional} />{' '}
              {task.overdue && <span className="badge danger">{t('inbox.overdue')}</span>}
            </p>
            {task.status === 'OPEN' && recusal ? (
              <RecusalNotice ground={recusal} />
            ) : task.status === 'OPEN' ? (
              <>
                <DecisionForm taskId={task.id} onDone={state.reload} />
                <RecusalForm path={`/api/review-tasks/${task.id}/recusal`} back="/" />
              </>
            ) : (
              <p className="ok" role="status">
                {task.decision ? t('task.decided', { decision: label(task.decision) }) : t('task.closed')}
              </p>
            )}
            <ApplicationView a={application} />
          </>
        )}
      </Loading>
    </section>
  );
}

function DecisionForm({ taskId, onDone }: { taskId: string; onDone(): void }) {
  const [decision, setDecision] = useState<(typeof DECISIONS)[number]>('APPROVE');
  const [comment, setComment] = useState('');
  const [result, setResult] = useState<string>();
  const send = useKeyedSend();
  const submit = useSubmit(async () => {
    await send((idempotencyKey) =>
      request('POST', `/api/review-tasks/${taskId}/decision`, {
        body: { decision, comment: comment.trim() || undefined },
        idempotencyKey,
      }),
    );
    setResult(decision);
    onDone();
  });
  if (result)
    return (
      <p className="ok" role="status">
        {t('task.decided', { decision: label(result) })}
      </p>
    );
  return (
    <form
      className="decision"
      onSubmit={(e) => {
        e.preventDefault();
        void submit.run();
      }}
    >
      <fieldset>
        <legend>{t('task.decision')}</legend>
        {DECISIONS.map((d) => (
          <label key={d} className="check">
            <input type="radio" name="decision" value={d} checked={decision === d} onChange={() => setDecision(d)} />{' '}
            {t(`task.${d}` as MessageKey)}
          </label>
        ))}
      </fieldset>
      <TextField
        label={t('task.comment')}
        value={comment}
        onChange={(value) => setComment(value)}
        rows={3}
        maxLength={4000}
        error={submit.fieldError('comment')}
        hint={t('task.commentHint')}
        required={decision !== 'APPROVE'}
      />
      <ProblemAlert error={submit.error} onRetry={() => submit.run()} />
      <button type="submit" disabled={submit.busy}>
        {submit.busy ? t('common.submitting') : t('task.decide')}
      </button>
    </form>
  );
}
