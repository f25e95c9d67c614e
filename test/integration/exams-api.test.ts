// Exam registration (考试申报, 第六条) over HTTP against the real stack: a bureau publishes a session, an
// agency registers its staff, the bureau refuses, the agency corrects and resubmits, the bureau
// confirms; the deadline closes the list; the results file lands on the officer's record and the
// officer is ready to apply. Capacity under parallel registrations, the rules' refusals, and scope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoIdNumber } from '../../prisma/seed';
import { examSessionWorkflowId, registrationClosesAt } from '../../domain/exam-registration';
import { addDays, dateInWords, localDateOf } from '../../domain/time';
import { sessionClosingSoon, untilClosed } from '../support/exam-session';
import { startTestStack, type TestStack } from '../support/stack';
import { IMPORT_MAX_ROWS } from '../../api/routes/imports';

let s: TestStack;
let seq = 500;
const today = () => localDateOf(new Date());

beforeAll(async () => {
  s = await startTestStack();
  const db = s.t.db;
  // Agency admins of a vertically managed agency (第四条第三款) and of another district's agency.
  for (const [username, org] of [
    ['tax_admin', '国家税务总局杭州市税务局'],
    ['shangcheng_admin', '杭州市上城区卫生健康局'],
  ] as const) {
    const o = await db.organisation.findUniqueOrThrow({ where: { name: org } });
    await db.user.create({ data: { username, displayName: username, roles: ['AGENCY_ADMIN'], organisationId: o.id } });
  }
});
afterAll(async () => {
  await s?.stop();
});

/** A new 在编 officer of the agency, straight into the database (the registration is under test). */
async function officer(agency: string, name: string, onStaff = true) {
  const org = await s.t.db.organisation.findUniqueOrThrow({ where: { name: agency } });
  const idNumber = demoIdNumber('1993-05-06', seq++);
  return s.t.db.officer.create({
    data: { name, idNumber, birthDate: new Date('1993-05-06T00:00:00Z'), organisationId: org.id, onStaff },
  });
}

async function material(token: string): Promise<string> {
  const r = await fetch(`${s.baseUrl}/api/attachments`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/pdf',
      'x-file-name': encodeURIComponent('报名表.pdf'),
    },
    body: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('报名表')]),
  });
  expect(r.status).toBe(201);
  return ((await r.json()) as { id: string }).id;
}

const sessionBody = (over: Record<string, unknown> = {}) => ({
  examType: 'COMPREHENSIVE',
  examDate: addDays(today(), 20),
  place: '杭州市行政执法资格考试中心',
  capacity: 50,
  registrationDeadline: addDays(today(), 7),
  ...over,
});

async function publish(reviewer: string, over: Record<string, unknown> = {}) {
  const r = await s.call('POST', '/api/exam-sessions', { token: await s.token(reviewer), body: sessionBody(over) });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: string; status: string };
}

const register = async (token: string, sessionId: string, officerId: string, attachmentIds: string[]) =>
  s.call('POST', `/api/exam-sessions/${sessionId}/registrations`, {
    token,
    body: { officerId, attachmentIds, declaration: true },
  });

async function upload(token: string, sessionId: string, csv: string) {
  const r = await fetch(`${s.baseUrl}/api/exam-sessions/${sessionId}/results`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'text/csv',
      'x-file-name': encodeURIComponent('成绩.csv'),
    },
    body: Buffer.from(csv, 'utf8'),
  });
  return { status: r.status, body: (await r.json()) as any };
}

