// Public verification (no login, rate-limited; the QR code's signed token unlocks the holder's name)
// and the 第十八条 team check, over HTTP.
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/stack';
import { qrCodeUrl, verifyPublicly } from '../support/verification';

let s: TestStack;
let admin: string;
const XIHU = '杭州市西湖区综合行政执法局';
beforeAll(async () => {
  s = await startTestStack({
    env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '1000', PUBLIC_BASE_URL: 'https://zfz.example.gov.cn' },
  });
  admin = await s.token('agency_admin');
  // 330106-2023-00002 is suspended for the tests below (第二十九条).
  const r = await s.call('POST', '/api/sanctions', {
    token: await s.token('sanction_officer'),
    body: {
      certificateNumber: '330106-2023-00002',
      type: 'SUSPENSION',
      grounds: [1],
      facts: '玩忽职守',
      deliveredAt: new Date().toISOString(),
    },
  });
  expect(r.status).toBe(201);
});
afterAll(async () => {
  await s?.stop();
});

type Api = Pick<TestStack, 'call'>;
/** The address a card's QR code encodes, as the agency printing the card reads it. */
const verificationUrl = (number: string, api: Api = s) => qrCodeUrl(api, admin, number);
const tokenOf = async (number: string, api: Api = s) => (await verificationUrl(number, api)).searchParams.get('t')!;
const verify = (number: string, token?: string, api: Api = s) => verifyPublicly(api, number, token);

