// Sign-in. With OpenID Connect (production): one button to the organisation's identity provider.
// Dev mode: pick a demo user (POST /api/dev/tokens), or paste a bearer token (README "Tokens").
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { ApiError, request } from '../api';
import { hasDraft, restoreDraft } from '../draft';
import { label, t } from '../i18n';
import { useSession } from '../session';
import { Field, ProblemAlert, useAsync, useSubmit } from '../ui';

interface DemoUser {
  username: string;
  displayName: string;
  roles: string[];
  organisation: string;
}

export function SignIn() {
  const { method } = useSession();
  const from = (useLocation().state as { from?: string } | null)?.from ?? '/';
  return method?.mode === 'oidc' ? <ProviderSignIn from={from} /> : <DemoSignIn from={from} />;
}

function ProviderSignIn({ from }: { from: string }) {
  const { signInWithProvider } = useSession();
  const go = useSubmit(() => signInWithProvider(from));
  return (
    <section className="narrow">
      <h1>{t('signin.title')}</h1>
      <ProblemAlert error={go.error} />
      <p>{t('signin.oidcHint')}</p>
      <button type="button" disabled={go.busy} onClick={() => void go.run()}>
        {t('signin.oidc')}
      </button>
      <p>
        {t('signin.public')}
        <Link to="/verify">{t('nav.verify')}</Link>
      </p>
    </section>
  );
}

/** /auth/callback: the provider sends the browser back here with the authorization code. */
export function AuthCallback() {
  const { completeSignIn, method } = useSession();
  const navigate = useNavigate();
  const [failed, setFailed] = useState<'unknownUser' | 'failed'>();
  const started = useRef(false);
  useEffect(() => {
    if (method?.mode !== 'oidc' || started.current) return;
    started.current = true;
    completeSignIn().then(
      (returnTo) => {
        void navigate(returnTo, { replace: true });
        void restoreDraft(returnTo.split('?')[0]);
      },
      (err) => setFailed(err instanceof ApiError && [401, 403].includes(err.status) ? 'unknownUser' : 'failed'),
    );
  }, [completeSignIn, method, navigate]);
  if (!failed) return <p aria-busy="true">{t('signin.completing')}</p>;
  return (
    <section className="narrow">
      <h1>{t('signin.title')}</h1>
      <div className="alert" role="alert">
        {t(failed === 'unknownUser' ? 'signin.unknownUser' : 'signin.failed')}
      </div>
      <Link to="/sign-in">{t('signin.again')}</Link>
    </section>
  );
}

/** The identity provider does not answer: nobody can sign in until it does. */
export function ProviderUnreachable() {
  const { retryProvider } = useSession();
  return (
    <section className="narrow">
      <h1>{t('oidc.unreachableTitle')}</h1>
      <div className="alert" role="alert">
        {t('oidc.unreachable')}
        {hasDraft() && <> {t('oidc.draftKept')}</>}
      </div>
      <button type="button" onClick={retryProvider}>
        {t('common.retry')}
      </button>
    </section>
  );
}

function DemoSignIn({ from }: { from: string }) {
  const { signIn } = useSession();
  const navigate = useNavigate();
  // 404 outside dev mode: then only the token form is offered.
  const demo = useAsync(() => request<{ items: DemoUser[] }>('GET', '/api/dev/users').catch(() => ({ items: [] })), []);
  const [token, setToken] = useState('');
  const submit = useSubmit(async (tok: string) => {
    await signIn(tok);
    void navigate(from, { replace: true });
  });
  const asDemo = useSubmit(async (username: string) => {
    const r = await request<{ token: string }>('POST', '/api/dev/tokens', { body: { username } });
    await signIn(r.token);
    void navigate(from, { replace: true });
  });
  return (
    <section className="narrow">
      <h1>{t('signin.title')}</h1>
      <ProblemAlert error={submit.error ?? asDemo.error} />
      {demo.data && demo.data.items.length > 0 && (
        <>
          <h2>{t('signin.dev')}</h2>
          <ul className="demo-users">
            {demo.data.items.map((u) => (
              <li key={u.username}>
                <button
                  type="button"
                  disabled={asDemo.busy}
                  onClick={() => asDemo.run(u.username)}
                  aria-label={t('signin.as', { name: u.username })}
                  data-username={u.username}
                >
                  <strong>{u.displayName}</strong>
                  <span>
                    {u.organisation} · {u.roles.map(label).join('、')}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>{t('signin.token')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit.run(token.trim());
        }}
      >
        <Field label={t('signin.tokenLabel')}>
          {(id) => (
            <textarea
              id={id}
              rows={3}
              value={token}
              onChange={(e) => setToken(e.target.value)}
              required
              autoComplete="off"
            />
          )}
        </Field>
        <button type="submit" disabled={submit.busy || !token.trim()}>
          {t('signin.submit')}
        </button>
      </form>
      <p>
        {t('signin.public')}
        <Link to="/verify">{t('nav.verify')}</Link>
      </p>
    </section>
  );
}
