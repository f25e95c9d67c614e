// The complaint handlers' inbox: their open complaint steps, the overdue ones marked.
import { Link, useLocation } from 'react-router';
import { fmtDeadline, label, t } from '../i18n';
import { countOf, Loading, Pager, usePagedList, Provisional } from '../ui';

interface TaskItem {
  id: string;
  kind: string;
  status: string;
  overdue: boolean;
  dueAt: string;
  dueAtProvisional?: boolean;
  complaint: { id: string; number: string; status: string };
}

export function ComplaintInbox() {
  const { page, pager } = usePagedList<TaskItem>('/api/complaint-tasks');
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  return (
    <section>
      <h1>{t('complaint.inbox')}</h1>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <Loading state={page}>
        {(p) => (
          <>
            {p.items.length === 0 && <p className="empty">{t('inbox.empty')}</p>}
            <ul className="cards">
              {p.items.map((x) => (
                <li key={x.id} className={`card${x.overdue ? ' overdue' : ''}`}>
                  <div className="card-head">
                    <Link to={`/complaints/${x.complaint.id}`}>{x.complaint.number}</Link>
                    <span className="badge">{label(x.kind)}</span>
                    {x.overdue && <span className="badge danger">{t('inbox.overdue')}</span>}
                  </div>
                  <p>
                    {label(x.complaint.status)} · {t('inbox.due')} {fmtDeadline(x.dueAt)}
                    <Provisional on={x.dueAtProvisional} />
                  </p>
                </li>
              ))}
            </ul>
            <Pager pager={pager} nextCursor={p.nextCursor} count={countOf(p)} />
          </>
        )}
      </Loading>
    </section>
  );
}
