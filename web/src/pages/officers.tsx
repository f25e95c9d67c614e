// The agency's officers and one officer's record: certificates, training progress towards 60 hours
// (第十五条), the whole timeline (人员事件轨迹), and the agency's acts: a training record, 注销
// (第九条) and a lost or damaged card (第十条).
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Eligibility, type EligibilityResult } from '../application-progress';
import { RunningSanctions } from '../running-sanctions';
import { TRAINING_CATEGORIES, TRAINING_MODES, TRAINING_SCOPES } from '../../../domain/training';
import { request } from '../api';
import { CancellationFields, useCancellation } from '../cancellation-fields';
import { OfficerPhoto, PhotoUpload, PrintCard } from '../card';
import { fmtDate, fmtDateTime, label, t, today } from '../i18n';
import { CERTIFICATE_STATUS_WORDS } from '../../../domain/labels';
import { EXAM_LABELS, EXEMPTION_LABELS } from '../messages';
import { useSession } from '../session';
import { ActionForm, DataTable, Field, Loading, useAsync } from '../ui';

export function Officers() {
  const [q, setQ] = useState('');
  const list = useAsync(
    () =>
      request<{ items: { id: string; name: string; onStaff: boolean; readyToApply: boolean }[] }>(
        'GET',
        `/api/officers${q ? `?q=${encodeURIComponent(q)}` : ''}`,
      ),
    [q],
  );
  return (
    <section>
      <h1>{t('officers.title')}</h1>
      <div className="filters">
        <Field label={t('officers.name')}>
          {(id) => <input id={id} type="search" value={q} maxLength={50} onChange={(e) => setQ(e.target.value)} />}
        </Field>
      </div>
      <RegisterOfficer onDone={list.reload} />
      <Loading state={list}>
        {(l) => (
          <DataTable
            rowKey={(r) => r.id}
            rows={l.items}
            csvName="officers"
            columns={[
              {
                title: t('officers.name'),
                value: (r) => r.name,
                render: (r) => <Link to={`/officers/${r.id}`}>{r.name}</Link>,
              },
              { title: t('officers.onStaff'), value: (r) => (r.onStaff ? t('common.yes') : t('common.no')) },
              // 第四条, 第五条: qualified now (e.g. an exam just passed, 第六条) — ready for an application.
              { title: t('officers.readyToApply'), value: (r) => (r.readyToApply ? t('officers.readyToApply') : '') },
            ]}
          />
        )}
      </Loading>
    </section>
  );
}

interface Officer {
  id: string;
  name: string;
  idNumber: string;
  onStaff: boolean;
  hasPhoto: boolean;
  agency: { name: string };
  certificates: { number: string; status: string; issuedOn: string }[];
}
interface Progress {
  year: number;
  hours: number;
  minimum: number;
  expectedByNow: number;
  behindPace: boolean;
}

