// Supervision over HTTP against the real stack (第二十七条第二款): a reproducible draw and its
// verification, findings, the correction order (督促整改) reported, sent back and accepted, and —
// not corrected by its deadline — the proposal on 第二十九条第一款第（四）项 that the city sanction
// officer decides (the order then shows the sanction) or declines; another agency or bureau sees and
// does nothing; the dashboard and the officer's timeline show it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCorrectionOrder } from '../support/short-correction-order';
import { startTestStack, type TestStack } from '../support/stack';

let s: TestStack;
const tokens: Record<string, string> = {};
let zhang: string;
let li: string;
let xihu: string;
let shangcheng: string;

beforeAll(async () => {
  s = await startTestStack();
  const db = s.t.db;
  xihu = (await db.organisation.findUniqueOrThrow({ where: { name: '杭州市西湖区综合行政执法局' } })).id;
  shangcheng = (await db.organisation.findUniqueOrThrow({ where: { name: '杭州市上城区卫生健康局' } })).id;
  await db.user.create({
    data: {
      username: 'agency_admin_sc',
      displayName: '上城区卫健局管理员',
      roles: ['AGENCY_ADMIN'],
      organisationId: shangcheng,
    },
  });
  for (const u of [
    'district_reviewer',
    'district_reviewer_shangcheng',
    'city_reviewer',
    'agency_admin',
    'agency_admin_sc',
    'sanction_officer',
    'officer',
  ])
    tokens[u] = await s.token(u);
  zhang = (await db.certificate.findUniqueOrThrow({ where: { number: '330106-2023-00001' } })).officerId;
  li = (await db.certificate.findUniqueOrThrow({ where: { number: '330106-2023-00002' } })).officerId;
});
afterAll(async () => {
  await s?.stop();
});

const call = (user: string, method: string, path: string, body?: unknown) =>
  s.call(method, path, { token: tokens[user], body });
const ids = (r: { body: { items: Array<{ id: string }> } }) => r.body.items.map((x) => x.id);
const orderOf = (user: string, id: string) => call(user, 'GET', `/api/correction-orders/${id}`);

