// Issue #16 §2 in a real headless Chromium against the real stack: with realistic data made through
// the API (an application issued after all three levels and one returned, a 暂扣 annulled on 复核 and
// one in effect, a complaint with its feedback published, a correction order, the notifications all
// that sends), every role opens every page of its navigation and the detail pages of those records,
// and the public opens the verification and complaint-status pages. No page shows a raw code
// (`IN_EFFECT`), a UUID or a UTC instant (`2026-12-15T16:00:00.000Z`); the staff and the public page
// name the same last day of a term; a countdown stops once its sanction is over. The same pages are
// checked with axe-core (no serious or critical violation), and the reviewer's and the public's pages
// on a 375 px phone screen (nothing wider than the screen).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overflow, seriousViolations } from '../support/accessibility';
import { launchBrowser, loaded, newPage, signInAs, signOut } from '../support/browser';
import { eligibleOfficer as makeEligibleOfficer } from '../support/eligible-officer';
import { eventually } from '../support/eventually';
import { approveCurrent, openTaskOf } from '../support/review-flow';
import { startCorrectionOrder } from '../support/short-correction-order';
import { startTestStack, type TestStack } from '../support/stack';
import { qrCodeUrl } from '../support/verification';

const CODE = /\b[A-Z][A-Z_]{3,}\b/g;
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const INSTANT = /\d{4}-\d{2}-\d{2}T\d[\d:.]*Z?/g;

let s: TestStack;
let browser: Browser;
let page: Page;
const tokens: Record<string, string> = {};
const USERS = [
  'agency_admin',
  'district_reviewer',
  'city_reviewer',
  'province_reviewer',
  'staffing_office',
  'sanction_officer',
  'complaint_handler',
  'supervisor',
  'officer',
  'system_admin',
] as const;

/** The records the pages show, made through the API as people would. */
const made = {
  issued: { id: '', number: '', certificate: '' },
  returned: { id: '' },
  officerId: '',
  zhangId: '',
  annulled: '',
  inEffect: '',
  complaint: { id: '', code: '' },
  order: '',
};

