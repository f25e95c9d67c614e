// 第十五条: who is behind the year's 60 training hours — the agency's own officers, or those of a
// bureau's region — where the agency's pace notice leads (`/training?year=`).
import { Link } from 'react-router';
import { request } from '../api';
import { t } from '../i18n';
import { DataTable, Loading, useAsync, useYearQuery } from '../ui';

interface Shortfall {
  year: number;
  minimum: number;
  truncated: boolean;
  items: {
    officer: { id: string; name: string };
    agency: { name: string };
    hours: number;
    expectedByNow: number;
    behindPace: boolean;
  }[];
}

export function TrainingShortfall() {
  const q = new URLSearchParams(useYearQuery()).toString();
  const list = useAsync(() => request<Shortfall>('GET', `/api/training/shortfall${q ? `?${q}` : ''}`), [q]);
  return (
    <section>
      <Loading state={list}>
        {(x) => (
          <>
            <h1>{t('training.title', { year: x.year, minimum: x.minimum })}</h1>
            {x.items.length === 0 ? (
              <p>{t('training.none')}</p>
            ) : (
              <DataTable
                rowKey={(r) => r.officer.id}
                rows={x.items}
                csvName={`training-${x.year}`}
                columns={[
                  {
                    title: t('officers.name'),
                    value: (r) => r.officer.name,
                    render: (r) => <Link to={`/officers/${r.officer.id}`}>{r.officer.name}</Link>,
                  },
                  { title: t('app.field.agency'), value: (r) => r.agency.name },
                  { title: t('training.hours'), value: (r) => r.hours },
                  { title: t('training.expected'), value: (r) => r.expectedByNow },
                  {
                    title: t('training.pace'),
                    value: (r) => (r.behindPace ? t('training.behind') : t('training.onPace')),
                  },
                ]}
              />
            )}
            {x.truncated && <p>{t('training.truncated')}</p>}
          </>
        )}
      </Loading>
    </section>
  );
}
