// 系统管理 — organisations (第二条, 第三条): the list, registering one, and one organisation's page with
// the organs over it, what is still running at it, its facts and deactivation.
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { AGENCY_KINDS, ORG_LEVELS, ORG_TYPES } from '../../../domain/administration';
import { request } from '../api';
import { fmtDateTime, label, t } from '../i18n';
import { ADMIN_LABELS, EXAM_STATUS_LABELS } from '../messages';
import {
  Checkbox,
  DataTable,
  FormPanel,
  Loading,
  ProblemAlert,
  SelectField,
  TextField,
  useAsync,
  useSubmit,
} from '../ui';

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
        <TextField label={t('admin.search')} value={q} onChange={setQ} maxLength={50} type="search" />
        <SelectField
          label={t('admin.type')}
          value={type}
          onChange={setType}
          placeholder={t('admin.any')}
          options={ORG_TYPES.map((k) => ({ value: k, label: adminLabel(k) }))}
        />
        <SelectField
          label={t('admin.status')}
          value={active}
          onChange={setActive}
          placeholder={t('admin.any')}
          options={[
            { value: 'true', label: t('admin.active') },
            { value: 'false', label: t('admin.inactive') },
          ]}
        />
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
      <SelectField
        label={t('admin.agencyKind')}
        value={v.agencyKind}
        onChange={(agencyKind) => set({ agencyKind })}
        placeholder="—"
        required
        error={err('agencyKind')}
        options={AGENCY_KINDS.map((k) => ({ value: k, label: adminLabel(k) }))}
      />
      <TextField
        label={t('admin.system')}
        value={v.system}
        onChange={(value) => set({ system: value })}
        maxLength={50}
        error={err('system')}
        hint={t('admin.systemHint')}
      />
      <Checkbox
        label={t('admin.requiresProfessionalExam')}
        checked={v.requiresProfessionalExam}
        onChange={(checked) => set({ requiresProfessionalExam: checked })}
      />
      <Checkbox
        label={t('admin.verticallyManaged')}
        checked={v.verticallyManaged}
        onChange={(checked) => set({ verticallyManaged: checked })}
      />
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
    <FormPanel title={t('admin.newOrganisation')} submit={submit} submitLabel={t('common.submit')} collapsible>
      <TextField
        label={t('admin.name')}
        value={v.name}
        onChange={(value) => set({ name: value })}
        maxLength={100}
        error={submit.fieldError('name')}
        required
      />
      <SelectField
        label={t('admin.type')}
        value={v.type}
        onChange={(type) => set({ type })}
        error={submit.fieldError('type')}
        options={ORG_TYPES.map((k) => ({ value: k, label: adminLabel(k) }))}
      />
      <SelectField
        label={t('admin.level')}
        value={v.level}
        onChange={(level) => set({ level, regionCode: '' })}
        error={submit.fieldError('level')}
        options={ORG_LEVELS.map((k) => ({ value: k, label: adminLabel(k) }))}
      />
      <SelectField
        label={t('admin.region')}
        value={v.regionCode}
        onChange={(regionCode) => set({ regionCode })}
        placeholder="—"
        required
        error={submit.fieldError('regionCode')}
        options={(regions.data?.items ?? [])
          .filter((r) => r.level === v.level)
          .map((r) => ({ value: r.code, label: r.name }))}
      />
      {agency && <AgencyFacts v={v} set={set} err={submit.fieldError} />}
    </FormPanel>
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
              {
                title: t('admin.status'),
                // An exam session's CLOSED is 报名已截止 (awaiting its results), not a finished process.
                value: (p) => (p.kind === 'EXAM_SESSION' ? EXAM_STATUS_LABELS[p.status] : label(p.status)),
              },
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
    <FormPanel
      title={t('admin.edit')}
      submit={submit}
      submitLabel={t('common.save')}
      collapsible
      status={saved ? t('admin.saved') : undefined}
    >
      <TextField
        label={t('admin.name')}
        value={v.name}
        onChange={(value) => set({ name: value })}
        maxLength={100}
        error={submit.fieldError('name')}
        required
      />
      {o.type === 'AGENCY' && <AgencyFacts v={v} set={set} err={submit.fieldError} />}
    </FormPanel>
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
