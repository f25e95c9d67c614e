// The complaint handler's whole process in the browser (第二十八条, issue #16 §3): the complainant's
// materials previewed in place, the officer complained about by name and agency, acceptance, the one
// extension approved by the organ's head, the result with a 暂扣 proposal (第二十九条), feedback and
// close — what was recorded stays on the page; a transfer to the competent organ.
import QRCode from 'qrcode';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newPage, screenshot, signInAs, signOut, withBrowserStack } from '../support/browser';
import { fileAnonymousComplaint } from '../support/records';
import type { TestStack } from '../support/stack';

let s: TestStack;
let browser: Browser;
withBrowserStack((stack, b) => {
  s = stack;
  browser = b;
});

const XIHU = '杭州市西湖区综合行政执法局';

/** An anonymous complaint about 李娜 (330106-2023-00002) filed on the public route. */
const publicComplaint = () => fileAnonymousComplaint(s, '330106-2023-00002');

async function upload(code: string, data: Buffer, type: string, name: string) {
  const r = await fetch(`${s.baseUrl}/api/public/complaints/${code}/attachments`, {
    method: 'POST',
    headers: { 'content-type': type, 'x-file-name': encodeURIComponent(name) },
    body: new Uint8Array(data),
  });
  expect(r.status).toBe(201);
}

async function openComplaint(page: Page, id: string) {
  await page.goto(`${s.baseUrl}/complaints/${id}`);
  await page.getByRole('heading', { name: '投诉举报' }).waitFor();
  await page.getByTestId('complaint-state').waitFor();
}

describe('the complaint handler in the browser (第二十八条)', () => {
  it('第二十八条, 第二十九条: accept, extension approved by the head, result with a proposal, feedback, close — all of it stays visible', async () => {
    const c = await publicComplaint();
    await upload(c.receiptCode, await QRCode.toBuffer('现场照片'), 'image/png', '现场照片.png');
    // The complainant adds information and a material on the receipt code's page (第二十八条).
    const page = await newPage(browser);
    await page.goto(`${s.baseUrl}/complaints/status/${c.receiptCode}`);
    await page.getByLabel('补充的情况').fill('补充：当事人有录音');
    await page.getByRole('button', { name: '提交补充情况' }).click();
    await page.getByText('投诉人补充材料').waitFor();
    await page.getByLabel(/选择文件/).setInputFiles({
      name: '现场记录.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n%现场记录\n'),
    });
    await page.getByText('已上传：现场记录.pdf').waitFor();
    expect(await s.t.db.attachment.count({ where: { complaintId: c.id } })).toBe(2);

    await signInAs(page, s.baseUrl, 'complaint_handler');
    await openComplaint(page, c.id);
    expect(await page.getByTestId('complaint-subjects').textContent()).toBe(`李娜（${XIHU} · 330106-2023-00002）`);
    await page.getByText('补充：当事人有录音').waitFor();
    // The photo is shown in the page, decoded; the PDF opens in a frame.
    const photo = page.locator('li', { hasText: '现场照片.png' });
    await photo.getByRole('button', { name: '预览' }).click();
    const img = photo.getByRole('img', { name: '材料预览：现场照片.png' });
    await img.waitFor();
    await expect
      .poll(() => img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth))
      .toBeGreaterThan(0);
    const pdf = page.locator('li', { hasText: '现场记录.pdf' });
    await pdf.getByRole('button', { name: '预览' }).click();
    expect(await pdf.locator('iframe[title="材料预览：现场记录.pdf"]').getAttribute('src')).toMatch(/^blob:/);
    // Closed again before going on: headless Chromium's PDF viewer in a frame swallows later clicks on the page.
    await pdf.getByRole('button', { name: '收起预览' }).click();

    await page.getByRole('button', { name: '受理' }).click();
    await expect.poll(() => page.getByTestId('complaint-state').textContent()).toBe('调查中');
    await page.getByText('西湖区执法局投诉受理员', { exact: true }).waitFor(); // the investigator, by name
    await page.locator('summary', { hasText: '申请延期（每轮调查一次）' }).click();
    await page.getByLabel('延期理由').fill('需调取执法记录仪视频');
    await page.getByRole('button', { name: '申请延期', exact: true }).click();
    await page.getByText('已申请延期，待本机关负责人审批：需调取执法记录仪视频').waitFor();
    await signOut(page);

    await signInAs(page, s.baseUrl, 'agency_head');
    await openComplaint(page, c.id);
    await page.getByLabel('批准延期').check();
    await page.getByLabel('意见说明').fill('同意延期');
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByText('延期已批准：需调取执法记录仪视频').waitFor();
    await signOut(page);

    await signInAs(page, s.baseUrl, 'complaint_handler');
    await openComplaint(page, c.id);
    await page.getByLabel('属实', { exact: true }).check();
    await page.getByLabel('处理措施').fill('批评教育，建议暂扣执法证');
    await page.getByLabel('建议市司法局暂扣或收缴执法证（第二十九条）').check();
    await page.getByLabel(/（2）/).check();
    await page.getByLabel('事实与理由').fill('经查，执法中有粗暴执法行为');
    await screenshot(page, 'complaint-result-form');
    await page.getByRole('button', { name: '提交' }).click();
    const result = page.getByTestId('complaint-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('批评教育，建议暂扣执法证');
    await page.getByText('已建议暂扣（第二十九条）：').waitFor();
    expect(await s.t.db.sanctionProposal.count({ where: { complaintId: c.id, status: 'OPEN' } })).toBe(1);

    await page.getByLabel('反馈内容').fill('经调查，投诉属实，已依法处理');
    await page.getByRole('button', { name: '提交' }).click();
    const feedback = page.getByTestId('complaint-feedback');
    await feedback.waitFor();
    expect(await feedback.textContent()).toContain('经调查，投诉属实，已依法处理');
    await page.getByRole('button', { name: '办结' }).click();
    await expect.poll(() => page.getByTestId('complaint-state').textContent()).toBe('已办结');
    expect(await result.textContent()).toContain('批评教育，建议暂扣执法证');
    expect(await feedback.textContent()).toContain('经调查，投诉属实，已依法处理');
    await screenshot(page, 'complaint-closed');
  });

  it('第二十八条: the handler transfers a complaint to the competent organ and is told where it went', async () => {
    const c = await publicComplaint();
    const page = await newPage(browser);
    await signInAs(page, s.baseUrl, 'complaint_handler');
    await openComplaint(page, c.id);
    await page.locator('summary', { hasText: '转交有权机关（第二十八条）' }).click();
    // The district bureau is not above a district agency: refused with the article, nothing changed.
    await page.getByLabel('按名称查找机关').fill('司法局');
    await page.getByLabel('转交至').selectOption({ label: '杭州市西湖区司法局' });
    await page.getByLabel('转交理由').fill('属司法行政部门管辖');
    await page.getByRole('button', { name: '转交', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: '受理机关不符合规定' }).filter({ hasText: '第二十八条' }).waitFor();
    expect((await s.t.db.complaint.findUniqueOrThrow({ where: { id: c.id } })).handlingOrgId).toBe(
      (await s.t.db.organisation.findUniqueOrThrow({ where: { name: XIHU } })).id,
    );
    await page.getByLabel('转交至').selectOption({ label: '杭州市司法局' });
    await page.getByRole('button', { name: '转交', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '已转交杭州市司法局办理' }).waitFor();
    const moved = await s.t.db.complaint.findUniqueOrThrow({ where: { id: c.id }, include: { handlingOrg: true } });
    expect(moved.handlingOrg.name).toBe('杭州市司法局');
  });
});
