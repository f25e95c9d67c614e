// 系统管理 — organisations (第二条, 第三条): the list, registering one, and one organisation's page with
// the organs over it, what is still running at it, its facts and deactivation.
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { AGENCY_KINDS, ORG_LEVELS, ORG_TYPES } from '../../../domain/administration';
import { request } from '../api';
import { fmtDateTime, label, t } from '../i18n';
import { ADMIN_LABELS } from '../messages';
import { DataTable, Field, Loading, ProblemAlert, useAsync, useSubmit } from '../ui';

const adminLabel = (v: string | null | undefined) => (v ? (ADMIN_LABELS[v] ?? label(v)) : '—');

interface Region {
  code: string;
  name: string;
  level: string;
}
interface OrgRef {
  id: string;
  name: string;
  active: boolean;
}
interface OrganisationRow {
  id: string;
  name: string;
  type: string;
  level: string;
  region: { code: string; name: string };
  active: boolean;
  activeUsers: number;
}
interface Organisation extends Omit<OrganisationRow, 'activeUsers'> {
  agencyKind: string | null;
  verticallyManaged: boolean;
  system: string | null;
  requiresProfessionalExam: boolean;
  createdAt: string;
  users: { active: number; inactive: number };
  over: { reviewBureaus: { level: string; bureau: OrgRef | null }[]; supervisoryOrgan: OrgRef | null };
  openProcesses: { kind: string; id: string; number: string | null; status: string; since: string }[];
}

/** Where a person opens an open process, when the system admin's pages link it. */
const processLink = (p: Organisation['openProcesses'][number]) =>
  p.kind === 'APPLICATION' ? `/applications/${p.id}` : p.kind === 'COMPLAINT' ? `/complaints/${p.id}` : undefined;

