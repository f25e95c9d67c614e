// Public certificate verification (no login), reached from the certificate's QR code
// (`/verify/<number>`): what a citizen may see, nothing else.
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError, request } from '../api';
import { fmtDateTime, t } from '../i18n';
import { Field, ProblemAlert, useAsync } from '../ui';

interface Verification {
  number: string;
  holderName: string;
  agency: string;
  status: string;
  statusText: string;
  validForEnforcement: boolean;
  checkedAt: string;
}

export function Verify() {
  const { number } = useParams();
  const navigate = useNavigate();
  const [input, setInput] = useState(number ?? '');
  const result = useAsync(() => (number ? request<Verification>('GET', `/api/public/certificates/${encodeURIComponent(number)}`) : Promise.resolve(null)), [number]);
  return (
    <section className="narrow">
      <h1>{t('verify.title')}</h1>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          if (input.trim()) navigate(`/verify/${encodeURIComponent(input.trim())}`);
        }}
      >
        <Field label={t('verify.number')}>{(id) => <input id={id} value={input} required maxLength={64} onChange={(e) => setInput(e.target.value)} />}</Field>
        <button type="submit">{t('verify.check')}</button>
      </form>
      {result.error instanceof ApiError && result.error.status === 404 ? (
        <p className="alert" role="alert">
          {t('verify.notFound')}
        </p>
      ) : (
        <ProblemAlert error={result.error} onRetry={result.reload} />
      )}
      {result.data && (
        <div className={`verdict ${result.data.validForEnforcement ? 'valid' : 'invalid'}`} data-testid="verdict" role="status">
          <p className="big">{result.data.validForEnforcement ? t('verify.valid') : t('verify.invalid')}</p>
          <dl className="grid">
            <dt>{t('verify.number')}</dt>
            <dd>{result.data.number}</dd>
            <dt>{t('verify.holder')}</dt>
            <dd>{result.data.holderName}</dd>
            <dt>{t('verify.agency')}</dt>
            <dd>{result.data.agency}</dd>
            <dt>{t('verify.status')}</dt>
            <dd>{result.data.statusText}</dd>
            <dt>{t('verify.checkedAt')}</dt>
            <dd>{fmtDateTime(result.data.checkedAt)}</dd>
          </dl>
        </div>
      )}
    </section>
  );
}
