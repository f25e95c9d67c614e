// Access tokens of the configured OpenID Provider (README "Sign-in (OpenID Connect)"): the issuer's
// discovery document (openid-client) names its JWKS, which jose's remote key set fetches and caches —
// a token with a key id it has not seen refetches it (key rotation). Both are fetched on first use,
// so the API starts while the provider is down; a failed discovery is retried on the next request.
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import * as oidc from 'openid-client';
import type { AuthMode, Config } from '../infra/config';

type OidcMode = Extract<AuthMode, { mode: 'oidc' }>;

/** The provider could not be asked (down, timing out, answering nonsense): a 503, not the token's fault. */
export class ProviderUnavailable extends Error {
  override name = 'ProviderUnavailable';
}

/** The token is not one this API accepts (signature, issuer, audience, expiry): a 401. */
export class TokenRejected extends Error {
  override name = 'TokenRejected';
}

const TIMEOUT_MS = 5_000;
// The key set is fetched again after this long even when every key id is known: a key the provider
// withdrew (compromised) stops verifying within it; while the provider is down, cached keys verify
// for this long.
const JWKS_MAX_AGE_MS = 10 * 60_000;
// Access tokens are signed with the provider's asymmetric keys; HS256 (a secret shared with clients) never.
const ALGORITHMS = ['RS256', 'PS256', 'ES256', 'ES384', 'EdDSA'];

export interface OidcVerifier {
  verify(token: string): Promise<JWTPayload>;
}

export function oidcVerifier(auth: OidcMode, jwksCooldownSeconds: number): OidcVerifier {
  let keys: Promise<ReturnType<typeof createRemoteJWKSet>> | undefined;
  const keySet = () => {
    keys ??= discover(auth)
      .then((jwksUri) =>
        createRemoteJWKSet(jwksUri, {
          timeoutDuration: TIMEOUT_MS,
          cooldownDuration: jwksCooldownSeconds * 1000,
          cacheMaxAge: JWKS_MAX_AGE_MS,
        }),
      )
      .catch((err: unknown) => {
        keys = undefined; // try again on the next request
        throw err;
      });
    return keys;
  };
  return {
    async verify(token) {
      const jwks = await keySet();
      try {
        const { payload } = await jwtVerify(token, jwks, {
          algorithms: ALGORITHMS,
          issuer: auth.issuer,
          audience: auth.audience,
          requiredClaims: ['exp'],
        });
        return payload;
      } catch (err) {
        throw classify(err);
      }
    },
  };
}

async function discover(auth: OidcMode): Promise<URL> {
  const issuer = new URL(auth.issuer);
  let configuration: oidc.Configuration;
  try {
    configuration = await oidc.discovery(issuer, auth.clientId, undefined, undefined, {
      timeout: TIMEOUT_MS / 1000,
      // Plain HTTP only where the configuration allows it: a provider on this machine in development and tests.
      execute: issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
    });
  } catch (err) {
    throw new ProviderUnavailable(`discovery at ${auth.issuer} failed: ${(err as Error).message}`);
  }
  const jwksUri = configuration.serverMetadata().jwks_uri;
  if (!jwksUri) throw new ProviderUnavailable(`the discovery document of ${auth.issuer} names no jwks_uri`);
  return new URL(jwksUri);
}

function classify(err: unknown): Error {
  // The key set could not be fetched or read: the provider's trouble, not the token's.
  if (err instanceof joseErrors.JWKSTimeout || err instanceof joseErrors.JWKSInvalid)
    return new ProviderUnavailable(err.message);
  if (!(err instanceof joseErrors.JOSEError)) return new ProviderUnavailable((err as Error).message);
  if (err.code === 'ERR_JOSE_GENERIC') return new ProviderUnavailable(err.message); // e.g. JWKS not 200 OK
  if (err instanceof joseErrors.JWTExpired) return new TokenRejected('token expired');
  if (err instanceof joseErrors.JWTClaimValidationFailed) return new TokenRejected(`${err.claim}: ${err.reason}`);
  return new TokenRejected(err.code);
}

const verifiers = new WeakMap<Config, OidcVerifier>();

/** One verifier (one cached key set) per API configuration. */
export function verifierFor(config: Config, auth: OidcMode): OidcVerifier {
  let v = verifiers.get(config);
  if (!v) verifiers.set(config, (v = oidcVerifier(auth, config.OIDC_JWKS_COOLDOWN_SECONDS)));
  return v;
}
