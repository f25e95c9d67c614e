// The cases of the 回避 tests (第二十条) over HTTP: a complaint filed anonymously through the public intake
// about an officer of 西湖区综合行政执法局, and a review task a reviewer claims and then withdraws from.
import { expect } from 'vitest';
import type { TestStack } from './stack';

/** An anonymous complaint to 西湖区综合行政执法局 about the holder of `certificateNumber`. */
export async function complaintAbout(
  s: TestStack,
  certificateNumber: string,
  facts = '执法人员在检查中未出示执法证件',
) {
  const xihu = await s.t.db.organisation.findUniqueOrThrow({ where: { name: '杭州市西湖区综合行政执法局' } });
  const filed = await s.call('POST', '/api/public/complaints', {
    body: {
      organisationId: xihu.id,
      complainant: { kind: 'PERSON', anonymous: true },
      subjects: [{ certificateNumber }],
      facts,
      occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
      place: '西湖区文三路 100 号',
    },
  });
  expect(filed.status).toBe(201);
  return { id: filed.body.id as string, receiptCode: filed.body.receiptCode as string };
}

/** The reviewer of `token` claims the task, then declares a conflict in it: where the task went. */
export async function claimThenDeclare(s: TestStack, taskId: string, token: string, reason: string) {
  expect((await s.call('POST', `/api/review-tasks/${taskId}/claim`, { token })).status).toBe(200);
  const declared = await s.call('POST', `/api/review-tasks/${taskId}/recusal`, { token, body: { reason } });
  expect(declared.status).toBe(201);
  return declared.body as { colleague: { displayName: string } | null; organisation: { id: string } | null };
}
