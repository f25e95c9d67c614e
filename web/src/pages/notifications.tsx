import { Link } from 'react-router';
import { request } from '../api';
import { fmtDateTime, t } from '../i18n';
import { NOTIFICATION_KIND_LABELS } from '../messages';
import { Loading, useAsync } from '../ui';

/** API links in notifications (`/api/cleanup-tasks/<id>`) open the matching page. */
const pageFor = (link: string | null) =>
  link
    ?.replace(/^\/api\/cleanup-tasks\//, '/cleanup/')
    .replace(/^\/api\/review-tasks\//, '/tasks/')
    .replace(/^\/api\/applications\//, '/applications/')
    .replace(/^\/api\/sanctions\//, '/sanctions/');

export function Notifications() {
  const list = useAsync(
    () =>
      request<{
        items: { id: string; kind: string; subject: string; body: string; link: string | null; createdAt: string }[];
      }>('GET', '/api/notifications'),
    [],
  );
  return (
    <section>
      <h1>{t('notifications.title')}</h1>
      <Loading state={list}>
        {(l) =>
          l.items.length === 0 ? (
            <p>{t('common.none')}</p>
          ) : (
            <ul className="cards">
              {l.items.map((n) => {
                const to = pageFor(n.link);
                return (
                  <li key={n.id} className="card">
                    <div className="card-head">
                      {NOTIFICATION_KIND_LABELS[n.kind] && (
                        <span className="badge">{NOTIFICATION_KIND_LABELS[n.kind]}</span>
                      )}{' '}
                      {to && !to.startsWith('/api') ? <Link to={to}>{n.subject}</Link> : <strong>{n.subject}</strong>}
                    </div>
                    <p>{n.body}</p>
                    <time>{fmtDateTime(n.createdAt)}</time>
                  </li>
                );
              })}
            </ul>
          )
        }
      </Loading>
    </section>
  );
}
