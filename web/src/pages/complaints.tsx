// Complaints (第二十八条): the public form (no login, anonymous allowed) that answers with a receipt
// code; the receipt-code status page; the handlers' inbox and a complaint's page with its steps.
// The complainant's identity is shown only where the API returns it (第二十五条).
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { COMPLAINT_FINDINGS, FEEDBACK_CHANNELS } from '../../../domain/complaint';
import { ApiError, request } from '../api';
import { fmtDateTime, label, t } from '../i18n';
import { useSession } from '../session';
import { ActionForm, Field, Loading, Pager, ProblemAlert, useAsync, useKeyedSend, usePagedList, useSubmit } from '../ui';

interface Organ {
  id: string;
  name: string;
  type: string;
}

export function ComplaintNew() {
  const organs = useAsync(() => request<{ items: Organ[] }>('GET', '/api/public/complaint-organs'), []);
  const [f, setF] = useState({ organisationId: '', kind: 'PERSON', anonymous: true, name: '', contact: '', certificateNumber: '', facts: '', occurredAt: '', place: '' });
  const [receipt, setReceipt] = useState<{ number: string; receiptCode: string }>();
  const send = useKeyedSend();
  const set = (patch: Partial<typeof f>) => setF((x) => ({ ...x, ...patch }));
  const submit = useSubmit(async () => {
    const r = await send((idempotencyKey) => request<{ number: string; receiptCode: string }>('POST', '/api/public/complaints', { idempotencyKey,
      body: {
        organisationId: f.organisationId,
        complainant: { kind: f.kind, anonymous: f.anonymous, ...(f.anonymous ? {} : { name: f.name.trim() }), ...(f.contact.trim() ? { contact: f.contact.trim() } : {}) },
        subjects: [{ certificateNumber: f.certificateNumber.trim() }],
        facts: f.facts.trim(),
        occurredAt: f.occurredAt ? new Date(f.occurredAt).toISOString() : '',
        place: f.place.trim(),
      },
    }));
    setReceipt(r);
  });
  if (receipt) {
    return (
      <section className="narrow">
        <h1>{t('complaint.received')}</h1>
        <p>{t('complaint.keepCode')}</p>
        <p className="receipt" data-testid="receipt-code">
          {receipt.receiptCode}
        </p>
        <p>
          {t('complaint.number')}：{receipt.number}
        </p>
        <Link className="button" to={`/complaints/status/${receipt.receiptCode}`}>
          {t('complaint.checkStatus')}
        </Link>
      </section>
    );
  }
  return (
    <section className="narrow">
      <h1>{t('complaint.newTitle')}</h1>
      <p className="hint">{t('complaint.intro')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit.run();
        }}
      >
        <Field label={t('complaint.organ')} error={submit.fieldError('organisationId')}>
          {(id, err) => (
            <select id={id} aria-describedby={err} required value={f.organisationId} onChange={(e) => set({ organisationId: e.target.value })}>
              <option value="">—</option>
              {organs.data?.items.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <label className="check">
          <input type="checkbox" checked={f.anonymous} onChange={(e) => set({ anonymous: e.target.checked })} /> {t('complaint.anonymous')}
        </label>
        {!f.anonymous && (
          <Field label={t('complaint.name')} error={submit.fieldError('complainant.name')}>
            {(id, err) => <input id={id} aria-describedby={err} required maxLength={100} value={f.name} onChange={(e) => set({ name: e.target.value })} />}
          </Field>
        )}
        <Field label={f.anonymous ? t('complaint.contactOptional') : t('complaint.contact')} error={submit.fieldError('complainant.contact')}>
          {(id, err) => <input id={id} aria-describedby={err} required={!f.anonymous} maxLength={200} value={f.contact} onChange={(e) => set({ contact: e.target.value })} />}
        </Field>
        <Field label={t('complaint.certificate')} error={submit.fieldError('subjects')}>
          {(id, err) => <input id={id} aria-describedby={err} required maxLength={64} value={f.certificateNumber} onChange={(e) => set({ certificateNumber: e.target.value })} />}
        </Field>
        <Field label={t('complaint.facts')} hint={t('complaint.factsHint')} error={submit.fieldError('facts')}>
          {(id, err) => <textarea id={id} aria-describedby={err} required minLength={10} maxLength={5000} rows={5} value={f.facts} onChange={(e) => set({ facts: e.target.value })} />}
        </Field>
        <Field label={t('complaint.occurredAt')} error={submit.fieldError('occurredAt')}>
          {(id, err) => <input id={id} aria-describedby={err} type="datetime-local" required value={f.occurredAt} onChange={(e) => set({ occurredAt: e.target.value })} />}
        </Field>
        <Field label={t('complaint.place')} error={submit.fieldError('place')}>
          {(id, err) => <input id={id} aria-describedby={err} required maxLength={200} value={f.place} onChange={(e) => set({ place: e.target.value })} />}
        </Field>
        <ProblemAlert error={submit.error} onRetry={() => submit.run()} />
        <button type="submit" disabled={submit.busy}>
          {submit.busy ? t('common.submitting') : t('common.submit')}
        </button>
      </form>
    </section>
  );
}

interface PublicStatus {
  number: string;
  status: string;
  receivedAt: string;
  handlingOrgan: string;
  timeline: { type: string; organ: string | null; occurredAt: string }[];
  result: { finding: string; feedback: string; channel: string; at: string } | null;
  closedAt: string | null;
}

export function ComplaintStatus() {
  const { code } = useParams();
  const navigate = useNavigate();
  const [input, setInput] = useState(code ?? '');
  const s = useAsync(() => (code ? request<PublicStatus>('GET', `/api/public/complaints/${encodeURIComponent(code)}`) : Promise.resolve(null)), [code]);
  return (
    <section className="narrow">
      <h1>{t('complaint.statusTitle')}</h1>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          if (input.trim()) navigate(`/complaints/status/${encodeURIComponent(input.trim())}`);
        }}
      >
        <Field label={t('complaint.receiptCode')}>{(id) => <input id={id} required maxLength={64} value={input} onChange={(e) => setInput(e.target.value)} autoComplete="off" />}</Field>
        <button type="submit">{t('verify.check')}</button>
      </form>
      {s.error instanceof ApiError && s.error.status === 404 ? <p className="alert" role="alert">{t('complaint.notFound')}</p> : <ProblemAlert error={s.error} onRetry={s.reload} />}
      {s.data && (
        <div className="panel" data-testid="complaint-status">
          <dl className="grid">
            <dt>{t('complaint.number')}</dt>
            <dd>{s.data.number}</dd>
            <dt>{t('app.field.status')}</dt>
            <dd>{label(s.data.status)}</dd>
            <dt>{t('complaint.handlingOrgan')}</dt>
            <dd>{s.data.handlingOrgan}</dd>
          </dl>
          {s.data.result && (
            <div className="verdict valid" data-testid="complaint-result">
              <p className="big">{label(s.data.result.finding)}</p>
              <p>{s.data.result.feedback}</p>
              <time>{fmtDateTime(s.data.result.at)}</time>
            </div>
          )}
          <ol className="timeline">
            {s.data.timeline.map((e, i) => (
              <li key={i}>
                <time>{fmtDateTime(e.occurredAt)}</time> {label(e.type)} {e.organ}
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}

interface TaskItem {
  id: string;
  kind: string;
  status: string;
  overdue: boolean;
  dueAt: string;
  complaint: { id: string; number: string; status: string };
}

export function ComplaintInbox() {
  const { page, pager } = usePagedList<TaskItem>('/api/complaint-tasks');
  return (
    <section>
      <h1>{t('complaint.inbox')}</h1>
      <Loading state={page}>
        {(p) => (
          <>
            {p.items.length === 0 && <p className="empty">{t('inbox.empty')}</p>}
            <ul className="cards">
              {p.items.map((x) => (
                <li key={x.id} className={`card${x.overdue ? ' overdue' : ''}`}>
                  <div className="card-head">
                    <Link to={`/complaints/${x.complaint.id}`}>{x.complaint.number}</Link>
                    <span className="badge">{label(x.kind)}</span>
                    {x.overdue && <span className="badge danger">{t('inbox.overdue')}</span>}
                  </div>
                  <p>
                    {label(x.complaint.status)} · {t('inbox.due')} {fmtDateTime(x.dueAt)}
                  </p>
                </li>
              ))}
            </ul>
            <Pager pager={pager} nextCursor={p.nextCursor} total={p.total} />
          </>
        )}
      </Loading>
    </section>
  );
}

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
                <dd>{x.complainant.anonymous ? t('complaint.anonymous') : `${x.complainant.name}（${x.complainant.contact ?? ''}）`}</dd>
                <dt>{t('complaint.certificate')}</dt>
                <dd>{x.subjects.map((s) => s.certificateNumber ?? s.name).join('、')}</dd>
                <dt>{t('complaint.facts')}</dt>
                <dd>{x.facts}</dd>
                <dt>{t('complaint.occurredAt')}</dt>
                <dd>
                  {fmtDateTime(x.occurredAt)} · {x.place}
                </dd>
              </dl>
              {handler && x.status === 'AWAITING_ACCEPTANCE' && <Step id={x.id} path="accept" title={t('complaint.accept')} onDone={c.reload} />}
              {handler && x.status === 'INVESTIGATING' && <ResultForm id={x.id} onDone={c.reload} />}
              {handler && x.status === 'AWAITING_FEEDBACK' && <FeedbackForm id={x.id} anonymous={!x.complainant.contact} onDone={c.reload} />}
              {handler && x.status === 'FEEDBACK_GIVEN' && <Step id={x.id} path="close" title={t('complaint.close')} onDone={c.reload} />}
              <h2>{t('task.timeline')}</h2>
              <ol className="timeline">
                {x.timeline.map((e, i) => (
                  <li key={i}>
                    <time>{fmtDateTime(e.occurredAt)}</time> {label(e.type)} {e.comment && <span className="comment">{e.comment}</span>}
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
    <ActionForm title={t('complaint.result')} path={`/api/complaints/${id}/result`} body={() => ({ finding, measures: measures.trim() })} onDone={onDone} submitLabel={t('common.submit')}>
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
          <Field label={t('complaint.measures')} error={err('measures')}>
            {(fid, e) => <textarea id={fid} aria-describedby={e} required rows={3} maxLength={4000} value={measures} onChange={(ev) => setMeasures(ev.target.value)} />}
          </Field>
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
    <ActionForm title={t('complaint.feedback')} path={`/api/complaints/${id}/feedback`} body={() => ({ channel, content: content.trim() })} onDone={onDone} submitLabel={t('common.submit')}>
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
          <Field label={t('complaint.feedbackContent')} error={err('content')}>
            {(fid, e) => <textarea id={fid} aria-describedby={e} required rows={3} maxLength={4000} value={content} onChange={(ev) => setContent(ev.target.value)} />}
          </Field>
        </>
      )}
    </ActionForm>
  );
}
