// A real OpenID Provider for the tests: `oidc-provider` (a certified implementation) on 127.0.0.1 at a
// random port, with the web UI's public client (authorization code + PKCE), the API as a resource
// server (resource indicators: JWT access tokens whose audience is the API), accounts named like the
// seeded users (its development login page accepts any login: the login is the `sub`), signing keys
// that can be rotated, and tokens minted for the API tests.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type JWTPayload } from 'jose';
import Provider, { type Configuration } from 'oidc-provider';

export const TEST_CLIENT_ID = 'zhifazheng-web';
export const TEST_AUDIENCE = 'https://zhifazheng.test/api';
/** Another API's audience: the provider issues its tokens too, ours must refuse them. */
export const OTHER_AUDIENCE = 'https://other.test/api';

export type SigningAlg = 'RS256' | 'ES256';

export interface TestOidcProvider {
  issuer: string;
  /** The OIDC_* variables an API stack needs to trust this provider. */
  env: Record<string, string>;
  /** The web UI at `origin` may sign in (redirect `<origin>/auth/callback`, sign-out back to `<origin>/`). */
  allowWebOrigin(origin: string): void;
  /** An access token the provider itself issues for `username` (its JWT format for a resource server). */
  accessToken(username: string, opts?: { audience?: string; alg?: SigningAlg }): Promise<string>;
  /** Claims signed with the provider's current key: tokens it would not issue (expired, foreign issuer). */
  sign(claims: JWTPayload, alg?: SigningAlg): Promise<string>;
  /** A new signing key for each algorithm, published and used first; the old ones stay published. */
  rotateKeys(): Promise<void>;
  /** The current signing key ids, newest first. */
  keyIds(): string[];
  /** Stops answering (connections refused) until start(), on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

let keyCounter = 0;
async function newKey(alg: SigningAlg): Promise<JWK> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  return { ...(await exportJWK(privateKey)), alg, use: 'sig', kid: `${alg.toLowerCase()}-${++keyCounter}` };
}

export async function startOidcProvider(): Promise<TestOidcProvider> {
  let handler: http.RequestListener = (_req, res) => res.writeHead(503).end();
  const server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}`;

  // Newest first: the provider signs with the first key of an algorithm and publishes them all.
  let keys: JWK[] = [await newKey('RS256'), await newKey('ES256')];
  const origins = new Set<string>();
  let accessTokenAlg: SigningAlg = 'RS256';
  let provider: Provider;

  const configuration = (): Configuration => ({
    clients: [
      {
        client_id: TEST_CLIENT_ID,
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: origins.size
          ? [...origins].map((o) => `${o}/auth/callback`)
          : ['http://127.0.0.1/auth/callback'],
        post_logout_redirect_uris: [...origins].map((o) => `${o}/`),
      },
    ],
    jwks: { keys },
    cookies: { keys: ['test-only-cookie-key-0123456789abcdef'] },
    findAccount: (_ctx, sub) => ({
      accountId: sub,
      claims: () => ({ sub, preferred_username: sub, name: sub }),
    }),
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'] },
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: true }, // its own login and consent pages
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        // The web UI asks for no resource (a Keycloak client gets its audience from a mapper): ours by default.
        defaultResource: (_ctx, _client, oneOf) => oneOf ?? TEST_AUDIENCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => ({
          audience: resource,
          scope: 'openid profile',
          accessTokenFormat: 'jwt',
          accessTokenTTL: 3600,
          jwt: { sign: { alg: accessTokenAlg } },
        }),
      },
    },
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    ttl: { AccessToken: 3600, IdToken: 3600, RefreshToken: 86400, Session: 86400, Grant: 86400, Interaction: 3600 },
  });
  const rebuild = () => {
    provider = new Provider(issuer, configuration());
    const callback = provider.callback();
    handler = (req, res) => void callback(req, res);
  };
  rebuild();

  const current = (alg: SigningAlg) => keys.find((k) => k.alg === alg)!;

  const stop = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return {
    issuer,
    env: { OIDC_ISSUER: issuer, OIDC_AUDIENCE: TEST_AUDIENCE, OIDC_CLIENT_ID: TEST_CLIENT_ID },
    allowWebOrigin(origin) {
      origins.add(origin);
      rebuild();
    },
    async accessToken(username, opts = {}) {
      accessTokenAlg = opts.alg ?? 'RS256';
      const audience = opts.audience ?? TEST_AUDIENCE;
      const client = (await provider.Client.find(TEST_CLIENT_ID))!;
      const token = new provider.AccessToken({
        accountId: username,
        client,
        scope: 'openid profile',
        gty: 'authorization_code',
        grantId: 'minted-for-a-test',
        resourceServer: new provider.ResourceServer(audience, {
          audience,
          scope: 'openid profile',
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: accessTokenAlg } },
        }),
      });
      return token.save();
    },
    async sign(claims, alg = 'RS256') {
      const jwk = current(alg);
      return new SignJWT(claims)
        .setProtectedHeader({ alg, kid: jwk.kid, typ: 'at+jwt' })
        .sign(await importJWK(jwk, alg));
    },
    async rotateKeys() {
      keys = [await newKey('RS256'), await newKey('ES256'), ...keys];
      rebuild();
    },
    keyIds: () => keys.map((k) => k.kid!),
    stop,
    async start() {
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    },
    async close() {
      if (server.listening) await stop();
    },
  };
}