describe('public verification (第三十条: a suspended card is not valid; the roster cannot be harvested by counting numbers)', () => {
  it('a number alone shows only whether the card is valid and its agency — not the holder’s name', async () => {
    const ok = await verify('330106-2023-00001');
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({
      number: '330106-2023-00001',
      agency: XIHU,
      validForEnforcement: true,
      token: 'NONE',
      checkedAt: expect.any(String),
    });
    expect(JSON.stringify(ok.body)).not.toContain('张伟');
    expect((await verify('330106-2023-00002')).body).toEqual({
      number: '330106-2023-00002',
      agency: XIHU,
      validForEnforcement: false,
      token: 'NONE',
      checkedAt: expect.any(String),
    });
    const unknown = await verify('000000-0000-00000');
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toBe('certificate was not found');
  });

  it('the signed token of the QR code unlocks name, agency and status — and nothing private', async () => {
    const url = await verificationUrl('330106-2023-00001');
    expect(url.origin + url.pathname).toBe('https://zfz.example.gov.cn/verify/330106-2023-00001');
    const full = await verify('330106-2023-00001', url.searchParams.get('t')!);
    expect(full.body).toMatchObject({
      token: 'VALID',
      holderName: '张伟',
      agency: XIHU,
      status: 'ACTIVE',
      statusText: '有效',
      validForEnforcement: true,
    });
    expect(JSON.stringify(full.body)).not.toMatch(/\d{17}[\dX]/); // 第二十五条: no ID number
    const suspended = await verify('330106-2023-00002', await tokenOf('330106-2023-00002'));
    expect(suspended.body).toMatchObject({ token: 'VALID', status: 'SUSPENDED', validForEnforcement: false });
    expect(suspended.body.statusText).toMatch(/^暂扣至 \d{4}年\d{1,2}月\d{1,2}日（含）$/);
  });

  it('a token of another card, a tampered token or garbage unlocks nothing (token INVALID: the page warns of a forged code)', async () => {
    const token = await tokenOf('330106-2023-00001');
    const last = token.at(-1) === 'A' ? 'B' : 'A';
    for (const wrong of [
      await tokenOf('330106-2023-00002'),
      token.slice(0, -1) + last,
      'x',
      `nokey.${token.split('.')[1]}`,
    ]) {
      const r = await verify('330106-2023-00001', wrong);
      expect(r.body, wrong).toEqual({
        number: '330106-2023-00001',
        agency: XIHU,
        validForEnforcement: true,
        token: 'INVALID',
        checkedAt: expect.any(String),
      });
    }
  });

  it('keys rotate (VERIFICATION_KEYS): the first signs, all listed verify; a dropped key no longer verifies', async () => {
    const k1 = `k1:${'1'.repeat(32)}`;
    const k2 = `k2:${'2'.repeat(32)}`;
    const before = await s.api({ VERIFICATION_KEYS: k1 });
    const during = await s.api({ VERIFICATION_KEYS: `${k2},${k1}` });
    const after = await s.api({ VERIFICATION_KEYS: k2 });
    const old = await tokenOf('330106-2023-00001', before);
    const fresh = await tokenOf('330106-2023-00001', during);
    expect(old).toMatch(/^k1\./);
    expect(fresh).toMatch(/^k2\./);
    expect((await verify('330106-2023-00001', old, during)).body.token).toBe('VALID');
    expect((await verify('330106-2023-00001', fresh, during)).body.token).toBe('VALID');
    expect((await verify('330106-2023-00001', old, after)).body.token).toBe('INVALID');
    expect((await verify('330106-2023-00001', fresh, after)).body).toMatchObject({
      token: 'VALID',
      holderName: '张伟',
    });
    // The development key signs nothing the configured keys accept.
    expect((await verify('330106-2023-00001', await tokenOf('330106-2023-00001'), after)).body.token).toBe('INVALID');
  });

  it('the number and the holder’s name give a match — yes or no, nothing more', async () => {
    const check = (number: string, holderName: string) =>
      s.call('POST', `/api/public/certificates/${number}/holder-check`, { body: { holderName } });
    expect((await check('330106-2023-00001', '张伟')).body).toEqual({ number: '330106-2023-00001', match: true });
    expect((await check('330106-2023-00001', ' 张 伟 ')).body).toEqual({ number: '330106-2023-00001', match: true }); // spaces as typed do not matter
    expect((await check('330106-2023-00001', '张三')).body).toEqual({ number: '330106-2023-00001', match: false });
    expect((await check('330106-2023-00002', '张伟')).body).toEqual({ number: '330106-2023-00002', match: false });
    expect((await check('000000-0000-00000', '张伟')).status).toBe(404);
    const empty = await check('330106-2023-00001', '');
    expect(empty.status).toBe(400);
    expect(empty.body.errors.map((e: { field: string }) => e.field)).toContain('body.holderName');
  });

  it('each certificate has a QR code (SVG and PNG) for its readers to print, encoding its verification URL with the token; it is not public', async () => {
    const auth = { authorization: `Bearer ${admin}` };
    const url = await verificationUrl('330106-2023-00001');
    const svg = await fetch(`${s.baseUrl}/api/certificates/330106-2023-00001/qr.svg`, { headers: auth });
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
    // The same library drawing the expected URL gives the same picture: the code carries that URL.
    expect(await svg.text()).toBe(await QRCode.toString(url.href, { type: 'svg', margin: 1 }));
    const png = Buffer.from(
      await (await fetch(`${s.baseUrl}/api/certificates/330106-2023-00001/qr.png`, { headers: auth })).arrayBuffer(),
    );
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    // Anyone could otherwise fetch any number's token and read the roster.
    expect((await fetch(`${s.baseUrl}/api/certificates/330106-2023-00001/qr.svg`)).status).toBe(401);
    // The public page's own QR code is the page without the token (test/integration/certificate-card.test.ts).
    const open = await (await fetch(`${s.baseUrl}/api/public/certificates/330106-2023-00001/qr.svg`)).text();
    expect(open).toBe(await QRCode.toString(`${url.origin}${url.pathname}`, { type: 'svg', margin: 1 }));
  });

  it('is rate-limited per client: too many requests → 429 problem+json', async () => {
    const api = await s.api({ PUBLIC_RATE_LIMIT_PER_MINUTE: '3' });
    let last = 200;
    for (let i = 0; i < 5 && last !== 429; i++) last = (await verify('330106-2023-00001', undefined, api)).status;
    expect(last).toBe(429);
    const r = await api.call('POST', '/api/public/certificates/330106-2023-00001/holder-check', {
      body: { holderName: '张伟' },
    });
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body.code).toBe('TOO_MANY_REQUESTS');
  });
});

