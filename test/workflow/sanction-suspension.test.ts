import crypto from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SanctionDecision } from '../../domain/contracts/sanction';
import { changeCertificateStatus } from '../../store/certificate-store';
import { fixedTermEnd } from '../../domain/time';
import { SUSPENSION_TERM } from '../../domain/sanction';
import { decisionApplied, sanctionWorkflow } from '../../workflows/sanction';
import { freshDatabase, type TestDatabase } from '../support/database';
import { TASK_QUEUE, timeSkippingEnv, withWorker } from '../support/time-skipping';

let env: TestWorkflowEnvironment;
let t: TestDatabase;

beforeAll(async () => {
  [env, t] = await Promise.all([timeSkippingEnv(), freshDatabase()]);
});
afterAll(async () => {
  await env?.teardown();
  await t?.drop();
});

async function suspension(certNumber: string): Promise<SanctionDecision> {
  const cert = await t.db.certificate.findUniqueOrThrow({ where: { number: certNumber } });
  const officer = await t.db.user.findUniqueOrThrow({ where: { username: 'sanction_officer' } });
  const deliveredAt = new Date(Number(await env.currentTimeMs()));
  const sanctionId = crypto.randomUUID();
  return {
    sanctionId,
    workflowId: `sanction-${sanctionId}`,
    certificateId: cert.id,
    type: 'SUSPENSION',
    grounds: [1],
    facts: '玩忽职守，未按规定出示证件',
    decidedById: officer.id,
    decidedAt: deliveredAt.toISOString(),
    deliveredAt: deliveredAt.toISOString(),
    termEndsAt: fixedTermEnd(deliveredAt, SUSPENSION_TERM).toISOString(),
  };
}

const start = (d: SanctionDecision) =>
  env.client.workflow.start(sanctionWorkflow, { workflowId: d.workflowId, taskQueue: TASK_QUEUE, args: [d] });

describe('sanction workflow: 30-day suspension (time-skipping server)', () => {
  it('第三十条: suspends at delivery and reinstates automatically when the 30-day term ends', async () => {
    const d = await suspension('330106-2023-00001');
    await withWorker(env, t.db, async () => {
      const handle = await start(d);
      const applied = await handle.executeUpdate(decisionApplied);
      expect(applied.phase).toBe('IN_EFFECT');
      expect((await t.db.certificate.findUniqueOrThrow({ where: { id: d.certificateId } })).status).toBe('SUSPENDED');

      const result = await handle.result(); // the server skips the 30 days
      expect(result.phase).toBe('ENDED');
    });
    const cert = await t.db.certificate.findUniqueOrThrow({ where: { id: d.certificateId } });
    expect(cert.status).toBe('ACTIVE');
    const events = await t.db.certificateEvent.findMany({
      where: { sanctionId: d.sanctionId },
      orderBy: { occurredAt: 'asc' },
    });
    expect(events.map((e) => [e.type, e.toStatus, e.article])).toEqual([
      ['SUSPEND', 'SUSPENDED', '第二十九条'],
      ['REINSTATE', 'ACTIVE', '第三十条'],
    ]);
    expect(events[1].occurredAt.toISOString()).toBe(d.termEndsAt);
    const sanction = await t.db.sanction.findUniqueOrThrow({ where: { id: d.sanctionId } });
    expect(sanction.status).toBe('ENDED');
    expect(await t.db.auditLog.count({ where: { targetId: d.certificateId, action: 'certificate.reinstate' } })).toBe(
      1,
    );
  });

  it('第三十条: a certificate revoked during the term is not reinstated, and the reason is recorded', async () => {
    const d = await suspension('330106-2023-00002');
    await withWorker(env, t.db, async () => {
      const handle = await start(d);
      await handle.executeUpdate(decisionApplied);
      await t.db.$transaction((tx) =>
        changeCertificateStatus(tx, {
          certificateId: d.certificateId,
          action: 'REVOKE',
          reason: '收缴',
          actorId: null,
          at: new Date(),
        }),
      );
      const result = await handle.result();
      expect(result.outcome?.endNote).toBe('暂扣期满，但证件已收缴，不予恢复');
    });
    expect((await t.db.certificate.findUniqueOrThrow({ where: { id: d.certificateId } })).status).toBe('REVOKED');
    expect((await t.db.sanction.findUniqueOrThrow({ where: { id: d.sanctionId } })).endNote).toContain('不予恢复');
  });

  it('第二十九条: a second suspension of a suspended certificate is refused and changes nothing', async () => {
    const first = await suspension('330102-2022-00007');
    await withWorker(env, t.db, async () => {
      await (await start(first)).executeUpdate(decisionApplied);
      const second = await suspension('330102-2022-00007');
      const err = await (await start(second)).executeUpdate(decisionApplied).catch((e) => e);
      expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
      expect(err.cause.details[0]).toMatchObject({ code: 'CERTIFICATE_TRANSITION_REFUSED', article: '第二十九条' });
      expect(await t.db.sanction.count({ where: { id: second.sanctionId } })).toBe(0);
    });
  });
});
