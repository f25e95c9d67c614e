// 通知 (issue #16 §1): newest first, unread ones marked; opening one marks it read and goes to the page
// where the reader acts on it (domain/notification-links.ts); those shown can be marked read at once —
// only those: one that arrives meanwhile stays unread.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { request } from '../api';
import { fmtDateTime, t } from '../i18n';
import { NOTIFICATION_KIND_LABELS } from '../messages';
import { Loading, ProblemAlert, useAsync, useSubmit } from '../ui';
import { setUnread } from '../unread';

interface Notice {
  id: string;
  kind: string;
  subject: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export function Notifications() {
  const [onlyUnread, setOnlyUnread] = useState(false);
  const navigate = useNavigate();
  const list = useAsync(async () => {
    const r = await request<{ unread: number; items: Notice[] }>(
      'GET',
      `/api/notifications${onlyUnread ? '?unread=true' : ''}`,
    );
    setUnread(r.unread);
    return r;
  }, [onlyUnread]);
  const shownUnread = (list.data?.items ?? []).filter((n) => !n.readAt).map((n) => n.id);
  const markAll = useSubmit(async (ids: string[]) => {
    setUnread((await request<{ unread: number }>('POST', '/api/notifications/read', { body: { ids } })).unread);
    list.reload();
  });
  const reading = useSubmit(async (n: Notice) => {
    if (!n.readAt) setUnread((await request<{ unread: number }>('POST', `/api/notifications/${n.id}/read`)).unread);
  });
  const markRead = (n: Notice) => reading.run(n);
  // Marking read must not stand between the reader and the page: a failure is retried on the next open.
  const open = (n: Notice, to: string) => void markRead(n).finally(() => void navigate(to));
  return (
    <section>
      <h1>{t('notifications.title')}</h1>
      <div className="toolbar">
        <label className="check">
          <input type="checkbox" checked={onlyUnread} onChange={(e) => setOnlyUnread(e.target.checked)} />{' '}
          {t('notifications.onlyUnread')}
        </label>
        {shownUnread.length > 0 && (
          <button type="button" onClick={() => void markAll.run(shownUnread)} disabled={markAll.busy}>
            {t('notifications.markAll')}
          </button>
        )}
      </div>
      <ProblemAlert error={markAll.error ?? reading.error} />
      <Loading state={list}>
        {(l) =>
          l.items.length === 0 ? (
            <p>{onlyUnread ? t('notifications.noneUnread') : t('notifications.none')}</p>
          ) : (
            <ul className="cards">
              {l.items.map((n) => (
                <li key={n.id} className={n.readAt ? 'card' : 'card unread'}>
                  <div className="card-head">
                    {!n.readAt && <span className="badge danger">{t('notifications.isUnread')}</span>}
                    {NOTIFICATION_KIND_LABELS[n.kind] && (
                      <span className="badge">{NOTIFICATION_KIND_LABELS[n.kind]}</span>
                    )}
                    {n.link ? (
                      <Link
                        to={n.link}
                        onClick={(e) => {
                          e.preventDefault();
                          open(n, n.link!);
                        }}
                      >
                        {n.subject}
                      </Link>
                    ) : (
                      <span>{n.subject}</span>
                    )}
                  </div>
                  <p>{n.body}</p>
                  <div className="toolbar">
                    <time dateTime={n.createdAt}>{fmtDateTime(n.createdAt)}</time>
                    {!n.readAt && (
                      <button type="button" className="link" onClick={() => void markRead(n).then(list.reload)}>
                        {t('notifications.markRead')}
                      </button>
                    )}
                  </div>
                </li>
              ))}
            </ul>
          )
        }
      </Loading>
    </section>
  );
}
