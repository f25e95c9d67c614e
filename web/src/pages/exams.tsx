// Exam registration (考试申报, 第六条): the bureau's page (考试安排: publish a session, confirm or refuse
// registrations, import the results, record a false declaration) and the agency's (考试报名: open
// sessions, register its staff with materials and the declaration, correct a refused one).
import { useState, type ReactNode } from 'react';
import { ApiError, download, request } from '../api';
import { fmtDate, fmtDateTime, t, today } from '../i18n';
import { EXAM_LABELS, EXAM_STATUS_LABELS } from '../messages';
import {
  ActionForm,
  Checkbox,
  DataTable,
  Field,
  Loading,
  ProblemAlert,
  SelectField,
  TextField,
  useAsync,
  useSubmit,
} from '../ui';
import { Attachments } from './applications';

interface Session {
  id: string;
  examType: string;
  examDate: string;
  place: string;
  capacity: number;
  registrationDeadline: string;
  status: string;
  bureau: { id: string; name: string };
  taken: number;
}
interface Registration {
  id: string;
  status: string;
  officer: { id: string; name: string };
  agency: { name: string };
  materials: { id: string; fileName: string }[];
  submissions: number;
  refusalReason: string | null;
  result: { passed: boolean; score: number | null } | null;
  falseDeclaration: { evidence: string; at: string } | null;
}
type Detail = Session & { registrations: Registration[] };

const status = (s: string) => EXAM_STATUS_LABELS[s] ?? s;
const sessionName = (s: Session) => `${fmtDate(s.examDate)} ${EXAM_LABELS[s.examType]}（${s.place}）`;

/** The sessions the reader sees, and the one chosen (from `?session=` of a notice's link, or a click). */
function useSessions() {
  const list = useAsync(() => request<{ items: Session[] }>('GET', '/api/exam-sessions'), []);
  const [chosen, choose] = useState(() => new URLSearchParams(location.search).get('session') ?? '');
  return { list, chosen, choose };
}

function SessionTable({ sessions, onChoose }: { sessions: Session[]; onChoose(id: string): void }) {
  if (sessions.length === 0) return <p>{t('exam.none')}</p>;
  return (
    <DataTable
      rowKey={(s) => s.id}
      rows={sessions}
      csvName="exam-sessions"
      columns={[
        { title: t('exam.date'), value: (s) => fmtDate(s.examDate) },
        { title: t('exam.type'), value: (s) => EXAM_LABELS[s.examType] },
        { title: t('exam.place'), value: (s) => s.place },
        { title: t('exam.bureau'), value: (s) => s.bureau.name },
        { title: t('exam.deadline'), value: (s) => fmtDate(s.registrationDeadline) },
        { title: t('exam.taken'), value: (s) => t('exam.places', { taken: s.taken, capacity: s.capacity }) },
        { title: t('exam.status'), value: (s) => status(s.status) },
        {
          title: t('common.view'),
          value: () => '',
          render: (s) => (
            <button
              type="button"
              className="link"
              aria-label={`${t('exam.registrations')}：${sessionName(s)}`}
              onClick={() => onChoose(s.id)}
            >
              {t('exam.registrations')}
            </button>
          ),
        },
      ]}
    />
  );
}

/** The registrations of a session, with what the reader may do on each row. */
function RegistrationRows({ rows, actions }: { rows: Registration[]; actions(r: Registration): ReactNode }) {
  if (rows.length === 0) return <p>{t('exam.noRegistrations')}</p>;
  return (
    <ul className="cards">
      {rows.map((r) => (
        <li key={r.id} className="card" data-registration={r.officer.name}>
          <div className="card-head">
            {r.officer.name} · {r.agency.name} · <strong>{status(r.status)}</strong>
          </div>
          <p>
            {t('exam.materials')}：
            {r.materials.map((m) => (
              <button
                key={m.id}
                type="button"
                className="link"
                onClick={() => download(`/api/attachments/${m.id}`, m.fileName)}
              >
                {m.fileName}
              </button>
            ))}{' '}
            · {t('exam.submissions')} {r.submissions}
          </p>
          {r.refusalReason && r.status === 'REFUSED' && (
            <p className="alert">
              {t('exam.refusalReason')}：{r.refusalReason}
            </p>
          )}
          {r.result && (
            <p className={r.result.passed ? 'ok' : undefined}>
              {t('exam.result')}：{r.result.passed ? t('exam.passed') : t('exam.failed')}
              {r.result.score !== null && ` · ${t('exam.score', { score: r.result.score })}`}
            </p>
          )}
          {r.falseDeclaration && (
            <p className="alert">
              {t('exam.falseDeclaration', { evidence: r.falseDeclaration.evidence })}（
              {fmtDateTime(r.falseDeclaration.at)}）
            </p>
          )}
          {actions(r)}
        </li>
      ))}
    </ul>
  );
}

