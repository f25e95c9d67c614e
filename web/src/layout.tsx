// The frame of every page: skip link, header with the navigation the role may use, main content.
import { useState } from 'react';
import { Link, Navigate, NavLink, Outlet, useLocation } from 'react-router';
import { label, t } from './i18n';
import type { MessageKey } from './messages';
import { ProviderUnreachable } from './pages/sign-in';
import { CITY_BUREAU_OPERATORS, isCityBureau, REVIEWERS, useSession } from './session';
import { useUnread } from './unread';

const NAV: { to: string; key: MessageKey; roles: string[]; cityBureau?: boolean }[] = [
  { to: '/inbox', key: 'nav.inbox', roles: REVIEWERS },
  { to: '/applications', key: 'nav.applications', roles: ['AGENCY_ADMIN', ...REVIEWERS] },
  { to: '/officers', key: 'nav.officers', roles: ['AGENCY_ADMIN'] },
  { to: '/training', key: 'nav.training', roles: ['AGENCY_ADMIN'] },
  { to: '/cleanup', key: 'nav.cleanup', roles: ['AGENCY_ADMIN', ...REVIEWERS] },
  { to: '/sanctions', key: 'nav.sanctions', roles: ['SANCTION_OFFICER', 'AGENCY_ADMIN', 'OFFICER'] },
  { to: '/consultations', key: 'nav.consultations', roles: ['STAFFING_OFFICE'] },
  { to: '/dashboard', key: 'nav.dashboard', roles: [...REVIEWERS, 'SUPERVISOR', 'COMPLAINT_HANDLER'] },
  { to: '/complaint-tasks', key: 'nav.complaintInbox', roles: ['COMPLAINT_HANDLER', 'SUPERVISOR'] },
  { to: '/admin/organisations', key: 'nav.adminOrganisations', roles: ['SYSTEM_ADMIN'] },
  { to: '/admin/users', key: 'nav.adminUsers', roles: ['SYSTEM_ADMIN'] },
  { to: '/admin/calendar', key: 'nav.calendar', roles: ['SYSTEM_ADMIN'] },
  { to: '/admin/users', key: 'nav.officerLogins', roles: ['AGENCY_ADMIN'] },
  { to: '/imports', key: 'nav.imports', roles: ['SYSTEM_ADMIN', 'AGENCY_ADMIN'] },
  { to: '/operations', key: 'nav.operations', roles: CITY_BUREAU_OPERATORS, cityBureau: true },
  // 第六条: exam registration.
  { to: '/exam-sessions', key: 'nav.examSessions', roles: ['DISTRICT_REVIEWER', 'CITY_REVIEWER'] },
  { to: '/exam-registrations', key: 'nav.examRegistrations', roles: ['AGENCY_ADMIN'] },
  // 第二十七条第二款: supervision (the bureau) and correction orders (the agency).
  { to: '/supervision', key: 'nav.supervision', roles: REVIEWERS },
  { to: '/correction-orders', key: 'nav.correctionOrders', roles: ['AGENCY_ADMIN'] },
  { to: '/notifications', key: 'nav.notifications', roles: [] },
  { to: '/verify', key: 'nav.verify', roles: [] },
  { to: '/complaints/new', key: 'nav.complaints', roles: [] },
  { to: '/complaints/status', key: 'nav.complaintStatus', roles: [] },
];

const PUBLIC = new Set(['/verify', '/complaints/new', '/complaints/status']);

export function Layout() {
  const { me, ready, signOut, has, providerUnreachable } = useSession();
  const [open, setOpen] = useState(false);
  const location = useLocation();
  const unread = useUnread(me?.id, location.pathname);
  // Public pages are offered to everyone, signed in or not.
  const items = NAV.filter(
    (n) => PUBLIC.has(n.to) || (me && (n.roles.length === 0 || has(...n.roles)) && (!n.cityBureau || isCityBureau(me))),
  );
  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="top">
        <Link className="brand" to="/">
          {t('app.title')}
        </Link>
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={open}
          aria-controls="nav"
          onClick={() => setOpen(!open)}
        >
          {t('nav.menu')}
        </button>
        <nav id="nav" className={open ? 'open' : ''} aria-label={t('nav.menu')} onClick={() => setOpen(false)}>
          {items.map((n) => (
            <NavLink key={n.key} to={n.to}>
              {t(n.key)}
              {n.to === '/notifications' && !!unread && (
                <span className="badge">
                  {unread}
                  <span className="visually-hidden">{t('notifications.unreadSuffix')}</span>
                </span>
              )}
            </NavLink>
          ))}
          {me && (
            <span className="who">
              {me.displayName}（{me.roles.map(label).join('、')}）
              <button type="button" className="link" onClick={signOut}>
                {t('nav.signOut')}
              </button>
            </span>
          )}
        </nav>
      </header>
      <main id="main" tabIndex={-1} key={location.pathname}>
        {!ready ? (
          <p aria-busy="true">{t('common.loading')}</p>
        ) : providerUnreachable && ![...PUBLIC].some((p) => location.pathname.startsWith(p)) ? (
          <ProviderUnreachable />
        ) : (
          <Outlet />
        )}
      </main>
    </>
  );
}

/**
 * Pages only for some roles: a signed-out reader is sent to sign in and comes back; a signed-in one
 * whose roles do not use the page is told so, rather than landing elsewhere without a word (the
 * server enforces scope regardless).
 */
export function RequireRole({ roles }: { roles: string[] }) {
  const { me, has } = useSession();
  const location = useLocation();
  if (!me) return <Navigate to="/sign-in" state={{ from: location.pathname }} replace />;
  if (!has(...roles))
    return (
      <section className="narrow">
        <h1>{t('notYours.title')}</h1>
        <p>{t('notYours.body')}</p>
        <p>
          <Link to="/">{t('notFound.home')}</Link>
        </p>
      </section>
    );
  return <Outlet />;
}
