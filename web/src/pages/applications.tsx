// The agency's applications: the list, a new application with its materials (第六条), and the
// application's page, where a returned application is corrected and resubmitted or withdrawn.
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { request } from '../api';
import { PhotoUpload } from '../card';
import { fmtDateTime, label, t } from '../i18n';
import { useSession } from '../session';
import {
  ActionForm,
  Field,
  Loading,
  PagedTable,
  ProblemAlert,
  useAsync,
  useKeyedSend,
  usePagedList,
  useSubmit,
  TextField,
} from '../ui';
import { ApplicationView, type Application } from './application-view';
import { Eligibility, ProgressLine, type EligibilityResult } from '../application-progress';
import { MaterialFiles } from '../materials';

interface Row {
  id: string;
  number: string;
  kind: string;
  status: string;
  currentLevel: string | null;
  officer: { name: string };
  agency: { name: string };
  submittedAt: string;
}

const STATUSES = ['UNDER_REVIEW', 'RETURNED', 'ISSUED', 'REJECTED', 'WITHDRAWN', 'LAPSED'];

export function Applications() {
  const { has } = useSession();
  const [status, setStatus] = useState('');
  const list = usePagedList<Row>('/api/applications', status ? { status } : {});
  return (
    <section>
      <h1>{t('app.list')}</h1>
      {has('AGENCY_ADMIN') && (
        <p>
          <Link className="button" to="/applications/new">
            {t('app.new')}
          </Link>
        </p>
      )}
      <div className="filters">
        <Field label={t('app.field.status')}>
          {(id) => (
            <select
              id={id}
              value={status}
              onChange={(e) => {
                setStatus(e.target.value);
                list.pager.reset();
              }}
            >
              <option value="">{t('inbox.assigned.all')}</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {label(s)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <PagedTable
        list={list}
        csvName="applications"
        columns={[
          {
            title: t('app.field.number'),
            value: (r) => r.number,
            render: (r) => <Link to={`/applications/${r.id}`}>{r.number}</Link>,
          },
          { title: t('app.field.kind'), value: (r) => label(r.kind) },
          { title: t('app.field.officer'), value: (r) => r.officer.name },
          { title: t('app.field.status'), value: (r) => label(r.status) },
          { title: t('app.field.level'), value: (r) => label(r.currentLevel) },
          { title: t('app.field.submittedAt'), value: (r) => fmtDateTime(r.submittedAt) },
        ]}
      />
    </section>
  );
}

/** Uploads the chosen files one by one; the list keeps what was uploaded if a later one fails. */
export function Attachments({
  value,
  onChange,
  label = t('app.attachments'),
}: {
  value: { id: string; name: string }[];
  onChange(v: { id: string; name: string }[]): void;
  label?: string;
}) {
  const upload = useSubmit(async (files: File[]) => {
    let acc = value;
    for (const file of files) {
      const r = await request<{ id: string }>('POST', '/api/attachments', { file });
      acc = [...acc, { id: r.id, name: file.name }];
      onChange(acc);
    }
  });
  return (
    <>
      <MaterialFiles label={label} busy={upload.busy} onFiles={(f) => void upload.run(f)} />
      <ProblemAlert error={upload.error} />
      <ul>
        {value.map((f) => (
          <li key={f.id}>{t('app.uploaded', { name: f.name })}</li>
        ))}
      </ul>
    </>
  );
}

export function ApplicationNew() {
  const navigate = useNavigate();
  const officers = useAsync(
    () => request<{ items: { id: string; name: string; onStaff: boolean }[] }>('GET', '/api/officers'),
    [],
  );
  const preselected = new URLSearchParams(useLocation().search).get('officer') ?? '';
  const [form, setForm] = useState({
    officerId: preselected,
    kind: 'INITIAL',
    previousCertificateNumber: '',
    reissueReason: 'LOST',
    note: '',
  });
  const [files, setFiles] = useState<{ id: string; name: string }[]>([]);
  // 第四条, 第五条: whether the application would be accepted, before it is sent.
  const previous = form.kind === 'TRANSFER' || form.kind === 'REISSUE' ? form.previousCertificateNumber.trim() : '';
  const eligibility = useAsync(async () => {
    if (!form.officerId) return null;
    const q = new URLSearchParams({ kind: form.kind, ...(previous ? { previousCertificateNumber: previous } : {}) });
    if (form.kind === 'REISSUE') q.set('reissueReason', form.reissueReason);
    return request<EligibilityResult>('GET', `/api/officers/${form.officerId}/eligibility?${q}`);
  }, [form.officerId, form.kind, previous, form.reissueReason]);
  const send = useKeyedSend();
  const submit = useSubmit(async () => {
    const needsPrevious = form.kind === 'TRANSFER' || form.kind === 'REISSUE';
    const a = await send((idempotencyKey) =>
      request<Application>('POST', '/api/applications', {
        idempotencyKey,
        body: {
          officerId: form.officerId,
          kind: form.kind,
          ...(needsPrevious ? { previousCertificateNumber: form.previousCertificateNumber.trim() } : {}),
          ...(form.kind === 'REISSUE' ? { reissueReason: form.reissueReason } : {}),
          ...(form.note.trim() ? { note: form.note.trim() } : {}),
          attachmentIds: files.map((f) => f.id),
        },
      }),
    );
    void navigate(`/applications/${a.id}`, { state: { submitted: a.number } });
  });
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));
  return (
    <section className="narrow">
      <h1>{t('app.newTitle')}</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit.run();
        }}
      >
        <Field label={t('app.officer')} error={submit.fieldError('officerId')}>
          {(id, err) => (
            <select
              id={id}
              aria-describedby={err}
              required
              value={form.officerId}
              onChange={(e) => set({ officerId: e.target.value })}
            >
              <option value="">—</option>
              {officers.data?.items.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('app.kind')} error={submit.fieldError('kind')}>
          {(id) => (
            <select id={id} value={form.kind} onChange={(e) => set({ kind: e.target.value })}>
              {['INITIAL', 'TRANSFER', 'REISSUE', 'REAPPLY'].map((k) => (
                <option key={k} value={k}>
                  {label(k)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {(form.kind === 'TRANSFER' || form.kind === 'REISSUE') && (
          <Field label={t('app.previous')} error={submit.fieldError('previousCertificateNumber')}>
            {(id, err) => (
              <input
                id={id}
                aria-describedby={err}
                required
                value={form.previousCertificateNumber}
                onChange={(e) => set({ previousCertificateNumber: e.target.value })}
              />
            )}
          </Field>
        )}
        {form.kind === 'REISSUE' && (
          <Field label={t('app.reissueReason')}>
            {(id) => (
              <select id={id} value={form.reissueReason} onChange={(e) => set({ reissueReason: e.target.value })}>
                <option value="LOST">{label('LOST')}</option>
                <option value="DAMAGED">{label('DAMAGED')}</option>
              </select>
            )}
          </Field>
        )}
        <TextField
          label={t('app.note')}
          value={form.note}
          onChange={(value) => set({ note: value })}
          rows={2}
          maxLength={2000}
          error={submit.fieldError('note')}
        />
        {form.officerId && <PhotoUpload key={form.officerId} officerId={form.officerId} onDone={() => {}} />}
        <Attachments value={files} onChange={setFiles} />
        <section className="panel" aria-live="polite" aria-labelledby="eligibility-before">
          <h2 id="eligibility-before">{t('app.eligibilityBefore')}</h2>
          <Loading state={eligibility}>
            {(e) => (e ? <Eligibility e={e} /> : <p>{t('app.eligibilityPick')}</p>)}
          </Loading>
        </section>
        <ProblemAlert error={submit.error} onRetry={() => submit.run()} />
        <button type="submit" disabled={submit.busy}>
          {submit.busy ? t('common.submitting') : t('common.submit')}
        </button>
      </form>
    </section>
  );
}

export function ApplicationDetail() {
  const { id } = useParams();
  const { has } = useSession();
  const submitted = (useLocation().state as { submitted?: string } | null)?.submitted;
  const state = useAsync(() => request<Application>('GET', `/api/applications/${id}`), [id]);
  return (
    <section>
      <h1>
        {t('app.list')} · {state.data?.number}
      </h1>
      {submitted && (
        <p className="notice" role="status">
          {t('app.submitted', { number: submitted })}
        </p>
      )}
      <Loading state={state}>
        {(a) => (
          <>
            <ProgressLine a={a} />
            {a.status === 'RETURNED' && has('AGENCY_ADMIN') && <Resubmit id={a.id} onDone={state.reload} />}
            {(a.status === 'RETURNED' || a.status === 'UNDER_REVIEW') && has('AGENCY_ADMIN') && (
              <Withdraw id={a.id} onDone={state.reload} />
            )}
            <ApplicationView a={a} />
          </>
        )}
      </Loading>
    </section>
  );
}

function Resubmit({ id, onDone }: { id: string; onDone(): void }) {
  const [note, setNote] = useState('');
  const [files, setFiles] = useState<{ id: string; name: string }[]>([]);
  return (
    <ActionForm
      title={t('app.resubmit')}
      path={`/api/applications/${id}/resubmit`}
      body={() => ({ note: note.trim() || undefined, attachmentIds: files.map((f) => f.id) })}
      onDone={onDone}
      submitLabel={t('app.resubmit')}
    >
      {(err) => (
        <>
          <TextField
            label={t('app.resubmitNote')}
            value={note}
            onChange={(value) => setNote(value)}
            rows={2}
            maxLength={2000}
            error={err('note')}
          />
          <Attachments value={files} onChange={setFiles} />
        </>
      )}
    </ActionForm>
  );
}

function Withdraw({ id, onDone }: { id: string; onDone(): void }) {
  const [reason, setReason] = useState('');
  return (
    <ActionForm
      collapsible
      danger
      title={t('app.withdraw')}
      path={`/api/applications/${id}/withdraw`}
      body={() => ({ reason: reason.trim() })}
      onDone={onDone}
      submitLabel={t('app.withdraw')}
    >
      {(err) => (
        <Field label={t('app.withdrawReason')} error={err('reason')}>
          {(fid) => (
            <input id={fid} required maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />
          )}
        </Field>
      )}
    </ActionForm>
  );
}