export function OfficerRecord() {
  const { id } = useParams();
  const { has, me } = useSession();
  const officer = useAsync(() => request<Officer>('GET', `/api/officers/${id}`), [id]);
  const training = useAsync(() => request<{ progress: Progress }>('GET', `/api/officers/${id}/training`), [id]);
  const timeline = useAsync(
    () =>
      request<{ entries: { at: string; type: string; title: string; article?: string | null }[] }>(
        'GET',
        `/api/officers/${id}/timeline`,
      ),
    [id],
  );
  const [photoVersion, setPhotoVersion] = useState(0);
  const reload = () => {
    officer.reload();
    training.reload();
    timeline.reload();
  };
  return (
    <section>
      <h1>{me?.officerId === id ? t('officer.mine') : t('officer.record')}</h1>
      {id && has('AGENCY_ADMIN', 'OFFICER', 'SANCTION_OFFICER') && <RunningSanctions officerId={id} />}
      <Loading state={officer}>
        {(o) => (
          <>
            <dl className="grid">
              <dt>{t('officers.name')}</dt>
              <dd>{o.name}</dd>
              <dt>{t('app.field.idNumber')}</dt>
              <dd>{o.idNumber}</dd>
              <dt>{t('app.field.agency')}</dt>
              <dd>{o.agency.name}</dd>
              <dt>{t('officers.onStaff')}</dt>
              <dd>{o.onStaff ? t('common.yes') : t('common.no')}</dd>
              <dt>{t('card.photo')}</dt>
              <dd>
                <OfficerPhoto officer={o} version={photoVersion} />
              </dd>
            </dl>
            {has('AGENCY_ADMIN') && (
              <PhotoUpload
                officerId={o.id}
                onDone={() => {
                  setPhotoVersion((v) => v + 1);
                  officer.reload();
                }}
              />
            )}
            <h2>{t('officers.certificates')}</h2>
            <DataTable
              rowKey={(c) => c.number}
              rows={o.certificates}
              columns={[
                {
                  title: t('verify.number'),
                  value: (c) => c.number,
                  render: (c) => <Link to={`/verify/${c.number}`}>{c.number}</Link>,
                },
                { title: t('verify.status'), value: (c) => CERTIFICATE_STATUS_WORDS[c.status] ?? label(c.status) },
                { title: t('app.field.submittedAt'), value: (c) => fmtDate(c.issuedOn) },
              ]}
            />
            {has('AGENCY_ADMIN') && !o.certificates.some((c) => c.status === 'ACTIVE' || c.status === 'SUSPENDED') && (
              <ApplyReadiness officerId={o.id} />
            )}
            {o.certificates
              .filter((c) => c.status === 'ACTIVE')
              .map((c) => (
                <PrintCard key={c.number} number={c.number} />
              ))}
            {has('AGENCY_ADMIN') &&
              o.certificates
                .filter((c) => c.status === 'ACTIVE' || c.status === 'SUSPENDED')
                .map((c) => <CertificateActs key={c.number} number={c.number} onDone={reload} />)}
          </>
        )}
      </Loading>
      <Loading state={training}>
        {({ progress: p }) => (
          <>
            <h2>{t('officer.training', { year: p.year })}</h2>
            <p className={p.behindPace ? 'danger' : 'ok'}>
              {t('officer.trainingProgress', { hours: p.hours, minimum: p.minimum, expected: p.expectedByNow })}{' '}
              {p.behindPace && <span className="badge danger">{t('officer.behindPace')}</span>}
            </p>
            <progress
              max={p.minimum}
              value={Math.min(p.hours, p.minimum)}
              aria-label={t('officer.training', { year: p.year })}
            />
          </>
        )}
      </Loading>
      {has('AGENCY_ADMIN') && id && (
        <>
          <TrainingForm officerId={id} onDone={reload} />
          <ExamForm officerId={id} onDone={reload} />
          <ExemptionForm officerId={id} onDone={reload} />
        </>
      )}
      <h2>{t('officer.timeline')}</h2>
      <Loading state={timeline}>
        {(tl) => (
          <ol className="timeline">
            {tl.entries.map((e, i) => (
              <li key={i}>
                <time>{e.at.length === 10 ? fmtDate(e.at) : fmtDateTime(e.at)}</time> {e.title}{' '}
                {e.article && <span className="article">（{e.article}）</span>}
              </li>
            ))}
          </ol>
        )}
      </Loading>
    </section>
  );
}

