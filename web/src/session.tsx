// Who is signed in: the token (kept for the browser tab only) and GET /api/me. How one signs in comes
// from GET /api/public/sign-in: the organisation's OpenID Provider (web/src/oidc.ts), or demo users
// in development.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { request, setUnauthorizedHandler, tokenStore } from './api';
import { saveDraft } from './draft';
import * as oidc from './oidc';

export interface Me {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  officerId: string | null;
  organisation: { id: string; type: string; level: string; regionCode: string };
}

export type SignInMethod = ({ mode: 'oidc' } & oidc.OidcSettings) | { mode: 'demo' };

interface Session {
  me: Me | null;
  ready: boolean;
  method: SignInMethod | null;
  /** The OpenID Provider could not be reached: the pages show why and offer a retry. */
  providerUnreachable: boolean;
  /** Demo mode: adopt a token minted by the dev endpoint. */
  signIn(token: string): Promise<void>;
  /** OIDC: off to the provider, back at `returnTo`. */
  signInWithProvider(returnTo: string): Promise<void>;
  /** OIDC, at /auth/callback: the tokens, then who that is; where to go next. */
  completeSignIn(): Promise<string>;
  retryProvider(): void;
  signOut(): void;
  has(...roles: string[]): boolean;
}

const Ctx = createContext<Session | null>(null);

const METHOD = 'zfz.signInMethod';
/** Fixed per deployment: asked once per tab (the public routes' rate limit counts every call). */
async function signInMethod(): Promise<SignInMethod> {
  const kept = sessionStorage.getItem(METHOD);
  if (kept) return JSON.parse(kept) as SignInMethod;
  const m = await request<SignInMethod>('GET', '/api/public/sign-in').catch(() => undefined);
  if (!m) return { mode: 'demo' }; // the API unreachable: the demo page's requests say so
  sessionStorage.setItem(METHOD, JSON.stringify(m));
  return m;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [ready, setReady] = useState(false);
  const [method, setMethod] = useState<SignInMethod | null>(null);
  const [providerUnreachable, setProviderUnreachable] = useState(false);

  useEffect(() => {
    const load = async () => {
      const m = await signInMethod();
      setMethod(m);
      if (window.location.pathname === '/auth/callback' || !tokenStore.get()) return;
      try {
        setMe(await request<Me>('GET', '/api/me'));
      } catch {
        // An access token that expired while the tab was away: renewed once with the refresh token.
        const renewed = m.mode === 'oidc' && (await oidc.renew(m));
        if (renewed) setMe(await request<Me>('GET', '/api/me').catch(() => null));
        else oidc.forget();
      }
    };
    void load().finally(() => setReady(true));
  }, []);

  const oidcSettings = method?.mode === 'oidc' ? method : undefined;

  const signInWithProvider = useCallback(
    async (returnTo: string) => {
      if (!oidcSettings) return;
      try {
        await oidc.startSignIn(oidcSettings, returnTo);
      } catch (err) {
        if (err instanceof oidc.ProviderUnreachable) setProviderUnreachable(true);
        else throw err;
      }
    },
    [oidcSettings],
  );

  // With OIDC: renew before expiry; a 401 renews once, else keeps what the page holds and signs in again.
  useEffect(() => {
    if (!oidcSettings || !me) return;
    const stop = oidc.scheduleRenewal(oidcSettings);
    setUnauthorizedHandler(async () => {
      if (await oidc.renew(oidcSettings)) return true;
      const here = window.location.pathname + window.location.search;
      saveDraft(window.location.pathname);
      oidc.forget();
      await signInWithProvider(here);
      return false;
    });
    return () => {
      stop();
      setUnauthorizedHandler(undefined);
    };
  }, [oidcSettings, me, signInWithProvider]);

  const signIn = useCallback(async (token: string) => {
    tokenStore.set(token);
    try {
      setMe(await request<Me>('GET', '/api/me'));
    } catch (err) {
      tokenStore.clear();
      throw err;
    }
  }, []);

  const completeSignIn = useCallback(async () => {
    if (!oidcSettings) return '/';
    let returnTo: string;
    try {
      returnTo = await oidc.completeSignIn(oidcSettings);
    } catch (err) {
      if (err instanceof oidc.ProviderUnreachable) setProviderUnreachable(true);
      throw err;
    }
    try {
      setMe(await request<Me>('GET', '/api/me'));
    } catch (err) {
      oidc.forget(); // the provider knows the person, this system does not (or no longer)
      throw err;
    }
    return returnTo;
  }, [oidcSettings]);

  const signOut = useCallback(() => {
    setMe(null);
    if (!oidcSettings) return tokenStore.clear();
    void oidc.signOutUrl(oidcSettings).then((url) => url && window.location.assign(url));
  }, [oidcSettings]);

  const retryProvider = useCallback(() => {
    if (!oidcSettings) return;
    oidc.configuration(oidcSettings).then(
      () => {
        setProviderUnreachable(false);
        // Sent to sign in again mid-session (a 401): carry on with it now that the provider answers.
        if (me && !tokenStore.get()) void signInWithProvider(window.location.pathname + window.location.search);
      },
      () => setProviderUnreachable(true),
    );
  }, [oidcSettings, me, signInWithProvider]);

  const has = useCallback((...roles: string[]) => !!me && roles.some((r) => me.roles.includes(r)), [me]);
  return (
    <Ctx.Provider
      value={{
        me,
        ready,
        method,
        providerUnreachable,
        signIn,
        signInWithProvider,
        completeSignIn,
        retryProvider,
        signOut,
        has,
      }}
    >
      {children}
    </Ctx.Provider>
  );
}

export function useSession(): Session {
  const s = useContext(Ctx);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

export const REVIEWERS = ['DISTRICT_REVIEWER', 'CITY_REVIEWER', 'PROVINCE_REVIEWER'];
/** Roles of the city justice bureau that see the running processes (运行监测); the API checks the bureau. */
export const CITY_BUREAU_OPERATORS = ['CITY_REVIEWER', 'SANCTION_OFFICER', 'SUPERVISOR'];
export const isCityBureau = (me: Me | undefined) =>
  me?.organisation.type === 'JUSTICE_BUREAU' && me.organisation.level === 'CITY';
