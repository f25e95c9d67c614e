// 第二十五条 (personal data): ID numbers (身份证号) never reach the logs or the public pages, and a
// response carries a full ID number only to the holder and the holder's own agency admin. The API
// and worker logs of this file's whole run are captured (trace/debug) and scanned.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../domain/roles';
import { USER_OF } from '../support/security/authz-matrix';
import { buildWorld, type World } from '../support/security/world';
import { captureLogs } from '../support/log-capture';
import { startTestStack, type TestStack } from '../support/stack';
import { qrCodeUrl } from '../support/verification';

const logs = captureLogs();
let s: TestStack;
let w: World;
const seen: Array<{ user: string | null; path: string; body: string }> = [];
const sentIds: string[] = [];
const tokens: string[] = [];

/** Every call goes through here, so its answer can be scanned afterwards. */
async function call(user: string | null, method: string, path: string, body?: unknown) {
  const token = user ? await w.token(user) : undefined;
  if (token) tokens.push(token);
  const r = await s.call(method, path, { token, body });
  seen.push({ user, path, body: typeof r.body === 'string' ? r.body : JSON.stringify(r.body ?? '') });
  return r;
}

/** Every ID number the database holds, with who may read it in full. */
async function idNumbers() {
  const officers = await s.t.db.officer.findMany();
  const users = await s.t.db.user.findMany();
  return officers.map((o) => ({
    idNumber: o.idNumber,
    mayRead: new Set(
      users
        .filter(
          (u) => u.officerId === o.id || (u.roles.includes('AGENCY_ADMIN') && u.organisationId === o.organisationId),
        )
        .map((u) => u.username),
    ),
  }));
}

beforeAll(async () => {
  s = await startTestStack({ logs, env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '100000' } });
  w = await buildWorld(s);

  // Traffic that carries ID numbers in requests: registration (new, duplicate, malformed) and 第八条 transfer.
  const fresh = w.identity();
  sentIds.push(fresh.idNumber);
  expect((await call('agency_admin', 'POST', '/api/officers', fresh)).status).toBe(201);
  expect((await call('agency_admin', 'POST', '/api/officers', fresh)).status).toBe(409);
  const malformed = `${fresh.idNumber.slice(0, 17)}${fresh.idNumber[17] === '0' ? '1' : '0'}`;
  sentIds.push(malformed);
  expect((await call('agency_admin', 'POST', '/api/officers', { ...fresh, idNumber: malformed })).status).toBe(400);
  const card = await w.certificate('shangcheng');
  const zhang = await s.t.db.officer.findUniqueOrThrow({ where: { id: w.officer.zhang } });
  expect(
    (
      await call('agency_admin', 'POST', '/api/officers/transfer-in', {
        idNumber: zhang.idNumber,
        certificateNumber: card.number,
      })
    ).status,
  ).toBe(404);
  expect(
    (
      await call('agency_admin', 'POST', '/api/officers/transfer-in', {
        idNumber: card.idNumber.toLowerCase(),
        certificateNumber: card.number,
      })
    ).status,
  ).toBe(200);

  // Worker traffic: an application through its first decision, and a sanction with its tasks.
  const app = await w.application('xihu');
  expect(
    (await call('district_reviewer', 'POST', `/api/review-tasks/${app.taskId}/decision`, { decision: 'APPROVE' }))
      .status,
  ).toBe(200);
  await w.sanctionTask(await w.sanction(w.cert.zhang));

  // Every demo user (and the other agency's admin) reads what carries an officer's identity.
  const cityTask = await w.eventually(() =>
    s.t.db.reviewTask.findFirst({ where: { applicationId: app.id, status: 'OPEN' } }),
  );
  const reads = [
    `/api/certificates/${w.cert.zhang}`,
    `/api/certificates/${w.cert.zhang}/qr.svg`,
    `/api/officers/${w.officer.zhang}`,
    `/api/applications/${app.id}`,
    `/api/review-tasks/${cityTask.id}`,
    `/api/officers/${app.id}`,
    '/api/officers',
    '/api/notifications',
    '/api/consultations',
    '/api/sanctions',
  ];
  for (const user of [...ROLES.map((r) => USER_OF[r]), 'shangcheng_admin', 'province_sanction_officer']) {
    for (const path of reads) await call(user, 'GET', path);
  }
  const scanned = (await qrCodeUrl(s, await w.token('agency_admin'), w.cert.zhang)).searchParams.get('t')!;
  for (const path of [
    `/api/public/certificates/${w.cert.zhang}`,
    `/api/public/certificates/${w.cert.zhang}?token=${encodeURIComponent(scanned)}`,
    '/openapi.json',
    '/docs/',
    '/metrics',
    '/healthz',
  ])
    await call(null, 'GET', path);
  await call(null, 'POST', `/api/public/certificates/${w.cert.zhang}/holder-check`, { holderName: '张伟' });
});
afterAll(async () => {
  await s?.stop();
});

