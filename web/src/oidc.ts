// Sign-in through the configured OpenID Provider (README "Sign-in (OpenID Connect)"): authorization
// code + PKCE with openid-client (a public client: no secret in the browser), the redirect back to
// <origin>/auth/callback, tokens kept for this browser tab (sessionStorage), renewed with the
// refresh token before the access token expires, and sign-out at the provider's end_session_endpoint.
import * as client from 'openid-client';
import { tokenStore } from './api';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  scope: string;
}

/** The provider's discovery document could not be fetched: the "无法连接统一身份认证服务" page. */
export class ProviderUnreachable extends Error {}

const TOKENS = 'zfz.oidc.tokens';
const FLOW = 'zfz.oidc.flow';
/** Renew this long before the access token expires. */
const RENEW_EARLY_MS = 60_000;

interface StoredTokens {
  refreshToken?: string;
  idToken?: string;
  /** Epoch milliseconds. */
  expiresAt?: number;
}

const redirectUri = () => `${window.location.origin}/auth/callback`;

let discovered: { issuer: string; config: Promise<client.Configuration> } | undefined;

export function configuration(s: OidcSettings): Promise<client.Configuration> {
  if (discovered?.issuer !== s.issuer) {
    const issuer = new URL(s.issuer);
    const config = client
      .discovery(issuer, s.clientId, undefined, client.None(), {
        // The API allows a plain-HTTP issuer only outside production (a provider on this machine).
        execute: issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [],
      })
      .catch((err: unknown) => {
        discovered = undefined; // the next attempt asks again
        throw new ProviderUnreachable((err as Error).message);
      });
    discovered = { issuer: s.issuer, config };
  }
  return discovered.config;
}

/** Sends the browser to the provider's sign-in page; back at `returnTo` afterwards. */
export async function startSignIn(s: OidcSettings, returnTo: string): Promise<never> {
  const config = await configuration(s);
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  sessionStorage.setItem(FLOW, JSON.stringify({ verifier, state, returnTo }));
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri(),
    scope: s.scope,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
  });
  window.location.assign(url.href);
  return new Promise<never>(() => {}); // the page is leaving
}

let completing: Promise<string> | undefined;

/** At /auth/callback: exchanges the code for tokens; where the user was going. Once per page load. */
export function completeSignIn(s: OidcSettings): Promise<string> {
  completing ??= (async () => {
    const flow = JSON.parse(sessionStorage.getItem(FLOW) ?? 'null') as {
      verifier: string;
      state: string;
      returnTo: string;
    } | null;
    if (!flow) throw new Error('no sign-in in progress in this tab');
    const config = await configuration(s);
    const tokens = await client.authorizationCodeGrant(config, new URL(window.location.href), {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
    });
    sessionStorage.removeItem(FLOW);
    keep(tokens);
    return flow.returnTo || '/';
  })();
  return completing;
}

function keep(tokens: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers): void {
  const previous = stored();
  tokenStore.set(tokens.access_token);
  const expiresIn = tokens.expiresIn();
  const next: StoredTokens = {
    refreshToken: tokens.refresh_token ?? previous.refreshToken,
    idToken: tokens.id_token ?? previous.idToken,
    expiresAt: expiresIn === undefined ? undefined : Date.now() + expiresIn * 1000,
  };
  sessionStorage.setItem(TOKENS, JSON.stringify(next));
}

const stored = (): StoredTokens => JSON.parse(sessionStorage.getItem(TOKENS) ?? '{}') as StoredTokens;

let renewing: Promise<boolean> | undefined;

/** A new access token with the refresh token; false when there is none or the provider refuses. */
export function renew(s: OidcSettings): Promise<boolean> {
  renewing ??= (async () => {
    const { refreshToken } = stored();
    if (!refreshToken) return false;
    try {
      keep(await client.refreshTokenGrant(await configuration(s), refreshToken));
      return true;
    } catch {
      return false;
    } finally {
      renewing = undefined;
    }
  })();
  return renewing;
}

/** Renews shortly before the access token expires, for as long as the tab stays signed in. */
export function scheduleRenewal(s: OidcSettings): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const plan = () => {
    const { expiresAt, refreshToken } = stored();
    if (!expiresAt || !refreshToken || !tokenStore.get()) return;
    timer = setTimeout(
      () => void renew(s).then((ok) => ok && plan()),
      Math.max(0, expiresAt - Date.now() - RENEW_EARLY_MS),
    );
  };
  plan();
  return () => clearTimeout(timer);
}

/** Forgets the tokens; the provider's sign-out page when it has one (it ends the provider's session too). */
export async function signOutUrl(s: OidcSettings): Promise<string | undefined> {
  const { idToken } = stored();
  forget();
  let config: client.Configuration;
  try {
    config = await configuration(s);
  } catch {
    return undefined; // signed out here; the provider's session ends with its own expiry
  }
  if (!config.serverMetadata().end_session_endpoint) return undefined;
  return client.buildEndSessionUrl(config, {
    post_logout_redirect_uri: `${window.location.origin}/`,
    ...(idToken ? { id_token_hint: idToken } : {}),
  }).href;
}

export function forget(): void {
  tokenStore.clear();
  sessionStorage.removeItem(TOKENS);
}
