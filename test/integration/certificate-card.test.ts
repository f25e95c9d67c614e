// Issue #16 §4 over HTTP: the printed certificate (制证) after 核准 and for a 补发 card, the officer's
// photo (证件照: upload checked like every material, shown to staff, public only with the card's QR
// code — 第二十五条), and the public page's own QR code (no token).
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPdf } from '../support/pdf';
import { approveCurrent } from '../support/review-flow';
import { pngPhoto } from '../support/photo';
import { startTestStack, type TestStack } from '../support/stack';
import { qrCodeUrl, verifyPublicly } from '../support/verification';

const BASE = 'https://zfz.example.gov.cn';
const A6 = { width: (105 * 72) / 25.4, height: (148 * 72) / 25.4 };

let s: TestStack;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  s = await startTestStack({ env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '1000', PUBLIC_BASE_URL: BASE } });
  for (const u of ['agency_admin', 'officer', 'district_reviewer', 'city_reviewer', 'province_reviewer'])
    tokens[u] = await s.token(u);
});
afterAll(async () => {
  await s?.stop();
});

/** A raw request (the answer may be a file). */
async function fetchRaw(path: string, opts: { token?: string; method?: string; body?: Buffer; headers?: object } = {}) {
  const res = await fetch(s.baseUrl + path, {
    method: opts.method ?? 'GET',
    headers: { ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...opts.headers },
    body: opts.body,
  });
  const data = Buffer.from(await res.arrayBuffer());
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    headers: res.headers,
    data,
    json: () => JSON.parse(String(data)),
  };
}

const card = (number: string, token = tokens.agency_admin) =>
  fetchRaw(`/api/certificates/${number}/card.pdf`, { token });
const uploadPhoto = (officerId: string, body: Buffer, contentType = 'image/png') =>
  fetchRaw(`/api/officers/${officerId}/photo`, {
    token: tokens.agency_admin,
    method: 'POST',
    body,
    headers: { 'content-type': contentType, 'x-file-name': encodeURIComponent('证件照.png') },
  });
const officerNamed = (name: string) => s.t.db.officer.findFirstOrThrow({ where: { name } });

/** 第七条: district, city and province approve the application, each as its reviewer. */
async function approveAll(applicationId: string) {
  for (let level = 0; level < 3; level++) expect((await approveCurrent(s, tokens, applicationId)).status).toBe(200);
}

