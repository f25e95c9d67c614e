// The statutory calendar page (民法典 第二百零三条) in a real headless Chromium against the real stack:
// the city bureau's system admin (第三条) enters a year, sees a problem named by its line, and the
// missing-year warning; other roles have no such page.
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { missingNextYear } from '../../domain/calendar';
import { localDateOf } from '../../domain/time';
import { newPage, screenshot, signInAs, signOut, withBrowserStack } from '../support/browser';
import { eventually } from '../support/eventually';
import { fileAnonymousComplaint, suspendNow } from '../support/records';
import type { TestStack } from '../support/stack';

let s: TestStack;
let browser: Browser;
withBrowserStack((stack, b) => {
  s = stack;
  browser = b;
});

describe('statutory calendar page', () => {
  it('第二百零三条, 第三条: the system admin enters a year’s holidays and 调休 days with the notice; a wrong line is named; the year is listed', async () => {
    const page = await newPage(browser);
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
    const page = await newPage(browser);
    await signInAs(page, s.baseUrl, 'city_reviewer');
    expect(await page.getByRole('link', { name: '节假日安排' }).count()).toBe(0);
    await page.goto(`${s.baseUrl}/admin/calendar`);
    // The page says it is not the reader's, with nothing of the page itself (issue #16 §1).
    await page.getByRole('heading', { name: '此页面不在您的职责范围内' }).waitFor();
    expect(await page.getByRole('heading', { name: '法定节假日与调休安排' }).count()).toBe(0);
  });
});

describe('provisional deadlines in the pages', () => {
  // Runs last: it takes this year and the next ones out of the calendar, as years not entered yet.
  it('民法典 第二百零三条: a deadline computed over a year not entered yet shows （暂定） on the application’s review steps, the complaint’s open tasks and the 复核’s due date (第七条, 第二十八条, 第三十二条)', async () => {
    const year = Number(localDateOf(new Date()).slice(0, 4));
    await s.t.db.calendarYear.deleteMany({ where: { year: { gte: year } } });

    // 第七条: an application of 西湖区's agency under district review.
    const agency = await s.t.db.organisation.findUniqueOrThrow({ where: { name: '杭州市西湖区综合行政执法局' } });
    const officer = await s.t.db.officer.create({
      data: {
        name: '暂定测试',
        idNumber: 'E2E000000000000901',
        birthDate: new Date('1990-05-01T00:00:00Z'),
        organisationId: agency.id,
        examResults: { create: [{ type: 'COMPREHENSIVE', passed: true, takenOn: new Date('2025-05-10T00:00:00Z') }] },
      },
    });
    const agencyToken = await s.token('agency_admin');
    const app = await s.call('POST', '/api/applications', {
      token: agencyToken,
      body: { officerId: officer.id, kind: 'INITIAL' },
    });
    expect(app.status).toBe(201);
    const task = await eventually('the district task', () =>
      s.t.db.reviewTask.findFirst({ where: { applicationId: app.body.id } }),
    );
    expect(task.dueAtProvisional).toBe(true);

    // 第三十二条: a suspension delivered now and a 复核 filed by the agency.
    const decided = { body: await suspendNow(s, '330106-2023-00001') };
    const review = await s.call('POST', `/api/sanctions/${decided.body.id}/review`, {
      token: agencyToken,
      body: { reason: '事实认定有误' },
    });
    expect(review.status).toBe(201);
    expect(review.body.review.dueAtProvisional).toBe(true);

    // 第二十八条: a complaint accepted now.
    const filed = {
      body: await fileAnonymousComplaint(s, '330106-2023-00001', { facts: '执法人员在检查中未出示执法证件' }),
    };
    const accepted = await s.call('POST', `/api/complaints/${filed.body.id}/accept`, {
      token: await s.token('complaint_handler'),
      body: {},
    });
    expect(accepted.status).toBe(200);

    const page = await newPage(browser);
    await signInAs(page, s.baseUrl, 'agency_admin');
    await page.goto(`${s.baseUrl}/applications/${app.body.id}`);
    await expect.poll(() => page.getByTestId('review-steps').textContent()).toContain('（暂定）');
    await page.goto(`${s.baseUrl}/sanctions/${decided.body.id}`);
    await expect.poll(() => page.getByTestId('review-due').textContent()).toContain('（暂定）');
    await signOut(page);

    await signInAs(page, s.baseUrl, 'complaint_handler');
    await page.goto(`${s.baseUrl}/complaints/${filed.body.id}`);
    await expect.poll(() => page.getByTestId('complaint-tasks').textContent()).toMatch(/调查.*（暂定）/);
    await screenshot(page, 'complaint-provisional');
  });
});
