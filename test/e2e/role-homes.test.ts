// Each role's page answers its first question (issue #16 §3), in the browser against the real stack:
// the agency sees eligibility before it applies and, after, where the application is and until when;
// the officer's home shows their card, a running suspension's term and the right to 复核 with its day.
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { lastDayInWords, localDateOf } from '../../domain/local-date';
import { newPage, screenshot, signInAs, withBrowserStack } from '../support/browser';
import { eventually } from '../support/eventually';
import { suspendNow } from '../support/records';
import type { TestStack } from '../support/stack';

let s: TestStack;
let browser: Browser;
withBrowserStack((stack, b) => {
  s = stack;
  browser = b;
});

/** A deadline as the pages print it: its legal day in words (2026年12月15日). */
const shown = (deadline: Date) => lastDayInWords(deadline);

describe('role home pages', () => {
  it('第四条, 第五条, 第七条: the agency sees 赵敏 is eligible, applies from her record, and follows the application from bureau to bureau', async () => {
    const zhao = await s.t.db.officer.findFirstOrThrow({ where: { name: '赵敏' } });
    const page = await newPage(browser);
    await signInAs(page, s.baseUrl, 'agency_admin');
    await page.goto(`${s.baseUrl}/officers/${zhao.id}`);
    await page.getByRole('heading', { name: '申领资格（第四条、第五条）' }).waitFor();
    await page.getByText('符合条件', { exact: true }).waitFor();
    await page
      .getByText(/综合法律知识考试.*（第四条/)
      .first()
      .waitFor();
    await page.getByRole('link', { name: '新建申请' }).click();
    await expect.poll(() => page.getByLabel('执法人员').inputValue()).toBe(zhao.id);
    await page
      .getByRole('region', { name: '提交前资格审查（第四条、第五条）' })
      .getByText('符合条件', { exact: true })
      .waitFor();
    await screenshot(page, 'application-new-eligibility');
    await page.getByRole('button', { name: '提交' }).click();
    await page.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
    await page
      .getByRole('status')
      .filter({ hasText: /申请已提交，申请编号 SQ\d{10}。/ })
      .waitFor();

    const id = page.url().split('/').at(-1)!;
    const district = await eventually('the district task', () =>
      s.t.db.reviewTask.findFirst({ where: { applicationId: id, status: 'OPEN' }, include: { bureau: true } }),
    );
    await page.reload();
    const line = page.getByTestId('progress-line');
    await line.locator('li.current').waitFor();
    expect(await line.locator('li.current').textContent()).toContain(
      `杭州市西湖区司法局 审核中，${shown(district.dueAt)}（含）前办结`,
    );
    expect(await line.locator('li').allTextContents()).toEqual([
      expect.stringContaining('杭州市西湖区司法局 审核中'),
      '待办：市司法局',
      '待办：省司法厅',
      '待办：核准发证',
    ]);

    const approved = await s.call('POST', `/api/review-tasks/${district.id}/decision`, {
      token: await s.token('district_reviewer'),
      body: { decision: 'APPROVE' },
    });
    expect(approved.status).toBe(200);
    await eventually('the city task', () =>
      s.t.db.reviewTask.findFirst({ where: { applicationId: id, level: 'CITY', status: 'OPEN' } }),
    );
    await page.reload();
    await line.locator('li.current').waitFor();
    const steps = await line.locator('li').allTextContents();
    expect(steps[0]).toBe('已完成：杭州市西湖区司法局');
    expect(steps[1]).toContain('当前环节：杭州市司法局 审核中');
    await screenshot(page, 'application-progress');
  });

  it('第三十条, 第三十二条: the officer’s home shows the suspension of their card, its term and the 复核 right with its last day', async () => {
    const decided = await suspendNow(s, '330106-2023-00001');
    const sanction = await eventually('the suspension in effect', () =>
      s.t.db.sanction.findFirst({ where: { id: decided.id, status: 'IN_EFFECT', termEndsAt: { not: null } } }),
    );
    const page = await newPage(browser);
    await signInAs(page, s.baseUrl, 'officer');
    await page.getByRole('heading', { name: '我的执法证' }).waitFor();
    const running = page.getByRole('region', { name: /正在执行的暂扣、收缴/ });
    await running.getByText('330106-2023-00001').waitFor();
    await running.getByText(`暂扣期限至 ${shown(sanction.termEndsAt!)}（含），期满自动恢复（第三十条）`).waitFor();
    await running.getByText(`可于 ${shown(sanction.reviewDeadline!)}（含）前申请复核（第三十二条）`).waitFor();
    await page.getByRole('heading', { name: /培训学时/ }).waitFor();
    await screenshot(page, 'officer-home');
    await running.getByRole('link', { name: '申请复核' }).click();
    await page.waitForURL((u) => u.pathname === `/sanctions/${sanction.id}`);
    await page.getByLabel('复核理由').waitFor();
  });

  it('第七条, 第二十八条, 第二十九条: the city bureau’s dashboard shows the monthly trend as a chart and a table, and regions by name', async () => {
    const page = await newPage(browser);
    await signInAs(page, s.baseUrl, 'city_reviewer');
    await page.goto(`${s.baseUrl}/dashboard`);
    await page.getByRole('heading', { name: '近十二个月趋势' }).waitFor();
    await page.locator('.recharts-surface').first().waitFor();
    const month = localDateOf(new Date()).slice(0, 7);
    const table = page.getByRole('table', { name: '近十二个月趋势' });
    const row = table.getByRole('row', { name: new RegExp(`^${month.slice(0, 4)}年${Number(month.slice(5))}月`) });
    // This file's tests applied once and suspended once, this month.
    expect(await row.getByRole('cell').allTextContents()).toEqual([
      `${month.slice(0, 4)}年${Number(month.slice(5))}月`,
      '1',
      '1',
      '0',
    ]);
    await page.getByRole('cell', { name: '西湖区' }).first().waitFor();
    expect(await page.getByRole('cell', { name: '330106' }).count()).toBe(0);
    // A reviewer does not read complaints (第二十五条): no panel, rather than a refusal.
    expect(await page.getByRole('heading', { name: '投诉举报（按受理机关）' }).count()).toBe(0);
    expect(await page.getByRole('alert').filter({ hasText: '无权' }).count()).toBe(0);
    await screenshot(page, 'dashboard-trend');
  });
});
