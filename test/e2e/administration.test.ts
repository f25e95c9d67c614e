// 系统管理 in a real headless Chromium (第三条): the city bureau's system admin sets up a new district —
// its justice bureau, an agency under it, the agency's admin — entirely in the browser; the agency's
// admin then opens a login for one of its officers, who signs in; deactivating it locks them out.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckDigit } from '../../domain/id-number';
import { launchBrowser, newPage, signInAs, signOut } from '../support/browser';
import { startTestStack, type TestStack } from '../support/stack';

let s: TestStack;
let browser: Browser;
const REGION = { code: '330198', name: '新设区' };
beforeAll(async () => {
  [s, browser] = await Promise.all([startTestStack(), launchBrowser()]);
  // A district the deployment has not set up yet: regions are reference data (行政区划), not administered.
  await s.t.db.region.create({ data: { ...REGION, level: 'DISTRICT', parentCode: '330100' } });
});
afterAll(async () => {
  await browser?.close();
  await s?.stop();
});

async function registerOrganisation(page: Page, o: { name: string; type: string; kind?: string; system?: string }) {
  await page.goto(`${s.baseUrl}/admin/organisations`);
  await page.getByText('登记新机构').click();
  const form = page.locator('details').filter({ hasText: '登记新机构' });
  await form.getByLabel('名称', { exact: true }).fill(o.name);
  await form.getByLabel('机构类别', { exact: true }).selectOption({ label: o.type });
  await form.getByLabel('层级', { exact: true }).selectOption({ label: '区县级' });
  await form.getByLabel('所在地区', { exact: true }).selectOption({ label: REGION.name });
  if (o.kind) await form.getByLabel(/执法主体类别/).selectOption({ label: o.kind });
  if (o.system) await form.getByLabel('所属执法系统', { exact: true }).fill(o.system);
  await form.getByRole('button', { name: '提交' }).click();
}

