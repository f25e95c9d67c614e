// 第二十条 (回避) over HTTP against the real stack. Nobody acts on a complaint about themselves,
// whatever roles their login holds — the officer 张伟, made a complaint handler of his own agency,
// neither sees nor reads nor handles a complaint about him, and cannot be made its investigator. A
// reviewer does not decide their own application. A declared conflict passes the task to a colleague,
// or to the organ over theirs when none is left; the other party never sees the reason (第二十五条).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckDigit } from '../../domain/id-number';
import { eventually } from '../support/eventually';
import { claimThenDeclare, complaintAbout } from '../support/recusal-flow';
import { openTaskOf, submitAll } from '../support/review-flow';
import { startTestStack, type TestStack } from '../support/stack';

let s: TestStack;
beforeAll(async () => {
  s = await startTestStack();
  // 张伟 (login `officer`) also handles complaints at his agency.
  await s.t.db.user.update({ where: { username: 'officer' }, data: { roles: ['OFFICER', 'COMPLAINT_HANDLER'] } });
});
afterAll(async () => {
  await s?.stop();
});

describe('recusal (第二十条)', () => {
  it('第二十条: the officer complained about, a handler of the handling organ, neither lists, reads nor handles it, nor investigates it', async () => {
    const { id } = await complaintAbout(s, '330106-2023-00001'); // 张伟's card
    const zhang = await s.token('officer');
    const colleague = await s.token('complaint_handler');
    const inbox = async (token: string) =>
      (
        (await s.call('GET', '/api/complaint-tasks?limit=100', { token })).body.items as { complaint: { id: string } }[]
      ).map((t) => t.complaint.id);
    expect(await inbox(colleague)).toContain(id);
    expect(await inbox(zhang)).not.toContain(id);
    expect((await s.call('GET', `/api/complaints/${id}`, { token: zhang })).status).toBe(403);

    const accepted = await s.call('POST', `/api/complaints/${id}/accept`, { token: zhang, body: {} });
    expect(accepted.status).toBe(403);
    expect(accepted.body).toMatchObject({ code: 'RECUSAL_OWN_CASE', article: '第二十条' });

    const zhangId = (await s.t.db.user.findUniqueOrThrow({ where: { username: 'officer' } })).id;
    const assigned = await s.call('POST', `/api/complaints/${id}/accept`, {
      token: colleague,
      body: { investigatorId: zhangId },
    });
    expect(assigned.status).toBe(422);
    expect(assigned.body).toMatchObject({ code: 'RECUSAL_OWN_CASE', article: '第二十条' });
    // Nothing was changed by the refusals; a colleague accepts it.
    expect((await s.t.db.complaint.findUniqueOrThrow({ where: { id } })).status).toBe('AWAITING_ACCEPTANCE');
    expect((await s.call('POST', `/api/complaints/${id}/accept`, { token: colleague, body: {} })).status).toBe(200);
  });
});

let seq = 700;
/** Registers an officer of 西湖区综合行政执法局 who passed the comprehensive exam; their id. */
async function eligibleOfficer(admin: string): Promise<string> {
  const first17 = `33010619930615${String(seq++).padStart(3, '0')}`;
  const r = await s.call('POST', '/api/officers', {
    token: admin,
    body: { name: `回避测试${seq}`, idNumber: first17 + idNumberCheckDigit(first17), birthDate: '1993-06-15' },
  });
  expect(r.status).toBe(201);
  const exam = await s.call('POST', `/api/officers/${r.body.id}/exam-results`, {
    token: admin,
    body: { type: 'COMPREHENSIVE', passed: true, score: 82, takenOn: '2025-05-10' },
  });
  expect(exam.status).toBe(201);
  return r.body.id as string;
}

