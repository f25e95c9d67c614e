// Supervision (第二十七条第二款) in a real headless Chromium against the real stack: the district
// bureau draws a spot-check plan with an announced seed and verifies it, records a breach of 第十八条
// (a solo investigation) on a sampled officer; the agency reads the correction order (督促整改) and
// reports with material; the bureau sends it back, the agency reports again, the bureau accepts.
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newPage, screenshot, signInAs, signOut, withBrowserStack } from '../support/browser';
import type { TestStack } from '../support/stack';

let s: TestStack;
let browser: Browser;
withBrowserStack((stack, b) => {
  s = stack;
  browser = b;
});

const status = (page: Page) => page.getByTestId('order-status');
const UNLABELLED =
  "[...document.querySelectorAll('main input, main select, main textarea')].filter((el) => !el.labels?.length && !el.getAttribute('aria-label')).length";

async function report(page: Page, text: string, withFile: boolean) {
  await page.getByLabel('整改情况').fill(text);
  if (withFile)
    await page.getByLabel(/整改材料/).setInputFiles({
      name: '整改报告.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4 整改报告'),
    });
  await page.getByRole('button', { name: '报告整改情况' }).click();
  await expect.poll(() => status(page).textContent()).toContain('已报告整改，待审核');
}

async function decide(page: Page, orderPath: string, accept: boolean, reason?: string) {
  await page.goto(`${s.baseUrl}${orderPath}`);
  await page
    .getByRole('combobox', { name: '审核整改报告' })
    .selectOption({ label: accept ? '整改到位，办结' : '退回重新整改' });
  if (reason) await page.getByLabel('退回理由').fill(reason);
  await page.getByRole('button', { name: '提交' }).click();
  await expect.poll(() => status(page).textContent()).toContain(accept ? '已整改' : '待整改');
}

describe('监督检查 and 整改通知 pages (第二十七条第二款)', () => {
  it('第二十七条第二款: draw → verify → breach of 第十八条 → the agency reports with material → sent back → reported again → accepted', async () => {
    const page = await newPage(browser);
    await signInAs(page, s.baseUrl, 'district_reviewer');
    await page.getByRole('link', { name: '监督检查' }).click();
    await page.getByRole('heading', { name: '监督检查（抽查、暗访）' }).waitFor();
    await page.getByLabel('计划名称').fill('十二月执法行为抽查');
    await page.getByLabel('抽取对象').selectOption({ label: '持有效执法证的执法人员' });
    await page.getByLabel('检查方式').selectOption({ label: '抽查' });
    await page.getByLabel('抽取数量').fill('50');
    await page.getByLabel(/公开宣布的随机种子/).fill('e2e0123456789abc');
    await page.getByRole('button', { name: '抽取样本' }).click();
    await page.getByText('随机种子：e2e0123456789abc（事先公开）').waitFor();
    const planPath = new URL(page.url()).pathname;
    await page.getByRole('button', { name: '复核抽取结果' }).click();
    await page.getByRole('status').filter({ hasText: '复核一致' }).waitFor();
    await screenshot(page, 'spot-check-plan');
    // Every form control of the page has a label (one record form per sampled officer).
    expect(await page.evaluate<number>(UNLABELLED)).toBe(0);

    // The finding on 张伟, chosen from the catalogue by its article and words.
    const card = page.locator('li.card', { hasText: '张伟' });
    await card.getByText('记录检查结果：张伟').click();
    await card
      .getByLabel('检查结果')
      .selectOption({ label: '第十八条：调查未指派2名以上工作人员，或其中无行政执法人员（单人执法）' });
    await card.getByLabel('检查情况').fill('单人对某餐馆开展现场调查');
    await card.getByRole('button', { name: '记录检查结果' }).click();
    await card.getByRole('link', { name: /整改通知 ZG/ }).click();
    await expect.poll(() => status(page).textContent()).toContain('待整改');
    await page.getByText('第十八条：调查未指派2名以上工作人员').waitFor();
    const orderPath = new URL(page.url()).pathname;
    await screenshot(page, 'correction-order-bureau');
    await signOut(page);

    // The agency: its orders, the legal last day, the report with material.
    await signInAs(page, s.baseUrl, 'agency_admin');
    await page.getByRole('link', { name: '整改通知' }).click();
    const row = page.getByRole('row', { name: /张伟/ });
    await expect.poll(async () => (await row.textContent()) ?? '').toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    await row.getByRole('link').click();
    expect(await page.evaluate<number>(UNLABELLED)).toBe(0);
    await report(page, '已组织学习第十八条，调查一律双人进行', true);
    await page.getByRole('button', { name: '整改报告.pdf' }).waitFor();
    await signOut(page);

    await signInAs(page, s.baseUrl, 'district_reviewer');
    await decide(page, orderPath, false, '请附双人调查的执法记录');
    await page.getByText('整改报告被退回 请附双人调查的执法记录').waitFor();
    await signOut(page);

    await signInAs(page, s.baseUrl, 'agency_admin');
    await page.goto(`${s.baseUrl}${orderPath}`);
    await report(page, '补充：附双人调查执法记录三份', false);
    await signOut(page);

    // The city bureau reads the district's plan and order but acts on neither: no forms it would be refused.
    await signInAs(page, s.baseUrl, 'city_reviewer');
    await page.goto(`${s.baseUrl}${planPath}`);
    await page.locator('li.card', { hasText: '李娜' }).waitFor();
    expect(await page.getByText(/^记录检查结果：/).count()).toBe(0);
    await page.goto(`${s.baseUrl}${orderPath}`);
    await expect.poll(() => status(page).textContent()).toContain('已报告整改，待审核');
    expect(await page.getByRole('combobox', { name: '审核整改报告' }).count()).toBe(0);
    await signOut(page);

    await signInAs(page, s.baseUrl, 'district_reviewer');
    await decide(page, orderPath, true);
    await page.getByText('整改通过审核').first().waitFor();
    await screenshot(page, 'correction-order-corrected');
    const order = await s.t.db.correctionOrder.findFirstOrThrow({
      where: { rule: 'A18_TEAM' },
      include: { reports: true },
    });
    expect(order.status).toBe('CORRECTED');
    expect(order.reports.map((r) => r.decision).sort()).toEqual(['ACCEPTED', 'SENT_BACK']);
    expect(order.reports.flatMap((r) => r.attachmentIds)).toHaveLength(1);
  });

  it('第二十七条第二款: an agency has no supervision page', async () => {
    const page = await newPage(browser);
    await signInAs(page, s.baseUrl, 'agency_admin');
    expect(await page.getByRole('link', { name: '监督检查' }).count()).toBe(0);
    await page.goto(`${s.baseUrl}/supervision`);
    // The page says it is not the reader's, with nothing of the page itself (issue #16 §1).
    await page.getByRole('heading', { name: '此页面不在您的职责范围内' }).waitFor();
  });
});
