// 系统管理 — users (第三条). The system admin opens accounts in any organisation with the roles that fit
// it, changes roles and the officer link, and deactivates; an agency admin sees the same page for its
// own officers' logins only (the API scopes both).
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ROLES, roleFitsOrganisation, type OrgLevel, type OrgType, type Role } from '../../../domain/roles';
import { request } from '../api';
import { label, t } from '../i18n';
import { ADMIN_LABELS } from '../messages';
import { useSession } from '../session';
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

interface User {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  organisation: { id: string; name: string; type: OrgType; level: OrgLevel };
  officer: { id: string; name: string } | null;
  active: boolean;
}
interface OrgOption {
  id: string;
  name: string;
  type: OrgType;
  level: OrgLevel;
  active: boolean;
}
interface Candidate {
  id: string;
  name: string;
  idNumberTail: string;
  onStaff: boolean;
}

const rolesText = (roles: readonly string[]) => roles.map(label).join('、');

export function AdminUsers() {
  const { has } = useSession();
  const systemAdmin = has('SYSTEM_ADMIN');
  const [search] = useSearchParams();
  const organisationId = search.get('organisationId') ?? '';
  const [q, setQ] = useState('');
  const params = new URLSearchParams({ ...(q ? { q } : {}), ...(organisationId ? { organisationId } : {}) });
  const list = useAsync(
    () => request<{ items: User[]; total: number }>('GET', `/api/admin/users?${params}`),
    [params.toString()],
  );
  return (
    <section>
      <h1>{systemAdmin ? t('admin.userList') : t('nav.officerLogins')}</h1>
      <p className="intro">{systemAdmin ? t('admin.userListIntro') : t('admin.officerLoginsIntro')}</p>
      <NewUser systemAdmin={systemAdmin} presetOrganisation={organisationId} onDone={list.reload} />
      {organisationId && (
        <p>
          {t('admin.filteredByOrganisation')} <Link to="/admin/users">{t('admin.allUsers')}</Link>
        </p>
      )}
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <TextField label={t('admin.search')} value={q} onChange={setQ} maxLength={50} type="search" />
      </form>
      <Loading state={list}>
        {(l) => (
          <>
            <p>{t('common.total', { n: l.total })}</p>
            <DataTable
              rows={l.items}
              rowKey={(u) => u.id}
              csvName="账号"
              columns={[
                {
                  title: t('admin.displayName'),
                  value: (u) => u.displayName,
                  render: (u) =>
                    systemAdmin ? <Link to={`/admin/users/${u.id}`}>{u.displayName}</Link> : u.displayName,
                },
                { title: t('admin.username'), value: (u) => u.username },
                { title: t('admin.organisation'), value: (u) => u.organisation.name },
                { title: t('admin.roles'), value: (u) => rolesText(u.roles) },
                { title: t('admin.officer'), value: (u) => u.officer?.name ?? '—' },
                {
                  title: t('admin.status'),
                  value: (u) => (u.active ? t('admin.active') : t('admin.inactive')),
                  render: (u) => <ActiveToggle user={u} onDone={list.reload} />,
                },
              ]}
            />
          </>
        )}
      </Loading>
    </section>
  );
}

/** Activates or deactivates a login; its owner's next request is refused. */
function ActiveToggle({ user, onDone }: { user: User; onDone(): void }) {
  const submit = useSubmit(async () => {
    await request('PATCH', `/api/admin/users/${user.id}`, { body: { active: !user.active } });
    onDone();
  });
  return (
    <span>
      {user.active ? t('admin.active') : t('admin.inactive')}{' '}
      <button
        type="button"
        className="secondary"
        disabled={submit.busy}
        aria-label={`${user.active ? t('admin.deactivateUser') : t('admin.reactivateUser')}：${user.displayName}`}
        onClick={() => void submit.run()}
      >
        {user.active ? t('admin.deactivateUser') : t('admin.reactivateUser')}
      </button>
      <ProblemAlert error={submit.error} />
    </span>
  );
}

