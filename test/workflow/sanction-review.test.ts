// 复核 and delivery on the sanction workflow (第二十九条–第三十二条), time-skipping server, real activities.
import crypto from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SanctionDecision } from '../../domain/contracts/sanction';
import { REVOCATION_BAN, SUSPENSION_TERM } from '../../domain/sanction';
import { fixedTermEnd } from '../../domain/time';
import { decideReview, decisionApplied, deliver, fileReview, sanctionWorkflow } from '../../workflows/sanction';
import { freshDatabase, type TestDatabase } from '../support/database';
import { TASK_QUEUE, timeSkippingEnv, withWorker } from '../support/time-skipping';

let env: TestWorkflowEnvironment;
let t: TestDatabase;
let decider: { userId: string; organisationId: string; role: string };
let officer: { userId: string; organisationId: string; role: string };
const DAY = 86_400_000;

beforeAll(async () => {
  [env, t] = await Promise.all([timeSkippingEnv(), freshDatabase()]);
  const so = await t.db.user.findUniqueOrThrow({ where: { username: 'sanction_officer' } });
  const of = await t.db.user.findUniqueOrThrow({ where: { username: 'officer' } });
  decider = { userId: so.id, organisationId: so.organisationId, role: 'SANCTION_OFFICER' };
  officer = { userId: of.id, organisationId: of.organisationId, role: 'OFFICER' };
});
afterAll(async () => {
  await env?.teardown();
  await t?.drop();
});

async function decision(
  certNumber: string,
  type: 'SUSPENSION' | 'REVOCATION',
  opts: { delivered?: boolean; reviewDeadlineInMs?: number } = {},
): Promise<SanctionDecision> {
  const cert = await t.db.certificate.findUniqueOrThrow({ where: { number: certNumber } });
  const now = new Date(Number(await env.currentTimeMs()));
  const sanctionId = crypto.randomUUID();
  const delivered = opts.delivered ?? true;
  return {
    sanctionId,
    workflowId: `sanction-${sanctionId}`,
    certificateId: cert.id,
    type,
    grounds: [2],
    facts: '利用职权谋取私利',
    decidedById: decider.userId,
    decidedAt: now.toISOString(),
    decidingOrgId: decider.organisationId,
    ...(delivered
      ? {
          deliveredAt: now.toISOString(),
          termEndsAt: type === 'SUSPENSION' ? fixedTermEnd(now, SUSPENSION_TERM).toISOString() : undefined,
          banEndsAt: type === 'REVOCATION' ? fixedTermEnd(now, REVOCATION_BAN).toISOString() : undefined,
          reviewDeadline: new Date(now.getTime() + (opts.reviewDeadlineInMs ?? 10 * DAY)).toISOString(),
        }
      : {}),
  };
}

const start = (d: SanctionDecision) =>
  env.client.workflow.start(sanctionWorkflow, { workflowId: d.workflowId, taskQueue: TASK_QUEUE, args: [d] });
const certStatus = async (id: string) => (await t.db.certificate.findUniqueOrThrow({ where: { id } })).status;
const refusalOf = (err: unknown) => {
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  return (err as { cause: { details: unknown[]; message: string } }).cause;
};