describe('team check (第十八条)', () => {
  it('a penalty needs two valid holders: a suspended member does not count', async () => {
    const token = await s.token('agency_admin');
    const r = await s.call('POST', '/api/team-check', {
      token,
      body: {
        action: 'PENALTY',
        members: [{ certificateNumber: '330106-2023-00001' }, { certificateNumber: '330106-2023-00002' }],
      },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ allowed: false, article: '第十八条' });
    expect(r.body.members[1]).toMatchObject({ ref: '330106-2023-00002', validHolder: false });
    expect(r.body.members[1].note).toMatch(/^暂扣至/);
  });

  it('an investigation needs two staff with at least one valid holder', async () => {
    const token = await s.token('agency_admin');
    const zhao = await s.t.db.officer.findFirstOrThrow({ where: { name: '赵敏' } }); // staff, no certificate yet
    const two = await s.call('POST', '/api/team-check', {
      token,
      body: { action: 'INVESTIGATION', members: [{ certificateNumber: '330106-2023-00001' }, { officerId: zhao.id }] },
    });
    expect(two.body.allowed).toBe(true);
    const onlySuspended = await s.call('POST', '/api/team-check', {
      token,
      body: { action: 'INVESTIGATION', members: [{ certificateNumber: '330106-2023-00002' }, { officerId: zhao.id }] },
    });
    expect(onlySuspended.body.allowed).toBe(false);
    // The day after the 30-day term the suspended card counts again (第三十条).
    const later = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    const after = await s.call('POST', '/api/team-check', {
      token,
      body: {
        action: 'PENALTY',
        date: later,
        members: [{ certificateNumber: '330106-2023-00001' }, { certificateNumber: '330106-2023-00002' }],
      },
    });
    expect(after.body.allowed).toBe(true);
  });

  it('第十八条: one person named twice counts once', async () => {
    const token = await s.token('agency_admin');
    const zhang = await s.t.db.officer.findFirstOrThrow({ where: { name: '张伟' } });
    const r = await s.call('POST', '/api/team-check', {
      token,
      body: { action: 'PENALTY', members: [{ certificateNumber: '330106-2023-00001' }, { officerId: zhang.id }] },
    });
    expect(r.body.allowed).toBe(false);
    expect(r.body.members[1]).toMatchObject({ known: false, validHolder: false });
  });

  it('第十八条: a team check reads members in the caller’s scope only; anyone else reads exactly like an unknown id', async () => {
    const db = s.t.db;
    const [li, wang] = await Promise.all([
      db.officer.findFirstOrThrow({ where: { name: '李娜' } }),
      db.officer.findFirstOrThrow({ where: { name: '王强' } }),
    ]);
    // 王强 of 上城区卫生健康局 (another district), by id and by card, named twice; then what does not exist.
    const outside = [{ officerId: wang.id }, { certificateNumber: '330102-2022-00007' }, { officerId: wang.id }];
    const unknown = [{ officerId: '00000000-0000-4000-8000-000000000000' }, { certificateNumber: '000000-0000-00000' }];
    const check = async (user: string) => {
      const r = await s.call('POST', '/api/team-check', {
        token: await s.token(user),
        body: {
          action: 'INVESTIGATION',
          members: [{ certificateNumber: '330106-2023-00001' }, { officerId: li.id }, ...outside, ...unknown],
        },
      });
      expect(r.status, user).toBe(200);
      return r.body.members as Array<{ ref: string; known: boolean; validHolder: boolean; note?: string }>;
    };
    const asUnknown = { known: false, validHolder: false, note: '未找到该人员或证件' };
    // An officer (张伟) forms a team with colleagues of its agency; an agency's admin and head see their agency.
    for (const user of ['officer', 'agency_admin', 'agency_head']) {
      const [self, colleague, ...rest] = await check(user);
      expect(self, user).toMatchObject({ known: true, validHolder: true });
      expect(colleague, user).toMatchObject({
        known: true,
        validHolder: false,
        note: expect.stringMatching(/^暂扣至/),
      });
      for (const m of rest)
        expect({ ...m, ref: undefined }, `${user}: ${m.ref}`).toEqual({ ...asUnknown, ref: undefined });
    }
    // The city's sanction officer covers the city: 王强 is known (and counted once).
    const city = await check('sanction_officer');
    expect(city.slice(2, 5).map((m) => m.known)).toEqual([true, false, false]);
    expect(city[3].note).toBe('重复：同一人员只计一次');
  });

  it('第三十条: a suspended card cannot be reported lost to get a new one (409)', async () => {
    const r = await s.call('POST', '/api/certificates/330106-2023-00002/loss-report', {
      token: await s.token('agency_admin'),
      body: { reason: 'LOST' },
    });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ code: 'CERTIFICATE_SUSPENDED', article: '第三十条' });
    expect((await s.t.db.certificate.findUniqueOrThrow({ where: { number: '330106-2023-00002' } })).status).toBe(
      'SUSPENDED',
    );
  });
});
