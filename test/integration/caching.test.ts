// The API's caches (README "Caches") over HTTP: a signed-in user's row and a public verification's
// answer are kept briefly and evicted by the database's change notices, whoever writes — the admin
// API, the worker's workflows, SQL from another process. `other` is a second API process whose
// caches would keep entries for minutes: what it shows within two seconds it learnt from a notice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually';
import { startTestStack, type Caller, type TestStack } from '../support/stack';
import { qrCodeUrl, verifyPublicly } from '../support/verification';

let s: TestStack;
let other: { call: Caller };
let admin: string;
const NOTICED_MS = 2_000;
beforeAll(async () => {
  s = await startTestStack({ env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '10000' } });
  other = await s.api({ AUTH_USER_CACHE_SECONDS: '60', VERIFICATION_CACHE_SECONDS: '300' });
  admin = await s.token('system_admin');
});
afterAll(async () => {
  await s?.stop();
});

const me = (api: { call: Caller }, token: string, headers?: Record<string, string>) =>
  api.call('GET', '/api/me', { token, headers }).then((r) => r.status);
const refusedBy = (api: { call: Caller }, token: string) =>
  eventually('the user refused', async () => (await me(api, token)) === 401, NOTICED_MS);

/** A user of the city bureau created through the admin API, signed in on both API processes. */
async function signedInUser(username: string) {
  const city = await s.t.db.organisation.findUniqueOrThrow({ where: { name: '杭州市司法局' } });
  const created = await s.call('POST', '/api/admin/users', {
    token: admin,
    body: { username, displayName: '缓存测试', organisationId: city.id, roles: ['COMPLAINT_HANDLER', 'SUPERVISOR'] },
  });
  expect(created.status).toBe(201);
  const token = await s.token(username);
  for (const api of [s, other, s, other]) expect(await me(api, token)).toBe(200);
  return { id: created.body.id as string, token };
}

describe('a signed-in user’s row is cached (AUTH_USER_CACHE_SECONDS), a change refuses at once', () => {
  it('deactivated through the admin API: the very next request is refused, and audited as before; another API process refuses within moments', async () => {
    const u = await signedInUser('cache.deactivated');
    const off = await s.call('PATCH', `/api/admin/users/${u.id}`, { token: admin, body: { active: false } });
    expect(off.status).toBe(200);
    expect(await me(s, u.token, { 'x-request-id': 'cache-deactivated-next' })).toBe(401);
    await refusedBy(other, u.token);
    const audit = await s.t.db.auditLog.findFirstOrThrow({ where: { requestId: 'cache-deactivated-next' } });
    expect(audit).toMatchObject({ outcome: 'DENIED', action: 'GET /api/me', detail: { status: 401 } });
  });

  it('deactivated by SQL from another process: refused within moments, long before the cache would let the row go', async () => {
    const u = await signedInUser('cache.sql');
    await s.t.db.$executeRaw`UPDATE "User" SET active = false WHERE id = ${u.id}`;
    await refusedBy(other, u.token);
    await refusedBy(s, u.token);
  });

  it('a role taken away: a token claiming it is refused at once, here and in another API process', async () => {
    const u = await signedInUser('cache.role');
    const narrowed = await s.call('PATCH', `/api/admin/users/${u.id}`, {
      token: admin,
      body: { roles: ['COMPLAINT_HANDLER'] },
    });
    expect(narrowed.status).toBe(200);
    expect(await me(s, u.token)).toBe(401);
    await refusedBy(other, u.token);
  });

  it('an organisation deactivated and reactivated by SQL: its users are refused, then let in again', async () => {
    const u = await signedInUser('cache.organisation');
    await s.t.db.$executeRaw`UPDATE "Organisation" SET active = false WHERE name = '杭州市司法局'`;
    try {
      await refusedBy(other, u.token);
    } finally {
      await s.t.db.$executeRaw`UPDATE "Organisation" SET active = true WHERE name = '杭州市司法局'`;
    }
    await eventually('the user let in again', async () => (await me(other, u.token)) === 200, NOTICED_MS);
  });
});

const verify = verifyPublicly;
const qrToken = async (number: string) =>
  (await qrCodeUrl(s, await s.token('city_reviewer'), number)).searchParams.get('t')!;
/** Two answers in a row are the same one (same checkedAt): the second came from the cache. */
const servedFromCache = async (api: { call: Caller }, number: string, token?: string) => {
  const [a, b] = [await verify(api, number, token), await verify(api, number, token)];
  return a.body.checkedAt === b.body.checkedAt && a.headers.get('etag') === b.headers.get('etag') ? b : undefined;
};