let keys = 0;
async function act<T = any>(user: string, method: string, path: string, body?: unknown): Promise<T> {
  const r = await s.call(method, path, {
    token: tokens[user],
    body,
    headers: method === 'GET' ? {} : { 'Idempotency-Key': `no-raw-codes-${++keys}` },
  });
  if (r.status >= 300) throw new Error(`${user} ${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as T;
}

const eligibleOfficer = async (name: string, n: number) =>
  (await makeEligibleOfficer(s.t.db, name, `RAW${String(n).padStart(15, '0')}`)).id;

async function makeRecords() {
  // 第七条: one application through district, city and province; one returned by the district.
  made.officerId = await eligibleOfficer('周颖', 1);
  const app = await act('agency_admin', 'POST', '/api/applications', { officerId: made.officerId, kind: 'INITIAL' });
  made.issued.id = app.id;
  made.issued.number = app.number;
  for (let level = 0; level < 3; level++) expect((await approveCurrent(s, tokens, app.id)).status).toBe(200);
  made.issued.certificate = await eventually('the certificate issued', async () => {
    const a = await act('agency_admin', 'GET', `/api/applications/${app.id}`);
    return a.status === 'ISSUED' ? (a.certificateNumber as string) : undefined;
  });
  const returned = await act('agency_admin', 'POST', '/api/applications', {
    officerId: await eligibleOfficer('吴昊', 2),
    kind: 'INITIAL',
  });
  made.returned.id = returned.id;
  const task = await openTaskOf(s.t.db, returned.id);
  await act('district_reviewer', 'POST', `/api/review-tasks/${task.id}/decision`, {
    decision: 'RETURN',
    comment: '请补充在编证明',
  });

  // 第二十九条–第三十二条: a 暂扣 of 张伟's card annulled on 复核; another card's 暂扣 in effect.
  const suspend = (certificateNumber: string) =>
    act('sanction_officer', 'POST', '/api/sanctions', {
      certificateNumber,
      type: 'SUSPENSION',
      grounds: [1],
      facts: '玩忽职守',
      deliveredAt: new Date().toISOString(),
    });
  made.annulled = (await suspend('330106-2023-00001')).id;
  await act('officer', 'POST', `/api/sanctions/${made.annulled}/review`, { reason: '事实认定有误' });
  await act('sanction_officer', 'POST', `/api/sanctions/${made.annulled}/review/decision`, {
    outcome: 'ANNULLED',
    comment: '原决定认定事实不清，予以撤销',
  });
  made.inEffect = (await suspend('330106-2023-00002')).id;
  made.zhangId = (await s.t.db.user.findUniqueOrThrow({ where: { username: 'officer' } })).officerId!;

  // 第二十八条: a complaint accepted, investigated and its result published on the receipt page.
  const xihu = await s.t.db.organisation.findUniqueOrThrow({ where: { name: '杭州市西湖区综合行政执法局' } });
  const filed = await s.call('POST', '/api/public/complaints', {
    body: {
      organisationId: xihu.id,
      complainant: { kind: 'PERSON', anonymous: true },
      subjects: [{ certificateNumber: '330106-2023-00001' }],
      facts: '执法人员在检查中未出示执法证件，态度粗暴',
      occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
      place: '西湖区文三路 100 号',
    },
  });
  expect(filed.status).toBe(201);
  made.complaint = { id: filed.body.id, code: filed.body.receiptCode };
  await act('complaint_handler', 'POST', `/api/complaints/${made.complaint.id}/accept`, {});
  await act('complaint_handler', 'POST', `/api/complaints/${made.complaint.id}/result`, {
    finding: 'PARTLY_SUBSTANTIATED',
    measures: '对当事执法人员批评教育',
  });
  await act('complaint_handler', 'POST', `/api/complaints/${made.complaint.id}/feedback`, {
    channel: 'PUBLISHED',
    content: '经调查，投诉部分属实，已责令改正。',
  });

  // 第二十七条第二款: a correction order to the agency about 张伟.
  const { order } = await startCorrectionOrder(s.temporal, s.t.db, s.config.TEMPORAL_TASK_QUEUE, {
    officerId: made.zhangId,
    agencyId: xihu.id,
    bureauUsername: 'district_reviewer',
    rule: 'A19_RECORDING',
  });
  made.order = order.id;
}

beforeAll(async () => {
  [s, browser] = await Promise.all([startTestStack(), launchBrowser()]);
  for (const u of USERS) tokens[u] = await s.token(u);
  await makeRecords();
  page = await newPage(browser);
});
afterAll(async () => {
  await browser?.close();
  await s?.stop();
});

/** Opens `path` and waits until it has loaded; what a person reads there that no person should. */
async function leftovers(path: string): Promise<string[]> {
  await page.goto(`${s.baseUrl}${path}`);
  await page.locator('main h1').first().waitFor();
  await loaded(page);
  const text = await page.locator('body').innerText();
  return [...text.matchAll(CODE), ...text.matchAll(UUID), ...text.matchAll(INSTANT)].map(
    (m) => `${path}: ${m[0]} in “${text.slice(Math.max(0, m.index - 20), m.index + m[0].length + 20)}”`,
  );
}

/** The pages the navigation offers the signed-in user (web/src/layout.tsx NAV for their roles). */
async function navPages(): Promise<string[]> {
  const hrefs = await Promise.all((await page.locator('nav#nav a').all()).map((a) => a.getAttribute('href')));
  return [...new Set(hrefs.filter((h): h is string => !!h))];
}

/** Every page of every role's navigation and the records each works on, visited signed in as them. */
async function eachRolePage(visit: (user: string, path: string) => Promise<void>) {
  const details: Record<string, string[]> = {
    agency_admin: [
      `/applications/${made.issued.id}`,
      `/applications/${made.returned.id}`,
      `/officers/${made.officerId}`,
      `/officers/${made.zhangId}`,
      `/sanctions/${made.annulled}`,
      `/sanctions/${made.inEffect}`,
      `/correction-orders/${made.order}`,
    ],
    district_reviewer: [`/applications/${made.issued.id}`, `/correction-orders/${made.order}`],
    sanction_officer: [`/sanctions/${made.annulled}`, `/sanctions/${made.inEffect}`, `/officers/${made.zhangId}`],
    complaint_handler: [`/complaints/${made.complaint.id}`],
    supervisor: [`/complaints/${made.complaint.id}`],
    officer: [`/sanctions/${made.annulled}`],
  };
  for (const user of USERS) {
    await signInAs(page, s.baseUrl, user);
    for (const p of [...(await navPages()), ...(details[user] ?? [])]) await visit(user, p);
    await signOut(page);
  }
}

const PUBLIC_PAGES = async () => {
  const scanned = await qrCodeUrl(s, tokens.agency_admin, '330106-2023-00002');
  return [
    '/verify',
    `${scanned.pathname}${scanned.search}`,
    `/verify/${made.issued.certificate}`,
    '/complaints/new',
    `/complaints/status/${made.complaint.code}`,
  ];
};

describe('issue #16 §2: no raw code, UUID or UTC instant on any page', () => {
  it('every role: every page of its navigation and the records it works on read in words', async () => {
    const found: string[] = [];
    let visited = 0;
    await eachRolePage(async (_user, p) => {
      found.push(...(await leftovers(p)));
      visited++;
    });
    expect(visited).toBeGreaterThan(60);
    expect(found).toEqual([]);
  });

  it('the public: verification by QR code and the complaint status by receipt code read in words', async () => {
    const found: string[] = [];
    for (const p of await PUBLIC_PAGES()) found.push(...(await leftovers(p)));
    expect(found).toEqual([]);
  });

  it('accessibility: no serious or critical axe-core violation on any role’s pages or the public pages (WCAG 2.1 AA)', async () => {
    // Once per page kind (a record's id aside): the same page with other data has the same markup.
    const seen = new Set<string>();
    const found: string[] = [];
    const check = async (where: string, p: string) => {
      const kind = p.replace(UUID, ':id').replace(/\?.*$/, '');
      if (seen.has(kind)) return;
      seen.add(kind);
      await leftovers(p);
      found.push(...(await seriousViolations(page, `${where} ${p}`)));
    };
    await eachRolePage(check);
    for (const p of await PUBLIC_PAGES()) await check('public', p);
    expect(seen.size).toBeGreaterThan(25);
    expect(found).toEqual([]);
  });

  it('a 375 px phone screen: the reviewer’s and the public’s pages fit without sideways scrolling', async () => {
    const phone = await newPage(browser, { width: 375, height: 812 });
    const wide: string[] = [];
    const fits = async (p: string) => {
      await phone.goto(`${s.baseUrl}${p}`);
      await phone.locator('main h1').first().waitFor();
      await loaded(phone);
      const over = await overflow(phone);
      if (over > 0) wide.push(`${p}: ${over} px too wide`);
    };
    for (const p of await PUBLIC_PAGES()) await fits(p);
    await signInAs(phone, s.baseUrl, 'district_reviewer');
    for (const p of ['/inbox', '/notifications', `/applications/${made.issued.id}`, '/dashboard', '/supervision'])
      await fits(p);
    await phone.close();
    expect(wide).toEqual([]);
  });

  it('第三十条: the staff page and the public page name the same last day of a 暂扣; the countdown stops once a sanction is annulled', async () => {
    const scanned = await qrCodeUrl(s, tokens.agency_admin, '330106-2023-00002');
    await page.goto(`${s.baseUrl}${scanned.pathname}${scanned.search}`);
    const publicText = (await page.getByTestId('verdict').textContent())!;
    const publicDay = /暂扣至 (\d{4}年\d{1,2}月\d{1,2}日)（含）/.exec(publicText)?.[1];
    expect(publicDay).toBeTruthy();

    await signInAs(page, s.baseUrl, 'sanction_officer');
    await page.goto(`${s.baseUrl}/sanctions/${made.inEffect}`);
    const term = page.locator('.countdown').first();
    // 30 days from today (第三十条): delivered today, the last day is 30 days after it.
    await expect.poll(() => term.textContent()).toBe(`暂扣期限（第三十条）：至 ${publicDay}（含） · 剩余 30 天`);

    await page.goto(`${s.baseUrl}/sanctions/${made.annulled}`);
    await page.getByTestId('sanction-outcome').waitFor();
    expect(await page.getByTestId('sanction-outcome').textContent()).toMatch(/^已撤销（\d{4}年\d{1,2}月\d{1,2}日）：/);
    expect(await page.locator('main').textContent()).not.toMatch(/剩余|最后一天/);
    await signOut(page);
  });
});
