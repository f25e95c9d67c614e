// Complaints over HTTP against the real stack (第二十八条; confidentiality 第二十五条; proposals 第二十九条).
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/stack';

let s: TestStack;
const tokens: Record<string, string> = {};
const orgIds: Record<string, string> = {};
const INTAKE_LIMIT = 30;

beforeAll(async () => {
  // TRUST_PROXY: the tests play several clients through X-Forwarded-For from loopback.
  s = await startTestStack({
    env: {
      PUBLIC_RATE_LIMIT_PER_MINUTE: '1000',
      COMPLAINT_INTAKE_RATE_LIMIT_PER_HOUR: String(INTAKE_LIMIT),
      TRUST_PROXY: 'loopback',
    },
  });
  for (const u of [
    'complaint_handler',
    'supervisory_handler',
    'supervisor',
    'agency_head',
    'agency_admin',
    'officer',
    'sanction_officer',
  ])
    tokens[u] = await s.token(u);
  for (const o of await s.t.db.organisation.findMany()) orgIds[o.name] = o.id;
});
afterAll(async () => {
  await s?.stop();
});

const XIHU = '杭州市西湖区综合行政执法局';
const JIANWEI = '杭州市监察委员会';
const submission = (extra: object = {}) => ({
  organisationId: orgIds[XIHU],
  complainant: { kind: 'PERSON', anonymous: true },
  subjects: [{ certificateNumber: '330106-2023-00001' }],
  facts: '执法人员在检查中未出示执法证件，态度粗暴',
  occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
  place: '西湖区文三路 100 号',
  ...extra,
});
const named = { kind: 'PERSON', anonymous: false, name: '刘洋', contact: '13900001111' };
const act = (user: string, id: string, step: string, body: object = {}) =>
  s.call('POST', `/api/complaints/${id}/${step}`, { token: tokens[user], body });
const upload = (code: string, data: Buffer, type: string, headers: Record<string, string> = {}) =>
  fetch(`${s.baseUrl}/api/public/complaints/${code}/attachments`, {
    method: 'POST',
    headers: { 'content-type': type, 'x-file-name': encodeURIComponent('现场照片.pdf'), ...headers },
    body: new Uint8Array(data),
  });

