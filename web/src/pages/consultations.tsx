// The staffing office answers a reviewer's consultation (征求意见, 第七条第二款).
import { Link, useParams } from 'react-router';
import { request } from '../api';
import { fmtDateTime, label, t } from '../i18n';
import { Loading, TextStep, useAsync } from '../ui';

interface Consultation {
  id: string;
  question: string;
  answer: string | null;
  askedAt: string;
  application: { number: string; kind: string; officerName: string; agencyName: string };
}

/** All the office's consultations, or (`/consultations/:id`, a notice's link) the one asked about. */
export function Consultations() {
  const { id } = useParams();
  const list = useAsync(() => request<{ items: Consultation[] }>('GET', '/api/consultations'), []);
  return (
    <section>
      <h1>{t('nav.consultations')}</h1>
      {id && (
        <p>
          <Link to="/consultations">{t('consultations.all')}</Link>
        </p>
      )}
      <Loading state={list}>
        {(l) => {
          const shown = id ? l.items.filter((c) => c.id === id) : l.items;
          if (shown.length === 0) return <p>{id ? t('consultations.notFound') : t('common.none')}</p>;
          return (
            <ul className="cards">
              {shown.map((c) => (
                <li key={c.id} className="card">
                  <div className="card-head">
                    {c.application.number} · {label(c.application.kind)} · {c.application.officerName} ·{' '}
                    {c.application.agencyName}
                  </div>
                  <p>{c.question}</p>
                  <time>{fmtDateTime(c.askedAt)}</time>
                  {c.answer ? <p className="ok">{c.answer}</p> : <Answer id={c.id} onDone={list.reload} />}
                </li>
              ))}
            </ul>
          );
        }}
      </Loading>
    </section>
  );
}

function Answer({ id, onDone }: { id: string; onDone(): void }) {
  return (
    <TextStep
      path={`/api/consultations/${id}/answer`}
      field="answer"
      fieldLabel={t('task.comment')}
      maxLength={4000}
      onDone={onDone}
      submitLabel={t('common.submit')}
    />
  );
}
