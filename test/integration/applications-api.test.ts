// Applications over HTTP against the real stack: API + worker + Temporal dev server + PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckDigit } from '../../domain/id-number';
import { startTestStack, type TestStack } from '../support/stack';

let s: TestStack;
const tokens: Record<string, string> = {};
let seq = 500;

beforeAll(async () => {
  s = await startTestStack();
  for (const u of [
    'agency_admin',
    'district_reviewer',
    'city_reviewer',
    'province_reviewer',
    'staffing_office',
    'officer',
  ])
    tokens[u] = await s.token(u);
});
afterAll(async () => {
  await s?.stop();
});

function idNumber(birth: string): string {
  const first17 = `330106${birth.replace(/-/g, '')}${String(seq++).padStart(3, '0')}`;
  return first17 + idNumberCheckDigit(first17);
}

/** Registers an officer of 西湖区综合行政执法局 with the comprehensive exam passed, over HTTP. */
async function registeredOfficer(): Promise<string> {
  const birth = '1993-06-15';
  const r = await s.call('POST', '/api/officers', {
    token: tokens.agency_admin,
    body: { name: `测试${seq}`, idNumber: idNumber(birth), birthDate: birth },
  });
  expect(r.status).toBe(201);
  const exam = await s.call('POST', `/api/officers/${r.body.id}/exam-results`, {
    token: tokens.agency_admin,
    body: { type: 'COMPREHENSIVE', passed: true, score: 82, takenOn: '2025-05-10' },
  });
  expect(exam.status).toBe(201);
  return r.body.id;
}

async function submit(officerId: string, extra: object = {}, headers: Record<string, string> = {}) {
  return s.call('POST', '/api/applications', {
    token: tokens.agency_admin,
    body: { officerId, kind: 'INITIAL', ...extra },
    headers,
  });
}