describe('第二十五条: ID numbers', () => {
  it('the capture saw the run: API request lines and worker (SDK, workflow, activity) entries', () => {
    expect(logs.lines().filter((l) => l.includes('"req":')).length).toBeGreaterThan(100);
    expect(logs.lines().filter((l) => l.startsWith('[worker')).length).toBeGreaterThan(0);
  });

  it('第二十五条: no ID number — stored, sent, or malformed — appears in the API or worker logs', async () => {
    const ids = [...(await idNumbers()).map((o) => o.idNumber), ...sentIds];
    const text = logs.lines().join('\n').toUpperCase();
    expect(ids.filter((id) => text.includes(id))).toEqual([]);
  });

  it('第二十五条: no bearer token appears in the logs (the authorization header is redacted)', () => {
    const text = logs.lines().join('\n');
    expect(tokens.length).toBeGreaterThan(0);
    expect([...new Set(tokens)].filter((t) => text.includes(t.split('.')[2]))).toEqual([]);
  });

  it('第二十五条: public pages (verification by number, by QR code token and by name; API document, docs, metrics) carry no ID number', async () => {
    const ids = (await idNumbers()).map((o) => o.idNumber);
    const publicPages = seen.filter((x) => x.user === null);
    expect(publicPages.length).toBe(7);
    expect(
      publicPages.flatMap((x) => ids.filter((id) => x.body.toUpperCase().includes(id)).map((id) => `${x.path}: ${id}`)),
    ).toEqual([]);
  });

  it('第二十五条: a full ID number is answered only to the holder and the holder’s own agency admin; others see it masked', async () => {
    const ids = await idNumbers();
    const leaks = seen.flatMap((x) =>
      ids
        .filter((o) => x.body.toUpperCase().includes(o.idNumber) && !o.mayRead.has(x.user ?? ''))
        .map((o) => `${x.user ?? 'public'} ${x.path}: ${o.idNumber.slice(0, 4)}…`),
    );
    expect(leaks).toEqual([]);
    // The rule is exercised both ways: the agency admin did read full numbers, a reviewer masked ones.
    const zhang = (await s.t.db.officer.findUniqueOrThrow({ where: { id: w.officer.zhang } })).idNumber;
    expect(seen.some((x) => x.user === 'agency_admin' && x.body.includes(zhang))).toBe(true);
    expect(
      seen.some(
        (x) => x.user === 'district_reviewer' && x.body.includes(`${zhang.slice(0, 4)}************${zhang.slice(-2)}`),
      ),
    ).toBe(true);
  });

  it('第二十五条: a refused request does not echo the ID number it was sent', () => {
    const refusals = seen.filter((x) => /"status":4\d\d/.test(x.body));
    expect(refusals.length).toBeGreaterThan(3);
    expect(refusals.filter((x) => sentIds.some((id) => x.body.includes(id)))).toEqual([]);
  });
});