describe('the officer’s photo (证件照)', () => {
  it('a JPEG or PNG of at most 2 MB, checked by content; anything else is refused and nothing is stored', async () => {
    const zhang = await officerNamed('张伟');
    const before = await s.t.db.attachment.count();
    const pdf = await uploadPhoto(zhang.id, Buffer.from('%PDF-1.4\n在编证明'), 'application/pdf');
    expect(pdf.status).toBe(415);
    expect(pdf.type).toContain('application/problem+json');
    expect(pdf.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', title: '证件照仅支持 JPG、PNG 图片' });
    // Declared a PNG, but its bytes are not one: refused by content, not by the header.
    expect((await uploadPhoto(zhang.id, Buffer.from('GIF89a not a png'))).status).toBe(415);
    const broken = Buffer.concat([pngPhoto().subarray(0, 8), Buffer.from('truncated')]);
    expect((await uploadPhoto(zhang.id, broken)).status).toBe(415);
    const big = Buffer.concat([pngPhoto(), Buffer.alloc(2 * 1024 * 1024)]);
    const tooBig = await uploadPhoto(zhang.id, big);
    expect(tooBig.status).toBe(413);
    expect(tooBig.type).toContain('application/problem+json');
    expect(await s.t.db.attachment.count()).toBe(before);
    expect((await officerNamed('张伟')).photoId).toBeNull();

    const photo = pngPhoto();
    const ok = await uploadPhoto(zhang.id, photo);
    expect(ok.status).toBe(201);
    expect(ok.json()).toMatchObject({ officerId: zhang.id, contentType: 'image/png', size: photo.length });
    const audit = await s.t.db.auditLog.findFirst({ where: { action: 'officer.photo.upload', targetId: zhang.id } });
    expect(audit?.outcome).toBe('DONE');
  });

  it('is shown to those who read the officer: the agency, the holder, the reviewers of its region', async () => {
    const zhang = await officerNamed('张伟');
    const photo = pngPhoto();
    expect((await uploadPhoto(zhang.id, photo)).status).toBe(201);
    for (const u of ['agency_admin', 'officer', 'district_reviewer']) {
      const r = await fetchRaw(`/api/officers/${zhang.id}/photo`, { token: tokens[u] });
      expect(r.status, u).toBe(200);
      expect(r.type).toBe('image/png');
      expect(r.data.equals(photo)).toBe(true);
    }
    expect((await s.call('GET', `/api/officers/${zhang.id}`, { token: tokens.agency_admin })).body.hasPhoto).toBe(true);
    const wang = await officerNamed('王强');
    expect((await fetchRaw(`/api/officers/${wang.id}/photo`, { token: tokens.agency_admin })).status).toBe(403);
  });

  it('第二十五条: the public page shows it only with the card’s QR code — never to a number alone or a forged token', async () => {
    const zhang = await officerNamed('张伟');
    const photo = pngPhoto(80, 112);
    expect((await uploadPhoto(zhang.id, photo)).status).toBe(201);
    const number = '330106-2023-00001';
    const t = (await qrCodeUrl(s, tokens.agency_admin, number)).searchParams.get('t')!;

    const scanned = await verifyPublicly(s, number, t);
    expect(scanned.body.token).toBe('VALID');
    expect(scanned.body.photo).toBe(`/api/public/certificates/${number}/photo?token=${encodeURIComponent(t)}`);
    const shown = await fetchRaw(scanned.body.photo);
    expect(shown.status).toBe(200);
    expect(shown.headers.get('cache-control')).toBe('private, no-store');
    expect(shown.data.equals(photo)).toBe(true);

    const numberOnly = await verifyPublicly(s, number);
    expect(numberOnly.body).not.toHaveProperty('photo');
    const forged = await verifyPublicly(s, number, `${t.slice(0, -2)}AA`);
    expect(forged.body.token).toBe('INVALID');
    expect(forged.body).not.toHaveProperty('photo');
    for (const path of [
      `/api/public/certificates/${number}/photo?token=${encodeURIComponent(`${t.slice(0, -2)}AA`)}`,
      `/api/public/certificates/${number}/photo?token=`,
      // Another card's genuine token does not open this card's photo.
      `/api/public/certificates/${number}/photo?token=${(await qrCodeUrl(s, tokens.agency_admin, '330106-2023-00002')).searchParams.get('t')}`,
    ]) {
      const r = await fetchRaw(path);
      expect(r.status, path).toBe(404);
      expect(r.type).toContain('application/problem+json');
    }
    // A card whose holder has no photo: the token shows the name, and no photo.
    const li = await verifyPublicly(
      s,
      '330106-2023-00002',
      (await qrCodeUrl(s, tokens.agency_admin, '330106-2023-00002')).searchParams.get('t')!,
    );
    expect(li.body).toMatchObject({ token: 'VALID', photo: null });
  });
});

describe('the printed certificate (制证)', () => {
  it('is one A6 page with the holder, agency, number, region and a QR code that opens the card’s verification', async () => {
    const number = '330106-2023-00001';
    const r = await card(number);
    expect(r.status).toBe(200);
    expect(r.type).toBe('application/pdf');
    expect(r.headers.get('cache-control')).toBe('private, no-store');
    expect(r.data.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdf = await readPdf(r.data);
    expect(pdf.pages).toHaveLength(1);
    expect(pdf.pages[0].width).toBeCloseTo(A6.width, 1);
    expect(pdf.pages[0].height).toBeCloseTo(A6.height, 1);
    for (const text of [
      '行政执法证',
      '张伟',
      '杭州市西湖区综合行政执法局',
      number,
      '杭州市西湖区',
      '综合行政执法',
      '发证日期',
    ])
      expect(pdf.text).toContain(text);
    const url = await qrCodeUrl(s, tokens.agency_admin, number);
    expect(pdf.qrCodes).toEqual([url.href]);
    expect(pdf.images).toBe(2); // 张伟's photo (uploaded above) and the QR code
    expect(url.href.startsWith(`${BASE}/verify/${number}?t=`)).toBe(true);
    // Scanning it is the full public answer: the holder's name.
    expect((await verifyPublicly(s, number, url.searchParams.get('t')!)).body).toMatchObject({
      token: 'VALID',
      holderName: '张伟',
    });
    const audit = await s.t.db.auditLog.findFirst({
      where: { action: 'certificate.card.print' },
      orderBy: { at: 'desc' },
    });
    expect(audit).toMatchObject({ outcome: 'DONE', detail: { number } });
  });

  it('the reviewers over the agency print it too; another agency 403, an unknown number 404, the holder may not', async () => {
    for (const u of ['district_reviewer', 'city_reviewer', 'province_reviewer'])
      expect((await card('330106-2023-00001', tokens[u])).status, u).toBe(200);
    const other = await card('330102-2022-00007');
    expect(other.status).toBe(403);
    expect(other.type).toContain('application/problem+json');
    expect((await card('330102-2022-00007', tokens.district_reviewer)).status).toBe(403);
    const unknown = await card('000000-0000-00000');
    expect(unknown.status).toBe(404);
    expect(unknown.type).toContain('application/problem+json');
    expect((await card('330106-2023-00001', tokens.officer)).status).toBe(403);
  });

  it('第十条: a lost card no longer prints (409); its 补发 prints with the new number', async () => {
    const lost = '330106-2023-00002';
    expect((await card(lost)).status).toBe(200);
    const report = await s.call('POST', `/api/certificates/${lost}/loss-report`, {
      token: tokens.agency_admin,
      body: { reason: 'LOST' },
    });
    expect(report.status).toBe(201);
    const refused = await card(lost);
    expect(refused.status).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'CARD_NOT_PRINTABLE' });

    await approveAll(report.body.applicationId);
    const app = await s.call('GET', `/api/applications/${report.body.applicationId}`, { token: tokens.agency_admin });
    expect(app.body.status).toBe('ISSUED');
    const renewed = app.body.certificateNumber as string;
    expect(renewed).not.toBe(lost);
    const pdf = await readPdf((await card(renewed)).data);
    expect(pdf.text).toContain(renewed);
    expect(pdf.text).not.toContain(lost);
    expect(pdf.text).toContain('李娜');
    expect(pdf.images).toBe(1); // no photo on record: a framed space to affix one
    expect(pdf.qrCodes).toEqual([(await qrCodeUrl(s, tokens.agency_admin, renewed)).href]);
  });

  it('without its CJK font the card is a 503 problem saying so, and nothing is printed', async () => {
    const api = await s.api({ CARD_FONT: '/nonexistent/font.ttf' });
    try {
      const printed = await s.t.db.auditLog.count({ where: { action: 'certificate.card.print' } });
      const r = await api.call('GET', '/api/certificates/330106-2023-00001/card.pdf', { token: tokens.agency_admin });
      expect(r.status).toBe(503);
      expect(r.body).toMatchObject({ code: 'CARD_FONT_MISSING', title: '证件打印字体未安装，请联系系统管理员' });
      expect(await s.t.db.auditLog.count({ where: { action: 'certificate.card.print' } })).toBe(printed);
    } finally {
      await api.stop();
    }
  });
});

describe('the public page’s own QR code', () => {
  it('encodes the page without a token, so anyone can show it but nobody can mint the name-revealing one', async () => {
    const r = await fetchRaw('/api/public/certificates/330106-2023-00001/qr.svg');
    expect(r.status).toBe(200);
    expect(r.type).toBe('image/svg+xml');
    const expected = await QRCode.toString(`${BASE}/verify/330106-2023-00001`, { type: 'svg', margin: 1 });
    expect(String(r.data)).toBe(expected);
    expect(String(r.data)).not.toContain('?t=');
    expect((await fetchRaw('/api/public/certificates/000000-0000-00000/qr.svg')).status).toBe(404);
  });
});
