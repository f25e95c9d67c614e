// Exam registration (考试申报, 第六条) in a real headless Chromium against the real stack: the district
// bureau publishes a session; the agency registers an officer with material and the declaration; the
// bureau refuses with a reason, the agency corrects and resubmits, the bureau confirms. After a list
// has closed the bureau imports the results (a wrong row named first); the officer is 可申请.
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoIdNumber } from '../../prisma/seed';
import { addDays, localDateOf } from '../../domain/time';
import { newPage, screenshot, signInAs, withBrowserStack } from '../support/browser';
import { sessionClosingSoon, untilClosed } from '../support/exam-session';
import type { TestStack } from '../support/stack';

let s: TestStack;
let browser: Browser;
withBrowserStack((stack, b) => {
  s = stack;
  browser = b;
});

const PDF = { name: '报名表.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n报名表') };

async function newOfficer(name: string, seq: number) {
  const agency = await s.t.db.organisation.findUniqueOrThrow({ where: { name: '杭州市西湖区综合行政执法局' } });
  return s.t.db.officer.create({
    data: {
      name,
      idNumber: demoIdNumber('1992-08-08', seq),
      birthDate: new Date('1992-08-08T00:00:00Z'),
      organisationId: agency.id,
    },
  });
}

async function openSession(page: Page, path: string, place: string) {
  await page.goto(`${s.baseUrl}${path}`);
  await page.getByRole('button', { name: new RegExp(`报名名单：.*（${place}）`) }).click();
}

const card = (page: Page, name: string) => page.locator(`li[data-registration="${name}"]`);

describe('考试安排 and 考试报名 (第六条)', () => {
  it('第六条: publish → register with the declaration → refuse → correct and resubmit → confirm', async () => {
    await newOfficer('浏览器考生', 801);
    const bureau = await newPage(browser);
    await signInAs(bureau, s.baseUrl, 'district_reviewer');
    await bureau.getByRole('link', { name: '考试安排' }).click();
    await bureau.getByRole('heading', { name: '考试安排（第六条）' }).waitFor();
    await bureau.locator('summary', { hasText: '发布考试场次' }).click();
    const today = localDateOf(new Date());
    await bureau.getByLabel('考试日期').fill(addDays(today, 20));
    await bureau.getByLabel('考试地点').fill('西湖区文三路考点');
    await bureau.getByLabel('名额').fill('30');
    await bureau.getByLabel('报名截止日（含当日）').fill(addDays(today, 7));
    await bureau.getByRole('button', { name: '发布考试场次' }).click();
    await bureau.getByRole('cell', { name: '西湖区文三路考点', exact: true }).waitFor();

    const agency = await newPage(browser);
    await signInAs(agency, s.baseUrl, 'agency_admin');
    await agency.getByRole('link', { name: '考试报名' }).click();
    await openSession(agency, '/exam-registrations', '西湖区文三路考点');
    await agency.getByLabel('报名人员').selectOption({ label: '浏览器考生' });
    await agency.getByLabel(/^报名材料/).setInputFiles(PDF);
    await agency.getByText('已上传：报名表.pdf').waitFor();
    // Without the declaration (第六条第二款) the registration is refused.
    await agency.getByRole('button', { name: '报名', exact: true }).click();
    await agency.getByRole('alert').first().waitFor();
    await agency.getByLabel(/本机关承诺所报信息和材料真实/).check();
    await agency.getByRole('button', { name: '报名', exact: true }).click();
    await card(agency, '浏览器考生').getByText('待确认').waitFor();
    await screenshot(agency, 'exam-registrations');

    await openSession(bureau, '/exam-sessions', '西湖区文三路考点');
    const mine = card(bureau, '浏览器考生');
    await mine.locator('summary', { hasText: '退回' }).click();
    await mine.getByLabel(/退回理由/).fill('请上传加盖公章的报名表');
    await mine.getByRole('button', { name: '退回' }).click();
    await card(bureau, '浏览器考生').getByText('已退回').waitFor();

    await openSession(agency, '/exam-registrations', '西湖区文三路考点');
    const refused = card(agency, '浏览器考生');
    await refused.getByText('退回理由：请上传加盖公章的报名表').waitFor();
    await refused.locator('summary', { hasText: '修改后重新提交' }).click();
    await refused.getByLabel(/^报名材料/).setInputFiles(PDF);
    await refused.getByText('已上传：报名表.pdf').waitFor();
    await refused.getByLabel(/本机关承诺/).check();
    await refused.getByRole('button', { name: '修改后重新提交' }).click();
    await card(agency, '浏览器考生').getByText('待确认').waitFor();

    await openSession(bureau, '/exam-sessions', '西湖区文三路考点');
    await card(bureau, '浏览器考生').getByRole('button', { name: '确认报名' }).click();
    await card(bureau, '浏览器考生').getByText('已确认').waitFor();
    await screenshot(bureau, 'exam-sessions');
    const stored = await s.t.db.examRegistration.findFirstOrThrow({ where: { officer: { name: '浏览器考生' } } });
    expect(stored).toMatchObject({ status: 'CONFIRMED', submissions: 2 });
  }, 120_000);

  it('第六条, 第四条: after the list closed the bureau imports the results (a wrong row named); the officer is 可申请', async () => {
    const officer = await newOfficer('成绩考生', 802);
    const session = await sessionClosingSoon(s, 8_000);
    const agencyToken = await s.token('agency_admin');
    const file = await fetch(`${s.baseUrl}/api/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${agencyToken}`, 'content-type': 'application/pdf', 'x-file-name': 'a.pdf' },
      body: PDF.buffer,
    }).then((r) => r.json() as Promise<{ id: string }>);
    const reg = await s.call('POST', `/api/exam-sessions/${session.id}/registrations`, {
      token: agencyToken,
      body: { officerId: officer.id, attachmentIds: [file.id], declaration: true },
    });
    expect(reg.status).toBe(201);
    await s.call('POST', `/api/exam-registrations/${reg.body.id}/decision`, {
      token: await s.token('district_reviewer'),
      body: { decision: 'CONFIRM' },
    });
    await untilClosed(s, session.id);

    const bureau = await newPage(browser);
    await signInAs(bureau, s.baseUrl, 'district_reviewer');
    await openSession(bureau, '/exam-sessions', '西湖区考点');
    const upload = bureau.getByLabel('成绩文件');
    await upload.setInputFiles({
      name: '成绩.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`身份证号,考试结果,分数\n${officer.idNumber},通过,90\n`),
    });
    await bureau.getByRole('button', { name: '导入成绩' }).click();
    await bureau.getByRole('cell', { name: '应为：合格、不合格' }).waitFor();
    await upload.setInputFiles({
      name: '成绩.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`身份证号,考试结果,分数\n${officer.idNumber},合格,90\n`),
    });
    await bureau.getByRole('button', { name: '导入成绩' }).click();
    await bureau.getByText('成绩已导入').first().waitFor();
    await card(bureau, '成绩考生').getByText('考试结果：合格').waitFor();

    const agency = await newPage(browser);
    await signInAs(agency, s.baseUrl, 'agency_admin');
    await agency.goto(`${s.baseUrl}/officers`);
    await agency
      .getByRole('row', { name: /成绩考生/ })
      .getByRole('cell', { name: '可申请' })
      .waitFor();
    // The officer's timeline shows the registration and the result.
    await agency.getByRole('link', { name: '成绩考生' }).click();
    await agency.getByText(/综合法律知识考试报名：已确认/).waitFor();
    await agency.getByText(/综合法律知识考试报名：考试合格（分数 90）/).waitFor();
  }, 120_000);
});