describe('recusal of reviewers (第二十条)', () => {
  const tokens: Record<string, string> = {};
  let xihuBureau: { id: string };
  let cityBureau: { id: string; name: string };
  const inbox = async (who: string) =>
    (
      (await s.call('GET', '/api/review-tasks?limit=100', { token: tokens[who] })).body.items as {
        id: string;
        application: { id: string };
      }[]
    ).map((t) => t.application.id);
  const submit = async (officerId: string) => (await submitAll(s, tokens.agency_admin, [officerId]))[0];

  beforeAll(async () => {
    xihuBureau = await s.t.db.organisation.findUniqueOrThrow({ where: { name: '杭州市西湖区司法局' } });
    cityBureau = await s.t.db.organisation.findUniqueOrThrow({ where: { name: '杭州市司法局' } });
    // A second reviewer of 西湖区司法局, so that one of them may withdraw and the other decide.
    await s.t.db.user.create({
      data: {
        username: 'district_reviewer_2',
        displayName: '西湖区司法局审核员二',
        roles: ['DISTRICT_REVIEWER'],
        organisationId: xihuBureau.id,
      },
    });
    for (const u of ['agency_admin', 'district_reviewer', 'district_reviewer_2', 'city_reviewer'])
      tokens[u] = await s.token(u);
  });

  it('第二十条: a reviewer’s own application is not in their inbox and they cannot decide or claim it; a colleague decides it', async () => {
    const officerId = await eligibleOfficer(tokens.agency_admin);
    await s.t.db.user.update({ where: { username: 'district_reviewer' }, data: { officerId } });
    try {
      const id = await submit(officerId);
      const task = await openTaskOf(s.t.db, id);
      expect(task.bureauId).toBe(xihuBureau.id); // a colleague is there to decide it
      await eventually('the colleague’s inbox lists it', async () => (await inbox('district_reviewer_2')).includes(id));
      expect(await inbox('district_reviewer')).not.toContain(id);
      const read = await s.call('GET', `/api/review-tasks/${task.id}`, { token: tokens.district_reviewer });
      expect(read.body.recusal).toBe('OWN_CASE');
      for (const [verb, body] of [
        ['decision', { decision: 'APPROVE' }],
        ['claim', {}],
      ] as const) {
        const r = await s.call('POST', `/api/review-tasks/${task.id}/${verb}`, {
          token: tokens.district_reviewer,
          body,
        });
        expect(r.status).toBe(403);
        expect(r.body).toMatchObject({ code: 'RECUSAL_OWN_CASE', article: '第二十条' });
      }
      const assign = await s.call('POST', `/api/review-tasks/${task.id}/assign`, {
        token: tokens.district_reviewer_2,
        body: { userId: (await s.t.db.user.findUniqueOrThrow({ where: { username: 'district_reviewer' } })).id },
      });
      expect(assign.status).toBe(422);
      expect(assign.body).toMatchObject({ code: 'RECUSAL_COLLEAGUE', article: '第二十条' });
      const ok = await s.call('POST', `/api/review-tasks/${task.id}/decision`, {
        token: tokens.district_reviewer_2,
        body: { decision: 'APPROVE' },
      });
      expect(ok.status).toBe(200);
    } finally {
      await s.t.db.user.update({ where: { username: 'district_reviewer' }, data: { officerId: null } });
    }
  });

  it('第二十条: when the applicant is their bureau’s only reviewer, the task opens at the bureau over it, which decides that level', async () => {
    const officerId = await eligibleOfficer(tokens.agency_admin);
    await s.t.db.user.update({ where: { username: 'district_reviewer' }, data: { officerId } });
    await s.t.db.user.update({ where: { username: 'district_reviewer_2' }, data: { active: false } });
    try {
      const id = await submit(officerId);
      const task = await openTaskOf(s.t.db, id);
      expect(task).toMatchObject({ level: 'DISTRICT', bureauId: cityBureau.id });
      await eventually('the city bureau’s inbox lists it', async () => (await inbox('city_reviewer')).includes(id));
      const ok = await s.call('POST', `/api/review-tasks/${task.id}/decision`, {
        token: tokens.city_reviewer,
        body: { decision: 'APPROVE' },
      });
      expect(ok.status).toBe(200);
      const next = await eventually('the city level’s task', () =>
        s.t.db.reviewTask.findFirst({ where: { applicationId: id, level: 'CITY', status: 'OPEN' } }),
      );
      expect(next.bureauId).toBe(cityBureau.id);
      const events = await s.t.db.applicationEvent.findMany({ where: { applicationId: id, type: 'TASK_HANDED_OVER' } });
      expect(events).toHaveLength(1);
    } finally {
      await s.t.db.user.update({ where: { username: 'district_reviewer' }, data: { officerId: null } });
      await s.t.db.user.update({ where: { username: 'district_reviewer_2' }, data: { active: true } });
    }
  });

  it('第二十条, 第二十五条: a declared conflict passes the task to the colleague, then to the bureau over them; the agency never reads the reasons', async () => {
    const id = await submit(await eligibleOfficer(tokens.agency_admin));
    const task = await openTaskOf(s.t.db, id);
    const first = await claimThenDeclare(s, task.id, tokens.district_reviewer, '申请人系本人配偶的弟弟');
    expect(first).toMatchObject({ colleague: { displayName: '西湖区司法局审核员二' }, organisation: null });
    const colleague = await s.t.db.user.findUniqueOrThrow({ where: { username: 'district_reviewer_2' } });
    expect((await s.t.db.reviewTask.findUniqueOrThrow({ where: { id: task.id } })).assigneeId).toBe(colleague.id);
    expect(await inbox('district_reviewer')).not.toContain(id);
    expect(await inbox('district_reviewer_2')).toContain(id);
    const refused = await s.call('POST', `/api/review-tasks/${task.id}/decision`, {
      token: tokens.district_reviewer,
      body: { decision: 'APPROVE' },
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'RECUSAL_DECLARED', article: '第二十条' });
    const again = await s.call('POST', `/api/review-tasks/${task.id}/recusal`, {
      token: tokens.district_reviewer,
      body: { reason: '再次申请' },
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'RECUSAL_ALREADY_DECLARED' });

    // The last reviewer of 西湖区司法局 withdraws too: the city bureau takes the district's review over.
    const second = await s.call('POST', `/api/review-tasks/${task.id}/recusal`, {
      token: tokens.district_reviewer_2,
      body: { reason: '曾与申请人共同办理案件并存在纠纷' },
    });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ colleague: null, organisation: { id: cityBureau.id, name: '杭州市司法局' } });
    expect(await s.t.db.reviewTask.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({
      bureauId: cityBureau.id,
      assigneeId: null,
    });
    expect(await inbox('city_reviewer')).toContain(id);
    expect(await inbox('district_reviewer_2')).not.toContain(id);
    const cityDecides = await s.call('POST', `/api/review-tasks/${task.id}/decision`, {
      token: tokens.city_reviewer,
      body: { decision: 'APPROVE' },
    });
    expect(cityDecides.status).toBe(200);

    // Audited with the reasons; the agency's view of its application has neither reason.
    const audit = await s.t.db.auditLog.findMany({ where: { action: 'recusal.declare', targetId: id } });
    expect(audit.map((a) => (a.detail as { reason: string }).reason).sort()).toEqual(
      ['曾与申请人共同办理案件并存在纠纷', '申请人系本人配偶的弟弟'].sort(),
    );
    const view = await s.call('GET', `/api/applications/${id}`, { token: tokens.agency_admin });
    expect(view.status).toBe(200);
    const seen = JSON.stringify(view.body);
    expect(seen).not.toContain('配偶');
    expect(seen).not.toContain('纠纷');
    expect(seen).toContain('TASK_HANDED_OVER');
  });

  it('第二十条: the province’s only reviewer cannot pass a task on — nobody is over the province — so the declaration is refused and nothing changes', async () => {
    tokens.province_reviewer = await s.token('province_reviewer');
    const id = await submit(await eligibleOfficer(tokens.agency_admin));
    for (const who of ['district_reviewer', 'city_reviewer']) {
      const task = await openTaskOf(s.t.db, id);
      const r = await s.call('POST', `/api/review-tasks/${task.id}/decision`, {
        token: tokens[who],
        body: { decision: 'APPROVE' },
      });
      expect(r.status).toBe(200);
      await eventually('the next level', () =>
        s.t.db.reviewTask.findFirst({ where: { applicationId: id, status: 'OPEN', NOT: { id: task.id } } }),
      );
    }
    const task = await openTaskOf(s.t.db, id);
    expect(task.level).toBe('PROVINCE');
    const refused = await s.call('POST', `/api/review-tasks/${task.id}/recusal`, {
      token: tokens.province_reviewer,
      body: { reason: '申请人系本人同学' },
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'RECUSAL_NO_SUBSTITUTE', article: '第二十条' });
    expect(await s.t.db.recusal.count({ where: { applicationId: id } })).toBe(0);
    expect(await s.t.db.reviewTask.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({ status: 'OPEN' });
  });
});

