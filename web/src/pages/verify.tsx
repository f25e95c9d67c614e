// Public certificate verification (no login), reached from the certificate's QR code
// (`/verify/<number>?t=<token>`): what a citizen may see, nothing else. A number alone says only
// whether the card is valid and its agency (numbers are sequential: the roster must not be readable by
// counting); the QR code's signed token shows the holder and status; a name typed in is checked
// against the holder — yes or no. The holder's photo goes with the name (the token only); the page's
// own QR code carries no token.
import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, request } from '../api';
import { fmtDateTime, t } from '../i18n';
import { Field, ProblemAlert, useAsync } from '../ui';

interface Verification {
  number: string;
  agency: string;
  validForEnforcement: boolean;
  checkedAt: string;
  token: 'NONE' | 'INVALID' | 'VALID';
  /** With a genuine token only. */
  holderName?: string;
  statusText?: string;
  /** With a genuine token, when a photo is on record: its address (第二十五条). */
  photo?: string | null;
}

const path = (number: string) => `/api/public/certificates/${encodeURIComponent(number)}`;

export function Verify() {
  const { number } = useParams();
  const [search] = useSearchParams();
  const token = search.get('t');
  const navigate = useNavigate();
  const [input, setInput] = useState(number ?? '');
  const [name, setName] = useState('');
  // The name sent with the number the form last checked (never put in the address: it is personal).
  const [checked, setChecked] = useState<{ number: string; name: string } | null>(null);
  const result = useAsync(
    () =>
      number
        ? request<Verification>('GET', `${path(number)}${token ? `?token=${encodeURIComponent(token)}` : ''}`)
        : Promise.resolve(null),
    [number, token],
  );
  const nameToCheck = checked && checked.number === number ? checked.name : null;
  const match = useAsync(
    () =>
      number && nameToCheck
        ? request<{ match: boolean }>('POST', `${path(number)}/holder-check`, { body: { holderName: nameToCheck } })
        : Promise.resolve(null),
    [number, nameToCheck],
  );
  const data = result.data;
  return (
    <section className="narrow">
      <h1>{t('verify.title')}</h1>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          const n = input.trim();
          if (!n) return;
          setChecked(name.trim() ? { number: n, name: name.trim() } : null);
          void navigate(`/verify/${encodeURIComponent(n)}`);
        }}
      >
        <Field label={t('verify.number')}>
          {(id) => <input id={id} value={input} required maxLength={64} onChange={(e) => setInput(e.target.value)} />}
        </Field>
        <Field label={t('verify.name')} hint={t('verify.nameHint')}>
          {(id) => (
            <input id={id} value={name} maxLength={50} autoComplete="off" onChange={(e) => setName(e.target.value)} />
          )}
        </Field>
        <button type="submit">{t('verify.check')}</button>
      </form>
      {result.error instanceof ApiError && result.error.status === 404 ? (
        <p className="alert" role="alert">
          {t('verify.notFound')}
        </p>
      ) : (
        <ProblemAlert error={result.error} onRetry={result.reload} />
      )}
      {data?.token === 'INVALID' && (
        <p className="alert" role="alert" data-testid="token-invalid">
          {t('verify.tokenInvalid')}
        </p>
      )}
      {data && (
        <div
          className={`verdict ${data.validForEnforcement ? 'valid' : 'invalid'}`}
          data-testid="verdict"
          role="status"
        >
          <p className="big">{data.validForEnforcement ? t('verify.valid') : t('verify.invalid')}</p>
          <dl className="grid">
            <dt>{t('verify.number')}</dt>
            <dd>{data.number}</dd>
            {data.holderName !== undefined && (
              <>
                <dt>{t('verify.holder')}</dt>
                <dd>{data.holderName}</dd>
              </>
            )}
            <dt>{t('verify.agency')}</dt>
            <dd>{data.agency}</dd>
            {data.statusText !== undefined && (
              <>
                <dt>{t('verify.status')}</dt>
                <dd>{data.statusText}</dd>
              </>
            )}
            <dt>{t('verify.checkedAt')}</dt>
            <dd>{fmtDateTime(data.checkedAt)}</dd>
          </dl>
          {data.photo && (
            <figure className="photo">
              <img src={data.photo} alt={t('verify.photo')} data-testid="holder-photo" />
              <figcaption className="hint">{t('verify.photoHint')}</figcaption>
            </figure>
          )}
          {data.token === 'VALID' ? (
            <p className="ok">{t('verify.tokenValid')}</p>
          ) : (
            <p className="hint">{t('verify.basicOnly')}</p>
          )}
        </div>
      )}
      {data && (
        // This page's own address (no token): scanning it opens the same page on a phone.
        <figure className="qr">
          <img
            src={`${path(data.number)}/qr.svg`}
            alt={t('verify.qr')}
            width={160}
            height={160}
            data-testid="page-qr"
          />
          <figcaption className="hint">{t('verify.qrHint')}</figcaption>
        </figure>
      )}
      {data && match.data && (
        <p className={`verdict ${match.data.match ? 'valid' : 'invalid'}`} data-testid="name-match" role="status">
          {t(match.data.match ? 'verify.nameMatches' : 'verify.nameMismatch', { name: nameToCheck ?? '' })}
        </p>
      )}
      {!(match.error instanceof ApiError && match.error.status === 404) && (
        <ProblemAlert error={match.error} onRetry={match.reload} />
      )}
    </section>
  );
}
