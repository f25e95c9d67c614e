// 暂扣 / 收缴 over HTTP against the real stack (第二十九条–第三十二条).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/stack';

let s: TestStack;
let officerToken: string;
let firstSanctionId: string;
beforeAll(async () => {
  s = await startTestStack();
  officerToken = await s.token('sanction_officer');
});
afterAll(async () => {
  await s?.stop();
});

const suspend = (certificateNumber: string, extra: object = {}) => ({
  certificateNumber,
  type: 'SUSPENSION',
  grounds: [1, 4],
  facts: '经督促仍未改正违法执法行为',
  deliveredAt: new Date().toISOString(),
  ...extra,
});

describe('POST /api/sanctions', () => {
  it('第二十九条/第三十条: a suspension is in effect when the response arrives, with its term and 复核 deadline', async () => {
    const r = await s.call('POST', '/api/sanctions', { token: officerToken, body: suspend('330106-2023-00001') });
    expect(r.status).toBe(201);
    firstSanctionId = r.body.id;
    // Delivered now: the term ends at 24:00 Asia/Shanghai (16:00Z) of the 30th day after.
    const deliveredLocalDay = Date.parse(
      new Date(Date.parse(r.body.deliveredAt) + 8 * 3600_000).toISOString().slice(0, 10),
    );
    expect(r.body).toMatchObject({
      type: 'SUSPENSION',
      status: 'IN_EFFECT',
      certificate: { number: '330106-2023-00001', status: 'SUSPENDED' },
      termEndsAt: new Date(deliveredLocalDay + 30 * 86400_000 + 16 * 3600_000).toISOString(),
      banEndsAt: null,
    });
    expect(Date.parse(r.body.reviewDeadline)).toBeGreaterThanOrEqual(
      deliveredLocalDay + 10 * 86400_000 + 16 * 3600_000,
    );
    // 第三十条: the agency gets training and exam tasks for the suspended officer.
    expect(r.body.tasks.map((t: { kind: string }) => t.kind)).toEqual(['TRAINING', 'EXAM']);
    const cert = await s.call('GET', '/api/certificates/330106-2023-00001', { token: await s.token('agency_admin') });
    expect(cert.body).toMatchObject({ status: 'SUSPENDED', validForEnforcement: false });
    expect(cert.body.timeline.at(-1)).toMatchObject({
      type: 'SUSPEND',
      toStatus: 'SUSPENDED',
      article: '第二十九条',
      sanctionId: r.body.id,
    });
    const detail = await s.call('GET', `/api/sanctions/${r.body.id}`, { token: await s.token('officer') });
    expect(detail.status).toBe(200);
    expect(detail.body.id).toBe(r.body.id);
  });

  it('第二十九条: a second suspension of a suspended certificate → 409 with the article, nothing written', async () => {
    const before = await s.t.db.sanction.count();
    const r = await s.call('POST', '/api/sanctions', { token: officerToken, body: suspend('330106-2023-00001') });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({
      code: 'CERTIFICATE_TRANSITION_REFUSED',
      article: '第二十九条',
      title: '证件已被暂扣，不能重复暂扣',
    });
    expect(await s.t.db.sanction.count()).toBe(before);
  });

  it('a request retried with the same Idempotency-Key has exactly one effect', async () => {
    const headers = { 'Idempotency-Key': 'retry-test-0001' };
    const body = { ...suspend('330106-2023-00002'), type: 'REVOCATION' };
    const first = await s.call('POST', '/api/sanctions', { token: officerToken, body, headers });
    const again = await s.call('POST', '/api/sanctions', { token: officerToken, body, headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(first.body).toMatchObject({ status: 'IN_EFFECT', certificate: { status: 'REVOKED' } });
    expect(first.body.banEndsAt).toBeTruthy(); // 第三十一条
    const cert = await s.t.db.certificate.findUniqueOrThrow({ where: { number: '330106-2023-00002' } });
    expect(await s.t.db.sanction.count({ where: { certificateId: cert.id } })).toBe(1);
    expect(await s.t.db.auditLog.count({ where: { targetId: cert.id, action: 'certificate.revoke' } })).toBe(1);

    const reused = await s.call('POST', '/api/sanctions', {
      token: officerToken,
      body: { ...body, facts: '另一事实' },
      headers,
    });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('bad input → 400 naming each field, and nothing changes', async () => {
    const before = await s.t.db.sanction.count();
    const r = await s.call('POST', '/api/sanctions', {
      token: officerToken,
      body: { certificateNumber: '330102-2022-00007', type: 'FINE', grounds: [5], deliveredAt: '2999-01-01T00:00:00Z' },
    });
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body.code).toBe('VALIDATION_FAILED');
    expect(r.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'body.deliveredAt',
      'body.facts',
      'body.grounds.0',
      'body.type',
    ]);
    expect(await s.t.db.sanction.count()).toBe(before);
    expect((await s.t.db.certificate.findUniqueOrThrow({ where: { number: '330102-2022-00007' } })).status).toBe(
      'ACTIVE',
    );
  });

  it('an unknown certificate → 404; an unknown sanction id → 404', async () => {
    expect(
      (await s.call('POST', '/api/sanctions', { token: officerToken, body: suspend('999999-0000-00000') })).status,
    ).toBe(404);
    expect(
      (await s.call('GET', '/api/sanctions/00000000-0000-4000-8000-000000000000', { token: officerToken })).status,
    ).toBe(404);
  });
});

describe('delivery, 复核 and training tasks over HTTP (第三十条, 第三十二条)', () => {
  it('第三十条: the agency sees the training and exam tasks of a suspension and records them once', async () => {
    const admin = await s.token('agency_admin');
    const list = await s.call('GET', '/api/sanction-tasks?open=true', { token: admin });
    const tasks = list.body.items.filter((t: { sanctionId: string }) => t.sanctionId === firstSanctionId);
    expect(tasks.map((t: { kind: string }) => t.kind).sort()).toEqual(['EXAM', 'TRAINING']);
    const training = tasks.find((t: { kind: string }) => t.kind === 'TRAINING');
    expect(
      (
        await s.call('POST', `/api/sanction-tasks/${training.id}/complete`, {
          token: admin,
          body: { note: '2026-12-01 参加集中培训 8 学时' },
        })
      ).status,
    ).toBe(200);
    expect(
      (await s.call('POST', `/api/sanction-tasks/${training.id}/complete`, { token: admin, body: { note: '重复' } }))
        .status,
    ).toBe(409);
  });

  it('第三十二条: the officer files 复核; the suspension stays; a second filing → 409; the deciding organ annuls → ACTIVE at once', async () => {
    const holder = await s.token('officer');
    const filed = await s.call('POST', `/api/sanctions/${firstSanctionId}/review`, {
      token: holder,
      body: { reason: '事实认定有误' },
    });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({
      status: 'IN_EFFECT',
      certificate: { status: 'SUSPENDED' },
      review: { status: 'PENDING' },
    });
    const again = await s.call('POST', `/api/sanctions/${firstSanctionId}/review`, {
      token: holder,
      body: { reason: '再次' },
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'REVIEW_ALREADY_FILED', article: '第三十二条' });
    expect(
      (
        await s.call('POST', `/api/sanctions/${firstSanctionId}/review`, {
          token: await s.token('district_reviewer'),
          body: { reason: 'x' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await s.call('POST', '/api/sanctions/00000000-0000-4000-8000-000000000000/review', {
          token: holder,
          body: { reason: 'x' },
        })
      ).status,
    ).toBe(404);

    const annulled = await s.call('POST', `/api/sanctions/${firstSanctionId}/review/decision`, {
      token: officerToken,
      body: { outcome: 'ANNULLED', comment: '原决定认定事实不清，予以撤销' },
    });
    expect(annulled.status).toBe(200);
    expect(annulled.body).toMatchObject({
      status: 'ANNULLED',
      certificate: { status: 'ACTIVE' },
      review: { status: 'ANNULLED' },
    });
    expect(annulled.body.timeline.map((e: { type: string }) => e.type)).toEqual([
      'SUSPEND',
      'REVIEW_FILED',
      'REINSTATE',
    ]);
    // 第三十条's exam is no longer owed once the suspension is annulled.
    expect(annulled.body.tasks.find((t: { kind: string }) => t.kind === 'EXAM')).toMatchObject({
      note: '复核撤销原决定，无需安排',
    });
  });

  it('送达: a decision without delivery leaves the certificate valid until the delivery is recorded', async () => {
    const { deliveredAt: _omit, ...undelivered } = suspend('330102-2022-00007');
    const decided = await s.call('POST', '/api/sanctions', { token: officerToken, body: undelivered });
    expect(decided.status).toBe(201);
    expect(decided.body).toMatchObject({
      status: 'PENDING_DELIVERY',
      deliveredAt: null,
      certificate: { status: 'ACTIVE' },
    });
    const deliveredAt = new Date().toISOString();
    const delivered = await s.call('POST', `/api/sanctions/${decided.body.id}/delivery`, {
      token: officerToken,
      body: { deliveredAt },
    });
    expect(delivered.status).toBe(200);
    expect(delivered.body).toMatchObject({ status: 'IN_EFFECT', certificate: { status: 'SUSPENDED' } });
    expect(Date.parse(delivered.body.deliveredAt)).toBe(Date.parse(deliveredAt));
    const twice = await s.call('POST', `/api/sanctions/${decided.body.id}/delivery`, {
      token: officerToken,
      body: { deliveredAt },
    });
    expect(twice.status).toBe(409);
  });

  it('lists sanctions by scope and filter: the deciding bureau sees its city, the officer only their own', async () => {
    const all = await s.call('GET', '/api/sanctions?limit=100', { token: officerToken });
    expect(all.status).toBe(200);
    expect(all.body.items.length).toBeGreaterThanOrEqual(3);
    const annulled = await s.call('GET', '/api/sanctions?status=ANNULLED', { token: officerToken });
    expect(annulled.body.items.map((x: { id: string }) => x.id)).toEqual([firstSanctionId]);
    const mine = await s.call('GET', '/api/sanctions', { token: await s.token('officer') });
    expect(
      mine.body.items.every((x: { certificate: { number: string } }) => x.certificate.number === '330106-2023-00001'),
    ).toBe(true);
    const page1 = await s.call('GET', '/api/sanctions?limit=1', { token: officerToken });
    const page2 = await s.call('GET', `/api/sanctions?limit=1&cursor=${page1.body.nextCursor}`, {
      token: officerToken,
    });
    expect(page2.body.items[0].id).not.toBe(page1.body.items[0].id);
  });

  it('第二十九条: the city refers a case; the province decides it only on that referral; a decided referral is closed', async () => {
    const province = await s.token('province_sanction_officer');
    const direct = await s.call('POST', '/api/sanctions', {
      token: province,
      body: { ...suspend('330100-2024-00015'), type: 'REVOCATION' },
    });
    expect(direct.status).toBe(422);
    expect(direct.body).toMatchObject({ code: 'REFERRAL_REQUIRED', article: '第二十九条' });

    const referred = await s.call('POST', '/api/sanction-referrals', {
      token: officerToken,
      body: { certificateNumber: '330100-2024-00015', type: 'REVOCATION', grounds: [3], facts: '打击报复投诉人' },
    });
    expect(referred.status).toBe(201);
    const open = await s.call('GET', '/api/sanction-referrals?status=OPEN', { token: province });
    expect(open.body.items.map((r: { id: string }) => r.id)).toContain(referred.body.id);
    expect(
      (
        await s.call('POST', '/api/sanctions', {
          token: officerToken,
          body: { ...suspend('330100-2024-00015'), referralId: referred.body.id },
        })
      ).status,
    ).toBe(403);
    // A decision refused for its proposalId leaves the referral open (it was left claimed, undecidable).
    const badProposal = await s.call('POST', '/api/sanctions', {
      token: province,
      body: {
        ...suspend('330100-2024-00015'),
        referralId: referred.body.id,
        proposalId: '00000000-0000-4000-8000-000000000000',
      },
    });
    expect(badProposal.status).toBe(404);
    expect(
      (await s.call('GET', '/api/sanction-referrals?status=OPEN', { token: province })).body.items.map(
        (r: { id: string }) => r.id,
      ),
    ).toContain(referred.body.id);

    const decided = await s.call('POST', '/api/sanctions', {
      token: province,
      body: { ...suspend('330100-2024-00015'), type: 'REVOCATION', grounds: [3], referralId: referred.body.id },
    });
    expect(decided.status).toBe(201);
    expect(decided.body).toMatchObject({ type: 'REVOCATION', certificate: { status: 'REVOKED' } });
    const closed = await s.call('GET', '/api/sanction-referrals', { token: officerToken });
    expect(closed.body.items.find((r: { id: string }) => r.id === referred.body.id)).toMatchObject({
      status: 'DECIDED',
      sanctionId: decided.body.id,
    });
    const again = await s.call('POST', `/api/sanction-referrals/${referred.body.id}/decline`, {
      token: province,
      body: { reason: '已决定' },
    });
    expect(again.status).toBe(409);
  });
});