describe('public verification answers are cached per certificate and evicted on every change', () => {
  it('an unchanged answer keeps its strong ETag; If-None-Match → 304 without a body; browsers must revalidate, and the token’s answer is stored by nobody', async () => {
    const plain = (await servedFromCache(other, '330106-2023-00002'))!;
    expect(plain.status).toBe(200);
    const etag = plain.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    expect(plain.headers.get('cache-control')).toBe('public, no-cache');
    const again = await verify(other, '330106-2023-00002', undefined, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body).toBeUndefined();

    const full = await verify(other, '330106-2023-00002', await qrToken('330106-2023-00002'));
    expect(full.body.holderName).toBe('李娜');
    expect(full.headers.get('cache-control')).toBe('private, no-store');
    expect(full.headers.get('etag')).not.toBe(etag);
  });

  it('第二十五条: the token’s view (name, photo) and the tokenless view never cross, whichever is asked first', async () => {
    for (const number of ['330102-2022-00007', '330100-2024-00015']) {
      const token = await qrToken(number);
      const order = number.startsWith('330102')
        ? [token, undefined, 'dev.forged', token]
        : [undefined, token, undefined];
      for (const t of order) {
        const r = await verify(other, number, t);
        expect(r.status).toBe(200);
        if (t === token) expect(r.body).toMatchObject({ token: 'VALID', holderName: expect.any(String) });
        else {
          expect(r.body.token).toBe(t === undefined ? 'NONE' : 'INVALID');
          expect(Object.keys(r.body).sort()).toEqual(['agency', 'checkedAt', 'number', 'token', 'validForEnforcement']);
        }
      }
    }
  });

  it('第三十条: a suspension through the API shows on the very next verification, in every API process; the ETag changes', async () => {
    const number = '330106-2023-00001';
    const token = await qrToken(number);
    const before = await Promise.all(
      [s, other].map(async (api) => (await servedFromCache(api, number))!.headers.get('etag')!),
    );
    await servedFromCache(other, number, token);
    const r = await s.call('POST', '/api/sanctions', {
      token: await s.token('sanction_officer'),
      body: {
        certificateNumber: number,
        type: 'SUSPENSION',
        grounds: [1],
        facts: '玩忽职守',
        deliveredAt: new Date().toISOString(),
      },
    });
    expect(r.status).toBe(201);
    for (const [i, api] of [s, other].entries()) {
      const next = await verify(api, number, undefined, { 'if-none-match': before[i] });
      expect(next.status).toBe(200);
      expect(next.body.validForEnforcement).toBe(false);
      expect(next.headers.get('etag')).not.toBe(before[i]);
    }
    expect((await verify(other, number, token)).body).toMatchObject({
      status: 'SUSPENDED',
      statusText: expect.stringMatching(/^暂扣至/),
    });
  });

  it('changed by SQL from another process: the status and the holder’s name follow within moments', async () => {
    const number = '330102-2022-00007';
    const token = await qrToken(number);
    expect((await servedFromCache(other, number, token))!.body).toMatchObject({ status: 'ACTIVE', holderName: '王强' });
    await s.t.db.$executeRaw`UPDATE "Certificate" SET status = 'REVOKED' WHERE number = ${number}`;
    await eventually(
      'the revocation shown',
      async () => (await verify(other, number, token)).body.status === 'REVOKED',
      NOTICED_MS,
    );
    await s.t.db
      .$executeRaw`UPDATE "Officer" SET name = '王强国' WHERE id = (SELECT "officerId" FROM "Certificate" WHERE number = ${number})`;
    await eventually(
      'the new name shown',
      async () => (await verify(other, number, token)).body.holderName === '王强国',
      NOTICED_MS,
    );
  });

  it('a lost connection to the database’s notices is made again: the cache starts afresh and serves, and changes are noticed again', async () => {
    const number = '330100-2024-00015';
    const cached = (await servedFromCache(other, number))!;
    const listening = `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN record_changed'`;
    const killed = await s.t.db.$queryRawUnsafe<{ pid: number }[]>(listening);
    expect(killed).toHaveLength(2); // one per API process
    await s.t.db.$queryRawUnsafe(`SELECT pg_terminate_backend(pid) FROM (${listening}) l`);
    await eventually('both listening again', async () => {
      const now = await s.t.db.$queryRawUnsafe<{ pid: number }[]>(listening);
      return now.length === 2 && now.every((n) => !killed.some((k) => k.pid === n.pid));
    });
    const fresh = await eventually('served from the cache again', () => servedFromCache(other, number));
    expect(fresh.body.checkedAt).not.toBe(cached.body.checkedAt);
    await s.t.db.$executeRaw`UPDATE "Certificate" SET status = 'CANCELLED' WHERE number = ${number}`;
    await eventually(
      'the cancellation shown',
      async () => (await verify(other, number)).body.validForEnforcement === false,
      NOTICED_MS,
    );
  });
});
