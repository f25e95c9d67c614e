// 待办: the review inbox with the API's filters, sort, paging and total; counts per status that set
// the filter; each task's last day and what is left of it, overdue ones marked; claim / unclaim /
// assign in place; saved filters; bulk claim and bulk approve — each task its own request, decision
// and audit row, the ones that failed listed with why (issue #16 §3).
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError, NetworkError, newKey, request } from '../api';
import { fmtCount, fmtDaysLeft, fmtDeadline, label, t, type ListCount } from '../i18n';
import type { MessageKey } from '../messages';
import { useSavedFilters } from '../saved-filters';
import { useSession } from '../session';
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
interface InboxPage extends ListCount {
  items: InboxItem[];
  nextCursor: string | null;
}

const SORTS = ['dueAt', '-dueAt', 'createdAt', '-createdAt'] as const;
const DEFAULT_FILTERS = { status: 'ACTIVE', overdue: false, assigned: '', q: '', sort: 'dueAt' };
type Filters = typeof DEFAULT_FILTERS;

/** Each count exact up to 1000, then estimated (api/list-total.ts). */
interface Counts {
  open: ListCount;
  waitingConsultation: ListCount;
  overdue: ListCount;
  mine: ListCount;
  unassigned: ListCount;
}

/** The count chips: each sets the filter that lists what it counts. */
const CHIPS: { key: keyof Counts; label: MessageKey; filters: Partial<Filters> }[] = [
  { key: 'open', label: 'inbox.count.open', filters: { status: 'OPEN', overdue: false, assigned: '' } },
  {
    key: 'waitingConsultation',
    label: 'inbox.count.waiting',
    filters: { status: 'WAITING_CONSULTATION', overdue: false, assigned: '' },
  },
  { key: 'overdue', label: 'inbox.count.overdue', filters: { status: 'ACTIVE', overdue: true, assigned: '' } },
  { key: 'mine', label: 'inbox.count.mine', filters: { status: 'ACTIVE', overdue: false, assigned: 'me' } },
  {
    key: 'unassigned',
    label: 'inbox.count.unassigned',
    filters: { status: 'ACTIVE', overdue: false, assigned: 'unassigned' },
  },
];

export function Inbox() {
  const { me } = useSession();
  const [filters, setFilters] = useState(DEFAULT_FILTERS);
  const saved = useSavedFilters<Filters>('inbox', me?.id);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const pager = usePager();
  const query = new URLSearchParams({ status: filters.status, sort: filters.sort, limit: '20' });
  if (filters.overdue) query.set('overdue', 'true');
  if (filters.assigned) query.set('assigned', filters.assigned);
  if (filters.q.trim()) query.set('q', filters.q.trim());
  if (pager.cursor) query.set('cursor', pager.cursor);
  const page = useAsync(() => request<InboxPage>('GET', `/api/review-tasks?${query}`), [query.toString()]);
  const counts = useAsync(() => request<Counts>('GET', '/api/review-tasks/counts'), [page.data]);
  const set = (patch: Partial<typeof filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setSelected(new Set());
    pager.reset();
  };
  const act = useSubmit(async (id: string, verb: 'claim' | 'unclaim' | 'assign', userId?: string) => {
    await request('POST', `/api/review-tasks/${id}/${verb}`, verb === 'assign' ? { body: { userId } } : {});
    page.reload();
  });
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
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
      <Loading state={counts}>
        {(c) => (
          <ul className="chips" aria-label={t('inbox.counts')}>
            {CHIPS.map((chip) => (
              <li key={chip.key}>
                <button
                  type="button"
                  className={chip.key === 'overdue' && c.overdue.total > 0 ? 'chip danger' : 'chip'}
                  onClick={() => set(chip.filters)}
                >
                  {t(chip.label)} <strong>{fmtCount(c[chip.key])}</strong>
                </button>
              </li>
            ))}
          </ul>
        )}
      </Loading>
      <SavedFilters saved={saved} current={filters} onPick={(f) => set(f)} />
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
      {/* Outside the list: its outcome stays when the tasks it decided leave the list. */}
      <Bulk
        tasks={(page.data?.items ?? []).filter((x) => selected.has(x.id))}
        onDone={() => {
          setSelected(new Set());
          page.reload();
        }}
      />
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
                      {task.status !== 'DONE' && (
                        <input
                          type="checkbox"
                          aria-label={t('inbox.select', { number: task.application.number })}
                          checked={selected.has(task.id)}
                          onChange={() => toggle(task.id)}
                        />
                      )}
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
                        {task.status !== 'DONE' && (
                          <span className={task.overdue ? 'countdown danger' : 'countdown'}>
                            {' '}
                            · {fmtDaysLeft(task.dueAt)}
                          </span>
                        )}
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
            <Pager pager={pager} nextCursor={p.nextCursor} count={p} />
          </>
        )}
      </Loading>
    </section>
  );
}

