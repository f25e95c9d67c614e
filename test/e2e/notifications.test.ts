// Notifications in the browser (issue #16 §1): the header counts what the reader has not read, a notice
// opens the page where they act and counts as read, those shown can be marked read (not one arriving
// since); every kind of link opens a page of the web UI for the role it is meant for; an unknown address
// says so.
import crypto from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pageOf } from '../../domain/notification-links';
import { loaded, newPage, screenshot, signInAs, signOut, withBrowserStack } from '../support/browser';
import { eventually } from '../support/eventually';
import type { TestStack } from '../support/stack';

let s: TestStack;
let browser: Browser;
withBrowserStack((stack, b) => {
  s = stack;
  browser = b;
});

/** The header's notifications link, e.g. "通知 2 条未读" (its badge), or "通知" with none unread. */
const navNotifications = (page: Page) => page.locator('#nav').getByRole('link', { name: /^通知/ });
const pageIsNotFound = (page: Page) => page.getByRole('heading', { name: '页面不存在' }).count();
const pageIsNotYours = (page: Page) => page.getByRole('heading', { name: '此页面不在您的职责范围内' }).count();

describe('notifications in the browser', () => {
  it('第七条: the reviewer sees the unread count, opens the new task from its notice, and marks the page read, not one arriving since', async () => {
    const zhao = await s.t.db.officer.findFirstOrThrow({ where: { name: '赵敏' } });
    const app = await s.call('POST', '/api/applications', {
      token: await s.token('agency_admin'),
      body: { officerId: zhao.id, kind: 'INITIAL' },
    });
    expect(app.status).toBe(201);
    const notice = await eventually('the new-task notice', () =>
      s.t.db.notification.findFirst({ where: { kind: 'TASK_NEW', subject: { contains: app.body.number } } }),
    );
    // Another the reviewer has not read yet, so that some are left to mark read at once.
    const another = { recipientOrgId: notice.recipientOrgId, kind: 'TASK_REMINDER', link: notice.link };
    await s.t.db.notification.create({
      data: { ...another, subject: '审核任务即将到期', body: '请尽快处理', dedupeKey: 'e2e-earlier' },
    });
    const unread = (
      await s.call('GET', '/api/notifications/unread-count', { token: await s.token('district_reviewer') })
    ).body.unread as number;
    expect(unread).toBeGreaterThanOrEqual(2);

    const page = await newPage(browser);
    await signInAs(page, s.baseUrl, 'district_reviewer');
    await expect.poll(() => navNotifications(page).textContent()).toBe(`通知${unread}条未读`);
    await navNotifications(page).click();
    await page.getByRole('heading', { name: '通知' }).waitFor();
    await screenshot(page, 'notifications-unread');
    await page.getByRole('link', { name: notice.subject }).click();
    await page.waitForURL((u) => u.pathname === notice.link);
    await page.getByRole('heading', { name: '审核任务' }).waitFor();
    await page.getByText(app.body.number).first().waitFor();
    await expect.poll(() => navNotifications(page).textContent()).toBe(`通知${unread - 1}条未读`);

    await navNotifications(page).click();
    const read = page.locator('li.card', { hasText: notice.subject });
    expect(await read.getAttribute('class')).toBe('card');
    // One arrives after the page was shown: marking the page read leaves it unread.
    await page.locator('li.card.unread').first().waitFor();
    await s.t.db.notification.create({
      data: { ...another, subject: '页面打开后到达的通知', body: '请尽快处理', dedupeKey: 'e2e-later' },
    });
    await page.getByRole('button', { name: '本页全部标为已读' }).click();
    await expect.poll(() => navNotifications(page).textContent()).toBe('通知1条未读');
    await page.getByLabel('只看未读').check();
    await expect
      .poll(() => page.locator('li.card.unread').allTextContents())
      .toEqual([expect.stringContaining('页面打开后到达的通知')]);
    await signOut(page);
    // Read for this reviewer only: the read marks are theirs.
    const reader = await s.t.db.user.findUniqueOrThrow({ where: { username: 'district_reviewer' } });
    expect(await s.t.db.notificationRead.count({ where: { notificationId: notice.id } })).toBe(1);
    expect(await s.t.db.notificationRead.count({ where: { notificationId: notice.id, userId: reader.id } })).toBe(1);
  });

  it('第二十八条, 第二十九条: the sanction officer opens a complaint’s proposal from its notice and decides it with the form filled from it', async () => {
    const orgs = Object.fromEntries((await s.t.db.organisation.findMany()).map((o) => [o.name, o.id]));
    const act = async (user: string, id: string, step: string, body: object = {}) =>
      s.call('POST', `/api/complaints/${id}/${step}`, { token: await s.token(user), body });
    const filed = await s.call('POST', '/api/complaints', {
      token: await s.token('supervisor'),
      body: {
        organisationId: orgs['杭州市监察委员会'],
        complainant: { kind: 'PERSON', anonymous: true },
        subjects: [{ name: '李娜', agencyId: orgs['杭州市西湖区综合行政执法局'] }],
        facts: '执法中有粗暴执法行为',
        occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
        place: '西湖区文三路 100 号',
      },
    });
    expect(filed.status).toBe(201);
    expect((await act('supervisory_handler', filed.body.id, 'accept')).status).toBe(200);
    const result = await act('supervisory_handler', filed.body.id, 'result', {
      finding: 'SUBSTANTIATED',
      measures: '建议暂扣',
      sanctionProposal: {
        certificateNumber: '330106-2023-00002',
        type: 'SUSPENSION',
        grounds: [2],
        facts: '经查，执法中有粗暴执法行为',
      },
    });
    expect(result.status).toBe(200);
    const notice = await eventually('the proposal notice', () =>
      s.t.db.notification.findFirst({ where: { kind: 'SANCTION_PROPOSAL' } }),
    );

    const page = await newPage(browser);
    await signInAs(page, s.baseUrl, 'sanction_officer');
    // The sanctions page lists it too.
    await page.goto(`${s.baseUrl}/sanctions`);
    await page.getByRole('heading', { name: /待处理的处分建议/ }).waitFor();
    await page.getByRole('link', { name: '330106-2023-00002' }).waitFor();
    await navNotifications(page).click();
    await page.getByRole('link', { name: notice.subject }).click();
    await page.getByRole('heading', { name: '处分建议' }).waitFor();
    await page.getByText(filed.body.number).waitFor();
    await screenshot(page, 'sanction-proposal');
    await page.getByRole('link', { name: '据此作出决定' }).click();
    await expect.poll(() => page.getByLabel('证件编号').inputValue()).toBe('330106-2023-00002');
    expect(await page.getByLabel('事实与理由').inputValue()).toBe('经查，执法中有粗暴执法行为');
    await page.getByRole('button', { name: '提交' }).click();
    await page.waitForURL(/\/sanctions\/[0-9a-f-]{36}$/);
    const proposal = await s.t.db.sanctionProposal.findFirstOrThrow({ where: { complaintId: filed.body.id } });
    expect(proposal.status).toBe('DECIDED');
    expect(page.url()).toContain(`/sanctions/${proposal.sanctionId}`);
  });

  it('every kind of notice link opens a page of the web UI for the role it is meant for', async () => {
    const id = crypto.randomUUID();
    // One reader per link builder: a new builder without a reader here does not compile.
    const readers = {
      reviewTask: 'district_reviewer',
      application: 'agency_admin',
      consultation: 'staffing_office',
      complaint: 'complaint_handler',
      sanction: 'sanction_officer',
      sanctionProposal: 'sanction_officer',
      sanctionReferral: 'province_sanction_officer',
      cleanupTask: 'agency_admin',
      cleanupYear: 'city_reviewer',
      trainingShortfall: 'agency_admin',
      examSession: 'district_reviewer',
      examRegistrations: 'agency_admin',
      correctionOrder: 'agency_admin',
    } satisfies Record<keyof typeof pageOf, string>;
    const page = await newPage(browser);
    for (const user of new Set(Object.values(readers))) {
      await signInAs(page, s.baseUrl, user);
      for (const [builder, reader] of Object.entries(readers)) {
        if (reader !== user) continue;
        const link = (pageOf[builder as keyof typeof pageOf] as (x: string | number) => string)(
          builder.endsWith('Year') || builder === 'trainingShortfall' ? 2026 : id,
        );
        await page.goto(`${s.baseUrl}${link}`);
        await page.locator('main h1').first().waitFor();
        await loaded(page);
        expect([link, await pageIsNotFound(page), await pageIsNotYours(page)]).toEqual([link, 0, 0]);
      }
      await signOut(page);
    }
  });

  it('an unknown address shows that it has no page, signed in or not', async () => {
    const page = await newPage(browser);
    await page.goto(`${s.baseUrl}/review-tasks/${crypto.randomUUID()}`);
    await page.getByRole('heading', { name: '页面不存在' }).waitFor();
    await signInAs(page, s.baseUrl, 'district_reviewer');
    await page.goto(`${s.baseUrl}/no-such-page`);
    await page.getByRole('heading', { name: '页面不存在' }).waitFor();
    await page.getByText('地址“/no-such-page”没有对应的页面').waitFor();
    await page.getByRole('link', { name: '返回首页' }).click();
    await page.getByRole('heading', { name: '待办审核任务' }).waitFor();
  });
});
