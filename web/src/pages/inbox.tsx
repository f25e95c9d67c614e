// 待办: the review inbox with the API's filters, sort, paging and total; overdue tasks marked;
// claim / unclaim in place.
import { useState } from 'react';
import { Link } from 'react-router';
import { request } from '../api';
import { fmtDeadline, label, t } from '../i18n';
import type { MessageKey } from '../messages';
import { Field, Loading, Pager, ProblemAlert, useAsync, usePager, useSubmit, Provisional } from '../ui';

interface InboxItem {
  id: string;
  level: string;
  status: string;
  overdue: boolean;
  dueAt: string;
  dueAtProvisional?: boolean;
  assignee: { id: string; displayName: string } | null;
  application: { id: string; number: string; kind: string; officerName: string; agency: { name: string } };
}
interface InboxPage {
  items: InboxItem[];
  total: number;
  totalCapped: boolean;
  nextCursor: string | null;
}

const SORTS = ['dueAt', '-dueAt', 'createdAt', '-createdAt'] as const;

export function Inbox() {
  const [filters, setFilters] = useState({ status: 'ACTIVE', overdue: false, assigned: '', q: '', sort: 'dueAt' });
  const pager = usePager();
  const query = new URLSearchParams({ status: filters.status, sort: filters.sort, limit: '20' });
  if (filters.overdue) query.set('overdue', 'true');
  if (filters.assigned) query.set('assigned', filters.assigned);
  if (filters.q.trim()) query.set('q', filters.q.trim());
  if (pager.cursor) query.set('cursor', pager.cursor);
  const page = useAsync(() => request<InboxPage>('GET', `/api/review-tasks?${query}`), [query.toString()]);
  const set = (patch: Partial<typeof filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    pager.reset();
  };
  const act = useSubmit(async (id: string, verb: 'claim' | 'unclaim' | 'assign', userId?: string) => {
    await request('POST', `/api/review-tasks/${id}/${verb}`, verb === 'assign' ? { body: { userId } } : {});
    page.reload();
  });
  // Colleagues who review (the bureau's own reviewers) can be given a task.
  const colleagues = useAsync(
    () => request<{ items: { id: string; displayName: string; roles: string[] }[] }>('GET', '/api/me/colleagues'),
    [],
  );
  const reviewers = (colleagues.data?.items ?? []).filter((c) => c.roles.some((r) => r.endsWith('_REVIEWER')));
  return (
    <section>
      <h1>{t('inbox.title')}</h1>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <Field label={t('inbox.status')}>
          {(id) => (
            <select id={id} value={filters.status} onChange={(e) => set({ status: e.target.value })}>
              {['ACTIVE', 'OPEN', 'WAITING_CONSULTATION', 'DONE'].map((s) => (
                <option key={s} value={s}>
                  {s === 'ACTIVE' ? label('ACTIVE_TASKS') : label(s)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('inbox.assigned')}>
          {(id) => (
            <select id={id} value={filters.assigned} onChange={(e) => set({ assigned: e.target.value })}>
              <option value="">{t('inbox.assigned.all')}</option>
              <option value="me">{t('inbox.assigned.me')}</option>
              <option value="unassigned">{t('inbox.assigned.unassigned')}</option>
            </select>
          )}
        </Field>
        <Field label={t('inbox.sort')}>
          {(id) => (
            <select id={id} value={filters.sort} onChange={(e) => set({ sort: e.target.value })}>
              {SORTS.map((s) => (
                <option key={s} value={s}>
                  {t(`inbox.sort.${s}` as MessageKey)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('inbox.search')}>
          {(id) => (
            <input
              id={id}
              type="search"
              value={filters.q}
              maxLength={50}
              onChange={(e) => set({ q: e.target.value })}
            />
          )}
        </Field>
        <label className="check">
          <input type="checkbox" checked={filters.overdue} onChange={(e) => set({ overdue: e.target.checked })} />{' '}
          {t('inbox.overdueOnly')}
        </label>
      </form>
      <ProblemAlert error={act.error} />
      <Loading state={page}>
        {(p) => (
          <>
            {p.items.length === 0 ? (
              <p className="empty">{t('inbox.empty')}</p>
            ) : (
              <ul className="cards" aria-label={t('inbox.title')}>
                {p.items.map((task) => (
                  <li key={task.id} className={`card${task.overdue ? ' overdue' : ''}`} data-task-id={task.id}>
                    <div className="card-head">
                      <Link to={`/tasks/${task.id}`}>
                        {task.application.number} · {label(task.application.kind)}
                      </Link>
                      {task.overdue && <span className="badge danger">{t('inbox.overdue')}</span>}
                      <span className="badge">{label(task.status)}</span>
                    </div>
                    <dl className="inline">
                      <dt>{t('inbox.officer')}</dt>
                      <dd>{task.application.officerName}</dd>
                      <dt>{t('inbox.agency')}</dt>
                      <dd>{task.application.agency.name}</dd>
                      <dt>{t('inbox.due')}</dt>
                      <dd>
                        {fmtDeadline(task.dueAt)}
                        <Provisional on={task.dueAtProvisional} />
                      </dd>
                      <dt>{t('inbox.assignee')}</dt>
                      <dd>{task.assignee?.displayName ?? '—'}</dd>
                    </dl>
                    {task.status !== 'DONE' && (
                      <div className="actions">
                        {task.assignee ? (
                          <button
                            type="button"
                            className="secondary"
                            disabled={act.busy}
                            onClick={() => act.run(task.id, 'unclaim')}
                          >
                            {t('inbox.unclaim')}
                          </button>
                        ) : (
                          <button
                            type="button"
                            className="secondary"
                            disabled={act.busy}
                            onClick={() => act.run(task.id, 'claim')}
                          >
                            {t('inbox.claim')}
                          </button>
                        )}
                        {reviewers.length > 1 && (
                          <select
                            aria-label={t('inbox.assignTo')}
                            value=""
                            disabled={act.busy}
                            onChange={(e) => e.target.value && act.run(task.id, 'assign', e.target.value)}
                          >
                            <option value="">{t('inbox.assignTo')}</option>
                            {reviewers.map((c) => (
                              <option key={c.id} value={c.id}>
                                {c.displayName}
                              </option>
                            ))}
                          </select>
                        )}
                      </div>
                    )}
                  </li>
                ))}
              </ul>
            )}
            <Pager pager={pager} nextCursor={p.nextCursor} total={p.total} />
          </>
        )}
      </Loading>
    </section>
  );
}
