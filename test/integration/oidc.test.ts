// Sign-in through OpenID Connect (issue #14 §2, api/oidc.ts, api/auth.ts): the API trusts the access
// tokens of a real OpenID Provider (oidc-provider on loopback, test/support/oidc-provider.ts), finds
// the person by the configured claim among its users, and takes roles and organisation from its own
// records. Every other token is a 401; a provider it cannot reach is a 503.
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OTHER_AUDIENCE, startOidcProvider, TEST_AUDIENCE, type TestOidcProvider } from '../support/oidc-provider';
import { expectProblem } from '../support/security/problem';
import { startTestStack, type TestStack } from '../support/stack';

let op: TestOidcProvider;
let s: TestStack;
beforeAll(async () => {
  op = await startOidcProvider();
  // No cooldown between JWKS refetches: the rotation test asks for a new key right after the first fetch.
  s = await startTestStack({ oidc: op, env: { OIDC_JWKS_COOLDOWN_SECONDS: '0' } });
});
afterAll(async () => {
  await s?.stop();
  await op?.close();
});

const now = () => Math.floor(Date.now() / 1000);
const me = (token: string, call = s.call) => call('GET', '/api/me', { token });

describe('tokens the provider issues for the API', () => {
  it('are accepted; the person is the user named by sub, the roles and organisation are the database’s', async () => {
    const r = await me(await s.token('city_reviewer'));
    expect(r.status).toBe(200);
    const user = await s.t.db.user.findUniqueOrThrow({ where: { username: 'city_reviewer' } });
    expect(r.body).toMatchObject({
      username: 'city_reviewer',
      roles: user.roles,
      organisation: { id: user.organisationId },
    });
  });

  it('roles changed in the database apply on the next request, with the same token', async () => {
    const token = await op.accessToken('supervisor');
    const before = await me(token);
    expect(before.body.roles).toEqual(['SUPERVISOR']);
    await s.t.db.user.update({
      where: { username: 'supervisor' },
      data: { roles: ['SUPERVISOR', 'COMPLAINT_HANDLER'] },
    });
    try {
      expect((await me(token)).body.roles).toEqual(['SUPERVISOR', 'COMPLAINT_HANDLER']);
    } finally {
      await s.t.db.user.update({ where: { username: 'supervisor' }, data: { roles: ['SUPERVISOR'] } });
    }
  });

  it('第三条: a user recorded with a role their organisation cannot hold → 403, not signed in with it', async () => {
    const token = await s.token('officer');
    await s.t.db.user.update({ where: { username: 'officer' }, data: { roles: ['OFFICER', 'CITY_REVIEWER'] } });
    try {
      expectProblem(await me(token), 403);
    } finally {
      await s.t.db.user.update({ where: { username: 'officer' }, data: { roles: ['OFFICER'] } });
    }
  });

  it('ES256 as well as RS256', async () => {
    expect((await me(await op.accessToken('officer', { alg: 'ES256' }))).status).toBe(200);
  });

  it('after a key rotation, a token with the new key id (unknown to the cached JWKS) is accepted, and the old key still verifies', async () => {
    const old = await op.accessToken('officer');
    expect((await me(old)).status).toBe(200); // the API has fetched and cached the JWKS
    const [before] = op.keyIds();
    await op.rotateKeys();
    expect(op.keyIds()[0]).not.toBe(before);
    const rotated = await op.accessToken('officer');
    expect(JSON.parse(Buffer.from(rotated.split('.')[0], 'base64url').toString()).kid).toBe(op.keyIds()[0]);
    expect((await me(rotated)).status).toBe(200);
    expect((await me(old)).status).toBe(200);
  });
});