/** One session with its registrations; `done` reloads it and the list after an action. */
function SessionPanel({
  id,
  onChange,
  children,
}: {
  id: string;
  onChange(): void;
  children(d: Detail, done: () => void): ReactNode;
}) {
  const detail = useAsync(() => request<Detail>('GET', `/api/exam-sessions/${id}`), [id]);
  const done = () => {
    detail.reload();
    onChange();
  };
  return (
    <Loading state={detail}>
      {(d) => (
        <section className="panel">
          <h2>
            {sessionName(d)} · {status(d.status)}
          </h2>
          {children(d, done)}
        </section>
      )}
    </Loading>
  );
}

// ── The bureau: 考试安排 ────────────────────────────────────────────────────────────────────────

export function ExamSessions() {
  const { list, chosen, choose } = useSessions();
  return (
    <section>
      <h1>{t('exam.sessionsTitle')}</h1>
      <p>{t('exam.sessionsIntro')}</p>
      <Publish onDone={list.reload} />
      <Loading state={list}>{(l) => <SessionTable sessions={l.items} onChoose={choose} />}</Loading>
      {chosen && <BureauSession key={chosen} id={chosen} onChange={list.reload} />}
    </section>
  );
}

function Publish({ onDone }: { onDone(): void }) {
  const [f, setF] = useState({
    examType: 'COMPREHENSIVE',
    examDate: '',
    place: '',
    capacity: '100',
    registrationDeadline: today(),
  });
  return (
    <ActionForm
      title={t('exam.publish')}
      collapsible
      path="/api/exam-sessions"
      body={() => ({ ...f, capacity: Number(f.capacity) })}
      onDone={onDone}
      submitLabel={t('exam.publish')}
    >
      {(err) => (
        <>
          <SelectField
            label={t('exam.type')}
            value={f.examType}
            onChange={(examType) => setF({ ...f, examType })}
            options={Object.entries(EXAM_LABELS).map(([value, label]) => ({ value, label }))}
          />
          <Field label={t('exam.date')} error={err('examDate')}>
            {(id) => (
              <input
                id={id}
                type="date"
                required
                value={f.examDate}
                onChange={(e) => setF({ ...f, examDate: e.target.value })}
              />
            )}
          </Field>
          <TextField
            label={t('exam.place')}
            value={f.place}
            onChange={(place) => setF({ ...f, place })}
            maxLength={200}
            required
            error={err('place')}
          />
          <Field label={t('exam.capacity')} error={err('capacity')}>
            {(id) => (
              <input
                id={id}
                type="number"
                min={1}
                max={1000}
                required
                value={f.capacity}
                onChange={(e) => setF({ ...f, capacity: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('exam.deadline')} error={err('registrationDeadline')}>
            {(id) => (
              <input
                id={id}
                type="date"
                required
                value={f.registrationDeadline}
                onChange={(e) => setF({ ...f, registrationDeadline: e.target.value })}
              />
            )}
          </Field>
        </>
      )}
    </ActionForm>
  );
}

function BureauSession({ id, onChange }: { id: string; onChange(): void }) {
  return (
    <SessionPanel id={id} onChange={onChange}>
      {(d, done) => (
        <>
          <RegistrationRows
            rows={d.registrations}
            actions={(r) => (
              <>
                {r.status === 'SUBMITTED' && d.status !== 'RESULTS_IMPORTED' && <Decide id={r.id} onDone={done} />}
                {!r.falseDeclaration && <FlagFalse id={r.id} onDone={done} />}
              </>
            )}
          />
          {d.status === 'CLOSED' && <ImportResults id={d.id} onDone={done} />}
        </>
      )}
    </SessionPanel>
  );
}

function Decide({ id, onDone }: { id: string; onDone(): void }) {
  const [reason, setReason] = useState('');
  return (
    <div className="actions">
      <ActionForm
        path={`/api/exam-registrations/${id}/decision`}
        body={() => ({ decision: 'CONFIRM' })}
        onDone={onDone}
        submitLabel={t('exam.confirm')}
      />
      <ActionForm
        title={t('exam.refuse')}
        collapsible
        path={`/api/exam-registrations/${id}/decision`}
        body={() => ({ decision: 'REFUSE', reason: reason.trim() })}
        onDone={onDone}
        submitLabel={t('exam.refuse')}
      >
        {(err) => (
          <TextField
            label={t('exam.reason')}
            value={reason}
            onChange={setReason}
            rows={2}
            maxLength={2000}
            required
            error={err('reason')}
          />
        )}
      </ActionForm>
    </div>
  );
}

function FlagFalse({ id, onDone }: { id: string; onDone(): void }) {
  const [evidence, setEvidence] = useState('');
  return (
    <ActionForm
      title={t('exam.flagFalse')}
      collapsible
      danger
      path={`/api/exam-registrations/${id}/false-declaration`}
      body={() => ({ evidence: evidence.trim() })}
      onDone={onDone}
      submitLabel={t('exam.flagFalse')}
    >
      {(err) => (
        <TextField
          label={t('exam.evidence')}
          value={evidence}
          onChange={setEvidence}
          rows={3}
          maxLength={4000}
          required
          error={err('evidence')}
        />
      )}
    </ActionForm>
  );
}

/** The results file: every problem by row and column, or the count imported. */
function ImportResults({ id, onDone }: { id: string; onDone(): void }) {
  const [file, setFile] = useState<File>();
  const [imported, setImported] = useState(false);
  const submit = useSubmit(async () => {
    if (!file) return;
    await request('POST', `/api/exam-sessions/${id}/results`, { file });
    setImported(true);
    onDone();
  });
  const rows =
    submit.error instanceof ApiError ? (submit.error.rows as { row: number; column: string; message: string }[]) : [];
  return (
    <form
      className="panel"
      onSubmit={(e) => {
        e.preventDefault();
        void submit.run();
      }}
    >
      <h3>{t('exam.importResults')}</h3>
      <Field label={t('exam.resultsFile')} hint={t('exam.importHint')}>
        {(fid) => (
          <input id={fid} type="file" accept=".csv,.xlsx,text/csv" onChange={(e) => setFile(e.target.files?.[0])} />
        )}
      </Field>
      <ProblemAlert error={submit.error} />
      {rows.length > 0 && (
        <DataTable
          rowKey={(r) => `${r.row}-${r.column}-${r.message}`}
          rows={rows}
          csvName="exam-results-problems"
          columns={[
            { title: t('import.row'), value: (r) => String(r.row) },
            { title: t('import.column'), value: (r) => r.column },
            { title: t('import.problem'), value: (r) => r.message },
          ]}
        />
      )}
      {imported && <p role="status">{t('import.done')}</p>}
      <button type="submit" disabled={submit.busy || !file}>
        {submit.busy ? t('common.submitting') : t('exam.importResults')}
      </button>
    </form>
  );
}

// ── The agency: 考试报名 ────────────────────────────────────────────────────────────────────────

export function ExamRegistrations() {
  const { list, chosen, choose } = useSessions();
  return (
    <section>
      <h1>{t('exam.registrationsTitle')}</h1>
      <p>{t('exam.registrationsIntro')}</p>
      <Loading state={list}>{(l) => <SessionTable sessions={l.items} onChoose={choose} />}</Loading>
      {chosen && <AgencySession key={chosen} id={chosen} onChange={list.reload} />}
    </section>
  );
}

function AgencySession({ id, onChange }: { id: string; onChange(): void }) {
  return (
    <SessionPanel id={id} onChange={onChange}>
      {(d, done) => (
        <>
          {d.status === 'OPEN' && <Register sessionId={d.id} onDone={done} />}
          <RegistrationRows
            rows={d.registrations}
            actions={(r) => r.status === 'REFUSED' && d.status === 'OPEN' && <Resubmit id={r.id} onDone={done} />}
          />
        </>
      )}
    </SessionPanel>
  );
}

/** The materials and the truthfulness declaration every (re)submission carries (第六条第二款). */
function useMaterials() {
  const [files, setFiles] = useState<{ id: string; name: string }[]>([]);
  const [declared, setDeclared] = useState(false);
  const fields = (
    <>
      <Attachments value={files} onChange={setFiles} label={t('exam.materialsField')} />
      <Checkbox label={t('exam.declaration')} checked={declared} onChange={setDeclared} />
    </>
  );
  return { fields, body: { attachmentIds: files.map((f) => f.id), declaration: declared } };
}

function Register({ sessionId, onDone }: { sessionId: string; onDone(): void }) {
  const officers = useAsync(
    () => request<{ items: { id: string; name: string; onStaff: boolean }[] }>('GET', '/api/officers'),
    [],
  );
  const [officerId, setOfficerId] = useState('');
  const materials = useMaterials();
  return (
    <ActionForm
      title={t('exam.registerTitle')}
      path={`/api/exam-sessions/${sessionId}/registrations`}
      body={() => ({ officerId, ...materials.body })}
      onDone={onDone}
      submitLabel={t('exam.register')}
    >
      {(err) => (
        <>
          <SelectField
            label={t('exam.officer')}
            value={officerId}
            onChange={setOfficerId}
            error={err('officerId')}
            required
            placeholder="—"
            options={(officers.data?.items ?? []).filter((o) => o.onStaff).map((o) => ({ value: o.id, label: o.name }))}
          />
          {materials.fields}
        </>
      )}
    </ActionForm>
  );
}

function Resubmit({ id, onDone }: { id: string; onDone(): void }) {
  const materials = useMaterials();
  return (
    <ActionForm
      title={t('exam.resubmit')}
      collapsible
      path={`/api/exam-registrations/${id}/resubmit`}
      body={() => materials.body}
      onDone={onDone}
      submitLabel={t('exam.resubmit')}
    >
      {() => materials.fields}
    </ActionForm>
  );
}
