// The reviewer's inbox in the browser (第七条, issue #16 §3): counts per status that filter the list,
// each task's last day and what is left of it (overdue in red), saved filters, bulk claim, and bulk
// approve where each task is its own decision and audit row and a refused one is listed with why.
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { idNumberCheckDigit } from '../../domain/id-number';
import { newPage, screenshot, signInAs, withBrowserStack } from '../support/browser';
import { eventually } from '../support/eventually';
import type { TestStack } from '../support/stack';

let s: TestStack;
let browser: Browser;
withBrowserStack((stack, b) => {
  s = stack;
  browser = b;
});

/** `n` applications of new officers of 西湖区综合行政执法局 (exam passed), with their district tasks open. */
async function applications(n: number): Promise<{ id: string; number: string; taskId: string }[]> {
  const agency = await s.t.db.organisation.findUniqueOrThrow({ where: { name: '杭州市西湖区综合行政执法局' } });
  const token = await s.token('agency_admin');
  const out = [];
  for (let i = 0; i < n; i++) {
    const first17 = `33010619910101${String(700 + i).padStart(3, '0')}`;
    const officer = await s.t.db.officer.create({
      data: {
        name: `批量${i + 1}`,
        idNumber: first17 + idNumberCheckDigit(first17),
        birthDate: new Date('1991-01-01T00:00:00Z'),
        organisationId: agency.id,
        examResults: { create: [{ type: 'COMPREHENSIVE', passed: true, takenOn: new Date('2025-05-10T00:00:00Z') }] },
      },
    });
    const app = await s.call('POST', '/api/applications', { token, body: { officerId: officer.id, kind: 'INITIAL' } });
    expect(app.status).toBe(201);
    const task = await eventually('the district task', () =>
      s.t.db.reviewTask.findFirst({ where: { applicationId: app.body.id, status: 'OPEN' } }),
    );
    out.push({ id: app.body.id, number: app.body.number, taskId: task.id });
  }
  return out;
}

describe('the reviewer’s inbox (第七条)', () => {
  it('counts, countdowns, saved filters, bulk claim and bulk approve with a refused one listed', async () => {
    const apps = await applications(3);
    // One is past its last day: it reads 已届满, in red.
    await s.t.db.reviewTask.update({
      where: { id: apps[2].taskId },
      data: { overdue: true, dueAt: new Date(Date.now() - 3 * 86_400_000) },
    });
    const page = await newPage(browser);
    await signInAs(page, s.baseUrl, 'district_reviewer');
    const chips = page.getByRole('list', { name: '任务统计' });
    await chips.getByRole('button', { name: '待办 3' }).waitFor();
    await chips.getByRole('button', { name: '已逾期 1' }).waitFor();
    const card = (i: number) => page.locator(`li[data-task-id="${apps[i].taskId}"]`);
    expect(await card(0).locator('.countdown').textContent()).toMatch(/剩余 \d+ 天/);
    expect(await card(2).locator('.countdown.danger').textContent()).toContain('已届满');

    // The overdue chip lists only the overdue task.
    await chips.getByRole('button', { name: '已逾期 1' }).click();
    await expect.poll(() => page.locator('li[data-task-id]').count()).toBe(1);
    await chips.getByRole('button', { name: '待办 3' }).click();
    await expect.poll(() => page.locator('li[data-task-id]').count()).toBe(3);

    // Bulk claim two.
    for (const i of [0, 1]) await page.getByLabel(`选择 ${apps[i].number}`).check();
    await page.getByRole('button', { name: '批量认领' }).click();
    await page.getByRole('status').filter({ hasText: '已认领 2 项。' }).waitFor();
    await chips.getByRole('button', { name: '我认领的 2' }).waitFor();

    // A saved filter comes back after a reload.
    await chips.getByRole('button', { name: '我认领的 2' }).click();
    await page.getByLabel('筛选名称').fill('我的任务');
    await page.getByRole('button', { name: '保存当前筛选' }).click();
    await page.reload();
    await page.getByRole('button', { name: '我的任务', exact: true }).click();
    expect(await page.getByLabel('分配').inputValue()).toBe('me');
    await expect.poll(() => page.locator('li[data-task-id]').count()).toBe(2);
    await chips.getByRole('button', { name: '待办 3' }).click();
    await expect.poll(() => page.locator('li[data-task-id]').count()).toBe(3);

    // Bulk approve all three, while a colleague decides the third meanwhile: two pass, one is listed.
    for (const i of [0, 1, 2]) await page.getByLabel(`选择 ${apps[i].number}`).check();
    await page.getByRole('button', { name: '批量通过' }).click();
    const decidedMeanwhile = await s.call('POST', `/api/review-tasks/${apps[2].taskId}/decision`, {
      token: await s.token('district_reviewer'),
      body: { decision: 'RETURN', comment: '材料不全' },
    });
    expect(decidedMeanwhile.status).toBe(200);
    await page.getByRole('alertdialog').getByRole('button', { name: '确认通过 3 项' }).click();
    const outcome = page.getByRole('status').filter({ hasText: '已通过 2 项。' });
    await outcome.waitFor();
    expect(await outcome.textContent()).toContain(`1 项未办成：${apps[2].number}：`);
    await screenshot(page, 'inbox-bulk');
    for (const a of apps.slice(0, 2)) {
      expect(await s.t.db.applicationEvent.count({ where: { applicationId: a.id, type: 'DECISION_APPROVE' } })).toBe(1);
      expect(await s.t.db.auditLog.count({ where: { targetId: a.id, action: 'application.decision.approve' } })).toBe(
        1,
      );
    }
    expect(
      await s.t.db.applicationEvent.count({ where: { applicationId: apps[2].id, type: 'DECISION_APPROVE' } }),
    ).toBe(0);
  });
});