describe('supervision (第二十七条第二款)', () => {
  it('第二十七条第二款: plan → draw → verify → findings → correction order → report sent back → accepted; another agency or bureau sees and does nothing', async () => {
    // A publicly announced seed; the sample is the whole population here (it is small).
    const plan = await call('district_reviewer', 'POST', '/api/spot-check-plans', {
      title: '2026年第四季度执法行为抽查',
      population: 'OFFICERS',
      method: 'SPOT_CHECK',
      sampleSize: 50,
      seed: '20261201aabbccdd',
    });
    expect(plan.status).toBe(201);
    expect(plan.body).toMatchObject({ seed: '20261201aabbccdd', seedAnnounced: true, population: 'OFFICERS' });
    expect(plan.body.populationIds).toEqual([...plan.body.populationIds].sort());
    expect(plan.body.populationIds).toEqual(expect.arrayContaining([zhang, li]));
    expect(plan.body.sampleIds.sort()).toEqual([...plan.body.populationIds].sort());
    const planId = plan.body.id;

    const verified = await call('district_reviewer', 'GET', `/api/spot-check-plans/${planId}/verify`);
    expect(verified.body).toMatchObject({ matches: true, populationMatches: true, sampleMatches: true });
    // The city bureau over the district reads and verifies it; another district does not (403, not listed).
    expect((await call('city_reviewer', 'GET', `/api/spot-check-plans/${planId}/verify`)).body.matches).toBe(true);
    expect((await call('district_reviewer_shangcheng', 'GET', `/api/spot-check-plans/${planId}`)).status).toBe(403);
    expect(ids(await call('district_reviewer_shangcheng', 'GET', '/api/spot-check-plans'))).not.toContain(planId);
    expect(ids(await call('city_reviewer', 'GET', '/api/spot-check-plans'))).toContain(planId);

    // Findings: only the drawing bureau records them, once per unit, for the sample only.
    const checkOf = (user: string, body: object) =>
      call(user, 'POST', `/api/spot-check-plans/${planId}/checks`, { checkedOn: '2026-11-30', ...body });
    expect((await checkOf('city_reviewer', { targetId: li, finding: 'COMPLIANT', facts: '规范' })).status).toBe(403);
    // Two findings on one unit at once: one is recorded, the other told so.
    const both = await Promise.all([
      checkOf('district_reviewer', { targetId: li, finding: 'COMPLIANT', facts: '执法规范，着装整洁' }),
      checkOf('district_reviewer', { targetId: li, finding: 'COMPLIANT', facts: '执法规范' }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(both.find((r) => r.status === 201)!.body).toMatchObject({ finding: 'COMPLIANT', correctionOrder: null });
    expect((await checkOf('district_reviewer', { targetId: li, finding: 'A23_CIVILITY', facts: '再记' })).status).toBe(
      409,
    );
    expect((await checkOf('district_reviewer', { targetId: xihu, finding: 'COMPLIANT', facts: 'x' })).status).toBe(422);
    expect((await checkOf('district_reviewer', { targetId: zhang, finding: 'A99', facts: 'x' })).status).toBe(400);

    const breach = await checkOf('district_reviewer', {
      targetId: zhang,
      finding: 'A18_TEAM',
      facts: '2026-11-28 单人对某餐馆开展现场调查',
    });
    expect(breach.status).toBe(201);
    expect(breach.body.findingText).toBe('第十八条：调查未指派2名以上工作人员，或其中无行政执法人员（单人执法）');
    const orderId = breach.body.correctionOrder.id;
    expect(breach.body.correctionOrder).toMatchObject({ status: 'OPEN' });
    expect(Date.parse(breach.body.correctionOrder.dueAt)).toBeGreaterThan(Date.now() + 14 * 86_400_000);

    // The agency sees the order; another agency and another district's bureau neither list nor read it.
    const order = await orderOf('agency_admin', orderId);
    expect(order.body).toMatchObject({
      status: 'OPEN',
      article: '第十八条',
      officer: { id: zhang, name: '张伟' },
      agency: { id: xihu },
      proposal: null,
    });
    expect(order.body.dueDay).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(ids(await call('agency_admin', 'GET', '/api/correction-orders'))).toContain(orderId);
    expect(ids(await call('city_reviewer', 'GET', '/api/correction-orders'))).toContain(orderId);
    expect(ids(await call('agency_admin_sc', 'GET', '/api/correction-orders'))).not.toContain(orderId);
    expect(ids(await call('district_reviewer_shangcheng', 'GET', '/api/correction-orders'))).not.toContain(orderId);
    expect((await orderOf('agency_admin_sc', orderId)).status).toBe(403);
    expect((await orderOf('district_reviewer_shangcheng', orderId)).status).toBe(403);

    // The agency reports with material it uploaded; the bureau reads the material.
    const pdf = await fetch(`${s.baseUrl}/api/attachments`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokens.agency_admin}`,
        'content-type': 'application/pdf',
        'x-file-name': encodeURIComponent('整改报告.pdf'),
      },
      body: new Uint8Array(Buffer.from('%PDF-1.4 correction report')),
    });
    const attachmentId = ((await pdf.json()) as { id: string }).id;
    const report = (user: string, body: object) => call(user, 'POST', `/api/correction-orders/${orderId}/report`, body);
    const decide = (user: string, body: object) =>
      call(user, 'POST', `/api/correction-orders/${orderId}/decision`, body);
    expect((await report('agency_admin_sc', { text: '已整改' })).status).toBe(403);
    const reported = await report('agency_admin', {
      text: '已组织全员学习第十八条，调查一律双人',
      attachmentIds: [attachmentId],
    });
    expect(reported.status).toBe(200);
    expect(reported.body.status).toBe('REPORTED');
    expect(reported.body.reports[0].attachments).toEqual([
      expect.objectContaining({ id: attachmentId, fileName: '整改报告.pdf' }),
    ]);
    expect((await call('district_reviewer', 'GET', `/api/attachments/${attachmentId}`)).status).toBe(200);

    // Another bureau cannot decide; the issuing bureau sends it back with its reason.
    expect((await decide('district_reviewer_shangcheng', { accept: true })).status).toBe(403);
    expect((await decide('city_reviewer', { accept: true })).status).toBe(403);
    expect((await decide('district_reviewer', { accept: false })).status).toBe(400);
    const back = await decide('district_reviewer', { accept: false, reason: '请附双人调查的执法记录' });
    expect(back.body).toMatchObject({ status: 'OPEN' });
    expect(back.body.reports[0]).toMatchObject({ decision: 'SENT_BACK', decisionNote: '请附双人调查的执法记录' });
    expect((await report('agency_admin', { text: '补充：附执法记录三份' })).body.status).toBe('REPORTED');
    const accepted = await decide('district_reviewer', { accept: true });
    expect(accepted.body).toMatchObject({ status: 'CORRECTED', statusText: '已整改', overdue: false, proposal: null });
    expect(accepted.body.closedAt).not.toBeNull();
    // Closed: nothing more (409).
    const again = await report('agency_admin', { text: '再报' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'CORRECTION_ORDER_CLOSED', article: '第二十七条第二款' });
    expect((await decide('district_reviewer', { accept: true })).status).toBe(409);

    // The plan shows both findings; the officer's timeline the check and the order, in words.
    const detail = await call('district_reviewer', 'GET', `/api/spot-check-plans/${planId}`);
    const zhangItem = detail.body.sample.find((x: { targetId: string }) => x.targetId === zhang);
    expect(zhangItem).toMatchObject({ name: '张伟', check: { finding: 'A18_TEAM', correctionOrder: { id: orderId } } });
    const timeline = await call('officer', 'GET', `/api/officers/${zhang}/timeline`);
    const titles = timeline.body.entries.map((e: { title: string }) => e.title).join('\n');
    expect(titles).toContain('抽查');
    expect(titles).toContain('第十八条：调查未指派');
    expect(titles).toContain('已整改');
    expect(titles).not.toContain('A18_TEAM');

    // The dashboard: results per agency, in the viewer's region only.
    const dash = await call('district_reviewer', 'GET', '/api/dashboard');
    expect(dash.body.supervision).toEqual(
      expect.arrayContaining([expect.objectContaining({ agencyId: xihu, checks: 2, breaches: 1, openOrders: 0 })]),
    );
    const other = await call('district_reviewer_shangcheng', 'GET', '/api/dashboard');
    expect(other.body.supervision.map((r: { agencyId: string }) => r.agencyId)).not.toContain(xihu);
  });

  it('第二十九条第一款第（四）项: a report sent back after the deadline → not corrected → the proposal, decided by the sanction officer → the order shows the sanction', async () => {
    const { order } = await startCorrectionOrder(s.temporal, s.t.db, s.config.TEMPORAL_TASK_QUEUE, {
      officerId: zhang,
      agencyId: xihu,
      bureauUsername: 'district_reviewer',
      rule: 'A19_RECORDING',
      dueAt: new Date(Date.now() + 6_000),
    });
    const reported = await call('agency_admin', 'POST', `/api/correction-orders/${order.id}/report`, {
      text: '已补录音像记录',
    });
    expect(reported.body.status).toBe('REPORTED');
    await new Promise((r) => setTimeout(r, Math.max(order.dueAt!.getTime() - Date.now() + 500, 0)));
    // Reported in time: the deadline passes while the bureau decides; no escalation.
    expect((await orderOf('district_reviewer', order.id)).body).toMatchObject({ status: 'REPORTED', overdue: false });
    const late = await call('agency_admin', 'POST', `/api/correction-orders/${order.id}/report`, { text: '补充' });
    expect(late.status).toBe(409);
    const back = await call('district_reviewer', 'POST', `/api/correction-orders/${order.id}/decision`, {
      accept: false,
      reason: '音像记录不完整',
    });
    expect(back.body).toMatchObject({ status: 'NOT_CORRECTED', overdue: true, proposal: { status: 'OPEN' } });

    // The city sanction officer sees it among the proposals, with the order it came from.
    const list = await call('sanction_officer', 'GET', '/api/sanction-proposals?status=OPEN');
    const proposal = list.body.items.find(
      (p: { correctionOrder: { id: string } | null }) => p.correctionOrder?.id === order.id,
    );
    expect(proposal).toMatchObject({
      grounds: [4],
      complaint: null,
      certificateNumber: '330106-2023-00001',
      correctionOrder: { number: order.number, ruleText: expect.stringContaining('第十九条') },
    });
    const decided = await call('sanction_officer', 'POST', '/api/sanctions', {
      certificateNumber: '330106-2023-00001',
      type: 'SUSPENSION',
      grounds: [4],
      facts: proposal.facts,
      proposalId: proposal.id,
    });
    expect(decided.status).toBe(201);
    const shown = await orderOf('agency_admin', order.id);
    expect(shown.body.proposal).toMatchObject({
      status: 'DECIDED',
      sanction: { id: decided.body.id, type: 'SUSPENSION' },
    });
    expect(shown.body.timeline.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['ISSUED', 'REPORTED', 'SENT_BACK', 'NOT_CORRECTED', 'SANCTION_PROPOSED']),
    );
  });

  it('第二十九条第一款第（四）项: nothing reported by the deadline → escalated and proposed; a declined proposal shows on the order', async () => {
    const { order, handle } = await startCorrectionOrder(s.temporal, s.t.db, s.config.TEMPORAL_TASK_QUEUE, {
      officerId: li,
      agencyId: xihu,
      bureauUsername: 'district_reviewer',
      rule: 'A24_FILES',
      dueAt: new Date(Date.now() + 3_000),
    });
    expect((await handle.result()).phase).toBe('NOT_CORRECTED');
    const shown = await orderOf('district_reviewer', order.id);
    expect(shown.body).toMatchObject({
      status: 'NOT_CORRECTED',
      overdue: true,
      proposal: { status: 'OPEN', grounds: [4] },
    });
    const notices = await call('district_reviewer', 'GET', '/api/notifications');
    expect(JSON.stringify(notices.body)).toContain(`督促整改逾期未改正：${order.number}`);
    const declined = await call(
      'sanction_officer',
      'POST',
      `/api/sanction-proposals/${shown.body.proposal.id}/decline`,
      {
        reason: '情节轻微，已批评教育',
      },
    );
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ status: 'DECLINED', correctionOrder: { id: order.id } });
    const after = await orderOf('district_reviewer', order.id);
    expect(after.body.proposal).toMatchObject({ status: 'DECLINED', decisionNote: '情节轻微，已批评教育' });
    expect(after.body.timeline.map((e: { type: string }) => e.type)).toContain('SANCTION_PROPOSAL_DECLINED');
  });

  it('第二十七条第二款: an unannounced visit to an agency names the officer by the card shown — of that agency only; without one the order has no officer', async () => {
    const plan = await call('district_reviewer', 'POST', '/api/spot-check-plans', {
      title: '暗访',
      population: 'AGENCIES',
      method: 'UNANNOUNCED_VISIT',
      sampleSize: 50,
    });
    expect(plan.body.seed).toMatch(/^[0-9a-f]{64}$/);
    expect(plan.body.seedAnnounced).toBe(false);
    expect(plan.body.sampleIds).toContain(xihu);
    expect(plan.body.sampleIds).not.toContain(shangcheng);
    const check = (body: object) =>
      call('district_reviewer', 'POST', `/api/spot-check-plans/${plan.body.id}/checks`, {
        targetId: xihu,
        finding: 'A23_CIVILITY',
        facts: '执法人员未着制式服装',
        checkedOn: '2026-11-30',
        ...body,
      });
    expect((await check({ certificateNumber: 'NO-SUCH-CARD' })).body).toMatchObject({
      status: 422,
      code: 'CERTIFICATE_UNKNOWN',
    });
    // 王强's card is of 上城区卫健局, not the agency visited.
    expect((await check({ certificateNumber: '330102-2022-00007' })).body).toMatchObject({
      status: 422,
      code: 'OFFICER_NOT_OF_AGENCY',
    });
    const named = await check({ certificateNumber: '330106-2023-00002' });
    expect(named.status).toBe(201);
    expect((await orderOf('agency_admin', named.body.correctionOrder.id)).body.officer).toMatchObject({
      id: li,
      name: '李娜',
    });
  });

  it('第二十七条第二款: a sampled officer who moved out of the region since the draw gets no order the bureau could not follow (422, nothing written)', async () => {
    const plan = await call('district_reviewer', 'POST', '/api/spot-check-plans', {
      title: '调动后的抽查',
      population: 'OFFICERS',
      method: 'SPOT_CHECK',
      sampleSize: 50,
    });
    expect(plan.body.sampleIds).toContain(zhang);
    const db = s.t.db;
    await db.officer.update({ where: { id: zhang }, data: { organisationId: shangcheng } });
    try {
      const r = await call('district_reviewer', 'POST', `/api/spot-check-plans/${plan.body.id}/checks`, {
        targetId: zhang,
        finding: 'A19_RECORDING',
        facts: '现场执法未进行音像记录',
        checkedOn: '2026-11-30',
      });
      expect(r.body).toMatchObject({ status: 422, code: 'SUBJECT_LEFT_REGION' });
      expect(await db.spotCheck.count({ where: { planId: plan.body.id } })).toBe(0);
      expect(await db.correctionOrder.count({ where: { agencyId: shangcheng } })).toBe(0);
    } finally {
      await db.officer.update({ where: { id: zhang }, data: { organisationId: xihu } });
    }
  });
});
