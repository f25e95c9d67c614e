// The web UI in a real headless Chromium against the real stack (API serving the built app, worker,
// Temporal dev server, PostgreSQL): what reviewers, agencies and the public do, in Chinese.
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  newPage,
  openTaskFromInbox as openTask,
  screenshot,
  signInAs,
  signOut,
  withBrowserStack,
} from '../support/browser';
import { dateInWords } from '../../domain/time';
import { eligibleOfficer as makeEligibleOfficer } from '../support/eligible-officer';
import { eventually } from '../support/eventually';
import type { TestStack } from '../support/stack';
import { qrCodeUrl } from '../support/verification';

let s: TestStack;
let browser: Browser;
withBrowserStack((stack, b) => {
  s = stack;
  browser = b;
});

/** An officer of 西湖区's agency with the comprehensive exam passed (第四条), made for one test. */
const eligibleOfficer = (name: string, n: number) =>
  makeEligibleOfficer(s.t.db, name, `E2E${String(n).padStart(15, '0')}`);

/** The reviewer opens the application's task from the inbox. */
const openTaskFromInbox = (page: Page, applicationNumber: string) => openTask(page, s.baseUrl, applicationNumber);

async function decide(page: Page, decision: string, comment?: string) {
  await page.getByLabel(decision, { exact: true }).check();
  if (comment) await page.getByLabel('意见说明').fill(comment);
  // A double click sends one decision (the button is disabled while the first is under way, and
  // both would carry the same Idempotency-Key).
  await page.getByRole('button', { name: '提交审核意见' }).dblclick();
  await page
    .getByRole('status')
    .filter({ hasText: `已提交：${decision}` })
    .waitFor();
}

/** The field's control as the page's label names it, with what a screen reader is told about it. */
async function fieldState(page: Page, label: string) {
  const control = page.getByLabel(label);
  const id = (await control.getAttribute('id'))!;
  const described = await control.getAttribute('aria-describedby');
  const labelAfter = `getComputedStyle(document.querySelector('label[for="${id}"]'), '::after').content`;
  return {
    required: (await control.getAttribute('required')) !== null,
    invalid: await control.getAttribute('aria-invalid'),
    message: described ? await page.locator(`[id="${described}"]`).textContent() : null,
    marker: await page.evaluate<string>(labelAfter),
    focused: (await page.evaluate<string>('document.activeElement?.id')) === id,
  };
}

