// 注销 with the 5-year retention (第九条) and a lost card's 补发 (第十条), over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/stack';
import { scanQrCode } from '../support/verification';

let s: TestStack;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  s = await startTestStack();
  for (const u of ['agency_admin', 'district_reviewer', 'city_reviewer', 'province_reviewer'])
    tokens[u] = await s.token(u);
});
afterAll(async () => {
  await s?.stop();
});

async function approveAll(applicationId: string) {
  for (const reviewer of ['district_reviewer', 'city_reviewer', 'province_reviewer']) {
    let task;
    for (let i = 0; i < 100 && !task; i++) {
      const inbox = await s.call('GET', '/api/review-tasks?limit=100', { token: tokens[reviewer] });
      task = inbox.body.items.find((t: { application: { id: string } }) => t.application.id === applicationId);
      if (!task) await new Promise((r) => setTimeout(r, 50));
    }
    expect(
      (
        await s.call('POST', `/api/review-tasks/${task.id}/decision`, {
          token: tokens[reviewer],
          body: { decision: 'APPROVE' },
        })
      ).status,
    ).toBe(200);
  }
}

describe('certificate lifecycle', () => {
  it('第九条: a cancellation for 调动 keeps the qualification 5 years; 重新申领 inside it needs no exam', async () => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const r = await s.call('POST', '/api/certificates/330106-2023-00002/cancellation', {
      token: tokens.agency_admin,
      body: { ground: 'TRANSFER', effectiveOn: today },
    });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('CANCELLED');
    const lastDay = `${Number(today.slice(0, 4)) + 5}${today.slice(4)}`;
    expect(r.body.retainedUntil).toBe(new Date(Date.parse(`${lastDay}T00:00:00+08:00`) + 86_400_000).toISOString());
    expect((await scanQrCode(s, tokens.agency_admin, '330106-2023-00002')).body).toMatchObject({
      status: 'CANCELLED',
      validForEnforcement: false,
    });

    const li = await s.t.db.officer.findFirstOrThrow({ where: { name: '李娜' } }); // no exam on record
    const again = await s.call('POST', '/api/applications', {
      token: tokens.agency_admin,
      body: { officerId: li.id, kind: 'REAPPLY' },
    });
    expect(again.status).toBe(201);
    expect(again.body.eligibility.basis[0]).toMatchObject({ code: 'QUALIFICATION_RETAINED', article: '第九条第二款' });
    const twice = await s.call('POST', '/api/certificates/330106-2023-00002/cancellation', {
      token: tokens.agency_admin,
      body: { ground: 'RESIGNATION', effectiveOn: today },
    });
    expect(twice.status).toBe(409);
  });

  it('第十条: a lost card is void at once, verification says so, and its 补发 issues a new card', async () => {
    const r = await s.call('POST', '/api/certificates/330106-2023-00001/loss-report', {
      token: tokens.agency_admin,
      body: { reason: 'LOST', note: '出差途中遗失' },
    });
    expect(r.status).toBe(201);
    expect(r.body.status).toBe('VOID');
    expect((await scanQrCode(s, tokens.agency_admin, '330106-2023-00001')).body).toMatchObject({
      status: 'VOID',
      statusText: '已作废',
      validForEnforcement: false,
    });
    const app = await s.call('GET', `/api/applications/${r.body.applicationId}`, { token: tokens.agency_admin });
    expect(app.body).toMatchObject({
      kind: 'REISSUE',
      reissueReason: 'LOST',
      previousCertificateNumber: '330106-2023-00001',
      status: 'UNDER_REVIEW',
    });
    await approveAll(r.body.applicationId);
    const done = await s.call('GET', `/api/applications/${r.body.applicationId}`, { token: tokens.agency_admin });
    expect(done.body.status).toBe('ISSUED');
    expect(
      (await s.call('GET', `/api/public/certificates/${done.body.certificateNumber}`)).body.validForEnforcement,
    ).toBe(true);
  });

  it('another agency may not cancel or report the card (403); an unknown number → 404', async () => {
    const other = await s.t.db.organisation.findUniqueOrThrow({ where: { name: '杭州市上城区卫生健康局' } });
    await s.t.db.user.create({
      data: {
        username: 'shangcheng_admin',
        displayName: '上城区卫健局管理员',
        roles: ['AGENCY_ADMIN'],
        organisationId: other.id,
      },
    });
    const token = await s.token('shangcheng_admin');
    expect(
      (await s.call('POST', '/api/certificates/330100-2024-00015/loss-report', { token, body: { reason: 'LOST' } }))
        .status,
    ).toBe(403);
    expect(
      (
        await s.call('POST', '/api/certificates/999999/cancellation', {
          token,
          body: { ground: 'RETIREMENT', effectiveOn: '2026-01-05' },
        })
      ).status,
    ).toBe(404);
  });
});