/** The current task of an application, as its bureau's inbox shows it. */
async function taskOf(applicationId: string, reviewer: string) {
  for (let i = 0; i < 100; i++) {
    const inbox = await s.call('GET', '/api/review-tasks?limit=100', { token: tokens[reviewer] });
    const item = inbox.body.items.find((t: { application: { id: string } }) => t.application.id === applicationId);
    if (item) return item;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no task for ${reviewer}`);
}

const decide = (taskId: string, reviewer: string, body: object, headers: Record<string, string> = {}) =>
  s.call('POST', `/api/review-tasks/${taskId}/decision`, { token: tokens[reviewer], body, headers });

describe('applications over HTTP', () => {
  it('第七条: from submission to issued certificate with three reviewer tokens, timeline and audit complete', async () => {
    const officerId = await registeredOfficer();
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('在编证明')]);
    const up = await fetch(`${s.baseUrl}/api/attachments`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokens.agency_admin}`,
        'content-type': 'application/pdf',
        'x-file-name': encodeURIComponent('在编证明.pdf'),
      },
      body: pdf,
    });
    expect(up.status).toBe(201);
    const attachment = (await up.json()) as { id: string; sha256: string };
    expect(attachment.sha256).toMatch(/^[0-9a-f]{64}$/);

    const submitted = await submit(officerId, { attachmentIds: [attachment.id], note: '首次申领' });
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({
      status: 'UNDER_REVIEW',
      currentLevel: 'DISTRICT',
      eligibility: { eligible: true },
    });
    expect(submitted.body.eligibility.basis[0].article).toBe('第四条第一款');
    const id = submitted.body.id;

    for (const [reviewer, level] of [
      ['district_reviewer', 'DISTRICT'],
      ['city_reviewer', 'CITY'],
      ['province_reviewer', 'PROVINCE'],
    ] as const) {
      const task = await taskOf(id, reviewer);
      expect(task.level).toBe(level);
      const detail = await s.call('GET', `/api/review-tasks/${task.id}`, { token: tokens[reviewer] });
      expect(detail.body.application.attachments[0].fileName).toBe('在编证明.pdf');
      expect(detail.body.application.officer.idNumber).toMatch(/\*{12}/); // 第二十五条: masked for reviewers
      const r = await decide(task.id, reviewer, { decision: 'APPROVE' });
      expect(r.status).toBe(200);
    }
    const app = await s.call('GET', `/api/applications/${id}`, { token: tokens.agency_admin });
    expect(app.body.status).toBe('ISSUED');
    expect(app.body.certificateNumber).toMatch(/^330106\d{8}$/);
    expect(app.body.timeline.map((e: { type: string }) => e.type)).toEqual([
      'SUBMITTED',
      'DECISION_APPROVE',
      'DECISION_APPROVE',
      'DECISION_APPROVE',
      'CERTIFICATE_ISSUED',
    ]);
    expect(app.body.timeline[1]).toMatchObject({ actorRole: 'DISTRICT_REVIEWER', level: 'DISTRICT' });
    const cert = await s.call('GET', `/api/certificates/${app.body.certificateNumber}`, { token: tokens.agency_admin });
    expect(cert.body).toMatchObject({ status: 'ACTIVE', validForEnforcement: true });
    const download = await fetch(`${s.baseUrl}/api/attachments/${attachment.id}`, {
      headers: { authorization: `Bearer ${tokens.province_reviewer}` },
    });
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);
    expect(
      await s.t.db.auditLog.count({ where: { targetId: id, action: { startsWith: 'application.decision.' } } }),
    ).toBe(3);
  });

  it('第七条: the submission and each lower level’s 核准 answer with the next task already in its bureau’s inbox, in one step', async () => {
    const inbox = async (reviewer: string) =>
      (await s.call('GET', '/api/review-tasks?limit=100', { token: tokens[reviewer] })).body.items as {
        id: string;
        level: string;
        application: { id: string };
      }[];
    const submitted = await submit(await registeredOfficer());
    expect(submitted.status).toBe(201);
    const id = submitted.body.id;
    // Read once, right after each answer: no waiting for a task to appear.
    let task = (await inbox('district_reviewer')).find((t) => t.application.id === id);
    expect(task?.level).toBe('DISTRICT');
    for (const [reviewer, next, level] of [
      ['district_reviewer', 'city_reviewer', 'CITY'],
      ['city_reviewer', 'province_reviewer', 'PROVINCE'],
    ] as const) {
      const r = await decide(task!.id, reviewer, { decision: 'APPROVE' });
      expect([r.status, r.body.applicationStatus]).toEqual([200, 'UNDER_REVIEW']);
      task = (await inbox(next)).find((t) => t.application.id === id);
      expect(task?.level).toBe(level);
    }
    const issued = await decide(task!.id, 'province_reviewer', { decision: 'APPROVE' });
    expect([issued.status, issued.body.applicationStatus]).toEqual([200, 'ISSUED']);
    expect((await s.t.db.application.findUniqueOrThrow({ where: { id } })).status).toBe('ISSUED');
    // One transaction per step: every task opened by the step that ended the one before (same instant).
    const tasks = await s.t.db.reviewTask.findMany({ where: { applicationId: id }, orderBy: { createdAt: 'asc' } });
    expect(tasks.slice(1).map((t) => t.createdAt.toISOString())).toEqual(
      tasks.slice(0, -1).map((t) => t.decidedAt!.toISOString()),
    );
  });

  it('第七条: a reviewer of another district neither sees nor decides the task (403, audited)', async () => {
    const submitted = await submit(await registeredOfficer());
    const task = await taskOf(submitted.body.id, 'district_reviewer');
    const shangcheng = await s.t.db.organisation.findUniqueOrThrow({ where: { name: '杭州市上城区司法局' } });
    const other = await s.t.db.user.create({
      data: {
        username: 'shangcheng_reviewer',
        displayName: '上城区审核员',
        roles: ['DISTRICT_REVIEWER'],
        organisationId: shangcheng.id,
      },
    });
    const otherToken = await s.token(other.username);
    const inbox = await s.call('GET', '/api/review-tasks', { token: otherToken });
    expect(inbox.body.items.find((t: { id: string }) => t.id === task.id)).toBeUndefined();
    const r = await s.call('POST', `/api/review-tasks/${task.id}/decision`, {
      token: otherToken,
      body: { decision: 'APPROVE' },
    });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('OUT_OF_SCOPE');
    expect(await s.t.db.auditLog.count({ where: { actorId: other.id, outcome: 'DENIED' } })).toBe(1);
    expect((await s.t.db.reviewTask.findUniqueOrThrow({ where: { id: task.id } })).status).toBe('OPEN');
  });

  it('a decision repeated with the same Idempotency-Key changes nothing and answers the same', async () => {
    const submitted = await submit(await registeredOfficer());
    const task = await taskOf(submitted.body.id, 'district_reviewer');
    const headers = { 'Idempotency-Key': `decision-${task.id}` };
    const first = await decide(task.id, 'district_reviewer', { decision: 'APPROVE' }, headers);
    const again = await decide(task.id, 'district_reviewer', { decision: 'APPROVE' }, headers);
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(
      await s.t.db.applicationEvent.count({ where: { applicationId: submitted.body.id, type: 'DECISION_APPROVE' } }),
    ).toBe(1);
    // The city task opens after the decision's answer (the workflow's next step); wait for it, then
    // count: district done, city opened once.
    await taskOf(submitted.body.id, 'city_reviewer');
    expect(await s.t.db.reviewTask.count({ where: { applicationId: submitted.body.id } })).toBe(2);
  });

  it('第七条: the inbox counts — open, overdue, mine, unassigned — cover exactly the bureau’s active tasks', async () => {
    // Each count is { total, totalCapped, totalEstimated }; a handful of tasks is counted exactly.
    const countsOf = async (who: string) => {
      const body = (await s.call('GET', '/api/review-tasks/counts', { token: tokens[who] })).body;
      for (const c of Object.values(body)) expect(c).toMatchObject({ totalCapped: false, totalEstimated: false });
      return Object.fromEntries(Object.entries(body).map(([k, c]) => [k, (c as { total: number }).total]));
    };
    const before = await countsOf('district_reviewer');
    const [a, b] = [await submit(await registeredOfficer()), await submit(await registeredOfficer())];
    const [ta, tb] = [await taskOf(a.body.id, 'district_reviewer'), await taskOf(b.body.id, 'district_reviewer')];
    expect((await s.call('POST', `/api/review-tasks/${ta.id}/claim`, { token: tokens.district_reviewer })).status).toBe(
      200,
    );
    await s.t.db.reviewTask.update({ where: { id: tb.id }, data: { overdue: true } });
    const after = await countsOf('district_reviewer');
    expect(after).toEqual({
      open: before.open + 2,
      waitingConsultation: before.waitingConsultation,
      overdue: before.overdue + 1,
      mine: before.mine + 1,
      unassigned: before.unassigned + 1,
    });
    // The city bureau's counts hold none of the district's tasks.
    const city = await countsOf('city_reviewer');
    const cityOpen = await s.t.db.reviewTask.count({
      where: { bureau: { name: '杭州市司法局' }, status: 'OPEN' },
    });
    expect(city.open).toBe(cityOpen);
    // Given back as found: the inbox test below counts what is claimed.
    expect(
      (await s.call('POST', `/api/review-tasks/${ta.id}/unclaim`, { token: tokens.district_reviewer })).status,
    ).toBe(200);
    await s.t.db.reviewTask.update({ where: { id: tb.id }, data: { overdue: false } });
  });

  it('two concurrent approvals of the same task: exactly one wins, the other gets 409', async () => {
    const submitted = await submit(await registeredOfficer());
    const task = await taskOf(submitted.body.id, 'district_reviewer');
    const bureau = await s.t.db.organisation.findUniqueOrThrow({ where: { name: '杭州市西湖区司法局' } });
    const colleague = await s.t.db.user.create({
      data: {
        username: 'xihu_reviewer_2',
        displayName: '西湖区审核员二',
        roles: ['DISTRICT_REVIEWER'],
        organisationId: bureau.id,
      },
    });
    const colleagueToken = await s.token(colleague.username);
    const [a, b] = await Promise.all([
      decide(task.id, 'district_reviewer', { decision: 'APPROVE' }),
      s.call('POST', `/api/review-tasks/${task.id}/decision`, {
        token: colleagueToken,
        body: { decision: 'REJECT', comment: '不符合' },
      }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    // Refused by the workflow while the other decision is written, or after it; when the rejection
    // wins, the application's process may have ended by the time the approval reaches it.
    expect(['TASK_ALREADY_DECIDED', 'TASK_NOT_CURRENT', 'PROCESS_CLOSED']).toContain(loser.body.code);
    const decided = await s.t.db.reviewTask.findUniqueOrThrow({ where: { id: task.id } });
    expect(decided.status).toBe('DONE');
    expect(
      await s.t.db.auditLog.count({
        where: { targetId: submitted.body.id, action: { startsWith: 'application.decision.' } },
      }),
    ).toBe(1);
    // The refused request is audited too, with its code.
    const refused = await s.t.db.auditLog.findFirstOrThrow({
      where: { outcome: 'REFUSED', targetId: `/api/review-tasks/${task.id}/decision` },
    });
    expect(refused.detail).toMatchObject({ status: 409, code: loser.body.code });
  });

  it('第六条/第四条: an ineligible officer is refused with every reason and its article; a second open application too', async () => {
    const wu = await s.t.db.officer.findFirstOrThrow({ where: { name: '吴磊' } }); // professional exam after the comprehensive one
    const cityMarketAdmin = await s.t.db.user.create({
      data: {
        username: 'market_admin',
        displayName: '市市场监管局管理员',
        roles: ['AGENCY_ADMIN'],
        organisationId: wu.organisationId,
      },
    });
    const r = await s.call('POST', '/api/applications', {
      token: await s.token(cityMarketAdmin.username),
      body: { officerId: wu.id, kind: 'INITIAL' },
    });
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ code: 'NOT_ELIGIBLE', article: '第四条第二款' });
    expect(r.body.reasons[0]).toMatchObject({ code: 'PROFESSIONAL_EXAM_NOT_FIRST', article: '第四条第二款' });

    const officerId = await registeredOfficer();
    expect((await submit(officerId)).status).toBe(201);
    const second = await submit(officerId);
    expect(second.status).toBe(422);
    expect(second.body.reasons.map((x: { code: string }) => x.code)).toContain('OPEN_APPLICATION_EXISTS');
  });

  it('bad input: malformed ID number or birth date → 400 naming the field; reject without reason → 400; unknown ids → 404', async () => {
    const bad = await s.call('POST', '/api/officers', {
      token: tokens.agency_admin,
      body: { name: '坏数据', idNumber: '330106199306150001', birthDate: '1993-02-30' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.birthDate', 'body.idNumber']);
    const mismatch = await s.call('POST', '/api/officers', {
      token: tokens.agency_admin,
      body: { name: '坏数据', idNumber: idNumber('1993-06-15'), birthDate: '1993-06-16' },
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors[0].field).toBe('body.birthDate');

    const submitted = await submit(await registeredOfficer());
    const task = await taskOf(submitted.body.id, 'district_reviewer');
    const noReason = await decide(task.id, 'district_reviewer', { decision: 'REJECT' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].field).toBe('body.comment');
    expect(
      (
        await s.call('POST', '/api/review-tasks/00000000-0000-4000-8000-000000000000/decision', {
          token: tokens.district_reviewer,
          body: { decision: 'APPROVE' },
        })
      ).status,
    ).toBe(404);
    expect(
      (await s.call('GET', '/api/applications/00000000-0000-4000-8000-000000000000', { token: tokens.agency_admin }))
        .status,
    ).toBe(404);
  });

  it('attachments: a wrong type → 415, a file over 10 MB → 413, nothing stored', async () => {
    const before = await s.t.db.attachment.count();
    const upload = (type: string, body: Buffer) =>
      fetch(`${s.baseUrl}/api/attachments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.agency_admin}`, 'content-type': type, 'x-file-name': 'a.bin' },
        body,
      });
    expect((await upload('application/x-msdownload', Buffer.from('MZ'))).status).toBe(415);
    expect((await upload('application/pdf', Buffer.from('MZ not a pdf'))).status).toBe(415);
    const big = await upload(
      'application/pdf',
      Buffer.concat([Buffer.from('%PDF'), Buffer.alloc(10 * 1024 * 1024 + 1)]),
    );
    expect(big.status).toBe(413);
    expect(((await big.json()) as { code: string }).code).toBe('PAYLOAD_TOO_LARGE');
    expect(await s.t.db.attachment.count()).toBe(before);
  });

  it('inbox: filters, claim/unclaim/assign, cursor paging with a stable total', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await submit(await registeredOfficer())).body.id);
    const tasks = await Promise.all(ids.map((id) => taskOf(id, 'district_reviewer')));
    const claim = await s.call('POST', `/api/review-tasks/${tasks[0].id}/claim`, { token: tokens.district_reviewer });
    expect(claim.status).toBe(200);
    expect(claim.body.assignee.displayName).toBe('西湖区司法局审核员');
    expect(
      (await s.call('POST', `/api/review-tasks/${tasks[0].id}/claim`, { token: tokens.district_reviewer })).status,
    ).toBe(409);
    const mine = await s.call('GET', '/api/review-tasks?assigned=me', { token: tokens.district_reviewer });
    expect(mine.body.items.map((t: { id: string }) => t.id)).toEqual([tasks[0].id]);
    expect(
      (await s.call('POST', `/api/review-tasks/${tasks[0].id}/unclaim`, { token: tokens.district_reviewer })).status,
    ).toBe(200);
    const cityUser = await s.t.db.user.findUniqueOrThrow({ where: { username: 'city_reviewer' } });
    const wrongAssign = await s.call('POST', `/api/review-tasks/${tasks[1].id}/assign`, {
      token: tokens.district_reviewer,
      body: { userId: cityUser.id },
    });
    expect(wrongAssign.status).toBe(422);

    const byName = await s.call('GET', `/api/review-tasks?q=${encodeURIComponent(tasks[2].application.officerName)}`, {
      token: tokens.district_reviewer,
    });
    expect(byName.body.items.map((t: { id: string }) => t.id)).toEqual([tasks[2].id]);
    const all = await s.call('GET', '/api/review-tasks?limit=100&sort=createdAt', { token: tokens.district_reviewer });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; total: number; nextCursor: string | null } } = await s.call(
        'GET',
        `/api/review-tasks?limit=2&sort=createdAt${cursor ? `&cursor=${cursor}` : ''}`,
        { token: tokens.district_reviewer },
      );
      expect(page.body.total).toBe(all.body.total);
      seen.push(...page.body.items.map((t) => t.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.body.items.map((t: { id: string }) => t.id));
    expect((await s.call('GET', '/api/review-tasks?cursor=garbage', { token: tokens.district_reviewer })).status).toBe(
      400,
    );
  });

  it('第七条第二款: CONSULT → the staffing office answers over HTTP → the reviewer decides', async () => {
    const submitted = await submit(await registeredOfficer());
    const task = await taskOf(submitted.body.id, 'district_reviewer');
    const c = await decide(task.id, 'district_reviewer', { decision: 'CONSULT', comment: '请核实编制情况' });
    expect(c.status).toBe(200);
    const list = await s.call('GET', '/api/consultations?answered=false', { token: tokens.staffing_office });
    const consultation = list.body.items.find((x: { id: string }) => x.id === c.body.consultationId);
    expect(consultation.question).toBe('请核实编制情况');
    expect((await decide(task.id, 'district_reviewer', { decision: 'APPROVE' })).body.code).toBe(
      'TASK_WAITING_CONSULTATION',
    );
    const answered = await s.call('POST', `/api/consultations/${consultation.id}/answer`, {
      token: tokens.staffing_office,
      body: { answer: '在编' },
    });
    expect(answered.status).toBe(200);
    const detail = await s.call('GET', `/api/review-tasks/${task.id}`, { token: tokens.district_reviewer });
    expect(detail.body.application.consultations[0].answer).toBe('在编');
    expect(
      (await decide(task.id, 'district_reviewer', { decision: 'RETURN', comment: '请补充照片' })).body
        .applicationStatus,
    ).toBe('RETURNED');
    const resubmitted = await s.call('POST', `/api/applications/${submitted.body.id}/resubmit`, {
      token: tokens.agency_admin,
      body: { note: '已补充' },
    });
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.body).toMatchObject({ status: 'UNDER_REVIEW', round: 2 });
    const withdrawn = await s.call('POST', `/api/applications/${submitted.body.id}/withdraw`, {
      token: tokens.agency_admin,
      body: { reason: '暂缓申领' },
    });
    expect(withdrawn.body.status).toBe('WITHDRAWN');
    const late = await s.call('POST', `/api/applications/${submitted.body.id}/withdraw`, {
      token: tokens.agency_admin,
      body: { reason: '再次撤回' },
    });
    expect(late.status).toBe(409);
  });

  it('第八条: a transferred officer is taken over on the original certificate; 换发 issues a new card and replaces the old', async () => {
    const chen = await s.t.db.officer.findFirstOrThrow({ where: { name: '陈静' } }); // 杭州市市场监督管理局, 330100-2024-00015
    const wrong = await s.call('POST', '/api/officers/transfer-in', {
      token: tokens.agency_admin,
      body: { idNumber: chen.idNumber, certificateNumber: '330106-2023-00001' },
    });
    expect(wrong.status).toBe(404);
    const taken = await s.call('POST', '/api/officers/transfer-in', {
      token: tokens.agency_admin,
      body: { idNumber: chen.idNumber, certificateNumber: '330100-2024-00015' },
    });
    expect(taken.status).toBe(200);
    expect(taken.body.previousAgency).toBe('杭州市市场监督管理局');
    const app = await submit(chen.id, { kind: 'TRANSFER', previousCertificateNumber: '330100-2024-00015' });
    expect(app.status).toBe(201);
    expect(app.body.eligibility.basis[0]).toMatchObject({ code: 'TRANSFER', article: '第八条' });
    for (const reviewer of ['district_reviewer', 'city_reviewer', 'province_reviewer']) {
      expect((await decide((await taskOf(app.body.id, reviewer)).id, reviewer, { decision: 'APPROVE' })).status).toBe(
        200,
      );
    }
    const done = await s.call('GET', `/api/applications/${app.body.id}`, { token: tokens.agency_admin });
    expect(done.body.certificateNumber).toMatch(/^330106/);
    expect((await s.t.db.certificate.findUniqueOrThrow({ where: { number: '330100-2024-00015' } })).status).toBe(
      'REPLACED',
    );
    expect(
      (await s.t.db.certificate.findUniqueOrThrow({ where: { number: done.body.certificateNumber } })).status,
    ).toBe('ACTIVE');
  });
});