/** The officers of `organisationId` without a login, for the OFFICER role's link. */
function OfficerSelect({
  organisationId,
  value,
  onChange,
  error,
  current,
}: {
  organisationId: string;
  value: string;
  onChange(id: string): void;
  error?: string;
  current?: { id: string; name: string } | null;
}) {
  const candidates = useAsync(
    () =>
      organisationId
        ? request<{ items: Candidate[] }>('GET', `/api/admin/officer-candidates?organisationId=${organisationId}`)
        : Promise.resolve({ items: [] }),
    [organisationId],
  );
  const items = candidates.data?.items ?? [];
  return (
    <SelectField
      label={t('admin.officer')}
      value={value}
      onChange={onChange}
      placeholder={t('admin.chooseOfficer')}
      error={error}
      hint={organisationId && candidates.data && !items.length && !current ? t('admin.noCandidates') : undefined}
      options={[
        ...(current ? [{ value: current.id, label: current.name }] : []),
        ...items.map((c) => ({ value: c.id, label: `${c.name}（${t('admin.idTail', { tail: c.idNumberTail })}）` })),
      ]}
    />
  );
}

/** Role checkboxes: only the roles the organisation can hold (domain/roles.ts) are offered. */
function RolePicker({
  org,
  value,
  onChange,
  error,
}: {
  org: Pick<OrgOption, 'type' | 'level'> | undefined;
  value: Role[];
  onChange(roles: Role[]): void;
  error?: string;
}) {
  const fitting = org ? ROLES.filter((r) => roleFitsOrganisation(r, org)) : [];
  return (
    <fieldset className={error ? 'has-error' : undefined}>
      <legend>{t('admin.roles')}</legend>
      {fitting.map((r) => (
        <Checkbox
          key={r}
          label={label(r)}
          checked={value.includes(r)}
          onChange={(checked) => onChange(checked ? [...value, r] : value.filter((x) => x !== r))}
        />
      ))}
      {error && (
        <small className="field-error" role="alert">
          {error}
        </small>
      )}
    </fieldset>
  );
}

