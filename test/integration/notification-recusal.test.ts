// Notices never reach those who may not read the case (第二十条 回避, 第二十五条), over HTTP against the real
// stack: the officer complained about who handles complaints in the handling organ, a handler who
// declared a conflict, a reviewer whose own application it is, and a reviewer who declared a conflict —
// each neither lists, counts nor marks the case's notices, while a colleague does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eligibleOfficer } from '../support/eligible-officer';
import { eventually } from '../support/eventually';
import { claimThenDeclare, complaintAbout } from '../support/recusal-flow';
import { openTaskOf, submitAll } from '../support/review-flow';
import { startTestStack, type TestStack } from '../support/stack';

let s: TestStack;
const tokens: Record<string, string> = {};
const userId = async (username: string) => (await s.t.db.user.findUniqueOrThrow({ where: { username } })).id;

beforeAll(async () => {
  s = await startTestStack();
  // 张伟 (login `officer`) also handles complaints at his agency; 西湖区司法局 has a second reviewer.
  await s.t.db.user.update({ where: { username: 'officer' }, data: { roles: ['OFFICER', 'COMPLAINT_HANDLER'] } });
  const bureau = await s.t.db.organisation.findUniqueOrThrow({ where: { name: '杭州市西湖区司法局' } });
  await s.t.db.user.create({
    data: {
      username: 'district_reviewer_2',
      displayName: '西湖区司法局审核员二',
      roles: ['DISTRICT_REVIEWER'],
      organisationId: bureau.id,
    },
  });
  for (const u of ['officer', 'complaint_handler', 'district_reviewer', 'district_reviewer_2', 'agency_admin'])
    tokens[u] = await s.token(u);
  tokens.staffing_office = await s.token('staffing_office');
});
afterAll(async () => {
  await s?.stop();
});

/** What `user` is shown: every notice, the unread ones, and the header's count. */
async function shown(user: string) {
  const ids = async (q: string) =>
    (await s.call('GET', `/api/notifications?limit=200${q}`, { token: tokens[user] })).body.items.map(
      (n: { id: string }) => n.id,
    ) as string[];
  const count = (await s.call('GET', '/api/notifications/unread-count', { token: tokens[user] })).body.unread;
  return { all: await ids(''), unread: await ids('&unread=true'), count: count as number };
}

/** `user` neither lists nor counts the notice, and marking it read — alone or among others — does nothing. */
async function withheldFrom(user: string, noticeId: string) {
  const v = await shown(user);
  expect(v.all).not.toContain(noticeId);
  expect(v.unread).not.toContain(noticeId);
  expect(v.count).toBe(v.unread.length);
  const one = await s.call('POST', `/api/notifications/${noticeId}/read`, { token: tokens[user] });
  expect(one.status).toBe(404);
  expect(one.headers.get('content-type')).toContain('application/problem+json');
  const shownOnes = await s.call('POST', '/api/notifications/read', { token: tokens[user], body: { ids: [noticeId] } });
  expect(shownOnes.body).toMatchObject({ marked: 0, unread: v.count });
  expect(await s.t.db.notificationRead.count({ where: { notificationId: noticeId, userId: await userId(user) } })).toBe(
    0,
  );
}

/** `user` lists it unread and counts it. */
async function shownTo(user: string, noticeId: string) {
  const v = await shown(user);
  expect(v.all).toContain(noticeId);
  expect(v.unread).toContain(noticeId);
  expect(v.count).toBe(v.unread.length);
}

const noticeOf = (kind: string, where: { complaintId: string } | { applicationId: string }) =>
  eventually(`the ${kind} notice`, () => s.t.db.notification.findFirst({ where: { kind, ...where } }));