describe('complaints (第二十八条)', () => {
  it('第二十八条: anonymous intake → receipt status → accept → result → feedback published → closed → reopened', async () => {
    const filed = await s.call('POST', '/api/public/complaints', { body: submission() });
    expect(filed.status).toBe(201);
    expect(filed.body.receiptCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$/);
    const { id, receiptCode } = filed.body;
    expect(filed.body.status).toBe('AWAITING_ACCEPTANCE');

    const status = await s.call('GET', `/api/public/complaints/${receiptCode.toLowerCase()}`);
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ status: 'AWAITING_ACCEPTANCE', handlingOrgan: XIHU, result: null });
    expect(
      await s.call('POST', `/api/public/complaints/${receiptCode}/information`, {
        body: { text: '补充：当事人有录音' },
      }),
    ).toMatchObject({ status: 201 });
    const pdf = await upload(receiptCode, Buffer.from('%PDF-1.4 evidence'), 'application/pdf');
    expect(pdf.status).toBe(201);
    const attachmentId = ((await pdf.json()) as { id: string }).id;

    // The receiving organ's inbox has the acceptance task.
    const inbox = await s.call('GET', '/api/complaint-tasks?kind=ACCEPTANCE', { token: tokens.complaint_handler });
    expect(inbox.body.items.map((t: { complaint: { id: string } }) => t.complaint.id)).toContain(id);
    expect(inbox.body).toMatchObject({ totalCapped: false });

    expect((await act('complaint_handler', id, 'accept')).body).toMatchObject({ status: 'INVESTIGATING' });
    expect(
      (
        await act('complaint_handler', id, 'result', {
          finding: 'PARTLY_SUBSTANTIATED',
          measures: '对当事执法人员批评教育',
        })
      ).body.status,
    ).toBe('AWAITING_FEEDBACK');
    const early = await act('complaint_handler', id, 'close');
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'FEEDBACK_REQUIRED', article: '第二十八条' });
    // Anonymous without contact: the feedback is the publication on the receipt page.
    expect((await act('complaint_handler', id, 'feedback', { channel: 'PHONE', content: 'x' })).body).toMatchObject({
      code: 'FEEDBACK_CHANNEL',
      article: '第二十八条',
    });
    expect(
      (
        await act('complaint_handler', id, 'feedback', {
          channel: 'PUBLISHED',
          content: '经查部分属实，已对当事人员批评教育',
        })
      ).status,
    ).toBe(200);
    const published = await s.call('GET', `/api/public/complaints/${receiptCode}`);
    expect(published.body.result).toMatchObject({
      finding: 'PARTLY_SUBSTANTIATED',
      feedback: '经查部分属实，已对当事人员批评教育',
      channel: 'PUBLISHED',
    });
    expect((await act('complaint_handler', id, 'close', { note: '办结' })).body.status).toBe('CLOSED');
    expect((await s.call('GET', `/api/public/complaints/${receiptCode}`)).body.status).toBe('CLOSED');
    expect(
      (await s.call('POST', `/api/public/complaints/${receiptCode}/information`, { body: { text: '还有' } })).body,
    ).toMatchObject({ status: 409, code: 'COMPLAINT_CLOSED' });

    const detail = await s.call('GET', `/api/complaints/${id}`, { token: tokens.complaint_handler });
    expect(detail.body.timeline.map((e: { type: string }) => e.type)).toEqual([
      'RECEIVED',
      'INFORMATION_ADDED',
      'ACCEPTED',
      'RESULT_RECORDED',
      'FEEDBACK_RECORDED',
      'CLOSED',
    ]);
    expect(detail.body.feedback).toMatchObject({ channel: 'PUBLISHED' });
    // The complainant's material: with the complaint only, never through the general download.
    expect(
      (
        await fetch(`${s.baseUrl}/api/complaints/${id}/attachments/${attachmentId}`, {
          headers: { authorization: `Bearer ${tokens.complaint_handler}` },
        })
      ).status,
    ).toBe(200);
    expect((await s.call('GET', `/api/attachments/${attachmentId}`, { token: tokens.agency_admin })).status).toBe(404);

    const stats = await s.call('GET', '/api/complaints/statistics', { token: tokens.complaint_handler });
    expect(stats.body.items).toEqual([
      expect.objectContaining({
        organisationId: orgIds[XIHU],
        received: 1,
        open: 0,
        overdue: 0,
        feedbackOnTimePercent: 100,
      }),
    ]);

    // The supervisor reopens it: a new round, investigation again, the feedback owed again.
    const reopened = await act('supervisor', id, 'reopen', { reason: '投诉人对处理结果提出异议，需重新核查' });
    expect(reopened.body).toMatchObject({ status: 'INVESTIGATING', round: 2 });
    expect((await act('complaint_handler', id, 'close')).body).toMatchObject({
      status: 409,
      code: 'FEEDBACK_REQUIRED',
    });
  });

  it('第二十八条/第二十九条: a complaint’s sanction proposal is the sanction officer’s task and shows the complaint; the complaint shows the sanction', async () => {
    const filed = await s.call('POST', '/api/complaints', {
      token: tokens.supervisor,
      body: submission({
        organisationId: orgIds[JIANWEI],
        complainant: named,
        subjects: [{ name: '李娜', agencyId: orgIds[XIHU] }],
      }),
    });
    expect(filed.status).toBe(201);
    const id = filed.body.id;
    await act('supervisory_handler', id, 'accept');
    const proposal = {
      certificateNumber: '330106-2023-00002',
      type: 'SUSPENSION',
      grounds: [2],
      facts: '经查，执法中有粗暴执法行为',
    };
    // Only a certificate of an officer complained about can be proposed.
    const wrong = await act('supervisory_handler', id, 'result', {
      finding: 'SUBSTANTIATED',
      measures: '建议暂扣',
      sanctionProposal: { ...proposal, certificateNumber: '330102-2022-00007' },
    });
    expect(wrong.body).toMatchObject({ status: 422, code: 'NOT_A_SUBJECT', article: '第二十九条' });
    const unfounded = await act('supervisory_handler', id, 'result', {
      finding: 'NOT_SUBSTANTIATED',
      measures: '经查不属实',
      sanctionProposal: proposal,
    });
    expect(unfounded.body).toMatchObject({ status: 422, code: 'PROPOSAL_WITHOUT_FINDING', article: '第二十九条' });
    expect(await s.t.db.sanctionProposal.count()).toBe(0);
    const result = await act('supervisory_handler', id, 'result', {
      finding: 'SUBSTANTIATED',
      measures: '建议暂扣',
      sanctionProposal: proposal,
    });
    expect(result.body.proposals).toEqual([expect.objectContaining({ status: 'OPEN', type: 'SUSPENSION' })]);

    const tasks = await s.call('GET', '/api/sanction-proposals?status=OPEN', { token: tokens.sanction_officer });
    expect(tasks.body.items).toEqual([
      expect.objectContaining({
        certificateNumber: '330106-2023-00002',
        complaint: expect.objectContaining({ id, number: filed.body.number, finding: 'SUBSTANTIATED' }),
      }),
    ]);
    expect(JSON.stringify(tasks.body)).not.toContain('刘洋'); // 第二十五条
    const sanction = await s.call('POST', '/api/sanctions', {
      token: tokens.sanction_officer,
      body: { ...proposal, proposalId: tasks.body.items[0].id, deliveredAt: new Date().toISOString() },
    });
    expect(sanction.status).toBe(201);
    const detail = await s.call('GET', `/api/complaints/${id}`, { token: tokens.supervisory_handler });
    expect(detail.body.proposals).toEqual([
      expect.objectContaining({ status: 'DECIDED', sanctionId: sanction.body.id }),
    ]);
    // Decided once: the same proposal cannot be decided again.
    const again = await s.call('POST', '/api/sanctions', {
      token: tokens.sanction_officer,
      body: { ...proposal, type: 'REVOCATION', proposalId: tasks.body.items[0].id },
    });
    expect(again.body).toMatchObject({ status: 409, code: 'PROPOSAL_NOT_OPEN' });
  });

  it('第二十五条: the subject officer, their agency and the public page never see the complainant; reads are audited', async () => {
    const filed = await s.call('POST', '/api/complaints', {
      token: tokens.supervisor,
      body: submission({ organisationId: orgIds[JIANWEI], complainant: named }),
    });
    const id = filed.body.id;
    for (const user of ['officer', 'agency_admin', 'agency_head', 'complaint_handler']) {
      const r = await s.call('GET', `/api/complaints/${id}`, { token: tokens[user] });
      expect(r.status, user).toBe(403);
      expect(JSON.stringify(r.body)).not.toContain('刘洋');
    }
    const status = await s.call('GET', `/api/public/complaints/${filed.body.receiptCode}`);
    expect(JSON.stringify(status.body)).not.toMatch(/刘洋|13900001111/);
    for (const user of ['supervisory_handler', 'supervisor']) {
      const r = await s.call('GET', `/api/complaints/${id}`, { token: tokens[user] });
      expect(r.body.complainant).toEqual({ kind: 'PERSON', anonymous: false, name: '刘洋', contact: '13900001111' });
    }
    // 人员事件轨迹: the complaint is on the subject's timeline only for those who may read it, never with the complainant.
    const subject = await s.t.db.complaintSubject.findFirstOrThrow({ where: { complaintId: id } });
    const timeline = (user: string) =>
      s.call('GET', `/api/officers/${subject.officerId}/timeline`, { token: tokens[user] });
    const seen = await timeline('supervisor');
    expect(
      seen.body.entries
        .filter((e: { type: string }) => e.type === 'COMPLAINT')
        .map((e: { ref: { id: string } }) => e.ref.id),
    ).toContain(id);
    expect(JSON.stringify(seen.body)).not.toMatch(/刘洋|13900001111/);
    for (const user of ['officer', 'agency_admin']) {
      const own = await timeline(user);
      expect(own.status, user).toBe(200);
      expect(
        own.body.entries.some((e: { type: string }) => e.type === 'COMPLAINT'),
        user,
      ).toBe(false);
    }
    const reads = await s.t.db.auditLog.findMany({ where: { action: 'complaint.complainant.read', targetId: id } });
    expect(reads.map((r) => r.actorRoles[0]).sort()).toEqual(['COMPLAINT_HANDLER', 'SUPERVISOR']);
    expect(await s.t.db.auditLog.count({ where: { outcome: 'DENIED', targetId: `/api/complaints/${id}` } })).toBe(4);
  });

  it('第二十八条: a repeated submission with the same Idempotency-Key creates one complaint; the key with another body is refused', async () => {
    const before = await s.t.db.complaint.count();
    const headers = { 'Idempotency-Key': `complaint-${crypto.randomUUID()}` };
    const body = submission();
    const first = await s.call('POST', '/api/public/complaints', { body, headers });
    const retry = await s.call('POST', '/api/public/complaints', { body, headers });
    expect(first.status).toBe(201);
    expect(retry).toMatchObject({ status: 201, body: first.body });
    expect(await s.t.db.complaint.count()).toBe(before + 1);
    const other = await s.call('POST', '/api/public/complaints', { body: submission({ place: '别处' }), headers });
    expect(other.body).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await s.t.db.complaint.count()).toBe(before + 1);
  });

  it('第二十五条: an Idempotency-Key is scoped to its client — another client sending the same key and body gets a complaint of its own, never the first one’s receipt code', async () => {
    const key = `complaint-${crypto.randomUUID()}`;
    const from = (client: string) => ({ 'Idempotency-Key': key, 'x-forwarded-for': client });
    const body = submission();
    const first = await s.call('POST', '/api/public/complaints', { body, headers: from('203.0.113.20') });
    expect(first.status).toBe(201);
    const other = await s.call('POST', '/api/public/complaints', { body, headers: from('203.0.113.21') });
    expect(other.status).toBe(201);
    expect(other.body.receiptCode).not.toBe(first.body.receiptCode);
    expect(other.body.id).not.toBe(first.body.id);
    // Nobody can spend another client's key either: another body from another client is its own request.
    const third = await s.call('POST', '/api/public/complaints', {
      body: submission({ place: '别处' }),
      headers: from('203.0.113.22'),
    });
    expect(third.status).toBe(201);
    expect([first.body.receiptCode, other.body.receiptCode]).not.toContain(third.body.receiptCode);
    // The first client's retry still gets its own answer.
    expect(await s.call('POST', '/api/public/complaints', { body, headers: from('203.0.113.20') })).toMatchObject({
      status: 201,
      body: first.body,
    });
  });

  it('第二十八条: parallel uploads to one complaint store exactly 10 attachments; the others get 409', async () => {
    const client = { 'x-forwarded-for': '203.0.113.30' };
    const filed = await s.call('POST', '/api/public/complaints', { body: submission(), headers: client });
    expect(filed.status).toBe(201);
    const statuses = (
      await Promise.all(
        Array.from({ length: 16 }, (_, i) =>
          upload(filed.body.receiptCode, Buffer.from(`%PDF-1.4 evidence ${i}`), 'application/pdf', client),
        ),
      )
    ).map((r) => r.status);
    expect(statuses.filter((x) => x === 201)).toHaveLength(10);
    expect(statuses.filter((x) => x === 409)).toHaveLength(6);
    expect(await s.t.db.attachment.count({ where: { complaintId: filed.body.id } })).toBe(10);
  });

  it('第二十八条: a wrong receipt code → 404 that does not tell whether it exists', async () => {
    const unknown = await s.call('GET', '/api/public/complaints/ABCD-EFGH-JKMN-PQRS-TVWX-YZ01');
    const malformed = await s.call('GET', '/api/public/complaints/1');
    for (const r of [unknown, malformed])
      expect(r.body).toMatchObject({ status: 404, code: 'NOT_FOUND', detail: 'complaint was not found' });
    expect(
      (
        await s.call('POST', '/api/public/complaints/ABCD-EFGH-JKMN-PQRS-TVWX-YZ01/information', {
          body: { text: '补充' },
        })
      ).status,
    ).toBe(404);
  });

  it('第二十八条: a handler of another organ acting on the complaint → 403, audited, nothing changed', async () => {
    const filed = await s.call('POST', '/api/public/complaints', { body: submission({ complainant: named }) });
    const id = filed.body.id;
    const denied = await act('supervisory_handler', id, 'accept');
    expect(denied.body).toMatchObject({ status: 403, code: 'OUT_OF_SCOPE' });
    expect(
      await s.t.db.auditLog.count({ where: { outcome: 'DENIED', targetId: `/api/complaints/${id}/accept` } }),
    ).toBe(1);
    expect((await s.t.db.complaint.findUniqueOrThrow({ where: { id } })).status).toBe('AWAITING_ACCEPTANCE');
    // After a transfer to 监察机关, the first organ is the other organ.
    expect(
      (
        await act('complaint_handler', id, 'transfer', {
          organisationId: orgIds[JIANWEI],
          reason: '涉嫌违纪，转交监察机关',
        })
      ).status,
    ).toBe(200);
    expect((await act('complaint_handler', id, 'accept')).status).toBe(403);
    expect((await act('supervisory_handler', id, 'accept')).body.status).toBe('INVESTIGATING');
    const status = await s.call('GET', `/api/public/complaints/${filed.body.receiptCode}`);
    expect(status.body).toMatchObject({ handlingOrgan: JIANWEI });
    expect(status.body.timeline).toContainEqual(expect.objectContaining({ type: 'TRANSFERRED', organ: JIANWEI }));
  });

  it('第二十八条: a transfer goes only to an organ the complaint could be addressed to; another → 422, nothing changed, the identity stays put (第二十五条)', async () => {
    const { id } = (await s.call('POST', '/api/public/complaints', { body: submission({ complainant: named }) })).body;
    const health = orgIds['杭州市上城区卫生健康局']; // no competence over an officer of 西湖区综合行政执法局
    for (const organ of [health, orgIds['中共杭州市委机构编制委员会办公室']]) {
      const refused = await act('complaint_handler', id, 'transfer', { organisationId: organ, reason: '转交有权机关' });
      expect(refused.body).toMatchObject({ status: 422, code: 'NOT_A_COMPETENT_ORGAN', article: '第二十八条' });
    }
    expect(
      (await act('complaint_handler', id, 'transfer', { organisationId: crypto.randomUUID(), reason: '转交' })).body,
    ).toMatchObject({ status: 400, errors: [expect.objectContaining({ field: 'body.organisationId' })] });
    expect(await s.t.db.complaint.findUniqueOrThrow({ where: { id } })).toMatchObject({
      handlingOrgId: orgIds[XIHU],
      status: 'AWAITING_ACCEPTANCE',
    });
    expect(
      await s.t.db.complaintTask.count({ where: { complaintId: id, organisationId: { not: orgIds[XIHU] } } }),
    ).toBe(0);
    // The justice bureau above the agency may take it (第二十八条).
    expect(
      (
        await act('complaint_handler', id, 'transfer', {
          organisationId: orgIds['杭州市司法局'],
          reason: '转交市司法局',
        })
      ).body,
    ).toMatchObject({ handlingOrgId: orgIds['杭州市司法局'] });
  });

  it('第二十八条: bad input → 400 naming the fields (413/415 for files, 422 for a wrong organ), nothing stored', async () => {
    const before = await s.t.db.complaint.count();
    const bad = [
      { body: submission({ facts: '' }), field: 'body.facts' },
      { body: submission({ place: 'x'.repeat(201) }), field: 'body.place' },
      { body: submission({ subjects: [] }), field: 'body.subjects' },
      {
        body: submission({ complainant: { kind: 'PERSON', anonymous: false, name: '刘洋' } }),
        field: 'body.complainant.contact',
      },
      {
        body: submission({ complainant: { kind: 'PERSON', anonymous: true, name: '刘洋' } }),
        field: 'body.complainant.name',
      },
      {
        body: submission({ subjects: [{ certificateNumber: '330106-2099-99999' }] }),
        field: 'body.subjects.0.certificateNumber',
      },
      { body: submission({ occurredAt: new Date(Date.now() + 86_400_000).toISOString() }), field: 'body.occurredAt' },
    ];
    for (const b of bad) {
      const r = await s.call('POST', '/api/public/complaints', { body: b.body });
      expect(r.status, b.field).toBe(400);
      expect(
        r.body.errors.map((e: { field: string }) => e.field),
        b.field,
      ).toContain(b.field);
    }
    // 第二十八条: an organ that is neither the agency, a superior one nor the supervisory organ.
    const wrongOrgan = await s.call('POST', '/api/public/complaints', {
      body: submission({ organisationId: orgIds['杭州市上城区卫生健康局'] }),
    });
    expect(wrongOrgan.body).toMatchObject({ status: 422, code: 'NOT_A_COMPETENT_ORGAN', article: '第二十八条' });
    expect(await s.t.db.complaint.count()).toBe(before);

    const { receiptCode } = (await s.call('POST', '/api/public/complaints', { body: submission() })).body;
    const files = await s.t.db.attachment.count();
    expect((await upload(receiptCode, Buffer.from('MZ not a pdf'), 'application/pdf')).status).toBe(415);
    expect((await upload(receiptCode, Buffer.alloc(10 * 1024 * 1024 + 1, 0x25), 'application/pdf')).status).toBe(413);
    expect(await s.t.db.attachment.count()).toBe(files);
  });

  it('public intake is rate-limited per client: 429 problem+json with Retry-After', async () => {
    let last;
    for (let i = 0; i <= INTAKE_LIMIT; i++) {
      last = await s.call('POST', '/api/public/complaints', { body: { bad: true } });
      if (last.status === 429) break;
    }
    expect(last!.status).toBe(429);
    expect(last!.body).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect(last!.headers.get('retry-after')).toBe('3600');
    expect(last!.headers.get('content-type')).toContain('application/problem+json');
  });
});
