// 运行监测 (city justice bureau, 第三条): processes whose step keeps failing, and requests waiting on a
// process too long (GET /api/operations/stuck-processes; README "Failures").
import { Link } from 'react-router';
import { request } from '../api';
import { fmtDateTime, t } from '../i18n';
import { OPERATIONS_LABELS, STEP_LABELS } from '../messages';
import { REVIEWERS, useSession } from '../session';
import { Loading, useAsync } from '../ui';

interface Stuck {
  thresholds: { attempts: number; seconds: number };
  activities: {
    process: { kind: string; reference: string | null; id: string | null };
    activityType: string;
    attempts: number;
    errorKind: string;
    errorLabel: string;
    exhausted: boolean;
    firstFailedAt: string;
    lastFailedAt: string;
  }[];
  waits: { area: string; waitingSeconds: number; since: string }[];
}

// The page of each kind of process, and who may open it (as main.tsx routes it): a link only for them.
const LINKS: Record<string, { path: string; roles: string[] }> = {
  APPLICATION: { path: '/applications', roles: ['AGENCY_ADMIN', 'OFFICER', ...REVIEWERS] },
  COMPLAINT: { path: '/complaints', roles: ['COMPLAINT_HANDLER', 'SUPERVISOR'] },
  CORRECTION_ORDER: { path: '/correction-orders', roles: ['AGENCY_ADMIN', ...REVIEWERS] },
  SANCTION: { path: '/sanctions', roles: ['SANCTION_OFFICER', 'AGENCY_ADMIN', 'OFFICER'] },
};
const ops = (v: string) => OPERATIONS_LABELS[v] ?? t('ops.unknownArea');

function ProcessCell({ p }: { p: Stuck['activities'][number]['process'] }) {
  const { has } = useSession();
  const text = `${ops(p.kind)}${p.reference ? ` ${p.reference}` : ''}`;
  const page = LINKS[p.kind];
  return p.id && page && has(...page.roles) ? <Link to={`${page.path}/${p.id}`}>{text}</Link> : <>{text}</>;
}

export function Operations() {
  const stuck = useAsync(() => request<Stuck>('GET', '/api/operations/stuck-processes'), []);
  return (
    <section>
      <h1>{t('ops.title')}</h1>
      <Loading state={stuck}>
        {(s) => (
          <>
            <p>{t('ops.intro', { attempts: s.thresholds.attempts, seconds: s.thresholds.seconds })}</p>
            <h2>{t('ops.activities')}</h2>
            {s.activities.length === 0 ? (
              <p className="empty">{t('ops.noneActivities')}</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('ops.process')}</th>
                    <th scope="col">{t('ops.step')}</th>
                    <th scope="col">{t('ops.cause')}</th>
                    <th scope="col">{t('ops.attempts')}</th>
                    <th scope="col">{t('ops.state')}</th>
                    <th scope="col">{t('ops.firstFailed')}</th>
                    <th scope="col">{t('ops.lastFailed')}</th>
                  </tr>
                </thead>
                <tbody>
                  {s.activities.map((a) => (
                    <tr key={`${a.process.kind}-${a.process.reference}-${a.activityType}-${a.firstFailedAt}`}>
                      <td>
                        <ProcessCell p={a.process} />
                      </td>
                      <td>{STEP_LABELS[a.activityType] ?? t('ops.unknownStep')}</td>
                      <td>
                        {ops(a.errorKind)}
                        <details>
                          <summary>{t('ops.technical')}</summary>
                          <code>{a.errorLabel}</code>
                        </details>
                      </td>
                      <td>{a.attempts}</td>
                      <td>{a.exhausted ? t('ops.parked') : t('ops.retrying')}</td>
                      <td>{fmtDateTime(a.firstFailedAt)}</td>
                      <td>{fmtDateTime(a.lastFailedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <h2>{t('ops.waits')}</h2>
            {s.waits.length === 0 ? (
              <p className="empty">{t('ops.noneWaits')}</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('ops.area')}</th>
                    <th scope="col">{t('ops.waiting')}</th>
                    <th scope="col">{t('ops.since')}</th>
                  </tr>
                </thead>
                <tbody>
                  {s.waits.map((w) => (
                    <tr key={w.since + w.area}>
                      <td>{ops(w.area)}</td>
                      <td>{t('ops.seconds', { n: w.waitingSeconds })}</td>
                      <td>{fmtDateTime(w.since)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </Loading>
    </section>
  );
}
