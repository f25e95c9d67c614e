// A step the process owes (第三十条: the reinstatement at the end of a suspension) that keeps failing
// is parked on a durable timer and tried again, listed for the operators meanwhile — never skipped,
// never retried in a tight loop (README "Failures"). Its own time-skipping server: the skipping
// clock must not be shared with tests whose Updates fail.
import crypto from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SanctionDecision } from '../../domain/contracts/sanction';
import { fixedTermEnd } from '../../domain/time';
import { SUSPENSION_TERM } from '../../domain/sanction';
import { decisionApplied, fileReview, sanctionWorkflow } from '../../workflows/sanction';
import { databaseFault, freshDatabase, SERIALIZATION_FAILURE, type TestDatabase } from '../support/database';
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

/** A 30-day suspension of `number` delivered now (第三十条), by the city bureau's sanction officer. */
async function suspensionOf(number: string): Promise<{ d: SanctionDecision; certId: string }> {
  const cert = await t.db.certificate.findUniqueOrThrow({ where: { number } });
  const officer = await t.db.user.findUniqueOrThrow({ where: { username: 'sanction_officer' } });
  const deliveredAt = new Date(Number(await env.currentTimeMs()));
  const sanctionId = crypto.randomUUID();
  const d: SanctionDecision = {
    sanctionId,
    workflowId: `sanction-${sanctionId}`,
    certificateId: cert.id,
    type: 'SUSPENSION',
    grounds: [1],
    facts: '玩忽职守',
    decidedById: officer.id,
    decidedAt: deliveredAt.toISOString(),
    decidingOrgId: officer.organisationId,
    deliveredAt: deliveredAt.toISOString(),
    termEndsAt: fixedTermEnd(deliveredAt, SUSPENSION_TERM).toISOString(),
  };
  return { d, certId: cert.id };
}