describe('sanction workflow: delivery and 复核 (time-skipping server)', () => {
  it('第三十二条: 复核 inside the window is accepted and does not stop the suspension; a second filing is refused', async () => {
    const d = await decision('330106-2023-00001', 'SUSPENSION', { reviewDeadlineInMs: 2 * DAY });
    await withWorker(env, t.db, async () => {
      const h = await start(d);
      await h.executeUpdate(decisionApplied);
      await env.sleep(DAY + 3_600_000); // day 2 of a 2-day window
      await h.executeUpdate(fileReview, {
        args: [{ reason: '事实认定有误', dueAt: new Date(Date.now() + 30 * DAY).toISOString(), actor: officer }],
      });
      expect(await certStatus(d.certificateId)).toBe('SUSPENDED');
      const again = await h
        .executeUpdate(fileReview, { args: [{ reason: '再次申请', dueAt: new Date().toISOString(), actor: officer }] })
        .catch((e) => e);
      expect(refusalOf(again).details[0]).toMatchObject({ code: 'REVIEW_ALREADY_FILED', article: '第三十二条' });
      await h.executeUpdate(decideReview, { args: [{ outcome: 'UPHELD', comment: '维持', actor: decider }] });
      const result = await h.result(); // the term runs out: reinstated at its end as usual
      expect(result.phase).toBe('ENDED');
    });
    expect(await certStatus(d.certificateId)).toBe('ACTIVE');
    expect((await t.db.reviewRequest.findUniqueOrThrow({ where: { sanctionId: d.sanctionId } })).status).toBe('UPHELD');
  });

  it('第三十二条: 复核 after the window is refused, with the deadline in the answer', async () => {
    const d = await decision('330106-2023-00002', 'SUSPENSION', { reviewDeadlineInMs: DAY });
    await withWorker(env, t.db, async () => {
      const h = await start(d);
      await h.executeUpdate(decisionApplied);
      await env.sleep(DAY + 60_000);
      const late = await h
        .executeUpdate(fileReview, { args: [{ reason: '逾期', dueAt: new Date().toISOString(), actor: officer }] })
        .catch((e) => e);
      const cause = refusalOf(late);
      expect(cause.details[0]).toMatchObject({ code: 'REVIEW_WINDOW_CLOSED', article: '第三十二条' });
      expect(cause.message).toContain(d.reviewDeadline);
      await h.terminate('test done');
    });
    expect(await t.db.reviewRequest.count({ where: { sanctionId: d.sanctionId } })).toBe(0);
  });

  it('第三十二条: a 复核 that annuls a suspension reinstates at once, and the workflow ends', async () => {
    const d = await decision('330102-2022-00007', 'SUSPENSION');
    await withWorker(env, t.db, async () => {
      const h = await start(d);
      await h.executeUpdate(decisionApplied);
      await h.executeUpdate(fileReview, {
        args: [{ reason: '程序违法', dueAt: new Date().toISOString(), actor: officer }],
      });
      const wrong = await h
        .executeUpdate(decideReview, { args: [{ outcome: 'ANNULLED', comment: '撤销', actor: officer }] })
        .catch((e) => e);
      expect(refusalOf(wrong).details[0]).toMatchObject({ code: 'OUT_OF_SCOPE' });
      await h.executeUpdate(decideReview, {
        args: [{ outcome: 'ANNULLED', comment: '原决定程序违法，予以撤销', actor: decider }],
      });
      expect(await certStatus(d.certificateId)).toBe('ACTIVE');
      expect((await h.result()).phase).toBe('ANNULLED');
    });
    const s = await t.db.sanction.findUniqueOrThrow({ where: { id: d.sanctionId } });
    expect(s.status).toBe('ANNULLED');
    const last = await t.db.certificateEvent.findFirstOrThrow({
      where: { sanctionId: d.sanctionId, type: 'REINSTATE' },
    });
    expect(last.article).toBe('第三十二条');
  });

  it('第三十二条: a 收缴 varied to 暂扣 suspends from the original delivery and is reinstated at its end; the ban is lifted', async () => {
    const d = await decision('330100-2024-00015', 'REVOCATION');
    const variedTermEndsAt = fixedTermEnd(new Date(d.deliveredAt!), SUSPENSION_TERM).toISOString();
    await withWorker(env, t.db, async () => {
      const h = await start(d);
      await h.executeUpdate(decisionApplied);
      expect(await certStatus(d.certificateId)).toBe('REVOKED');
      await h.executeUpdate(fileReview, {
        args: [{ reason: '处罚过重', dueAt: new Date().toISOString(), actor: { ...officer, role: 'AGENCY_ADMIN' } }],
      });
      await h.executeUpdate(decideReview, {
        args: [{ outcome: 'VARIED', comment: '变更为暂扣', variedTermEndsAt, actor: decider }],
      });
      expect(await certStatus(d.certificateId)).toBe('SUSPENDED');
      expect((await h.result()).phase).toBe('ENDED');
    });
    expect(await certStatus(d.certificateId)).toBe('ACTIVE');
    const s = await t.db.sanction.findUniqueOrThrow({ where: { id: d.sanctionId } });
    expect(s).toMatchObject({ type: 'SUSPENSION', variedFromType: 'REVOCATION', banEndsAt: null, status: 'ENDED' });
    const reinstated = await t.db.certificateEvent.findFirstOrThrow({
      where: { sanctionId: d.sanctionId, type: 'REINSTATE' },
    });
    expect(reinstated.occurredAt.toISOString()).toBe(variedTermEndsAt);
  });

  it('送达: a decision without delivery changes nothing until the delivery is recorded', async () => {
    const cert = await t.db.certificate.create({
      data: {
        number: 'TEST-DELIVERY-1',
        officerId: (await t.db.officer.findFirstOrThrow()).id,
        organisationId: decider.organisationId,
        issuedOn: new Date('2025-01-01T00:00:00Z'),
      },
    });
    const d = await decision(cert.number, 'SUSPENSION', { delivered: false });
    await withWorker(env, t.db, async () => {
      const h = await start(d);
      expect((await h.executeUpdate(decisionApplied)).phase).toBe('PENDING_DELIVERY');
      expect(await certStatus(cert.id)).toBe('ACTIVE');
      expect((await t.db.sanction.findUniqueOrThrow({ where: { id: d.sanctionId } })).status).toBe('PENDING_DELIVERY');
      const now = new Date(Number(await env.currentTimeMs()));
      const delivered = await h.executeUpdate(deliver, {
        args: [
          {
            deliveredAt: now.toISOString(),
            termEndsAt: fixedTermEnd(now, SUSPENSION_TERM).toISOString(),
            reviewDeadline: new Date(now.getTime() + 10 * DAY).toISOString(),
            actor: decider,
          },
        ],
      });
      expect(delivered.phase).toBe('IN_EFFECT');
      expect(await certStatus(cert.id)).toBe('SUSPENDED');
      await h.terminate('test done');
    });
  });

  it('第三十二条: annulling a 收缴 while an earlier 暂扣 is still within its term returns the card to SUSPENDED, not ACTIVE', async () => {
    const cert = await t.db.certificate.create({
      data: {
        number: 'TEST-TWO-SANCTIONS',
        officerId: (await t.db.officer.findFirstOrThrow()).id,
        organisationId: decider.organisationId,
        issuedOn: new Date('2025-01-01T00:00:00Z'),
      },
    });
    const s1 = await decision(cert.number, 'SUSPENSION');
    const r = await decision(cert.number, 'REVOCATION');
    await withWorker(env, t.db, async () => {
      const h1 = await start(s1);
      await h1.executeUpdate(decisionApplied);
      const h2 = await start(r);
      await h2.executeUpdate(decisionApplied);
      expect(await certStatus(cert.id)).toBe('REVOKED');
      await h2.executeUpdate(fileReview, {
        args: [{ reason: '收缴过重', dueAt: new Date().toISOString(), actor: officer }],
      });
      await h2.executeUpdate(decideReview, { args: [{ outcome: 'ANNULLED', comment: '撤销收缴', actor: decider }] });
      expect(await certStatus(cert.id)).toBe('SUSPENDED'); // the 暂扣 still runs
      expect((await h1.result()).phase).toBe('ENDED');
    });
    expect(await certStatus(cert.id)).toBe('ACTIVE');
  });

  it('第三十二条: a 复核 not decided by its service time is escalated to the deciding organ, once', async () => {
    const cert = await t.db.certificate.create({
      data: {
        number: 'TEST-REVIEW-DUE',
        officerId: (await t.db.officer.findFirstOrThrow()).id,
        organisationId: decider.organisationId,
        issuedOn: new Date('2025-01-01T00:00:00Z'),
      },
    });
    const d = await decision(cert.number, 'REVOCATION');
    await withWorker(env, t.db, async () => {
      const h = await start(d);
      await h.executeUpdate(decisionApplied);
      const dueAt = new Date(Number(await env.currentTimeMs()) + 5 * DAY).toISOString();
      await h.executeUpdate(fileReview, { args: [{ reason: '请求复核', dueAt, actor: officer }] });
      await env.sleep(5 * DAY + 60_000);
      let overdue = null;
      for (let i = 0; i < 100 && !overdue; i++) {
        overdue = await t.db.notification.findFirst({
          where: { kind: 'REVIEW_OVERDUE', link: `/sanctions/${d.sanctionId}` },
        });
        if (!overdue) await new Promise((r) => setTimeout(r, 50));
      }
      expect(overdue?.createdAt.toISOString()).toBe(dueAt);
      await h.executeUpdate(decideReview, { args: [{ outcome: 'UPHELD', comment: '维持', actor: decider }] });
      expect((await h.result()).phase).toBe('IN_EFFECT');
    });
    expect(
      await t.db.notification.count({ where: { kind: 'REVIEW_OVERDUE', link: `/sanctions/${d.sanctionId}` } }),
    ).toBe(1);
  });
});
