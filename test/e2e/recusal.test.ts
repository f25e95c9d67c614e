// 第二十条 回避 in the browser: a district reviewer declares a conflict on a task and is told where it
// went; the city bureau's reviewer finds it in their inbox and decides it; the agency's page shows the
// hand-over but never the reason (第二十五条). A complaint handler's declaration likewise.
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { idNumberCheckDigit } from '../../domain/id-number';
import { newPage, openTaskFromInbox, screenshot, signInAs, signOut, withBrowserStack } from '../support/browser';
import { fileAnonymousComplaint } from '../support/records';
import type { TestStack } from '../support/stack';

let s: TestStack;
let browser: Browser;
withBrowserStack((stack, b) => {
  s = stack;
  browser = b;
});

describe('recusal in the browser (第二十条)', () => {
  it('第二十条, 第二十五条: the district reviewer withdraws from a task, the city bureau decides it, the agency sees the hand-over without the reason', async () => {
    const agency = await s.t.db.organisation.findUniqueOrThrow({ where: { name: '杭州市西湖区综合行政执法局' } });
    const first17 = '330106199005010777';
    const officer = await s.t.db.officer.create({
      data: {
        name: '周回避',
        idNumber: first17.slice(0, 17) + idNumberCheckDigit(first17.slice(0, 17)),
        birthDate: new Date('1990-05-01T00:00:00Z'),
        organisationId: agency.id,
        examResults: { create: [{ type: 'COMPREHENSIVE', passed: true, takenOn: new Date('2025-05-10T00:00:00Z') }] },
      },
    });
    const submitted = await s.call('POST', '/api/applications', {
      token: await s.token('agency_admin'),
      body: { officerId: officer.id, kind: 'INITIAL' },
    });
    expect(submitted.status).toBe(201);
    const number = submitted.body.number as string;

    const page = await newPage(browser);
    await signInAs(page, s.baseUrl, 'district_reviewer');
    await openTaskFromInbox(page, s.baseUrl, number);
    await page.getByText('申请回避（第二十条）').click();
    await page.getByLabel('回避理由').fill('申请人系本人配偶的弟弟');
    await screenshot(page, 'review-recusal');
    await page.getByRole('button', { name: '申请回避' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: '本单位已无其他人员可以办理，已移交 杭州市司法局 办理' })
      .waitFor();
    await signOut(page);

    await signInAs(page, s.baseUrl, 'city_reviewer');
    await openTaskFromInbox(page, s.baseUrl, number);
    await page.getByLabel('通过', { exact: true }).check();
    await page.getByRole('button', { name: '提交审核意见' }).click();
    await page.getByRole('status').filter({ hasText: '已提交：通过' }).waitFor();
    await signOut(page);

    await signInAs(page, s.baseUrl, 'agency_admin');
    await page.goto(`${s.baseUrl}/applications/${submitted.body.id}`);
    await page.getByText('回避移交').first().waitFor();
    const text = await page.locator('main').innerText();
    expect(text).toContain('移交 杭州市司法局 办理');
    expect(text).not.toContain('配偶');
    await page.close();
  });

  it('第二十条: a complaint handler withdraws; with no colleague left the complaint goes to the justice bureau over the agency', async () => {
    const filed = {
      body: await fileAnonymousComplaint(s, '330106-2023-00002', {
        facts: '执法人员在检查中态度粗暴，推搡当事人',
        place: '西湖区文三路 200 号',
      }),
    };
    const page = await newPage(browser);
    await signInAs(page, s.baseUrl, 'complaint_handler');
    await page.goto(`${s.baseUrl}/complaints/${filed.body.id}`);
    await page.getByText('申请回避（第二十条）').click();
    await page.getByLabel('回避理由').fill('被投诉人是本人表妹');
    await page.getByRole('button', { name: '申请回避' }).click();
    await page.getByRole('status').filter({ hasText: '已移交 杭州市西湖区司法局 办理' }).waitFor();
    await page.getByRole('link', { name: '返回待办' }).click();
    await page.waitForURL(/\/complaint-tasks/);
    await page.close();
  });
});