function TrainingForm({ officerId, onDone }: { officerId: string; onDone(): void }) {
  const [f, setF] = useState({
    takenOn: today(),
    hours: '8',
    category: TRAINING_CATEGORIES[0] as string,
    mode: TRAINING_MODES[0] as string,
    scope: TRAINING_SCOPES[0] as string,
    organiser: '',
  });
  const set = (patch: Partial<typeof f>) => setF((x) => ({ ...x, ...patch }));
  const select = (name: 'category' | 'mode' | 'scope', options: readonly string[]) => (id: string) => (
    <select id={id} value={f[name]} onChange={(e) => set({ [name]: e.target.value })}>
      {options.map((o) => (
        <option key={o} value={o}>
          {label(o)}
        </option>
      ))}
    </select>
  );
  return (
    <ActionForm
      collapsible
      submitLabel={t('common.save')}
      title={t('officer.addTraining')}
      path={`/api/officers/${officerId}/training-records`}
      body={() => ({ ...f, hours: Number(f.hours) })}
      onDone={onDone}
    >
      {(err) => (
        <>
          <Field label={t('officer.takenOn')} error={err('takenOn')}>
            {(id, e) => (
              <input
                id={id}
                aria-describedby={e}
                type="date"
                required
                max={today()}
                value={f.takenOn}
                onChange={(ev) => set({ takenOn: ev.target.value })}
              />
            )}
          </Field>
          <Field label={t('officer.hours')} error={err('hours')}>
            {(id, e) => (
              <input
                id={id}
                aria-describedby={e}
                type="number"
                step="0.5"
                min="0.5"
                max="24"
                required
                value={f.hours}
                onChange={(ev) => set({ hours: ev.target.value })}
              />
            )}
          </Field>
          <Field label={t('officer.category')}>{select('category', TRAINING_CATEGORIES)}</Field>
          <Field label={t('officer.mode')}>{select('mode', TRAINING_MODES)}</Field>
          <Field label={t('officer.scope')}>{select('scope', TRAINING_SCOPES)}</Field>
          <Field label={t('officer.organiser')} error={err('organiser')}>
            {(id, e) => (
              <input
                id={id}
                aria-describedby={e}
                required
                maxLength={200}
                value={f.organiser}
                onChange={(ev) => set({ organiser: ev.target.value })}
              />
            )}
          </Field>
        </>
      )}
    </ActionForm>
  );
}

function CertificateActs({ number, onDone }: { number: string; onDone(): void }) {
  const cancellation = useCancellation();
  const [reason, setReason] = useState('LOST');
  const base = `/api/certificates/${encodeURIComponent(number)}`;
  return (
    <div className="acts">
      <ActionForm
        collapsible
        danger
        title={`${t('officer.cancel')} · ${number}`}
        submitLabel={t('common.submit')}
        path={`${base}/cancellation`}
        body={() => cancellation.value}
        onDone={onDone}
      >
        {(err) => <CancellationFields state={cancellation} error={err} />}
      </ActionForm>
      <ActionForm
        collapsible
        title={`${t('officer.lost')} · ${number}`}
        submitLabel={t('common.submit')}
        path={`${base}/loss-report`}
        body={() => ({ reason })}
        onDone={onDone}
      >
        {() => (
          <Field label={t('officer.lostReason')}>
            {(id) => (
              <select id={id} value={reason} onChange={(e) => setReason(e.target.value)}>
                <option value="LOST">{label('LOST')}</option>
                <option value="DAMAGED">{label('DAMAGED')}</option>
              </select>
            )}
          </Field>
        )}
      </ActionForm>
    </div>
  );
}

