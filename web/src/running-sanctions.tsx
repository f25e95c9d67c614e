// 第三十条, 第三十二条: an officer's sanction still running — its term, and the right to 复核 with its
// last day and the way to file it — on the officer's record (their home page when it is their own).
import { Link } from 'react-router';
import { request } from './api';
import { fmtDeadline, label, t } from './i18n';
import { Loading, Provisional, useAsync } from './ui';

interface Running {
  id: string;
  type: string;
  status: string;
  certificate: { number: string };
  termEndsAt: string | null;
  reviewDeadline: string | null;
  reviewDeadlineProvisional?: boolean;
  review: { status: string } | null;
}

export function RunningSanctions({ officerId }: { officerId: string }) {
  const list = useAsync(
    () =>
      Promise.all(
        ['IN_EFFECT', 'PENDING_DELIVERY'].map((status) =>
          request<{ items: Running[] }>('GET', `/api/sanctions?officerId=${officerId}&status=${status}`),
        ),
      ).then((pages) => pages.flatMap((p) => p.items)),
    [officerId],
  );
  return (
    <Loading state={list}>
      {(items) =>
        items.length > 0 && (
          <section aria-labelledby="running-sanctions">
            <h2 id="running-sanctions">{t('running.title')}</h2>
            <ul className="cards">
              {items.map((x) => (
                <li key={x.id} className="card overdue">
                  <div className="card-head">
                    <Link to={`/sanctions/${x.id}`}>
                      {label(x.type)} · {x.certificate.number}
                    </Link>
                    <span className="badge danger">{label(x.status)}</span>
                  </div>
                  {x.termEndsAt && <p>{t('running.term', { date: fmtDeadline(x.termEndsAt) })}</p>}
                  {x.status === 'PENDING_DELIVERY' && <p>{t('running.undelivered')}</p>}
                  {x.review ? (
                    <p>{t('running.reviewFiled', { status: label(x.review.status) })}</p>
                  ) : (
                    x.reviewDeadline &&
                    Date.parse(x.reviewDeadline) > Date.now() && (
                      <p>
                        {t('running.reviewRight', { date: fmtDeadline(x.reviewDeadline) })}
                        <Provisional on={x.reviewDeadlineProvisional} />{' '}
                        <Link className="button" to={`/sanctions/${x.id}`}>
                          {t('sanctions.fileReview')}
                        </Link>
                      </p>
                    )
                  )}
                </li>
              ))}
            </ul>
          </section>
        )
      }
    </Loading>
  );
}
