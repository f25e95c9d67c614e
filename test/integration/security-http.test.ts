// HTTP hardening of api/app.ts: security headers (helmet), body size limits, CORS closed by
// default, and the rate limit of the public endpoints — each answered with problem+json.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/stack';
import { expectProblem } from '../support/security/problem';

const LIMIT = 5;
let s: TestStack;
let admin: string;
beforeAll(async () => {
  s = await startTestStack({ env: { PUBLIC_RATE_LIMIT_PER_MINUTE: String(LIMIT) } });
  admin = await s.token('agency_admin');
});
afterAll(async () => {
  await s?.stop();
});

describe('security headers (helmet)', () => {
  it.each([
    ['a JSON answer', '/api/me', true],
    ['a problem+json refusal', '/api/nope', false],
    ['the public verification', '/api/public/certificates/330106-2023-00001', false],
    ['the docs page', '/docs/', false],
  ])(
    '%s carries nosniff, a CSP, HSTS, frame and referrer protection, and no X-Powered-By',
    async (_what, path, auth) => {
      const r = await fetch(s.baseUrl + path, { headers: auth ? { authorization: `Bearer ${admin}` } : {} });
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('content-security-policy')).toMatch(/default-src 'self'.*frame-ancestors 'self'/);
      expect(r.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
      expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(r.headers.get('referrer-policy')).toBe('no-referrer');
      expect(r.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(r.headers.get('x-powered-by')).toBeNull();
    },
  );
});

describe('body size limits', () => {
  it('a JSON body over 256 kB → 413 problem+json, before authentication', async () => {
    const r = await s.call('POST', '/api/team-check', {
      token: admin,
      body: { action: 'PENALTY', members: [{ certificateNumber: 'x'.repeat(300 * 1024) }] },
    });
    expectProblem(r, 413, 'PAYLOAD_TOO_LARGE');
    expectProblem(
      await s.call('POST', '/api/dev/tokens', { body: { username: 'y'.repeat(300 * 1024) } }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
  });

  it('an upload over 10 MB (第六条 materials) → 413 problem+json, and nothing is stored', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20);
    big.write('%PDF-1.4\n');
    const res = await fetch(`${s.baseUrl}/api/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/pdf', 'x-file-name': 'big.pdf' },
      body: big,
    });
    expectProblem({ status: res.status, headers: res.headers, body: await res.json() }, 413, 'PAYLOAD_TOO_LARGE');
    expect(await s.t.db.attachment.count()).toBe(0);
  });
});

describe('CORS is closed by default', () => {
  it('a foreign Origin gets no Access-Control-Allow-Origin, on a request or a preflight', async () => {
    const origin = 'https://evil.example';
    const get = await fetch(`${s.baseUrl}/api/public/certificates/330106-2023-00001`, { headers: { origin } });
    expect(get.status).toBe(200);
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
    const withToken = await fetch(`${s.baseUrl}/api/me`, { headers: { origin, authorization: `Bearer ${admin}` } });
    expect(withToken.headers.get('access-control-allow-origin')).toBeNull();
    expect(withToken.headers.get('access-control-allow-credentials')).toBeNull();
    const preflight = await fetch(`${s.baseUrl}/api/sanctions`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
    expect(preflight.headers.get('access-control-allow-headers')).toBeNull();
  });
});

describe('rate limit of the public endpoints', () => {
  // Each case runs its own API (same database and Temporal) so that it starts with empty buckets.
  const path = '/api/public/certificates/330106-2023-00001';
  const from = (forwardedFor: string) => ({ headers: { 'x-forwarded-for': forwardedFor } });
  const exhaust = async (api: { call: TestStack['call'] }, forwardedFor: string) => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT; i++) statuses.push((await api.call('GET', path, from(forwardedFor))).status);
    expect(statuses).toEqual(Array(LIMIT).fill(200));
  };

  it('by default (TRUST_PROXY unset) no proxy is trusted: a client writing a new X-Forwarded-For each time gets no new budget', async () => {
    const api = await s.api({});
    await exhaust(api, '203.0.113.7');
    expectProblem(await api.call('GET', path, from('203.0.113.99')), 429, 'TOO_MANY_REQUESTS');
    expectProblem(await api.call('GET', path), 429, 'TOO_MANY_REQUESTS');
  });

  it(`TRUST_PROXY=1 (one load balancer): over ${LIMIT} public requests a minute from one client → 429 problem+json with Retry-After; other clients and signed-in routes go on`, async () => {
    const api = await s.api({ TRUST_PROXY: '1' });
    await exhaust(api, '203.0.113.7');
    const limited = await api.call('GET', '/api/public/complaint-organs', from('203.0.113.7')); // one budget across the public routes
    expectProblem(limited, 429, 'TOO_MANY_REQUESTS');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('ratelimit-policy')).toMatch(new RegExp(`q=${LIMIT}`));
    // The load balancer appends the address it saw; what the client wrote before it is not believed.
    expectProblem(await api.call('GET', path, from('198.51.100.1, 203.0.113.7')), 429, 'TOO_MANY_REQUESTS');
    expect((await api.call('GET', path, from('203.0.113.8'))).status).toBe(200);
    expect((await api.call('GET', '/api/me', { token: admin, ...from('203.0.113.7') })).status).toBe(200);
  });

  it('TRUST_PROXY as CIDRs (two proxies): the first address from the right outside them is the client', async () => {
    const api = await s.api({ TRUST_PROXY: '127.0.0.1/32, 10.0.0.0/8' });
    await exhaust(api, '203.0.113.7, 10.1.2.3');
    expectProblem(await api.call('GET', path, from('198.51.100.1, 203.0.113.7, 10.1.2.3')), 429, 'TOO_MANY_REQUESTS');
    expect((await api.call('GET', path, from('203.0.113.8, 10.1.2.3'))).status).toBe(200);
  });
});
