// The bureaus' dashboard over HTTP (issue #16 §3): regions by name, and the monthly trend of
// applications, sanctions and complaints counted by the Asia/Shanghai month they happened in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDateOf, startOfLocalDay } from '../../domain/time';
import { eventually } from '../support/eventually';
import { fileAnonymousComplaint } from '../support/records';
import { startTestStack, type TestStack } from '../support/stack';

let s: TestStack;
beforeAll(async () => {
  s = await startTestStack();
});
afterAll(async () => {
  await s?.stop();
});

interface Trend {
  month: string;
  applications: number;
  sanctions: number;
  complaints: number;
}

const dashboard = async (user: string) =>
  (await s.call('GET', '/api/dashboard', { token: await s.token(user) })).body as {
    applications: { regionCode: string; regionName: string }[];
    trainingShortfall: { regionCode: string; regionName: string }[];
    trends: Trend[];
  };

describe('dashboard', () => {
  it('names regions and counts each month of the last twelve in Asia/Shanghai (第七条, 第二十八条, 第二十九条)', async () => {
    const zhao = await s.t.db.officer.findFirstOrThrow({ where: { name: '赵敏' } });
    const app = await s.call('POST', '/api/applications', {
      token: await s.token('agency_admin'),
      body: { officerId: zhao.id, kind: 'INITIAL' },
    });
    expect(app.status).toBe(201);
    const sanction = await s.call('POST', '/api/sanctions', {
      token: await s.token('sanction_officer'),
      headers: { 'Idempotency-Key': 'dashboard-sanction' },
      body: { certificateNumber: '330106-2023-00001', type: 'SUSPENSION', grounds: [1], facts: '玩忽职守' },
    });
    expect(sanction.status).toBe(201);
    const complaint = await fileAnonymousComplaint(s, '330106-2023-00002');
    await eventually('the complaint opened', () =>
      s.t.db.complaint.findFirst({ where: { id: complaint.id, status: { not: 'SUBMITTED' } } }),
    );

    const d = await dashboard('city_reviewer');
    const thisMonth = localDateOf(new Date()).slice(0, 7);
    expect(d.trends).toHaveLength(12);
    expect(d.trends.at(-1)).toEqual({ month: thisMonth, applications: 1, sanctions: 1, complaints: 1 });
    expect(d.trends.slice(0, 11).every((m) => m.applications + m.sanctions + m.complaints === 0)).toBe(true);
    expect(d.applications.find((r) => r.regionCode === '330106')?.regionName).toBe('西湖区');
    expect(d.trainingShortfall.find((r) => r.regionCode === '330106')?.regionName).toBe('西湖区');

    // 00:30 on the 1st in Shanghai is still the 31st (or 30th…) in UTC: it counts in Shanghai's month;
    // 23:30 on the last day of the month before counts in that one.
    const first = `${thisMonth}-01`;
    await s.t.db.application.update({
      where: { id: app.body.id },
      data: { submittedAt: new Date(startOfLocalDay(first).getTime() + 30 * 60_000) },
    });
    await s.t.db.sanction.update({
      where: { id: sanction.body.id },
      data: { decidedAt: new Date(startOfLocalDay(first).getTime() - 30 * 60_000) },
    });
    const after = await dashboard('city_reviewer');
    expect(after.trends.at(-1)).toMatchObject({ month: thisMonth, applications: 1, sanctions: 0 });
    expect(after.trends.at(-2)).toMatchObject({
      month: localDateOf(startOfLocalDay(addDays(first, -1))).slice(0, 7),
      sanctions: 1,
    });

    // Another district's bureau counts only its own region.
    const other = await dashboard('district_reviewer_shangcheng');
    expect(other.trends.at(-1)).toEqual({ month: thisMonth, applications: 0, sanctions: 0, complaints: 0 });
  });
});