function NewUser({
  systemAdmin,
  presetOrganisation,
  onDone,
}: {
  systemAdmin: boolean;
  presetOrganisation: string;
  onDone(): void;
}) {
  const { me } = useSession();
  const orgs = useAsync(
    () =>
      systemAdmin
        ? request<{ items: OrgOption[] }>('GET', '/api/admin/organisations?active=true')
        : Promise.resolve({ items: [] }),
    [systemAdmin],
  );
  const [v, setV] = useState({
    username: '',
    displayName: '',
    organisationId: presetOrganisation,
    roles: (systemAdmin ? [] : ['OFFICER']) as Role[],
    officerId: '',
  });
  const [created, setCreated] = useState<string>();
  const set = (patch: Partial<typeof v>) => setV((x) => ({ ...x, ...patch }));
  const organisationId = systemAdmin ? v.organisationId : (me?.organisation.id ?? '');
  const org = orgs.data?.items.find((o) => o.id === organisationId);
  const submit = useSubmit(async () => {
    setCreated(undefined);
    const u = await request<User>('POST', '/api/admin/users', {
      body: {
        username: v.username.trim(),
        displayName: v.displayName,
        ...(systemAdmin ? { organisationId: v.organisationId || undefined, roles: v.roles } : {}),
        ...(v.officerId ? { officerId: v.officerId } : {}),
      },
    });
    setCreated(`${u.displayName}（${u.username}）`);
    setV((x) => ({ ...x, username: '', displayName: '', officerId: '' }));
    onDone();
  });
  return (
    <FormPanel
      title={t('admin.newUser')}
      submit={submit}
      submitLabel={t('common.submit')}
      collapsible
      open={!!presetOrganisation}
      status={created && `${t('admin.created')}：${created}`}
    >
      {systemAdmin && (
        <SelectField
          label={t('admin.organisation')}
          value={v.organisationId}
          onChange={(organisationId) => set({ organisationId, roles: [], officerId: '' })}
          placeholder={t('admin.chooseOrganisation')}
          required
          error={submit.fieldError('organisationId')}
          options={(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
        />
      )}
      {systemAdmin && (
        <RolePicker org={org} value={v.roles} onChange={(roles) => set({ roles })} error={submit.fieldError('roles')} />
      )}
      {(v.roles.includes('OFFICER') || !systemAdmin) && (
        <OfficerSelect
          organisationId={organisationId}
          value={v.officerId}
          onChange={(officerId) => set({ officerId })}
          error={submit.fieldError('officerId')}
        />
      )}
      <TextField
        label={t('admin.username')}
        value={v.username}
        onChange={(value) => set({ username: value })}
        maxLength={64}
        error={submit.fieldError('username')}
        hint={t('admin.usernameHint')}
        required
        autoComplete="off"
      />
      <TextField
        label={t('admin.displayName')}
        value={v.displayName}
        onChange={(value) => set({ displayName: value })}
        maxLength={50}
        error={submit.fieldError('displayName')}
        required
      />
    </FormPanel>
  );
}

/** One user, for the system admin: display name, roles, officer link, active. */
export function AdminUser() {
  const { id } = useParams();
  const user = useAsync(() => request<User>('GET', `/api/admin/users/${id}`), [id]);
  return (
    <Loading state={user}>
      {(u) => (
        <section>
          <h1>
            {u.displayName}（{u.username}）{!u.active && <span className="badge warn"> {t('admin.inactive')}</span>}
          </h1>
          <dl className="facts">
            <dt>{t('admin.organisation')}</dt>
            <dd>
              <Link to={`/admin/organisations/${u.organisation.id}`}>{u.organisation.name}</Link>（
              {ADMIN_LABELS[u.organisation.type]}）
            </dd>
            <dt>{t('admin.roles')}</dt>
            <dd>{rolesText(u.roles)}</dd>
            <dt>{t('admin.officer')}</dt>
            <dd>{u.officer?.name ?? '—'}</dd>
          </dl>
          <EditUser key={JSON.stringify(u)} user={u} onDone={user.reload} />
          <div className="panel">
            <ActiveToggle user={u} onDone={user.reload} />
          </div>
        </section>
      )}
    </Loading>
  );
}

function EditUser({ user, onDone }: { user: User; onDone(): void }) {
  const [v, setV] = useState({ displayName: user.displayName, roles: user.roles, officerId: user.officer?.id ?? '' });
  const [saved, setSaved] = useState(false);
  const submit = useSubmit(async () => {
    setSaved(false);
    await request('PATCH', `/api/admin/users/${user.id}`, {
      body: { displayName: v.displayName, roles: v.roles, officerId: v.officerId || null },
    });
    setSaved(true);
    onDone();
  });
  return (
    <FormPanel
      title={t('admin.editUser')}
      submit={submit}
      submitLabel={t('common.save')}
      status={saved ? t('admin.saved') : undefined}
    >
      <TextField
        label={t('admin.displayName')}
        value={v.displayName}
        onChange={(value) => setV((x) => ({ ...x, displayName: value }))}
        maxLength={50}
        error={submit.fieldError('displayName')}
        required
      />
      <RolePicker
        org={user.organisation}
        value={v.roles}
        onChange={(roles) => setV((x) => ({ ...x, roles }))}
        error={submit.fieldError('roles')}
      />
      {user.organisation.type === 'AGENCY' && (
        <OfficerSelect
          organisationId={user.organisation.id}
          value={v.officerId}
          current={user.officer}
          onChange={(officerId) => setV((x) => ({ ...x, officerId }))}
          error={submit.fieldError('officerId')}
        />
      )}
    </FormPanel>
  );
}
