// A complaint's page for its handlers and supervisors (第二十八条): the facts, the timeline and the
// handler's next step (accept, result, feedback, close). The complainant's identity is shown only
// where the API returns it (第二十五条).
import { useState } from 'react';
import { useParams } from 'react-router';
import { COMPLAINT_FINDINGS, FEEDBACK_CHANNELS } from '../../../domain/complaint';
import { request } from '../api';
import { COMPLAINT_EVENT_LABELS } from '../../../domain/labels';
import { eventLabel, fmtDateTime, fmtDeadline, label, t } from '../i18n';
import { useSession } from '../session';
import { RecusalForm } from '../recusal';
import { ActionForm, Field, Loading, Provisional, useAsync, TextField } from '../ui';

interface Complaint {
  id: string;
  number: string;
  status: string;
  handlingOrg: { name: string };
  complainant: { kind: string; anonymous: boolean; name: string | null; contact: string | null };
  subjects: { name: string; certificateNumber: string | null }[];
  facts: string;
  occurredAt: string;
  place: string;
  result: { finding: string; measures: string | null } | null;
  feedback: { dueAt: string | null; channel: string | null; content: string | null; at: string | null };
  tasks: { id: string; kind: string; status: string; dueAt: string; dueAtProvisional?: boolean; overdue: boolean }[];
  timeline: { type: string; comment: string | null; occurredAt: string }[];
}

export function ComplaintDetail() {
  const { id } = useParams();
  const { has } = useSession();
  const c = useAsync(() => request<Complaint>('GET', `/api/complaints/${id}`), [id]);
  return (
    <section>
      <h1>{t('complaint.detail')}</h1>
      <Loading state={c}>
        {(x) => {
          const handler = has('COMPLAINT_HANDLER');
          return (
            <>
              <dl className="grid">
                <dt>{t('complaint.number')}</dt>
                <dd>{x.number}</dd>
                <dt>{t('app.field.status')}</dt>
                <dd data-testid="complaint-state">{label(x.status)}</dd>
                <dt>{t('complaint.handlingOrgan')}</dt>
                <dd>{x.handlingOrg.name}</dd>
                <dt>{t('complaint.complainant')}</dt>
                <dd>
                  {x.complainant.anonymous
                    ? t('complaint.anonymous')
                    : `${x.complainant.name}（${x.complainant.contact ?? ''}）`}
                </dd>
                <dt>{t('complaint.certificate')}</dt>
                <dd>{x.subjects.map((s) => s.certificateNumber ?? s.name).join('、')}</dd>
                <dt>{t('complaint.facts')}</dt>
                <dd>{x.facts}</dd>
                <dt>{t('complaint.occurredAt')}</dt>
                <dd>
                  {fmtDateTime(x.occurredAt)} · {x.place}
                </dd>
              </dl>
              {handler && x.status === 'AWAITING_ACCEPTANCE' && (
                <Step id={x.id} path="accept" title={t('complaint.accept')} onDone={c.reload} />
              )}
              {handler && x.status === 'INVESTIGATING' && <ResultForm id={x.id} onDone={c.reload} />}
              {handler && x.status === 'AWAITING_FEEDBACK' && (
                <FeedbackForm id={x.id} anonymous={!x.complainant.contact} onDone={c.reload} />
              )}
              {handler && x.status === 'FEEDBACK_GIVEN' && (
                <Step id={x.id} path="close" title={t('complaint.close')} onDone={c.reload} />
              )}
              {handler &&
                ['AWAITING_ACCEPTANCE', 'INVESTIGATING', 'AWAITING_FEEDBACK', 'FEEDBACK_GIVEN'].includes(x.status) && (
                  <RecusalForm path={`/api/complaints/${x.id}/recusal`} back="/complaint-tasks" />
                )}
              {x.tasks.some((k) => k.status === 'OPEN') && (
                <>
                  <h2>{t('complaint.tasks')}</h2>
                  <ul data-testid="complaint-tasks">
                    {x.tasks
                      .filter((k) => k.status === 'OPEN')
                      .map((k) => (
                        <li key={k.id}>
                          {label(k.kind)} · {t('inbox.due')} {fmtDeadline(k.dueAt)}
                          <Provisional on={k.dueAtProvisional} />
                          {k.overdue && <span className="badge danger">{t('inbox.overdue')}</span>}
                        </li>
                      ))}
                  </ul>
                </>
              )}
              <h2>{t('task.timeline')}</h2>
              <ol className="timeline">
                {x.timeline.map((e, i) => (
                  <li key={i}>
                    <time>{fmtDateTime(e.occurredAt)}</time> {eventLabel(COMPLAINT_EVENT_LABELS, e.type)}{' '}
                    {e.comment && <span className="comment">{e.comment}</span>}
                  </li>
                ))}
              </ol>
            </>
          );
        }}
      </Loading>
    </section>
  );
}

function Step({ id, path, title, onDone }: { id: string; path: string; title: string; onDone(): void }) {
  return <ActionForm path={`/api/complaints/${id}/${path}`} body={() => ({})} onDone={onDone} submitLabel={title} />;
}

function ResultForm({ id, onDone }: { id: string; onDone(): void }) {
  const [finding, setFinding] = useState<string>(COMPLAINT_FINDINGS[0]);
  const [measures, setMeasures] = useState('');
  return (
    <ActionForm
      title={t('complaint.result')}
      path={`/api/complaints/${id}/result`}
      body={() => ({ finding, measures: measures.trim() })}
      onDone={onDone}
      submitLabel={t('common.submit')}
    >
      {(err) => (
        <>
          <fieldset>
            <legend>{t('complaint.finding')}</legend>
            {COMPLAINT_FINDINGS.map((f) => (
              <label key={f} className="check">
                <input type="radio" name="finding" checked={finding === f} onChange={() => setFinding(f)} /> {label(f)}
              </label>
            ))}
          </fieldset>
          <TextField
            label={t('complaint.measures')}
            value={measures}
            onChange={(value) => setMeasures(value)}
            rows={3}
            maxLength={4000}
            error={err('measures')}
            required
          />
        </>
      )}
    </ActionForm>
  );
}

function FeedbackForm({ id, anonymous, onDone }: { id: string; anonymous: boolean; onDone(): void }) {
  // 第二十八条: without a contact, the feedback is published to the receipt code's status page.
  const [channel, setChannel] = useState<string>(anonymous ? 'PUBLISHED' : 'PHONE');
  const [content, setContent] = useState('');
  return (
    <ActionForm
      title={t('complaint.feedback')}
      path={`/api/complaints/${id}/feedback`}
      body={() => ({ channel, content: content.trim() })}
      onDone={onDone}
      submitLabel={t('common.submit')}
    >
      {(err) => (
        <>
          <Field label={t('complaint.channel')} error={err('channel')}>
            {(fid) => (
              <select id={fid} value={channel} onChange={(e) => setChannel(e.target.value)}>
                {FEEDBACK_CHANNELS.filter((c) => (anonymous ? c === 'PUBLISHED' : c !== 'PUBLISHED')).map((c) => (
                  <option key={c} value={c}>
                    {label(c)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <TextField
            label={t('complaint.feedbackContent')}
            value={content}
            onChange={(value) => setContent(value)}
            rows={3}
            maxLength={4000}
            error={err('content')}
            required
          />
        </>
      )}
    </ActionForm>
  );
}
