// The statutory calendar page (民法典 第二百零三条) in a real headless Chromium against the real stack:
// the city bureau's system admin (第三条) enters a year, sees a problem named by its line, and the
// missing-year warning; other roles have no such page.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingNextYear } from '../../domain/calendar';
import { localDateOf } from '../../domain/time';
import { launchBrowser, screenshot, signInAs } from '../support/browser';
import { startTestStack, type TestStack } from '../support/stack';

let s: TestStack;
let browser: Browser;
beforeAll(async () => {
  [s, browser] = await Promise.all([startTestStack(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await s?.stop();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('[browser]', e.message));
  return page;
}

describe('statutory calendar page', () => {
  it('第二百零三条, 第三条: the system admin enters a year’s holidays and 调休 days with the notice; a wrong line is named; the year is listed', async () => {
    const page = await newPage();
    await signInAs(page, s.baseUrl, 'system_admin');
    await page.getByRole('link', { name: '节假日安排' }).click();
    await page.getByRole('heading', { name: '法定节假日与调休安排' }).waitFor();
    // Seeded years are listed, their source in words.
    await page.getByRole('cell', { name: '初始数据（chinese-days）' }).first().waitFor();
    const years = new Set(
      (await s.t.db.calendarYear.findMany({ select: { year: true } })).map((y) => y.year as number),
    );
    const missing = missingNextYear(localDateOf(new Date()), (y) => years.has(y));
    if (missing) await page.getByText(`${missing} 年的法定节假日安排尚未录入`).waitFor();

    await page.getByLabel('年度').fill('2098');
    await page.getByLabel('通知文号').fill('国办发明电〔2097〕9号');
    // 2098-01-02 is a Thursday: not a day to make up.
    await page.getByLabel(/放假日与调休上班日/).fill('2098-01-01,放假,元旦\n2098-01-02,补班,元旦');
    await page.getByRole('button', { name: '保存并重新计算暂定期限' }).click();
    await page.getByText('第 2 行：2098-01-02 是工作日，不能设为调休上班日').waitFor();

    await page.getByLabel(/放假日与调休上班日/).fill('2098-01-01,放假,元旦\n2098-01-04,补班,元旦');
    await page.getByRole('button', { name: '保存并重新计算暂定期限' }).click();
    await page.getByRole('status').filter({ hasText: '2098 年已保存' }).waitFor();
    await page.getByRole('cell', { name: '国办发明电〔2097〕9号' }).waitFor();
    await screenshot(page, 'admin-calendar');
    // A year opens in the form for a correction.
    await page.getByRole('button', { name: '2026', exact: true }).click();
    await expect.poll(() => page.getByLabel('通知文号').inputValue()).toContain('2026');
    const stored = await s.t.db.calendarDay.findMany({ where: { year: 2098 }, orderBy: { date: 'asc' } });
    expect(stored.map((d) => [d.date, d.kind])).toEqual([
      ['2098-01-01', 'HOLIDAY'],
      ['2098-01-04', 'MAKEUP_WORKDAY'],
    ]);
  });

  it('第三条: a reviewer has no calendar page', async () => {
    const page = await newPage();
    await signInAs(page, s.baseUrl, 'city_reviewer');
    expect(await page.getByRole('link', { name: '节假日安排' }).count()).toBe(0);
    await page.goto(`${s.baseUrl}/admin/calendar`);
    await page.waitForURL((u) => !u.pathname.startsWith('/admin/calendar'));
  });
});