describe('web UI in Chromium', () => {
  it('第七条: an agency submits with materials; district, city and province reviewers approve in the browser; the certificate verifies on the public page', async () => {
    const page = await newPage(browser);
    await signInAs(page, s.baseUrl, 'agency_admin');
    await page.goto(`${s.baseUrl}/applications/new`);
    await page.getByLabel('执法人员').selectOption({ label: '赵敏' });
    await page.getByLabel(/申请材料/).setInputFiles({
      name: '考试合格证明.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% e2e\n'),
    });
    await page.getByText('已上传：考试合格证明.pdf').waitFor();
    await screenshot(page, 'application-new');
    await page.getByRole('button', { name: '提交' }).click();
    await page.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByTestId('application-status').textContent()).toBe('审核中');
    const applicationId = page.url().split('/').pop()!;
    const number = (await s.t.db.application.findUniqueOrThrow({ where: { id: applicationId } })).number;
    await signOut(page);

    for (const reviewer of ['district_reviewer', 'city_reviewer', 'province_reviewer']) {
      await signInAs(page, s.baseUrl, reviewer);
      await openTaskFromInbox(page, number);
      if (reviewer === 'district_reviewer') await screenshot(page, 'task-detail');
      await decide(page, '通过');
      await signOut(page);
    }
    // One decision per level despite the double clicks.
    const decided = await s.t.db.reviewTask.findMany({ where: { applicationId }, orderBy: { createdAt: 'asc' } });
    expect(decided.map((t) => [t.level, t.decision])).toEqual([
      ['DISTRICT', 'APPROVE'],
      ['CITY', 'APPROVE'],
      ['PROVINCE', 'APPROVE'],
    ]);

    await signInAs(page, s.baseUrl, 'agency_admin');
    await eventually(
      'the certificate issued',
      async () => (await s.t.db.application.findUniqueOrThrow({ where: { id: applicationId } })).status === 'ISSUED',
    );
    await page.goto(`${s.baseUrl}/applications/${applicationId}`);
    const certificate = await page.getByTestId('certificate-number').textContent();
    expect(certificate).toMatch(/^330106\d{2}\d{6}$/);
    await signOut(page);
    // A number alone (numbers are sequential): valid and the agency, not who holds the card.
    await page.goto(`${s.baseUrl}/verify/${certificate}`);
    await expect.poll(() => page.getByTestId('verdict').textContent()).toContain('有效，可以从事执法活动');
    expect(await page.getByTestId('verdict').textContent()).not.toContain('赵敏');
    // The number and the name the officer gives: yes or no.
    await page.getByLabel('持证人姓名').fill('赵敏');
    await page.getByRole('button', { name: '查验' }).click();
    await expect.poll(() => page.getByTestId('name-match').textContent()).toBe('“赵敏”与该证件的持证人姓名一致');
    await page.getByLabel('持证人姓名').fill('钱程');
    await page.getByRole('button', { name: '查验' }).click();
    await expect
      .poll(() => page.getByTestId('name-match').textContent())
      .toBe('“钱程”与该证件的持证人姓名不一致，请谨慎核对');
    // Scanning the card's QR code: its signed token shows the holder and the status.
    const scanned = await qrCodeUrl(s, await s.token('agency_admin'), certificate!);
    await page.goto(`${s.baseUrl}${scanned.pathname}${scanned.search}`);
    await expect.poll(() => page.getByTestId('verdict').textContent()).toContain('赵敏');
    expect(await page.getByTestId('verdict').textContent()).toContain('已通过证件二维码验证');
    await screenshot(page, 'verify');
    // A QR code whose token was not signed for this number is called out.
    await page.goto(
      `${s.baseUrl}/verify/${certificate}?t=${encodeURIComponent(scanned.searchParams.get('t')!.slice(0, -2))}xx`,
    );
    await page.getByTestId('token-invalid').waitFor();
    expect(await page.getByTestId('verdict').textContent()).not.toContain('赵敏');
  });

  it('第七条: a district reviewer returns an application with a reason; the agency corrects and resubmits it in the browser; it is back in the inbox', async () => {
    const officer = await eligibleOfficer('钱程', 1);
    const admin = await s.token('agency_admin');
    const submitted = await s.call('POST', '/api/applications', {
      token: admin,
      body: { officerId: officer.id, kind: 'INITIAL' },
    });
    expect(submitted.status).toBe(201);
    const { id, number } = submitted.body;

    const page = await newPage(browser);
    await signInAs(page, s.baseUrl, 'district_reviewer');
    await openTaskFromInbox(page, number);
    await decide(page, '退回补正', '请补充在编证明');
    await signOut(page);

    await signInAs(page, s.baseUrl, 'agency_admin');
    await eventually(
      'the return recorded',
      async () => (await s.t.db.application.findUniqueOrThrow({ where: { id } })).status === 'RETURNED',
    );
    await page.goto(`${s.baseUrl}/applications/${id}`);
    await expect.poll(() => page.getByTestId('application-status').textContent()).toBe('已退回补正');
    await page.getByLabel('补正说明').fill('已补充在编证明');
    await screenshot(page, 'resubmit');
    await page.getByRole('button', { name: '补正后重新提交' }).click();
    await expect.poll(() => page.getByTestId('application-status').textContent()).toBe('审核中');
    await signOut(page);

    await signInAs(page, s.baseUrl, 'district_reviewer');
    await openTaskFromInbox(page, number);
    expect(await s.t.db.reviewTask.count({ where: { applicationId: id, level: 'DISTRICT' } })).toBe(2);
  });

  it('第七条 (scope): a reviewer of another district sees none of 西湖区’s tasks, and opening one by address is refused', async () => {
    const open = await s.t.db.reviewTask.findFirstOrThrow({
      where: { status: 'OPEN', bureau: { regionCode: '330106' } },
    });
    const page = await newPage(browser);
    await signInAs(page, s.baseUrl, 'district_reviewer_shangcheng');
    await page.goto(`${s.baseUrl}/inbox`);
    await page.getByText('没有符合条件的任务').waitFor();
    await page.goto(`${s.baseUrl}/tasks/${open.id}`);
    await page.getByRole('alert').filter({ hasText: '无权在此范围内操作' }).waitFor();
  });

  it('第二十八条: an anonymous complaint is filed without login; the handler accepts, records the result and publishes the feedback; the complainant reads it by receipt code', async () => {
    const page = await newPage(browser);
    await page.goto(`${s.baseUrl}/complaints/new`);
    await page.getByLabel(/向哪个机关投诉/).selectOption({ label: '杭州市西湖区综合行政执法局' });
    await page.getByLabel('被投诉人员的执法证编号').fill('330106-2023-00002');
    await page.getByLabel('事实经过').fill('执法过程中未出示执法证件，态度粗暴。');
    await page.getByLabel('发生时间').fill('2026-11-20T10:30');
    await page.getByLabel('发生地点').fill('西湖区文三路');
    await screenshot(page, 'complaint-new');
    await page.getByRole('button', { name: '提交' }).click();
    // The receipt states where the complaint stands: filed, not yet accepted (第二十八条).
    await page.getByRole('heading', { name: '投诉举报已提交，待受理' }).waitFor();
    const code = (await page.getByTestId('receipt-code').textContent())!.trim();
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$/);
    // The citizen keeps the code: copied to the clipboard (or printed, without the page's navigation).
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: s.baseUrl });
    await page.getByRole('button', { name: '复制回执码' }).click();
    await page.getByRole('status').filter({ hasText: '回执码已复制' }).waitFor();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(code);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.top').isVisible()).toBe(false);
    expect(await page.getByTestId('receipt-code').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    const complaint = await s.t.db.complaint.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });

    await signInAs(page, s.baseUrl, 'complaint_handler');
    await page.goto(`${s.baseUrl}/complaints/${complaint.id}`);
    await page.getByRole('button', { name: '受理' }).click();
    await page.getByLabel('处理措施').fill('对当事执法人员批评教育，责令改正。');
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByLabel('反馈内容').fill('经调查，投诉部分属实，已责令改正。');
    await page.getByRole('button', { name: '提交' }).click();
    await expect.poll(() => page.getByTestId('complaint-state').textContent()).toBe('已反馈');
    await signOut(page);

    await page.goto(`${s.baseUrl}/complaints/status/${code.toLowerCase()}`);
    await expect
      .poll(() => page.getByTestId('complaint-result').textContent())
      .toContain('经调查，投诉部分属实，已责令改正。');
    await screenshot(page, 'complaint-status');
    await page.goto(`${s.baseUrl}/complaints/status/0000-0000-0000-0000-0000-0000`);
    await page.getByText('未查询到该回执码').waitFor();
  });

  it('issue #16 §2: the complaint form (第二十八条): required fields marked; a missing one stopped in the browser and marked; an unknown certificate marked from the API’s 400', async () => {
    const page = await newPage(browser);
    const failed: string[] = [];
    page.on('response', (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
    let complaintPosts = 0;
    page.on('request', (r) => r.method() === 'POST' && r.url().endsWith('/api/public/complaints') && complaintPosts++);
    const complaints = await s.t.db.complaint.count();
    await page.goto(`${s.baseUrl}/complaints/new`);
    await page.getByLabel(/向哪个机关投诉/).selectOption({ label: '杭州市西湖区综合行政执法局' });

    // Marked before anything is sent: a visible marker and `required` (what screen readers announce).
    for (const label of ['事实经过', '发生地点', '被投诉人员的执法证编号']) {
      const f = await fieldState(page, label);
      expect(f.required, label).toBe(true);
      expect(f.marker, label).toContain('*');
      expect(f.invalid, label).toBeNull();
      // The marker is not part of the field's name (`content: ' *' / ''`): a screen reader says 必填, not 星号.
      expect(await page.getByLabel(label, { exact: true }).count(), label).toBe(1);
    }

    await page.getByLabel('被投诉人员的执法证编号').fill('330106-2023-00002');
    await page.getByLabel('事实经过').fill('执法过程中未出示执法证件，态度粗暴。');
    await page.getByLabel('发生时间').fill('2026-11-20T10:30');
    await page.getByRole('button', { name: '提交' }).click();
    // The place is missing: the browser's check stops the form, the field says so in Chinese.
    await page.getByText('此项为必填项').waitFor();
    const place = await fieldState(page, '发生地点');
    expect(place).toMatchObject({ invalid: 'true', message: '此项为必填项', focused: true });
    expect(complaintPosts).toBe(0);
    await screenshot(page, 'complaint-new-required');

    // Typing clears the mark; an unknown certificate is the API's 400, shown at its field.
    await page.getByLabel('发生地点').fill('西湖区文三路');
    expect((await fieldState(page, '发生地点')).invalid).toBeNull();
    await page.getByLabel('被投诉人员的执法证编号').fill('330106-2099-99999');
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByText('请修改标出的项目').waitFor();
    const certificate = await fieldState(page, '被投诉人员的执法证编号');
    expect(certificate.invalid).toBe('true');
    expect(certificate.message).toMatch(/[\u4e00-\u9fff]/);
    expect(certificate.message).toBe('未找到该执法证号');
    expect(await page.getByRole('alert').filter({ hasText: '请求内容不合法' }).count()).toBe(0);
    expect(await s.t.db.complaint.count()).toBe(complaints);
    await screenshot(page, 'complaint-new-api-error');

    // Corrected, it goes through.
    await page.getByLabel('被投诉人员的执法证编号').fill('330106-2023-00002');
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByTestId('receipt-code').waitFor();
    expect(failed.filter((f) => !f.includes('/api/public/complaints'))).toEqual([]); // the favicon and assets are there
  });

  it('第三条: the city justice bureau sees 运行监测 — a step that keeps failing, named in words and Shanghai time; others do not', async () => {
    const officer = await eligibleOfficer('孙明', 91);
    const submitted = await s.call('POST', '/api/applications', {
      token: await s.token('agency_admin'),
      body: { officerId: officer.id, kind: 'INITIAL' },
    });
    const app = await s.t.db.application.findUniqueOrThrow({ where: { id: submitted.body.id } });
    // A row as the worker writes it when a step keeps failing (the failing itself is tested over HTTP in stuck-processes).
    // First failed 30 minutes ago (on the minute); the page shows it in Asia/Shanghai (UTC+8, no DST).
    const first = new Date(Math.floor((Date.now() - 30 * 60_000) / 60_000) * 60_000);
    const local = new Date(first.getTime() + 8 * 3_600_000).toISOString();
    const shanghai = `${dateInWords(local.slice(0, 10))} ${local.slice(11, 16)}`;
    await s.t.db.activityTrouble.create({
      data: {
        workflowId: app.workflowId,
        workflowType: 'applicationWorkflow',
        activityType: 'openTask',
        attempts: 5,
        errorKind: 'unavailable',
        errorLabel: 'SQLSTATE 57P01',
        exhausted: true,
        firstFailedAt: first,
        lastFailedAt: new Date(first.getTime() + 60_000),
      },
    });
    const page = await newPage(browser);
    await signInAs(page, s.baseUrl, 'city_reviewer');
    await page.getByRole('link', { name: '运行监测' }).click();
    await page.getByRole('heading', { name: '运行异常的流程' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: app.number });
    await row.waitFor();
    expect((await row.innerText()).replace(/\s+/g, ' ')).toContain(
      `执法证申请 ${app.number} 开启审核任务 依赖服务不可用（数据库或工作流引擎）`,
    );
    expect(await row.innerText()).toContain(shanghai);
    await screenshot(page, 'operations');
    await s.t.db.activityTrouble.deleteMany({ where: { workflowId: app.workflowId } });
    await signOut(page);
    await signInAs(page, s.baseUrl, 'district_reviewer');
    expect(await page.getByRole('link', { name: '运行监测' }).count()).toBe(0);
    await page.context().close();
  });

  it('a 375 px phone screen: the inbox fits without sideways scrolling, the menu opens, and a task opens with its decision form', async () => {
    const page = await newPage(browser, { width: 375, height: 812 });
    await signInAs(page, s.baseUrl, 'district_reviewer');
    await page.goto(`${s.baseUrl}/inbox`);
    const first = page.locator('ul.cards a').first();
    await first.waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await screenshot(page, 'inbox-phone');
    await expect.poll(() => page.getByRole('link', { name: '统计' }).isVisible()).toBe(false);
    await page.getByRole('button', { name: '菜单' }).click();
    await expect.poll(() => page.getByRole('link', { name: '统计' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: '菜单' }).click();
    await first.click();
    await page.getByRole('button', { name: '提交审核意见' }).waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await screenshot(page, 'task-phone');
  });

  it('keyboard: the skip link is the first stop and moves focus to the main content; form controls have labels', async () => {
    const page = await newPage(browser);
    await signInAs(page, s.baseUrl, 'agency_admin');
    await page.goto(`${s.baseUrl}/applications/new`);
    await page.getByRole('heading', { name: '提交执法证申请' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>('document.activeElement?.textContent')).toBe('跳到主要内容');
    await page.keyboard.press('Enter');
    expect(await page.evaluate<string>('document.activeElement?.id')).toBe('main');
    const unlabelled = await page.evaluate<number>(
      "[...document.querySelectorAll('main input, main select, main textarea')].filter((el) => !el.labels?.length && !el.getAttribute('aria-label')).length",
    );
    expect(unlabelled).toBe(0);
  });
});
