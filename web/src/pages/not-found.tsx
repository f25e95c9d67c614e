// An address with no page says so (issue #16 §1) instead of quietly landing somewhere else.
import { Link, useLocation } from 'react-router';
import { t } from '../i18n';

export function NotFound() {
  const { pathname } = useLocation();
  return (
    <section className="narrow">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body', { path: pathname })}</p>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </section>
  );
}
