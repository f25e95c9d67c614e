// Issue #14's "done": a new deployment — an empty database after the bootstrap (regions, the city
// justice bureau, its first system admin) and an OpenID provider — is set up entirely in the web UI:
// the admin signs in through the provider, registers the organs of a review chain and an agency
// (第七条), opens the agency admin's account (第三条), enters next year's statutory calendar and imports
// the agency's officers; the agency admin then signs in through the provider and finds them.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckDigit } from '../../domain/id-number';
import { bootstrap } from '../../prisma/bootstrap';
import { launchBrowser, newPage, screenshot, signInThroughProvider, signOut } from '../support/browser';
import { freshDatabase } from '../support/database';
import { startOidcProvider, type TestOidcProvider } from '../support/oidc-provider';
import { startTestStack, type TestStack } from '../support/stack';

let op: TestOidcProvider;
let s: TestStack;
let browser: Browser;
beforeAll(async () => {
  op = await startOidcProvider();
  const database = await freshDatabase({ seed: false });
  await bootstrap(database.db, { username: 'zhangsan', displayName: '张三' });
  [s, browser] = await Promise.all([startTestStack({ database, oidc: op }), launchBrowser()]);
  op.allowWebOrigin(s.baseUrl);
});
afterAll(async () => {
  await browser?.close();
  await s?.stop();
  await op?.close();
});

async function signOutEverywhere(page: Page): Promise<void> {
  await signOut(page);
  await page.waitForURL((u) => u.origin === op.issuer);
  await page.getByRole('button', { name: 'Yes, sign me out' }).click();
  await page.getByRole('button', { name: '使用统一身份认证登录' }).waitFor();
}

async function registerOrganisation(
  page: Page,
  o: { name: string; type: string; level: string; region: string; kind?: string },
) {
  await page.getByRole('link', { name: '机构管理' }).click();
  await page.getByText('登记新机构').click();
  const form = page.locator('details').filter({ hasText: '登记新机构' });
  await form.getByLabel('名称', { exact: true }).fill(o.name);
  await form.getByLabel('机构类别', { exact: true }).selectOption({ label: o.type });
  await form.getByLabel('层级', { exact: true }).selectOption({ label: o.level });
  await form.getByLabel('所在地区', { exact: true }).selectOption({ label: o.region });
  if (o.kind) await form.getByLabel(/执法主体类别/).selectOption({ label: o.kind });
  await form.getByRole('button', { name: '提交' }).click();
  await page.getByRole('heading', { name: o.name }).waitFor();
}

const idNumber = (seq: string) => {
  const first17 = `33010619880808${seq}`;
  return first17 + idNumberCheckDigit(first17);
};

describe('a new deployment, set up in the browser', () => {
  it('第三条, 第七条: bootstrap admin signs in through the OpenID provider and sets up organisations, users, the calendar and an import; the agency admin then signs in and finds its officers', async () => {
    const page = await newPage(browser);

    await signInThroughProvider(page, s.baseUrl, op.issuer, 'zhangsan');
    await page.getByRole('heading', { name: '机构管理' }).waitFor();
    await registerOrganisation(page, { name: '浙江省司法厅', type: '司法行政部门', level: '省级', region: '浙江省' });
    await registerOrganisation(page, {
      name: '杭州市西湖区司法局',
      type: '司法行政部门',
      level: '区县级',
      region: '西湖区',
    });
    await registerOrganisation(page, {
      name: '杭州市西湖区城市管理局',
      type: '行政执法机关',
      level: '区县级',
      region: '西湖区',
      kind: '行政机关',
    });
    // The review chain the agency's applications will take (第七条).
    for (const bureau of ['杭州市西湖区司法局', '杭州市司法局', '浙江省司法厅'])
      await page.getByRole('link', { name: bureau }).waitFor();

    await page.getByRole('link', { name: '用户管理' }).click();
    await page.locator('summary', { hasText: '开设账号' }).click();
    await page.getByLabel('所属机构', { exact: true }).selectOption({ label: '杭州市西湖区城市管理局' });
    await page.getByRole('checkbox', { name: '执法机关管理员' }).check();
    await page.getByLabel('登录名', { exact: true }).fill('xh.admin');
    await page.getByLabel('姓名', { exact: true }).fill('西湖区城管局管理员');
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByRole('cell', { name: 'xh.admin' }).waitFor();

    // 民法典 第二百零三条: the year after the package's last one, entered from the State Council's notice.
    await page.getByRole('link', { name: '节假日安排' }).click();
    await page.getByLabel('年度').fill('2027');
    await page.getByLabel('通知文号').fill('国办发明电〔2026〕1号');
    await page.getByLabel(/放假日与调休上班日/).fill('2027-01-01,放假,元旦');
    await page.getByRole('button', { name: '保存并重新计算暂定期限' }).click();
    await page.getByRole('status').filter({ hasText: '2027 年已保存' }).waitFor();

    await page.getByRole('link', { name: '数据导入' }).click();
    await page.getByLabel(/选择文件/).setInputFiles({
      name: '西湖区城管局人员.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        [
          '姓名,身份证号,所属机关,是否在编',
          `卫东,${idNumber('001')},杭州市西湖区城市管理局,是`,
          `卫南,${idNumber('002')},杭州市西湖区城市管理局,是`,
        ].join('\r\n'),
      ),
    });
    await page.getByRole('button', { name: '检查文件' }).click();
    await page.getByRole('button', { name: '确认导入（新建 2 条）' }).click();
    await page.getByRole('heading', { name: '导入完成' }).waitFor();
    await screenshot(page, 'fresh-deployment-import');
    await signOutEverywhere(page);

    await signInThroughProvider(page, s.baseUrl, op.issuer, 'xh.admin');
    await page.getByRole('link', { name: '执法人员', exact: true }).click();
    await page.getByText('卫东').first().waitFor();
    await page.getByText('卫南').first().waitFor();
    const audit = await s.t.db.auditLog.findMany({ where: { outcome: 'DONE' }, select: { action: true } });
    expect(new Set(audit.map((a) => a.action))).toEqual(
      new Set(['user.bootstrap', 'organisation.create', 'user.create', 'calendar.year.enter', 'import.commit']),
    );
  });
});
