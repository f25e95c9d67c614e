// The yearly clean-up (第十条): the agency's tasks and, per finding, its resolution — 注销, 补发 or
// keeping it with a reason (what fits each finding comes from the API, with the article).
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { request } from '../api';
import { CancellationFields, useCancellation } from '../cancellation-fields';
import { fmtDeadline, label, t } from '../i18n';
import { CERTIFICATE_STATUS_WORDS } from '../../../domain/labels';
import type { MessageKey } from '../messages';
import { useSession } from '../session';
import { ActionForm, Loading, PagedTable, useAsync, usePagedList, Provisional, TextField, useYearQuery } from '../ui';

interface TaskSummary {
  id: string;
  year: number;
  status: string;
  dueAt: string;
  dueAtProvisional?: boolean;
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
  // 第十条: a year's report notice leads here with `?year=`.
  const list = usePagedList<TaskSummary>('/api/cleanup-tasks', useYearQuery());
  return (
    <section>
      <h1>{t('cleanup.title')}</h1>
      <PagedTable
        list={list}
        csvName="cleanup-tasks"
        columns={[
          {
            title: t('cleanup.year'),
            value: (r) => r.year,
            render: (r) => <Link to={`/cleanup/${r.id}`}>{r.year}</Link>,
          },
          { title: t('app.field.agency'), value: (r) => r.agency.name },
          { title: t('app.field.status'), value: (r) => label(r.status) },
          { title: t('cleanup.findings'), value: (r) => r.findings },
          { title: t('cleanup.open'), value: (r) => r.open },
          { title: t('inbox.due'), value: (r) => fmtDeadline(r.dueAt) },
        ]}
      />
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
              {tk.year} · {tk.agency.name} · {label(tk.status)} · {t('inbox.due')} {fmtDeadline(tk.dueAt)}
              <Provisional on={tk.dueAtProvisional} />
            </p>
            <ul className="cards">
              {tk.findings.map((f) => (
                <li key={f.id} className="card">
                  <div className="card-head">
                    <strong>{f.title}</strong> <span className="article">（{f.article}）</span>
                    {f.certificate && (
                      <span>
                        · {f.certificate.number}（
                        {CERTIFICATE_STATUS_WORDS[f.certificate.status] ?? label(f.certificate.status)}）
                      </span>
                    )}
                    <Link to={`/officers/${f.officerId}`}>{t('common.view')}</Link>
                  </div>
                  {f.resolution ? (
                    <p className="ok">
                      {t('cleanup.resolved', { resolution: t(`cleanup.${f.resolution}` as MessageKey) })}{' '}
                      {f.resolutionNote}
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

function Resolve({ taskId, finding, onDone }: { taskId: string; finding: Finding; onDone(): void }) {
  const [action, setAction] = useState(finding.allowedResolutions[0]);
  const [note, setNote] = useState('');
  // 第九条第二款: a holder who moved (调动) keeps the qualification 5 years: the ground matters.
  const cancellation = useCancellation(finding.kind === 'DEPARTED' ? 'TRANSFER' : 'RESIGNATION');
  const body = () =>
    action === 'CANCEL' ? { action, ...cancellation.value } : { action, ...(note.trim() ? { note: note.trim() } : {}) };
  return (
    <ActionForm
      path={`/api/cleanup-tasks/${taskId}/findings/${finding.id}/resolution`}
      body={body}
      onDone={onDone}
      submitLabel={t('common.submit')}
    >
      {(err) => (
        <>
          <fieldset>
            <legend>{t('cleanup.resolve')}</legend>
            {finding.allowedResolutions.map((r) => (
              <label key={r} className="check">
                <input
                  type="radio"
                  name={`resolution-${finding.id}`}
                  value={r}
                  checked={action === r}
                  onChange={() => setAction(r)}
                />{' '}
                {t(`cleanup.${r}` as MessageKey)}
              </label>
            ))}
          </fieldset>
          {action === 'CANCEL' ? (
            <CancellationFields state={cancellation} error={err} />
          ) : (
            <TextField
              label={t('app.note')}
              value={note}
              onChange={(value) => setNote(value)}
              rows={2}
              maxLength={2000}
              error={err('note')}
              required={action === 'KEEP'}
            />
          )}
        </>
      )}
    </ActionForm>
  );
}