describe('declared conflicts in complaints (第二十条)', () => {
  it('第二十条, 第二十五条: the investigator’s declared conflict passes the investigation to a colleague; the last handler’s passes the complaint to the justice bureau; the complainant sees where, never why', async () => {
    const xihu = await s.t.db.organisation.findUniqueOrThrow({ where: { name: '杭州市西湖区综合行政执法局' } });
    const xihuBureau = await s.t.db.organisation.findUniqueOrThrow({ where: { name: '杭州市西湖区司法局' } });
    // 李娜's card: not 张伟
    const { id, receiptCode: receipt } = await complaintAbout(
      s,
      '330106-2023-00002',
      '执法人员在检查中态度粗暴，推搡当事人',
    );
    const handler = await s.token('complaint_handler');
    const zhang = await s.token('officer'); // also a handler of the agency (beforeAll)
    expect((await s.call('POST', `/api/complaints/${id}/accept`, { token: handler, body: {} })).status).toBe(200);

    const first = await s.call('POST', `/api/complaints/${id}/recusal`, {
      token: handler,
      body: { reason: '被投诉人是本人表妹' },
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ colleague: { displayName: '张伟' }, organisation: null });
    const zhangId = (await s.t.db.user.findUniqueOrThrow({ where: { username: 'officer' } })).id;
    expect(await s.t.db.complaint.findUniqueOrThrow({ where: { id } })).toMatchObject({
      investigatorId: zhangId,
      handlingOrgId: xihu.id,
    });
    const handlerInbox = await s.call('GET', '/api/complaint-tasks?limit=100', { token: handler });
    expect(handlerInbox.body.items.map((t: { complaint: { id: string } }) => t.complaint.id)).not.toContain(id);
    expect((await s.call('GET', `/api/complaints/${id}`, { token: handler })).status).toBe(403);
    const acts = await s.call('POST', `/api/complaints/${id}/extension`, {
      token: handler,
      body: { reason: '需要补充调查' },
    });
    expect(acts.status).toBe(403);
    expect(acts.body).toMatchObject({ code: 'RECUSAL_DECLARED', article: '第二十条' });

    // The last handler of the agency withdraws: the complaint goes to 西湖区司法局.
    const second = await s.call('POST', `/api/complaints/${id}/recusal`, {
      token: zhang,
      body: { reason: '与被投诉人同组' },
    });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ colleague: null, organisation: { id: xihuBureau.id } });
    const moved = await s.t.db.complaint.findUniqueOrThrow({ where: { id }, include: { tasks: true } });
    expect(moved).toMatchObject({ handlingOrgId: xihuBureau.id, investigatorId: null });
    expect(moved.tasks.filter((t) => t.status === 'OPEN').map((t) => t.organisationId)).toEqual([xihuBureau.id]);

    // A handler of the bureau records the result: the process goes on with the new organ.
    await s.t.db.user.create({
      data: {
        username: 'bureau_complaint_handler',
        displayName: '西湖区司法局投诉办理员',
        roles: ['COMPLAINT_HANDLER'],
        organisationId: xihuBureau.id,
      },
    });
    const bureau = await s.token('bureau_complaint_handler');
    const result = await s.call('POST', `/api/complaints/${id}/result`, {
      token: bureau,
      body: { finding: 'NOT_SUBSTANTIATED', measures: '经调查，执法过程文明规范' },
    });
    expect(result.status).toBe(200);

    const status = await s.call('GET', `/api/public/complaints/${receipt}`);
    expect(status.body.handlingOrgan).toBe('杭州市西湖区司法局');
    const seen = JSON.stringify(status.body);
    for (const reason of ['表妹', '同组', '张伟']) expect(seen).not.toContain(reason);
  });
});