/** The filters saved by name: pick one, save the current ones, forget one. */
function SavedFilters({
  saved,
  current,
  onPick,
}: {
  saved: ReturnType<typeof useSavedFilters<Filters>>;
  current: Filters;
  onPick(f: Filters): void;
}) {
  const [name, setName] = useState('');
  return (
    <div className="toolbar saved-filters">
      {saved.saved.map((s) => (
        <span key={s.name} className="chip">
          <button type="button" className="link" onClick={() => onPick(s.filters)}>
            {s.name}
          </button>
          <button
            type="button"
            className="link"
            aria-label={t('inbox.savedForget', { name: s.name })}
            onClick={() => saved.remove(s.name)}
          >
            ×
          </button>
        </span>
      ))}
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) saved.save(name.trim(), current);
          setName('');
        }}
      >
        <Field label={t('inbox.savedName')}>
          {(id) => <input id={id} maxLength={20} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <button type="submit" className="secondary" disabled={!name.trim()}>
          {t('inbox.save')}
        </button>
      </form>
    </div>
  );
}

interface Outcome {
  done: number;
  failed: { number: string; reason: string }[];
}

/**
 * Bulk claim and bulk approve of the selected tasks: one request per task, in turn, each with its own
 * Idempotency-Key — so each is its own decision and audit row, and one refusal stops nothing else.
 */
function Bulk({ tasks, onDone }: { tasks: InboxItem[]; onDone(): void }) {
  const { me } = useSession();
  const [confirming, setConfirming] = useState(false);
  const [outcome, setOutcome] = useState<(Outcome & { verb: 'claim' | 'approve' }) | null>(null);
  const run = useSubmit(async (verb: 'claim' | 'approve') => {
    const result: Outcome = { done: 0, failed: [] };
    for (const task of tasks) {
      // A task a colleague has claimed is theirs to decide or claim: listed, not acted on.
      if (task.assignee && task.assignee.id !== me?.id) {
        result.failed.push({
          number: task.application.number,
          reason: t('inbox.claimedBy', { name: task.assignee.displayName }),
        });
        continue;
      }
      try {
        if (verb === 'claim') await request('POST', `/api/review-tasks/${task.id}/claim`);
        else
          await request('POST', `/api/review-tasks/${task.id}/decision`, {
            idempotencyKey: newKey(),
            body: { decision: 'APPROVE' },
          });
        result.done++;
      } catch (e) {
        result.failed.push({
          number: task.application.number,
          reason:
            e instanceof ApiError
              ? e.title || t('problem.fallback')
              : e instanceof NetworkError
                ? t('common.networkError')
                : t('problem.fallback'),
        });
      }
    }
    setConfirming(false);
    setOutcome({ ...result, verb });
    onDone();
  });
  return (
    <div className="panel bulk">
      <div className="toolbar">
        <span>{t('inbox.selected', { n: tasks.length })}</span>
        <button
          type="button"
          className="secondary"
          disabled={!tasks.length || run.busy}
          onClick={() => void run.run('claim')}
        >
          {t('inbox.bulkClaim')}
        </button>
        <button type="button" disabled={!tasks.length || run.busy} onClick={() => setConfirming(true)}>
          {t('inbox.bulkApprove')}
        </button>
      </div>
      {confirming && (
        <div role="alertdialog" aria-labelledby="bulk-confirm" className="notice">
          <p id="bulk-confirm">{t('inbox.bulkConfirm', { n: tasks.length })}</p>
          <div className="toolbar">
            <button type="button" disabled={run.busy} onClick={() => void run.run('approve')}>
              {run.busy ? t('common.submitting') : t('inbox.bulkConfirmYes', { n: tasks.length })}
            </button>
            <button type="button" className="secondary" disabled={run.busy} onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
      {outcome && (
        <div role="status" className="notice">
          {t(outcome.verb === 'claim' ? 'inbox.bulkClaimed' : 'inbox.bulkApproved', { n: outcome.done })}
          {outcome.failed.length > 0 && (
            <>
              {' '}
              {t('inbox.bulkFailed', { n: outcome.failed.length })}
              <ul>
                {outcome.failed.map((f) => (
                  <li key={f.number}>
                    {f.number}：{f.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </div>
  );
}
