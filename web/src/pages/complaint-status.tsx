// A complaint's public status by receipt code (第二十八条): its steps and, once given, the published
// feedback; never the complainant's identity (第二十五条). While it is open, the complainant adds
// information and materials here (the same receipt code is the key).
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError, request } from '../api';
import { COMPLAINT_EVENT_LABELS } from '../../../domain/labels';
import { eventLabel, fmtDateTime, label, t } from '../i18n';
import { MaterialFiles } from '../materials';
import { ActionForm, Field, ProblemAlert, TextField, useAsync, useSubmit } from '../ui';

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
  const s = useAsync(
    () =>
      code ? request<PublicStatus>('GET', `/api/public/complaints/${encodeURIComponent(code)}`) : Promise.resolve(null),
    [code],
  );
  return (
    <section className="narrow">
      <h1>{t('complaint.statusTitle')}</h1>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          if (input.trim()) void navigate(`/complaints/status/${encodeURIComponent(input.trim())}`);
        }}
      >
        <Field label={t('complaint.receiptCode')}>
          {(id) => (
            <input
              id={id}
              required
              maxLength={64}
              value={input}
              onChange={(e) => setInput(e.target.value)}
              autoComplete="off"
            />
          )}
        </Field>
        <button type="submit">{t('verify.check')}</button>
      </form>
      {s.error instanceof ApiError && s.error.status === 404 ? (
        <p className="alert" role="alert">
          {t('complaint.notFound')}
        </p>
      ) : (
        <ProblemAlert error={s.error} onRetry={s.reload} />
      )}
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
                <time>{fmtDateTime(e.occurredAt)}</time> {eventLabel(COMPLAINT_EVENT_LABELS, e.type)} {e.organ}
              </li>
            ))}
          </ol>
        </div>
      )}
      {s.data && code && !s.data.closedAt && <Supplement key={code} code={code} onDone={s.reload} />}
    </section>
  );
}

/** 第二十八条: what the complainant adds while the complaint is open — more facts, and materials. */
function Supplement({ code, onDone }: { code: string; onDone(): void }) {
  const path = `/api/public/complaints/${encodeURIComponent(code)}`;
  const [text, setText] = useState('');
  const [sent, setSent] = useState<{ name: string; refused?: string }[]>([]);
  // Each file on its own: a refused one is named with why, and the others still go.
  const upload = useSubmit(async (files: File[]) => {
    for (const file of files) {
      const refused = await request('POST', `${path}/attachments`, { file }).then(
        () => undefined,
        (e: unknown) => (e instanceof ApiError ? e.title || t('problem.fallback') : t('common.networkError')),
      );
      setSent((x) => [...x, { name: file.name, refused }]);
    }
  });
  return (
    <>
      <ActionForm
        title={t('complaint.addInformation')}
        path={`${path}/information`}
        body={() => ({ text: text.trim() })}
        onDone={() => {
          setText('');
          onDone();
        }}
        submitLabel={t('complaint.addInformationSubmit')}
      >
        {(err) => (
          <TextField
            label={t('complaint.information')}
            value={text}
            onChange={setText}
            rows={3}
            maxLength={5000}
            error={err('text')}
            required
          />
        )}
      </ActionForm>
      <section className="panel" aria-labelledby="add-materials">
        <h2 id="add-materials">{t('complaint.addMaterials')}</h2>
        <MaterialFiles label={t('complaint.materialsFile')} busy={upload.busy} onFiles={(f) => void upload.run(f)} />
        <ProblemAlert error={upload.error} />
        <ul role="status">
          {sent.map((f, i) => (
            <li key={i} className={f.refused ? 'danger' : undefined}>
              {f.refused
                ? t('complaint.uploadRefused', { name: f.name, reason: f.refused })
                : t('app.uploaded', { name: f.name })}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