describe('a parked step (time-skipping server, real PostgreSQL)', () => {
  it('第三十条: a reinstatement that keeps failing is parked (listed for the operators), never skipped, and done once the database accepts it', async () => {
    const { d, certId } = await suspensionOf('330106-2023-00001');
    const sanctionId = d.sanctionId;
    // The database refuses the reinstatement as a serialization failure (40001), as under heavy contention.
    const accept = await databaseFault(t.db, {
      name: 'refuse_reinstatement',
      table: 'Certificate',
      body: `IF OLD.status = 'SUSPENDED' AND NEW.status = 'ACTIVE' THEN ${SERIALIZATION_FAILURE}; END IF; RETURN NEW;`,
    });
    await withWorker(env, t.db, async () => {
      const h = await env.client.workflow.start(sanctionWorkflow, {
        workflowId: d.workflowId,
        taskQueue: TASK_QUEUE,
        args: [d],
      });
      expect((await h.executeUpdate(decisionApplied)).phase).toBe('IN_EFFECT');
      // Past the term: the reinstatement runs its five attempts, fails, and is parked.
      await env.sleep(Date.parse(d.termEndsAt!) - Number(await env.currentTimeMs()) + 30_000);
      await expect
        .poll(() => t.db.activityTrouble.findFirst({ where: { workflowId: d.workflowId } }), {
          timeout: 30_000,
          interval: 500,
        })
        .toMatchObject({
          activityType: 'endSuspension',
          errorKind: 'transient',
          attempts: 5,
          exhausted: true,
        });
      expect((await h.describe()).status.name).toBe('RUNNING');
      expect((await t.db.certificate.findUniqueOrThrow({ where: { id: certId } })).status).toBe('SUSPENDED');

      await accept();
      expect((await h.result()).phase).toBe('ENDED'); // the parked step's timer passes; the retry succeeds
    });
    expect((await t.db.certificate.findUniqueOrThrow({ where: { id: certId } })).status).toBe('ACTIVE');
    expect(await t.db.activityTrouble.count({ where: { workflowId: d.workflowId } })).toBe(0);
    const reinstated = await t.db.certificateEvent.findMany({ where: { sanctionId, type: 'REINSTATE' } });
    expect(reinstated.map((e) => e.occurredAt.toISOString())).toEqual([d.termEndsAt]); // at the stored instant, once
  });

  it('第三十条: a refusal worth retrying (the certificate changed concurrently) that outlasts its attempts is parked too — before, it failed the sanction with the certificate still suspended', async () => {
    const { d, certId } = await suspensionOf('330106-2023-00002');
    // Every compare-and-set of the reinstatement loses (the trigger skips the row): the activity refuses
    // with CERTIFICATE_CHANGED_CONCURRENTLY, which is retryable.
    const accept = await databaseFault(t.db, {
      name: 'skip_reinstatement',
      table: 'Certificate',
      body: `IF OLD.status = 'SUSPENDED' AND NEW.status = 'ACTIVE' THEN RETURN NULL; END IF; RETURN NEW;`,
    });
    await withWorker(env, t.db, async () => {
      const h = await env.client.workflow.start(sanctionWorkflow, {
        workflowId: d.workflowId,
        taskQueue: TASK_QUEUE,
        args: [d],
      });
      expect((await h.executeUpdate(decisionApplied)).phase).toBe('IN_EFFECT');
      await env.sleep(Date.parse(d.termEndsAt!) - Number(await env.currentTimeMs()) + 30_000);
      await expect
        .poll(() => t.db.activityTrouble.findFirst({ where: { workflowId: d.workflowId } }), {
          timeout: 30_000,
          interval: 500,
        })
        .toMatchObject({ activityType: 'endSuspension', exhausted: true });
      expect((await h.describe()).status.name).toBe('RUNNING');
      await accept();
      expect((await h.result()).phase).toBe('ENDED');
    });
    expect((await t.db.certificate.findUniqueOrThrow({ where: { id: certId } })).status).toBe('ACTIVE');
  });

  it('第三十条 / 第三十二条: a 复核 escalation that keeps failing is tried again later and never holds up the end of the term', async () => {
    const { d, certId } = await suspensionOf('330102-2022-00007');
    const holder = await t.db.user.findUniqueOrThrow({ where: { username: 'officer' } });
    // The escalation's notice cannot be written (a serialization failure, 40001), for as long as the trigger stands.
    const accept = await databaseFault(t.db, {
      name: 'refuse_overdue_notice',
      table: 'Notification',
      on: 'INSERT',
      body: `IF NEW.kind = 'REVIEW_OVERDUE' THEN ${SERIALIZATION_FAILURE}; END IF; RETURN NEW;`,
    });
    await withWorker(env, t.db, async () => {
      const h = await env.client.workflow.start(sanctionWorkflow, {
        workflowId: d.workflowId,
        taskQueue: TASK_QUEUE,
        args: [d],
      });
      expect((await h.executeUpdate(decisionApplied)).phase).toBe('IN_EFFECT');
      // 复核 filed at once, due three hours before the term ends: its escalation fails (and is tried
      // again, 1, 2, 4 … minutes apart) right up to the term's end.
      const now = Number(await env.currentTimeMs());
      const dueAt = new Date(Date.parse(d.termEndsAt!) - 3 * 3_600_000).toISOString();
      await h.executeUpdate(fileReview, {
        args: [
          {
            reason: '事实认定有误',
            dueAt,
            actor: { userId: holder.id, organisationId: holder.organisationId, role: 'OFFICER' },
          },
        ],
      });
      await env.sleep(Date.parse(d.termEndsAt!) - now + 60_000);
      // Reinstated at the stored instant although the escalation has failed again and again meanwhile.
      await expect
        .poll(() => t.db.certificate.findUniqueOrThrow({ where: { id: certId } }).then((c) => c.status), {
          timeout: 30_000,
          interval: 500,
        })
        .toBe('ACTIVE');
      expect(
        (
          await t.db.certificateEvent.findFirstOrThrow({ where: { sanctionId: d.sanctionId, type: 'REINSTATE' } })
        ).occurredAt.toISOString(),
      ).toBe(d.termEndsAt);
      expect(
        await t.db.notification.count({ where: { kind: 'REVIEW_OVERDUE', link: `/sanctions/${d.sanctionId}` } }),
      ).toBe(0);
      // Once the notice can be written, the escalation comes (at its next try, within the hour).
      await accept();
      await env.sleep(3_600_000);
      await expect
        .poll(
          () => t.db.notification.count({ where: { kind: 'REVIEW_OVERDUE', link: `/sanctions/${d.sanctionId}` } }),
          { timeout: 30_000, interval: 500 },
        )
        .toBe(1);
      await h.terminate();
    });
  });
});
