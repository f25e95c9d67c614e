// 第二十条 (回避): nobody acts on a complaint about themselves, whatever roles their login holds — the
// officer 张伟, made a complaint handler of his own agency, neither sees nor reads nor handles a
// complaint about him, and cannot be made its investigator. His colleagues handle it as usual.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    const xihu = await s.t.db.organisation.findUniqueOrThrow({ where: { name: '杭州市西湖区综合行政执法局' } });
    const filed = await s.call('POST', '/api/public/complaints', {
      body: {
        organisationId: xihu.id,
        complainant: { kind: 'PERSON', anonymous: true },
        subjects: [{ certificateNumber: '330106-2023-00001' }], // 张伟's card
        facts: '执法人员在检查中未出示执法证件',
        occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
        place: '西湖区文三路 100 号',
      },
    });
    expect(filed.status).toBe(201);
    const id = filed.body.id as string;
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
