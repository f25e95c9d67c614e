// Issue #16 §4 in the browser: the agency uploads an officer's 证件照 and prints the card (a PDF whose
// QR code opens the card's verification); the public page shows its own QR code — the page without
// the token — and the holder's photo only when opened from the card's QR code (第二十五条).
import jsQR from 'jsqr';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newPage, screenshot, signInAs, withBrowserStack } from '../support/browser';
import { readPdf } from '../support/pdf';
import { pngPhoto } from '../support/photo';
import type { TestStack } from '../support/stack';
import { qrCodeUrl } from '../support/verification';

const NUMBER = '330106-2023-00001';
let s: TestStack;
let browser: Browser;
withBrowserStack((stack, b) => {
  s = stack;
  browser = b;
});

/** The natural width of the image `selector` once it has loaded (0 while it has not). */
const loadedWidth = (page: Page, selector: string) =>
  page.evaluate<number>(
    `(() => { const el = document.querySelector(${JSON.stringify(selector)}); return el && el.complete ? el.naturalWidth : 0; })()`,
  );

/** What the QR code image `selector` says when scanned: drawn on a canvas in the page, read by jsqr. */
async function scanImage(page: Page, selector: string): Promise<string | undefined> {
  await expect.poll(() => loadedWidth(page, selector)).toBeGreaterThan(0);
  const size = 320;
  const pixels = await page.evaluate<number[]>(
    `(() => {
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = ${size};
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, ${size}, ${size});
      ctx.drawImage(document.querySelector(${JSON.stringify(selector)}), 0, 0, ${size}, ${size});
      return Array.from(ctx.getImageData(0, 0, ${size}, ${size}).data);
    })()`,
  );
  return jsQR(Uint8ClampedArray.from(pixels), size, size)?.data;
}

const PAGE_QR = '[data-testid="page-qr"]';
const HOLDER_PHOTO = '[data-testid="holder-photo"]';

describe('the printed certificate and the public page in Chromium', () => {
  it('the agency uploads the officer’s photo and prints the card: an A6 PDF with the name and the card’s QR code', async () => {
    const page = await newPage(browser);
    await signInAs(page, s.baseUrl, 'agency_admin');
    const zhang = await s.t.db.officer.findFirstOrThrow({ where: { name: '张伟' } });
    await page.goto(`${s.baseUrl}/officers/${zhang.id}`);
    await page.getByText('尚未上传证件照').waitFor();
    // A PDF is refused in the browser before it is sent.
    await page.getByLabel(/上传证件照/).setInputFiles({
      name: 'scan.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n'),
    });
    await page.getByRole('alert').filter({ hasText: '证件照仅支持 JPG、PNG 图片' }).waitFor();
    await page
      .getByLabel(/上传证件照/)
      .setInputFiles({ name: '证件照.png', mimeType: 'image/png', buffer: pngPhoto() });
    await page.getByRole('status').filter({ hasText: '证件照已上传' }).waitFor();
    await page.getByAltText('张伟的证件照').waitFor();
    await expect.poll(() => loadedWidth(page, 'img[alt="张伟的证件照"]')).toBe(100);
    await screenshot(page, 'officer-photo');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: `打印证件 ${NUMBER}` }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`行政执法证-${NUMBER}.pdf`);
    const chunks: Buffer[] = [];
    for await (const chunk of (await download.createReadStream())!) chunks.push(chunk as Buffer);
    const pdf = await readPdf(Buffer.concat(chunks));
    expect(pdf.pages).toHaveLength(1);
    expect(pdf.text).toContain('张伟');
    expect(pdf.images).toBe(2);
    expect(pdf.qrCodes).toEqual([(await qrCodeUrl(s, await s.token('agency_admin'), NUMBER)).href]);
    await page.close();
  });

  it('第二十五条: the public page shows its own QR code (no token); the photo only when opened from the card’s QR code', async () => {
    const admin = await s.token('agency_admin');
    const zhang = await s.t.db.officer.findFirstOrThrow({ where: { name: '张伟' } });
    const uploaded = await fetch(`${s.baseUrl}/api/officers/${zhang.id}/photo`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'image/png', 'x-file-name': 'photo.png' },
      body: pngPhoto(),
    });
    expect(uploaded.status).toBe(201);
    const page = await newPage(browser, { width: 375, height: 812 });
    const url = await qrCodeUrl(s, admin, NUMBER);
    const plain = `${url.origin}${url.pathname}`;

    await page.goto(`${s.baseUrl}/verify/${NUMBER}`);
    await page.getByTestId('verdict').waitFor();
    expect(await scanImage(page, PAGE_QR)).toBe(plain);
    expect(await page.getByTestId('holder-photo').count()).toBe(0);
    expect(await page.getByTestId('verdict').textContent()).not.toContain('张伟');

    // Scanned from the card: the name and the photo; the page's own QR code still has no token.
    await page.goto(`${s.baseUrl}/verify/${NUMBER}${url.search}`);
    await page.getByText('已通过证件二维码验证').waitFor();
    expect(await page.getByTestId('verdict').textContent()).toContain('张伟');
    await expect.poll(() => loadedWidth(page, HOLDER_PHOTO)).toBe(100);
    expect(await scanImage(page, PAGE_QR)).toBe(plain);
    await screenshot(page, 'verify-with-photo');

    // A forged token: no name, no photo.
    await page.goto(`${s.baseUrl}/verify/${NUMBER}?t=dev.forgedforgedforgedforged`);
    await page.getByTestId('token-invalid').waitFor();
    expect(await page.getByTestId('holder-photo').count()).toBe(0);
    await page.close();
  });
});