describe('every other token is a 401 problem+json', () => {
  it('expired', async () => {
    const token = await op.sign({
      sub: 'officer',
      iss: op.issuer,
      aud: TEST_AUDIENCE,
      iat: now() - 7200,
      exp: now() - 60,
    });
    expectProblem(await me(token), 401, 'UNAUTHENTICATED');
  });

  it('for another audience (issued by the same provider for another API)', async () => {
    expectProblem(await me(await op.accessToken('officer', { audience: OTHER_AUDIENCE })), 401, 'UNAUTHENTICATED');
  });

  it('from another issuer (signed with the provider’s key, naming someone else)', async () => {
    const token = await op.sign({
      sub: 'officer',
      iss: 'https://sso.example.org',
      aud: TEST_AUDIENCE,
      exp: now() + 600,
    });
    expectProblem(await me(token), 401, 'UNAUTHENTICATED');
  });

  it('signed with a key the provider does not publish', async () => {
    const other = await startOidcProvider();
    try {
      const token = await other.sign({ sub: 'officer', iss: op.issuer, aud: TEST_AUDIENCE, exp: now() + 600 });
      expectProblem(await me(token), 401, 'UNAUTHENTICATED');
    } finally {
      await other.close();
    }
  });

  it('of a subject that is no user here', async () => {
    expectProblem(await me(await op.accessToken('nobody')), 401, 'UNAUTHENTICATED');
  });

  it('of a deactivated user: refused on the next request, though the token is unexpired', async () => {
    const token = await op.accessToken('officer');
    expect((await me(token)).status).toBe(200);
    await s.t.db.user.update({ where: { username: 'officer' }, data: { active: false } });
    try {
      expectProblem(await me(token), 401, 'UNAUTHENTICATED');
    } finally {
      await s.t.db.user.update({ where: { username: 'officer' }, data: { active: true } });
    }
  });

  it('of a user whose organisation is deactivated', async () => {
    const token = await op.accessToken('officer');
    const { organisationId } = await s.t.db.user.findUniqueOrThrow({ where: { username: 'officer' } });
    await s.t.db.organisation.update({ where: { id: organisationId }, data: { active: false } });
    try {
      expectProblem(await me(token), 401, 'UNAUTHENTICATED');
    } finally {
      await s.t.db.organisation.update({ where: { id: organisationId }, data: { active: true } });
    }
  });

  it('an HS256 token of the development mode (shared secret) is refused when OIDC is on', async () => {
    const officer = await s.t.db.user.findUniqueOrThrow({ where: { username: 'officer' } });
    const dev = loadDevSecret();
    const token = await new SignJWT({ roles: ['OFFICER'], org: officer.organisationId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('officer')
      .setIssuer(op.issuer)
      .setAudience(TEST_AUDIENCE)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(dev));
    expectProblem(await me(token), 401, 'UNAUTHENTICATED');
    // …and nothing mints them: the dev token endpoint is not there.
    expect((await s.call('POST', '/api/dev/tokens', { body: { username: 'officer' } })).status).toBe(404);
  });
});

describe('configuration', () => {
  it('the web UI learns the provider from GET /api/public/sign-in; its pages may talk to the provider (CSP)', async () => {
    const r = await s.call('GET', '/api/public/sign-in');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      mode: 'oidc',
      issuer: op.issuer,
      clientId: op.env.OIDC_CLIENT_ID,
      scope: 'openid profile',
    });
    expect(r.headers.get('content-security-policy')).toContain(`connect-src 'self' ${op.issuer}`);
  });

  it('OIDC_USERNAME_CLAIM names another claim than sub (an opaque sub, the username in its own claim)', async () => {
    const api = await s.api({ OIDC_USERNAME_CLAIM: 'username' });
    const token = await op.sign({
      sub: 'c0a8e5d2-opaque',
      username: 'officer',
      iss: op.issuer,
      aud: TEST_AUDIENCE,
      exp: now() + 600,
    });
    expect((await me(token, api.call)).body).toMatchObject({ username: 'officer' });
    expectProblem(await me(await op.accessToken('officer'), api.call), 401, 'UNAUTHENTICATED'); // no such claim
  });
});

describe('the provider unreachable', () => {
  it('an API that has not fetched the keys yet answers 503 with Retry-After (not 401), and recovers when the provider is back', async () => {
    const token = await op.accessToken('officer');
    await op.stop();
    let api;
    try {
      api = await s.api({}); // starts though the provider is down: discovery waits for the first token
      const r = await me(token, api.call);
      expectProblem(r, 503, 'SERVICE_UNAVAILABLE');
      expect(r.headers.get('retry-after')).toMatch(/^\d+$/);
      // The API that already holds the keys goes on verifying the tokens they signed.
      expect((await me(token)).status).toBe(200);
    } finally {
      await op.start();
    }
    expect((await me(token, api.call)).status).toBe(200);
  });
});

/** The development secret HS256 mode would use (what a leaked dev token is signed with). */
function loadDevSecret(): string {
  return 'dev-only-secret-do-not-use-in-production-0123456789';
}