describe('exam registration over HTTP (第六条)', () => {
  it('第六条: publish → register → refuse → resubmit → confirm → the deadline closes the list → results → 可申请, on the timeline', async () => {
    const admin = await s.token('agency_admin');
    const reviewer = await s.token('district_reviewer');
    const xiao = await officer('杭州市西湖区综合行政执法局', '肖雨');
    const late = await officer('杭州市西湖区综合行政执法局', '晚报名');
    const session = await sessionClosingSoon(s, 20_000);
    const file = await material(admin);

    // The agency sees the session, with the publication notice.
    const open = await s.call('GET', '/api/exam-sessions?status=OPEN', { token: admin });
    expect(open.body.items.map((i: { id: string }) => i.id)).toContain(session.id);
    const notices = await s.call('GET', '/api/notifications', { token: admin });
    expect(JSON.stringify(notices.body)).toContain('考试报名');

    // A truthfulness declaration is required (第六条第二款).
    const undeclared = await s.call('POST', `/api/exam-sessions/${session.id}/registrations`, {
      token: admin,
      body: { officerId: xiao.id, attachmentIds: [file], declaration: false },
    });
    expect(undeclared.status).toBe(400);

    const reg = await register(admin, session.id, xiao.id, [file]);
    expect(reg.status, JSON.stringify(reg.body)).toBe(201);
    expect(reg.body).toMatchObject({
      status: 'SUBMITTED',
      officer: { name: '肖雨' },
      materials: [{ fileName: '报名表.pdf' }],
    });
    const id = reg.body.id;

    const noReason = await s.call('POST', `/api/exam-registrations/${id}/decision`, {
      token: reviewer,
      body: { decision: 'REFUSE' },
    });
    expect(noReason.status).toBe(400);
    const refused = await s.call('POST', `/api/exam-registrations/${id}/decision`, {
      token: reviewer,
      body: { decision: 'REFUSE', reason: '在编证明不清晰' },
    });
    expect(refused.status, JSON.stringify(refused.body)).toBe(200);
    expect(refused.body).toMatchObject({ status: 'REFUSED', refusalReason: '在编证明不清晰' });

    const again = await s.call('POST', `/api/exam-registrations/${id}/resubmit`, {
      token: admin,
      body: { attachmentIds: [await material(admin)], declaration: true },
    });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body).toMatchObject({ status: 'SUBMITTED', submissions: 2 });

    const confirmed = await s.call('POST', `/api/exam-registrations/${id}/decision`, {
      token: reviewer,
      body: { decision: 'CONFIRM' },
    });
    expect(confirmed.body).toMatchObject({ status: 'CONFIRMED' });

    // Before the deadline no results.
    const early = await upload(reviewer, session.id, `身份证号,考试结果,分数\n${xiao.idNumber},合格,88\n`);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'REGISTRATION_STILL_OPEN', article: '第六条' });

    // The deadline (a durable timer on the stored instant) closes the list.
    await untilClosed(s, session.id);
    expect((await s.call('GET', `/api/exam-sessions/${session.id}`, { token: reviewer })).body.status).toBe('CLOSED');
    const tooLate = await register(admin, session.id, late.id, [file]);
    expect(tooLate.status).toBe(409);
    expect(tooLate.body).toMatchObject({ code: 'REGISTRATION_CLOSED', article: '第六条' });
    expect(JSON.stringify((await s.call('GET', '/api/notifications', { token: admin })).body)).toContain('报名已截止');

    // A row naming nobody confirmed: the whole file is refused row by row, nothing written.
    const stranger = demoIdNumber('1980-01-01', 999);
    const bad = await upload(
      reviewer,
      session.id,
      `身份证号,考试结果,分数\n${xiao.idNumber},合格,88\n${stranger},合格,70\n`,
    );
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('IMPORT_ROWS_INVALID');
    expect(bad.body.rows).toEqual([{ row: 3, column: '身份证号', message: '不是本场考试已确认的报名人员' }]);
    expect(await s.t.db.examResult.count({ where: { officerId: xiao.id } })).toBe(0);
    // Every confirmed registration must have its result.
    const incomplete = await upload(reviewer, session.id, `身份证号,考试结果,分数\n`);
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.rows[0].message).toMatch(/^缺少已确认报名人员 肖雨（/);

    const good = await upload(reviewer, session.id, `身份证号,考试结果,分数\n${xiao.idNumber},合格,88\n`);
    expect(good.status, JSON.stringify(good.body)).toBe(201);
    expect(good.body.status).toBe('RESULTS_IMPORTED');
    // 第六条: once in, the results are not imported again — the article's refusal, not a closed process.
    const twice = await upload(reviewer, session.id, `身份证号,考试结果,分数\n${xiao.idNumber},不合格,40\n`);
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: 'RESULTS_ALREADY_IMPORTED', article: '第六条' });
    expect(await s.t.db.examResult.findMany({ where: { officerId: xiao.id }, select: { passed: true } })).toEqual([
      { passed: true },
    ]);

    // 第四条: the result is on the record; the officer is eligible and ready to apply (可申请).
    const eligibility = await s.call('GET', `/api/officers/${xiao.id}/eligibility`, { token: admin });
    expect(eligibility.body).toMatchObject({ eligible: true });
    const list = await s.call('GET', '/api/officers', { token: admin });
    const row = (name: string) => list.body.items.find((i: { name: string }) => i.name === name);
    expect(row('肖雨')).toMatchObject({ readyToApply: true });
    expect(row('晚报名')).toMatchObject({ readyToApply: false });

    // 第六条第二款: a declaration found false later is flagged, with its evidence, on the record.
    const flagged = await s.call('POST', `/api/exam-registrations/${id}/false-declaration`, {
      token: reviewer,
      body: { evidence: '经核查，报名时已调离本机关' },
    });
    expect(flagged.status).toBe(200);
    expect(flagged.body.falseDeclaration).toMatchObject({ evidence: '经核查，报名时已调离本机关' });

    const timeline = await s.call('GET', `/api/officers/${xiao.id}/timeline`, { token: admin });
    const types = timeline.body.entries.map((e: { type: string }) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'EXAM_REGISTRATION_REGISTERED',
        'EXAM_REGISTRATION_REFUSED',
        'EXAM_REGISTRATION_RESUBMITTED',
        'EXAM_REGISTRATION_CONFIRMED',
        'EXAM_REGISTRATION_RESULT_PASSED',
        'EXAM_REGISTRATION_DECLARATION_FALSE',
        'EXAM',
      ]),
    );
    const audit = await s.t.db.auditLog.findMany({ where: { targetId: id }, select: { action: true } });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'exam-registration.registered',
        'exam-registration.refused',
        'exam-registration.resubmitted',
        'exam-registration.confirmed',
        'exam-registration.declaration-false',
      ]),
    );
  }, 120_000);

  it('第六条: 30 parallel registrations for 10 places give exactly 10, the rest 409 SESSION_FULL', async () => {
    const admin = await s.token('agency_admin');
    const session = await publish('district_reviewer', { capacity: 10 });
    const file = await material(admin);
    const staff = await Promise.all(
      Array.from({ length: 30 }, (_, i) => officer('杭州市西湖区综合行政执法局', `并发${i}`)),
    );
    const answers = await Promise.all(staff.map((o) => register(admin, session.id, o.id, [file])));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((x) => x === 201)).toHaveLength(10);
    expect(statuses.filter((x) => x === 409)).toHaveLength(20);
    expect(answers.find((a) => a.status === 409)!.body).toMatchObject({ code: 'SESSION_FULL', article: '第六条' });
    expect(await s.t.db.examRegistration.count({ where: { sessionId: session.id } })).toBe(10);
    const read = await s.call('GET', `/api/exam-sessions/${session.id}`, { token: admin });
    expect(read.body).toMatchObject({ taken: 10, capacity: 10 });
  }, 120_000);

  it('第四条第三款: a vertically managed agency cannot register its staff', async () => {
    const tax = await s.token('tax_admin');
    const session = await publish('city_reviewer');
    const o = await officer('国家税务总局杭州市税务局', '税务人员');
    const r = await register(tax, session.id, o.id, [await material(tax)]);
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ code: 'VERTICALLY_MANAGED_AGENCY', article: '第四条第三款' });
  });

  it('第六条: an officer already certified, or registered for the session already, is refused with the article', async () => {
    const admin = await s.token('agency_admin');
    const session = await publish('district_reviewer');
    const file = await material(admin);
    const zhang = await s.t.db.officer.findFirstOrThrow({ where: { name: '张伟' } });
    const certified = await register(admin, session.id, zhang.id, [file]);
    expect(certified.status).toBe(422);
    expect(certified.body).toMatchObject({ code: 'ALREADY_CERTIFIED', article: '第六条' });

    const o = await officer('杭州市西湖区综合行政执法局', '重复报名');
    expect((await register(admin, session.id, o.id, [file])).status).toBe(201);
    const twice = await register(admin, session.id, o.id, [file]);
    expect(twice.status).toBe(422);
    expect(twice.body).toMatchObject({ code: 'ALREADY_REGISTERED', article: '第六条' });

    // 第二条第二款: not 在编.
    const contract = await officer('杭州市西湖区综合行政执法局', '合同工', false);
    const notOnStaff = await register(admin, session.id, contract.id, [file]);
    expect(notOnStaff.body).toMatchObject({ code: 'NOT_ON_STAFF', article: '第二条第二款' });
  });

  it('第六条: another agency neither sees nor acts on a registration; another bureau cannot decide it', async () => {
    const admin = await s.token('agency_admin');
    const other = await s.token('shangcheng_admin');
    const city = await publish('city_reviewer');
    const district = await publish('district_reviewer');
    const o = await officer('杭州市西湖区综合行政执法局', '范围测试');
    const reg = await register(admin, city.id, o.id, [await material(admin)]);
    expect(reg.status).toBe(201);

    // 上城区's agency sees the city's session but none of 西湖区's registrations, and not 西湖区's session.
    const listed = await s.call('GET', '/api/exam-sessions', { token: other });
    const ids = listed.body.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(city.id);
    expect(ids).not.toContain(district.id);
    const read = await s.call('GET', `/api/exam-sessions/${city.id}`, { token: other });
    expect(read.status).toBe(200);
    expect(read.body.registrations).toEqual([]);
    expect((await s.call('GET', `/api/exam-sessions/${district.id}`, { token: other })).status).toBe(403);
    const mine = await s.call('GET', `/api/exam-sessions/${city.id}`, { token: admin });
    expect(mine.body.registrations.map((r: { id: string }) => r.id)).toEqual([reg.body.id]);
    const resubmit = await s.call('POST', `/api/exam-registrations/${reg.body.id}/resubmit`, {
      token: other,
      body: { attachmentIds: [await material(other)], declaration: true },
    });
    expect(resubmit.status).toBe(403);

    // Only the organising bureau decides (第六条): 西湖区司法局 on the city's session → 403.
    const wrongBureau = await s.call('POST', `/api/exam-registrations/${reg.body.id}/decision`, {
      token: await s.token('district_reviewer'),
      body: { decision: 'CONFIRM' },
    });
    expect(wrongBureau.status).toBe(403);
    const district2 = await s.call('GET', '/api/exam-sessions', {
      token: await s.token('district_reviewer_shangcheng'),
    });
    expect(district2.body.items.map((i: { id: string }) => i.id)).not.toContain(district.id);
    expect((await s.t.db.examRegistration.findUniqueOrThrow({ where: { id: reg.body.id } })).status).toBe('SUBMITTED');
  });

  it('第六条: a session’s place must be visible and its places at most 1 000 (400); a results file longer than an import takes is refused whole (422 TOO_MANY_ROWS)', async () => {
    const reviewer = await s.token('district_reviewer');
    const blank = await s.call('POST', '/api/exam-sessions', {
      token: reviewer,
      body: sessionBody({ place: '\u200b\u200b' }),
    });
    expect(blank.status).toBe(400);
    expect(blank.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.place']);
    // One session's history holds every registration and decision: its places are bounded.
    const crowd = await s.call('POST', '/api/exam-sessions', {
      token: reviewer,
      body: sessionBody({ capacity: 1001 }),
    });
    expect(crowd.status).toBe(400);
    expect(crowd.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.capacity']);

    const session = await publish('district_reviewer');
    const huge = await upload(
      reviewer,
      session.id,
      `身份证号,考试结果,分数\n${'110101199001011234,合格,\n'.repeat(IMPORT_MAX_ROWS + 1)}`,
    );
    expect(huge.status).toBe(422);
    expect(huge.body).toMatchObject({ code: 'TOO_MANY_ROWS' });
    expect(huge.body.rows).toBeUndefined();
  });

  it('第六条: a bureau’s sessions awaiting their results are among what is still running at it (to deal with before it is deactivated)', async () => {
    const session = await publish('district_reviewer');
    const bureau = await s.t.db.organisation.findUniqueOrThrow({ where: { name: '杭州市西湖区司法局' } });
    const r = await s.call('GET', `/api/admin/organisations/${bureau.id}`, { token: await s.token('system_admin') });
    expect(r.status).toBe(200);
    expect(r.body.openProcesses).toContainEqual({
      kind: 'EXAM_SESSION',
      id: session.id,
      number: `${dateInWords(sessionBody().examDate)} 综合法律知识考试`,
      status: 'OPEN',
      since: expect.any(String),
    });
  });

  it('运行监测: a session’s step in trouble is named as the session (考试安排 and its day), not as a scheduled job', async () => {
    const session = await publish('district_reviewer');
    const row = await s.t.db.examSession.findUniqueOrThrow({ where: { id: session.id } });
    const at = new Date();
    await s.t.db.activityTrouble.create({
      data: {
        workflowId: row.workflowId,
        workflowType: 'examSessionWorkflow',
        activityType: 'closeExamRegistration',
        attempts: 5,
        errorKind: 'unavailable',
        errorLabel: 'ECONNREFUSED',
        firstFailedAt: at,
        lastFailedAt: at,
      },
    });
    try {
      const r = await s.call('GET', '/api/operations/stuck-processes', { token: await s.token('city_reviewer') });
      expect(r.status).toBe(200);
      const mine = r.body.activities.find((a: { activityType: string }) => a.activityType === 'closeExamRegistration');
      expect(mine.process).toEqual({
        kind: 'EXAM_SESSION',
        reference: `${dateInWords(sessionBody().examDate)} 综合法律知识考试`,
        id: session.id,
      });
    } finally {
      await s.t.db.activityTrouble.deleteMany({ where: { workflowId: row.workflowId } });
    }
  });

  it('第六条: an import whose step committed but was answered 503 (its answer lost) is completed by sending the file again', async () => {
    const reviewer = await s.token('district_reviewer');
    const session = await sessionClosingSoon(s, 1_000);
    await untilClosed(s, session.id);
    // The import's transaction committed; the workflow never heard (its last attempt timed out).
    await s.t.db.examSession.update({ where: { id: session.id }, data: { status: 'RESULTS_IMPORTED' } });
    const again = await upload(reviewer, session.id, `身份证号,考试结果,分数\n`);
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    const info = await s.temporal.workflow.getHandle(examSessionWorkflowId(session.id)).describe();
    expect(info.status.name).toBe('COMPLETED');
    const twice = await upload(reviewer, session.id, `身份证号,考试结果,分数\n`);
    expect(twice.body).toMatchObject({ code: 'RESULTS_ALREADY_IMPORTED', article: '第六条' });
  });

  it('第六条: a session’s registration deadline is today or later and before the exam day (400)', async () => {
    const r = await s.call('POST', '/api/exam-sessions', {
      token: await s.token('city_reviewer'),
      body: sessionBody({ examDate: addDays(today(), 3), registrationDeadline: addDays(today(), 5) }),
    });
    expect(r.status).toBe(400);
    expect(r.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.examDate']);
    expect(registrationClosesAt('2026-12-10').toISOString()).toBe('2026-12-10T16:00:00.000Z');
  });
});