describe('complaint notices (第二十条, 第二十五条)', () => {
  it('第二十条, 第二十五条: the officer complained about, a complaint handler of the handling organ, is not told of the complaint; a colleague is', async () => {
    const c = await complaintAbout(s, '330106-2023-00001'); // 张伟's card
    const notice = await noticeOf('COMPLAINT_ACCEPTANCE', { complaintId: c.id });
    await shownTo('complaint_handler', notice.id);
    await withheldFrom('officer', notice.id);
  });

  it('第二十条, 第二十五条: a handler who declared a conflict is told nothing more of the complaint, nor shown what they were told; the colleague who took it over is', async () => {
    const c = await complaintAbout(s, '330106-2023-00002'); // 李娜's card: not 张伟
    const accept = await noticeOf('COMPLAINT_ACCEPTANCE', { complaintId: c.id });
    await shownTo('complaint_handler', accept.id);
    expect(
      (await s.call('POST', `/api/complaints/${c.id}/accept`, { token: tokens.complaint_handler, body: {} })).status,
    ).toBe(200);
    const declared = await s.call('POST', `/api/complaints/${c.id}/recusal`, {
      token: tokens.complaint_handler,
      body: { reason: '被投诉人是本人表妹' },
    });
    expect(declared.status).toBe(201);
    expect(declared.body).toMatchObject({ colleague: { displayName: '张伟' } });
    // What the complainant adds afterwards reaches the organ: the colleague, not the declarer.
    const added = await s.call('POST', `/api/public/complaints/${c.receiptCode}/information`, {
      body: { text: '补充：当时还有一名执法人员在场' },
    });
    expect(added.status).toBe(201);
    const info = await noticeOf('COMPLAINT_INFORMATION', { complaintId: c.id });
    await withheldFrom('complaint_handler', info.id);
    await withheldFrom('complaint_handler', accept.id);
    await shownTo('officer', info.id);
  });
});

describe('review task notices (第二十条)', () => {
  const submit = async (officerId: string) => (await submitAll(s, tokens.agency_admin, [officerId]))[0];
  const officer = (name: string, n: number) =>
    eligibleOfficer(s.t.db, name, `NOTICE${String(n).padStart(12, '0')}`).then((o) => o.id);

  it('第二十条: a reviewer is not told of the review task of their own application; their colleague is', async () => {
    const officerId = await officer('通知回避甲', 1);
    await s.t.db.user.update({ where: { username: 'district_reviewer' }, data: { officerId } });
    try {
      const applicationId = await submit(officerId);
      const notice = await noticeOf('TASK_NEW', { applicationId });
      await shownTo('district_reviewer_2', notice.id);
      await withheldFrom('district_reviewer', notice.id);
    } finally {
      await s.t.db.user.update({ where: { username: 'district_reviewer' }, data: { officerId: null } });
    }
  });

  it('第二十条: a reviewer who declared a conflict is told nothing more of the task, nor shown what they were told; the colleague who took it over is', async () => {
    const applicationId = await submit(await officer('通知回避乙', 2));
    const created = await noticeOf('TASK_NEW', { applicationId });
    await shownTo('district_reviewer', created.id);
    const task = await openTaskOf(s.t.db, applicationId);
    const declared = await claimThenDeclare(s, task.id, tokens.district_reviewer, '申请人系本人配偶的弟弟');
    expect(declared).toMatchObject({ colleague: { displayName: '西湖区司法局审核员二' } });
    // The colleague consults the staffing office; its answer is told to the bureau — not to the declarer.
    const consult = await s.call('POST', `/api/review-tasks/${task.id}/decision`, {
      token: tokens.district_reviewer_2,
      body: { decision: 'CONSULT', comment: '请核实编制情况' },
    });
    expect(consult.status).toBe(200);
    const answered = await s.call('POST', `/api/consultations/${consult.body.consultationId}/answer`, {
      token: tokens.staffing_office,
      body: { answer: '在编' },
    });
    expect(answered.status).toBe(200);
    const answer = await noticeOf('CONSULTATION_ANSWERED', { applicationId });
    await withheldFrom('district_reviewer', answer.id);
    await withheldFrom('district_reviewer', created.id);
    await shownTo('district_reviewer_2', answer.id);
    // Not withheld beyond the case: another application's task notice still reaches the declarer.
    const other = await submit(await officer('通知回避丙', 3));
    await shownTo('district_reviewer', (await noticeOf('TASK_NEW', { applicationId: other })).id);
  });
});