export function AdminOrganisations() {
  const [q, setQ] = useState('');
  const [type, setType] = useState('');
  const [active, setActive] = useState('');
  const params = new URLSearchParams({ ...(q ? { q } : {}), ...(type ? { type } : {}), ...(active ? { active } : {}) });
  const list = useAsync(
    () => request<{ items: OrganisationRow[]; total: number }>('GET', `/api/admin/organisations?${params}`),
    [params.toString()],
  );
  return (
    <section>
      <h1>{t('admin.organisations')}</h1>
      <p className="intro">{t('admin.organisationsIntro')}</p>
      <NewOrganisation />
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <Field label={t('admin.search')}>
          {(id) => <input id={id} type="search" value={q} maxLength={50} onChange={(e) => setQ(e.target.value)} />}
        </Field>
        <Field label={t('admin.type')}>
          {(id) => (
            <select id={id} value={type} onChange={(e) => setType(e.target.value)}>
              <option value="">{t('admin.any')}</option>
              {ORG_TYPES.map((v) => (
                <option key={v} value={v}>
                  {adminLabel(v)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('admin.status')}>
          {(id) => (
            <select id={id} value={active} onChange={(e) => setActive(e.target.value)}>
              <option value="">{t('admin.any')}</option>
              <option value="true">{t('admin.active')}</option>
              <option value="false">{t('admin.inactive')}</option>
            </select>
          )}
        </Field>
      </form>
      <Loading state={list}>
        {(l) => (
          <>
            <p>{t('common.total', { n: l.total })}</p>
            <DataTable
              rows={l.items}
              rowKey={(o) => o.id}
              csvName="机构"
              columns={[
                {
                  title: t('admin.name'),
                  value: (o) => o.name,
                  render: (o) => <Link to={`/admin/organisations/${o.id}`}>{o.name}</Link>,
                },
                { title: t('admin.type'), value: (o) => adminLabel(o.type) },
                { title: t('admin.level'), value: (o) => adminLabel(o.level) },
                { title: t('admin.region'), value: (o) => o.region.name },
                { title: t('admin.activeUsers'), value: (o) => o.activeUsers },
                { title: t('admin.status'), value: (o) => (o.active ? t('admin.active') : t('admin.inactive')) },
              ]}
            />
          </>
        )}
      </Loading>
    </section>
  );
}

/** The facts an organisation form edits; the agency ones only for an agency. */
function AgencyFacts({
  v,
  set,
  err,
}: {
  v: { agencyKind: string; verticallyManaged: boolean; system: string; requiresProfessionalExam: boolean };
  set: (patch: Partial<typeof v>) => void;
  err: (field: string) => string | undefined;
}) {
  return (
    <>
      <Field label={t('admin.agencyKind')} error={err('agencyKind')}>
        {(id, d) => (
          <select
            id={id}
            aria-describedby={d}
            required
            value={v.agencyKind}
            onChange={(e) => set({ agencyKind: e.target.value })}
          >
            <option value="">—</option>
            {AGENCY_KINDS.map((k) => (
              <option key={k} value={k}>
                {adminLabel(k)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('admin.system')} hint={t('admin.systemHint')} error={err('system')}>
        {(id, d) => (
          <input
            id={id}
            aria-describedby={d}
            maxLength={50}
            value={v.system}
            onChange={(e) => set({ system: e.target.value })}
          />
        )}
      </Field>
      <label className="check">
        <input
          type="checkbox"
          checked={v.requiresProfessionalExam}
          onChange={(e) => set({ requiresProfessionalExam: e.target.checked })}
        />{' '}
        {t('admin.requiresProfessionalExam')}
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={v.verticallyManaged}
          onChange={(e) => set({ verticallyManaged: e.target.checked })}
        />{' '}
        {t('admin.verticallyManaged')}
      </label>
    </>
  );
}

function NewOrganisation() {
  const navigate = useNavigate();
  const regions = useAsync(() => request<{ items: Region[] }>('GET', '/api/admin/regions'), []);
  const [v, setV] = useState({
    name: '',
    type: 'AGENCY',
    level: 'DISTRICT',
    regionCode: '',
    agencyKind: '',
    verticallyManaged: false,
    system: '',
    requiresProfessionalExam: false,
  });
  const set = (patch: Partial<typeof v>) => setV((x) => ({ ...x, ...patch }));
  const agency = v.type === 'AGENCY';
  const submit = useSubmit(async () => {
    const created = await request<{ id: string }>('POST', '/api/admin/organisations', {
      body: {
        name: v.name,
        type: v.type,
        level: v.level,
        regionCode: v.regionCode,
        ...(agency
          ? {
              agencyKind: v.agencyKind || undefined,
              verticallyManaged: v.verticallyManaged,
              system: v.system.trim() || undefined,
              requiresProfessionalExam: v.requiresProfessionalExam,
            }
          : {}),
      },
    });
    void navigate(`/admin/organisations/${created.id}`);
  });
  return (
    <details className="panel">
      <summary>{t('admin.newOrganisation')}</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit.run();
        }}
      >
        <Field label={t('admin.name')} error={submit.fieldError('name')}>
          {(id, d) => (
            <input
              id={id}
              aria-describedby={d}
              required
              maxLength={100}
              value={v.name}
              onChange={(e) => set({ name: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('admin.type')} error={submit.fieldError('type')}>
          {(id) => (
            <select id={id} value={v.type} onChange={(e) => set({ type: e.target.value })}>
              {ORG_TYPES.map((k) => (
                <option key={k} value={k}>
                  {adminLabel(k)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('admin.level')} error={submit.fieldError('level')}>
          {(id) => (
            <select id={id} value={v.level} onChange={(e) => set({ level: e.target.value, regionCode: '' })}>
              {ORG_LEVELS.map((k) => (
                <option key={k} value={k}>
                  {adminLabel(k)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('admin.region')} error={submit.fieldError('regionCode')}>
          {(id, d) => (
            <select
              id={id}
              aria-describedby={d}
              required
              value={v.regionCode}
              onChange={(e) => set({ regionCode: e.target.value })}
            >
              <option value="">—</option>
              {(regions.data?.items ?? [])
                .filter((r) => r.level === v.level)
                .map((r) => (
                  <option key={r.code} value={r.code}>
                    {r.name}
                  </option>
                ))}
            </select>
          )}
        </Field>
        {agency && <AgencyFacts v={v} set={set} err={submit.fieldError} />}
        <ProblemAlert error={submit.error} />
        <button type="submit" disabled={submit.busy}>
          {submit.busy ? t('common.submitting') : t('common.submit')}
        </button>
      </form>
    </details>
  );
}

export function AdminOrganisation() {
  const { id } = useParams();
  const org = useAsync(() => request<Organisation>('GET', `/api/admin/organisations/${id}`), [id]);
  return (
    <Loading state={org}>
      {(o) => (
        <section>
          <h1>
            {o.name}
            {!o.active && <span className="badge warn"> {t('admin.inactive')}</span>}
          </h1>
          <dl className="facts">
            <dt>{t('admin.type')}</dt>
            <dd>
              {adminLabel(o.type)}
              {o.agencyKind && `（${adminLabel(o.agencyKind)}）`}
            </dd>
            <dt>{t('admin.level')}</dt>
            <dd>{adminLabel(o.level)}</dd>
            <dt>{t('admin.region')}</dt>
            <dd>{o.region.name}</dd>
            {o.type === 'AGENCY' && (
              <>
                <dt>{t('admin.system')}</dt>
                <dd>{o.system ?? '—'}</dd>
                <dt>{t('admin.requiresProfessionalExam')}</dt>
                <dd>{o.requiresProfessionalExam ? t('common.yes') : t('common.no')}</dd>
                <dt>{t('admin.verticallyManaged')}</dt>
                <dd>{o.verticallyManaged ? t('common.yes') : t('common.no')}</dd>
              </>
            )}
            <dt>{t('admin.users')}</dt>
            <dd>
              <Link to={`/admin/users?organisationId=${o.id}`}>
                {t('admin.usersCount', { active: o.users.active, inactive: o.users.inactive })}
              </Link>
            </dd>
          </dl>
          <h2>{t('admin.over')}</h2>
          <dl className="facts">
            {o.over.reviewBureaus.map((b) => (
              <Over
                key={b.level}
                title={t('admin.reviewBureau', { level: adminLabel(b.level) })}
                org={b.bureau}
                missing
              />
            ))}
            <Over title={t('admin.supervisoryOrgan')} org={o.over.supervisoryOrgan} />
          </dl>
          <h2>{t('admin.openProcesses')}</h2>
          {o.openProcesses.length > 0 && !o.active && <p className="alert">{t('admin.openProcessesIntro')}</p>}
          <DataTable
            rows={o.openProcesses}
            rowKey={(p) => p.id}
            columns={[
              { title: t('admin.processKind'), value: (p) => adminLabel(p.kind) },
              {
                title: t('admin.number'),
                value: (p) => p.number ?? '—',
                render: (p) => {
                  const to = processLink(p);
                  return to ? <Link to={to}>{p.number}</Link> : (p.number ?? '—');
                },
              },
              { title: t('admin.status'), value: (p) => label(p.status) },
              { title: t('admin.since'), value: (p) => fmtDateTime(p.since) },
            ]}
          />
          <EditOrganisation o={o} onDone={org.reload} />
          <ActiveSwitch o={o} onDone={org.reload} />
        </section>
      )}
    </Loading>
  );
}

function Over({ title, org, missing }: { title: string; org: OrgRef | null; missing?: boolean }) {
  return (
    <>
      <dt>{title}</dt>
      <dd>
        {org ? (
          <Link to={`/admin/organisations/${org.id}`}>
            {org.name}
            {!org.active && `（${t('admin.inactive')}）`}
          </Link>
        ) : (
          <span className={missing ? 'warn' : undefined}>{missing ? t('admin.notRegistered') : t('admin.none')}</span>
        )}
      </dd>
    </>
  );
}

function EditOrganisation({ o, onDone }: { o: Organisation; onDone(): void }) {
  const [v, setV] = useState({
    name: o.name,
    agencyKind: o.agencyKind ?? '',
    verticallyManaged: o.verticallyManaged,
    system: o.system ?? '',
    requiresProfessionalExam: o.requiresProfessionalExam,
  });
  const [saved, setSaved] = useState(false);
  const set = (patch: Partial<typeof v>) => setV((x) => ({ ...x, ...patch }));
  const submit = useSubmit(async () => {
    setSaved(false);
    await request('PATCH', `/api/admin/organisations/${o.id}`, {
      body: {
        name: v.name,
        ...(o.type === 'AGENCY'
          ? {
              agencyKind: v.agencyKind || null,
              verticallyManaged: v.verticallyManaged,
              system: v.system.trim() || null,
              requiresProfessionalExam: v.requiresProfessionalExam,
            }
          : {}),
      },
    });
    setSaved(true);
    onDone();
  });
  return (
    <details className="panel">
      <summary>{t('admin.edit')}</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit.run();
        }}
      >
        <Field label={t('admin.name')} error={submit.fieldError('name')}>
          {(id, d) => (
            <input
              id={id}
              aria-describedby={d}
              required
              maxLength={100}
              value={v.name}
              onChange={(e) => set({ name: e.target.value })}
            />
          )}
        </Field>
        {o.type === 'AGENCY' && <AgencyFacts v={v} set={set} err={submit.fieldError} />}
        <ProblemAlert error={submit.error} />
        {saved && <p role="status">{t('admin.saved')}</p>}
        <button type="submit" disabled={submit.busy}>
          {submit.busy ? t('common.submitting') : t('common.save')}
        </button>
      </form>
    </details>
  );
}

function ActiveSwitch({ o, onDone }: { o: Organisation; onDone(): void }) {
  const submit = useSubmit(async () => {
    if (o.active && !window.confirm(t('admin.deactivateConfirm'))) return;
    await request('PATCH', `/api/admin/organisations/${o.id}`, { body: { active: !o.active } });
    onDone();
  });
  return (
    <div className="panel">
      <ProblemAlert error={submit.error} />
      <button
        type="button"
        className={o.active ? 'danger' : undefined}
        disabled={submit.busy}
        onClick={() => void submit.run()}
      >
        {o.active ? t('admin.deactivate') : t('admin.reactivate')}
      </button>
    </div>
  );
}