function RegisterOfficer({ onDone }: { onDone(): void }) {
  const [f, setF] = useState({ name: '', idNumber: '', birthDate: '' });
  return (
    <ActionForm
      collapsible
      submitLabel={t('common.save')}
      title={t('officer.register')}
      path="/api/officers"
      body={() => ({ ...f, onStaff: true })}
      onDone={onDone}
    >
      {(err) => (
        <>
          <Field label={t('officers.name')} error={err('name')}>
            {(id) => (
              <input
                id={id}
                required
                maxLength={50}
                value={f.name}
                onChange={(e) => setF({ ...f, name: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('officer.idNumber')} error={err('idNumber')}>
            {(id) => (
              <input
                id={id}
                required
                maxLength={18}
                autoComplete="off"
                value={f.idNumber}
                onChange={(e) => setF({ ...f, idNumber: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('officer.birthDate')} error={err('birthDate')}>
            {(id) => (
              <input
                id={id}
                type="date"
                required
                min="1900-01-01"
                max={today()}
                value={f.birthDate}
                onChange={(e) => setF({ ...f, birthDate: e.target.value })}
              />
            )}
          </Field>
        </>
      )}
    </ActionForm>
  );
}

function ExamForm({ officerId, onDone }: { officerId: string; onDone(): void }) {
  const [f, setF] = useState({ type: 'COMPREHENSIVE', passed: true, score: '', takenOn: today() });
  return (
    <ActionForm
      collapsible
      submitLabel={t('common.save')}
      title={t('officer.exam')}
      path={`/api/officers/${officerId}/exam-results`}
      body={() => ({
        type: f.type,
        passed: f.passed,
        takenOn: f.takenOn,
        ...(f.score ? { score: Number(f.score) } : {}),
      })}
      onDone={onDone}
    >
      {(err) => (
        <>
          <Field label={t('officer.examType')}>
            {(id) => (
              <select id={id} value={f.type} onChange={(e) => setF({ ...f, type: e.target.value })}>
                {Object.entries(EXAM_LABELS).map(([k, v]) => (
                  <option key={k} value={k}>
                    {v}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <label className="check">
            <input type="checkbox" checked={f.passed} onChange={(e) => setF({ ...f, passed: e.target.checked })} />{' '}
            {t('officer.passed')}
          </label>
          <Field label={t('officer.score')} error={err('score')}>
            {(id) => (
              <input
                id={id}
                type="number"
                min="0"
                max="1000"
                value={f.score}
                onChange={(e) => setF({ ...f, score: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('officer.takenOn')} error={err('takenOn')}>
            {(id) => (
              <input
                id={id}
                type="date"
                required
                max={today()}
                value={f.takenOn}
                onChange={(e) => setF({ ...f, takenOn: e.target.value })}
              />
            )}
          </Field>
        </>
      )}
    </ActionForm>
  );
}

function ExemptionForm({ officerId, onDone }: { officerId: string; onDone(): void }) {
  const [f, setF] = useState({ ground: 'LEGAL_PROFESSION', proof: '', grantedOn: today() });
  return (
    <ActionForm
      collapsible
      submitLabel={t('common.save')}
      title={t('officer.exemption')}
      path={`/api/officers/${officerId}/exemptions`}
      body={() => f}
      onDone={onDone}
    >
      {(err) => (
        <>
          <Field label={t('officer.exemptionGround')}>
            {(id) => (
              <select id={id} value={f.ground} onChange={(e) => setF({ ...f, ground: e.target.value })}>
                {Object.entries(EXEMPTION_LABELS).map(([k, v]) => (
                  <option key={k} value={k}>
                    {v}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('officer.proof')} error={err('proof')}>
            {(id) => (
              <input
                id={id}
                required
                maxLength={2000}
                value={f.proof}
                onChange={(e) => setF({ ...f, proof: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('officer.grantedOn')} error={err('grantedOn')}>
            {(id) => (
              <input
                id={id}
                type="date"
                required
                max={today()}
                value={f.grantedOn}
                onChange={(e) => setF({ ...f, grantedOn: e.target.value })}
              />
            )}
          </Field>
        </>
      )}
    </ActionForm>
  );
}

/** 第四条, 第五条: for an officer without a valid card, whether a first application would be accepted — and the way to it. */
function ApplyReadiness({ officerId }: { officerId: string }) {
  const e = useAsync(
    () => request<EligibilityResult>('GET', `/api/officers/${officerId}/eligibility?kind=INITIAL`),
    [officerId],
  );
  return (
    <section aria-labelledby="readiness">
      <h2 id="readiness">{t('officer.readiness')}</h2>
      <Loading state={e}>
        {(x) => (
          <>
            <Eligibility e={x} />
            {x.eligible && (
              <p>
                <Link className="button" to={`/applications/new?officer=${officerId}`}>
                  {t('app.new')}
                </Link>
              </p>
            )}
          </>
        )}
      </Loading>
    </section>
  );
}
