// Records the tests make through the API as people would: a citizen's anonymous complaint (第二十八条)
// and a 暂扣 delivered now (第二十九条, 第三十条).
import { expect } from 'vitest';
import type { TestStack } from './stack';

/** An anonymous complaint filed on the public route about the officer holding `certificateNumber`. */
export async function fileAnonymousComplaint(
  s: TestStack,
  certificateNumber: string,
  opts: { agency?: string; facts?: string; place?: string } = {},
): Promise<{ id: string; number: string; receiptCode: string }> {
  const agency = await s.t.db.organisation.findUniqueOrThrow({
    where: { name: opts.agency ?? '杭州市西湖区综合行政执法局' },
  });
  const filed = await s.call('POST', '/api/public/complaints', {
    body: {
      organisationId: agency.id,
      complainant: { kind: 'PERSON', anonymous: true },
      subjects: [{ certificateNumber }],
      facts: opts.facts ?? '执法人员在检查中未出示执法证件，态度粗暴',
      occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
      place: opts.place ?? '西湖区文三路 100 号',
    },
  });
  expect(filed.status).toBe(201);
  return filed.body;
}

/** A 30-day 暂扣 of `certificateNumber` decided by the city bureau and delivered now. */
export async function suspendNow(s: TestStack, certificateNumber: string): Promise<{ id: string }> {
  const decided = await s.call('POST', '/api/sanctions', {
    token: await s.token('sanction_officer'),
    body: {
      certificateNumber,
      type: 'SUSPENSION',
      grounds: [1],
      facts: '玩忽职守',
      deliveredAt: new Date().toISOString(),
    },
  });
  expect(decided.status).toBe(201);
  return decided.body;
}
