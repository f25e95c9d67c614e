// The yearly clean-up (第十条): the agency's tasks and, per finding, its resolution — 注销, 补发 or
// keeping it with a reason (what fits each finding comes from the API, with the article).
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { CANCELLATION_GROUNDS } from '../../../domain/cancellation';
import { newKey, request } from '../api';
import { fmtDateTime, label, t } from '../i18n';
import type { MessageKey } from '../messages';
import { useSession } from '../session';
import { DataTable, Field, Loading, Pager, ProblemAlert, useAsync, usePager, useSubmit } from '../ui';

interface TaskSummary {
  id: string;
  year: number;
  status: string;
  dueAt: string;
  findings: number;
  open: number;
  agency: { name: string; regionCode: string };
}
interface Finding {
  id: string;
  kind: string;
  title: string;
  article: string;
  officerId: string;
  certificate: { number: string; status: string } | null;
  allowedResolutions: string[];
  resolution: string | null;
  resolutionNote: string | null;
}

export function CleanupTasks() {
  const pager = usePager();
  const page = useAsync(() => request<{ items: TaskSummary[]; total: number; nextCursor: string | null }>('GET', `/api/cleanup-tasks?limit=20${pager.cursor ? `&cursor=${pager.cursor}` : ''}`), [pager.cursor]);
  return (
    <section>
      <h1>{t('cleanup.title')}</h1>
      <Loading state={page}>
        {(p) => (
          <>
            <DataTable
              rowKey={(r) => r.id}
              rows={p.items}
              csvName="cleanup-tasks"
              columns={[
                { title: t('cleanup.year'), value: (r) => r.year, render: (r) => <Link to={`/cleanup/${r.id}`}>{r.year}</Link> },
                { title: t('app.field.agency'), value: (r) => r.agency.name },
                { title: t('app.field.status'), value: (r) => label(r.status) },
                { title: t('cleanup.findings'), value: (r) => r.findings },
                { title: t('cleanup.open'), value: (r) => r.open },
                { title: t('inbox.due'), value: (r) => fmtDateTime(r.dueAt) },
              ]}
            />
            <Pager pager={pager} nextCursor={p.nextCursor} total={p.total} />
          </>
        )}
      </Loading>
    </section>
  );
}

export function CleanupTaskDetail() {
  const { id } = useParams();
  const { has } = useSession();
  const task = useAsync(() => request<TaskSummary & { findings: Finding[] }>('GET', `/api/cleanup-tasks/${id}`), [id]);
  return (
    <section>
      <h1>{t('cleanup.title')}</h1>
      <Loading state={task}>
        {(tk) => (
          <>
            <p>
              {tk.year} · {tk.agency.name} · {label(tk.status)} · {t('inbox.due')} {fmtDateTime(tk.dueAt)}
            </p>
            <ul className="cards">
              {tk.findings.map((f) => (
                <li key={f.id} className="card">
                  <div className="card-head">
                    <strong>{f.title}</strong> <span className="article">（{f.article}）</span>
                    {f.certificate && <span>· {f.certificate.number}（{label(f.certificate.status)}）</span>}
                    <Link to={`/officers/${f.officerId}`}>{t('common.view')}</Link>
                  </div>
                  {f.resolution ? (
                    <p className="ok">
                      {t('cleanup.resolved', { resolution: t(`cleanup.${f.resolution}` as MessageKey) })} {f.resolutionNote}
                    </p>
                  ) : (
                    has('AGENCY_ADMIN') && <Resolve taskId={tk.id} finding={f} onDone={task.reload} />
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
      </Loading>
    </section>
  );
}

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

function Resolve({ taskId, finding, onDone }: { taskId: string; finding: Finding; onDone(): void }) {
  const [action, setAction] = useState(finding.allowedResolutions[0]);
  const [note, setNote] = useState('');
  const [ground, setGround] = useState('RESIGNATION');
  const [effectiveOn, setEffectiveOn] = useState(today());
  const key = useMemo(() => newKey(), []);
  const submit = useSubmit(async () => {
    const body = action === 'CANCEL' ? { action, ground, effectiveOn } : { action, ...(note.trim() ? { note: note.trim() } : {}) };
    await request('POST', `/api/cleanup-tasks/${taskId}/findings/${finding.id}/resolution`, { idempotencyKey: key, body });
    onDone();
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit.run();
      }}
    >
      <fieldset>
        <legend>{t('cleanup.resolve')}</legend>
        {finding.allowedResolutions.map((r) => (
          <label key={r} className="check">
            <input type="radio" name={`resolution-${finding.id}`} value={r} checked={action === r} onChange={() => setAction(r)} /> {t(`cleanup.${r}` as MessageKey)}
          </label>
        ))}
      </fieldset>
      {action === 'CANCEL' && (
        <>
          <Field label={t('officer.ground')}>
            {(id) => (
              <select id={id} value={ground} onChange={(e) => setGround(e.target.value)}>
                {Object.entries(CANCELLATION_GROUNDS).map(([k, v]) => (
                  <option key={k} value={k}>
                    {v}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('officer.effectiveOn')} error={submit.fieldError('effectiveOn')}>
            {(id) => <input id={id} type="date" required max={today()} value={effectiveOn} onChange={(e) => setEffectiveOn(e.target.value)} />}
          </Field>
        </>
      )}
      {action !== 'CANCEL' && (
        <Field label={t('app.note')} error={submit.fieldError('note')}>
          {(id, err) => <textarea id={id} aria-describedby={err} rows={2} maxLength={2000} required={action === 'KEEP'} value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>
      )}
      <ProblemAlert error={submit.error} />
      <button type="submit" disabled={submit.busy}>
        {t('common.submit')}
      </button>
    </form>
  );
}