describe('系统管理 in Chromium', () => {
  it('第三条, 第七条: a new district is set up in the browser — bureau, agency, users — and an agency admin manages its officers’ logins', async () => {
    const page = await newPage(browser);
    await signInAs(page, s.baseUrl, 'system_admin');
    await page.getByRole('heading', { name: '机构管理' }).waitFor();

    // 第七条: an agency before its district's bureau is refused, in words, with the article.
    await registerOrganisation(page, { name: '新设区城市管理局', type: '行政执法机关', kind: '行政机关' });
    await page.getByRole('alert').filter({ hasText: '审核机关尚未登记' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('第七条');

    await registerOrganisation(page, { name: '新设区司法局', type: '司法行政部门' });
    await page.getByRole('heading', { name: '新设区司法局' }).waitFor();
    await registerOrganisation(page, {
      name: '新设区城市管理局',
      type: '行政执法机关',
      kind: '行政机关',
      system: '城市管理',
    });
    await page.getByRole('heading', { name: '新设区城市管理局' }).waitFor();
    // The organs over it, as its applications will find them.
    await page.getByRole('link', { name: '新设区司法局' }).waitFor();
    await page.getByRole('link', { name: '杭州市司法局' }).waitFor();
    await page.getByRole('link', { name: '浙江省司法厅' }).waitFor();
    const agencyUrl = page.url();

    // Its admin: only the roles an agency can hold are offered.
    await page.getByRole('link', { name: /在用 0 个/ }).click();
    await page.getByRole('heading', { name: '用户管理' }).waitFor();
    await page.getByLabel('所属机构', { exact: true }).selectOption({ label: '新设区城市管理局' });
    expect(await page.getByRole('checkbox', { name: '市级审核员' }).count()).toBe(0);
    await page.getByRole('checkbox', { name: '执法机关管理员' }).check();
    await page.getByLabel('登录名', { exact: true }).fill('xinshe.admin');
    await page.getByLabel('姓名', { exact: true }).fill('新设区城管局管理员');
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByRole('status').filter({ hasText: '账号已开设' }).waitFor();
    await page.getByRole('cell', { name: 'xinshe.admin' }).waitFor();
    await signOut(page);

    // The agency's admin registers an officer and opens a login for them.
    const agency = await s.t.db.organisation.findUniqueOrThrow({ where: { name: '新设区城市管理局' } });
    const first17 = `${REGION.code}19910303001`;
    const idNumber = first17 + idNumberCheckDigit(first17);
    await s.t.db.officer.create({
      data: {
        name: '孙立',
        idNumber,
        birthDate: new Date('1991-03-03T00:00:00Z'),
        organisationId: agency.id,
      },
    });
    await signInAs(page, s.baseUrl, 'xinshe.admin');
    await page.getByRole('link', { name: '执法人员账号' }).click();
    await page.getByText('开设账号').click();
    await page
      .getByLabel('关联执法人员', { exact: true })
      .selectOption({ label: `孙立（身份证号末四位 ${idNumber.slice(-4)}）` });
    await page.getByLabel('登录名', { exact: true }).fill('sunli');
    await page.getByLabel('姓名', { exact: true }).fill('孙立');
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByRole('cell', { name: 'sunli' }).waitFor();
    // No code, no UUID on the page a person reads.
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(/\b[A-Z][A-Z_]{3,}\b/);
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    const sunli = await s.token('sunli');
    expect((await s.call('GET', '/api/me', { token: sunli })).body.roles).toEqual(['OFFICER']);
    await page.getByRole('button', { name: '停用账号：孙立' }).click();
    await page.getByRole('button', { name: '启用账号：孙立' }).waitFor();
    expect((await s.call('GET', '/api/me', { token: sunli })).status).toBe(401);
    await signOut(page);

    // The system admin deactivates the agency: its admin can no longer sign in.
    await signInAs(page, s.baseUrl, 'system_admin');
    await page.goto(agencyUrl);
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: '停用机构' }).click();
    await page.getByRole('button', { name: '重新启用机构' }).waitFor();
    await page.goto(`${s.baseUrl}/sign-in`);
    expect(await page.locator('button[data-username="xinshe.admin"]').count()).toBe(0);
  });

  it('数据导入: an agency checks a file — each problem by row and column — then imports the corrected one', async () => {
    const page = await newPage(browser);
    await signInAs(page, s.baseUrl, 'agency_admin');
    await page.getByRole('link', { name: '数据导入' }).click();
    await page.getByRole('heading', { name: '数据导入与导出' }).waitFor();
    const first17 = '33010619920505321';
    const good = first17 + idNumberCheckDigit(first17);
    const file = (rows: string[]) => ({
      name: '人员.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(['姓名,身份证号,是否在编', ...rows].join('\r\n'), 'utf8'),
    });
    await page.getByLabel(/选择文件/).setInputFiles(file([`吕一,${good},是`, `吕二,${first17}0,是`]));
    await page.getByRole('button', { name: '检查文件' }).click();
    await page.getByText('发现 1 处问题').waitFor();
    const problem = page.getByRole('row').filter({ hasText: '身份证号' }).last();
    expect(await problem.textContent()).toContain('3');
    expect(await problem.textContent()).toContain('不是有效的 18 位身份证号');

    await page.getByLabel(/选择文件/).setInputFiles(file([`吕一,${good},是`]));
    await page.getByRole('button', { name: '检查文件' }).click();
    await page.getByRole('button', { name: '确认导入（新建 1 条）' }).click();
    await page.getByRole('heading', { name: '导入完成' }).waitFor();
    expect(await s.t.db.officer.count({ where: { idNumber: good } })).toBe(1);
    // File formats are named as people know them; no other code reaches the page.
    const text = ((await page.locator('main').textContent()) ?? '').replace(/XLSX|CSV/g, '');
    expect(text).not.toMatch(/\b[A-Z][A-Z_]{3,}\b/);
  });
});
