// The exam session workflow (第六条) on the time-skipping server with real activities: registration
// is open until the stored closing instant; the durable timer closes the list (agencies told), a
// registration after it is refused; the results import ends the workflow.
import type { ActorRef } from '../../domain/contracts/actor';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examActivities } from '../../activities/exams';
import { examSessionWorkflowId } from '../../domain/exam-registration';
import { decide, examSessionWorkflow, importResults, published, register } from '../../workflows/exam-session';
import { freshDatabase, type TestDatabase } from '../support/database';
import { examCandidate } from '../support/exam-session';
import { seededActor } from '../support/seeded-actor';
import { TASK_QUEUE, timeSkippingEnv, withWorker } from '../support/time-skipping';

let env: TestWorkflowEnvironment;
let t: TestDatabase;
let agency: ActorRef;
let bureau: ActorRef;
const DAY = 86_400_000;

const actor = (username: string, role: string): Promise<ActorRef> => seededActor(t.db, username, role);

beforeAll(async () => {
  [env, t] = await Promise.all([timeSkippingEnv(), freshDatabase()]);
  agency = await actor('agency_admin', 'AGENCY_ADMIN');
  bureau = await actor('district_reviewer', 'DISTRICT_REVIEWER');
});
afterAll(async () => {
  await env?.teardown();
  await t?.drop();
});

let seq = 700;
const officerWithMaterial = () => examCandidate(t.db, agency, `考生${seq}`, seq++);

/** A session of 西湖区司法局 closing `closesInMs` after the test server's now, as the API publishes it. */
async function session(closesInMs: number) {
  const now = Number(await env.currentTimeMs());
  const closesAt = new Date(now + closesInMs);
  const s = await t.db.examSession.create({
    data: {
      bureauId: bureau.organisationId,
      examType: 'COMPREHENSIVE',
      examDate: new Date(closesAt.toISOString().slice(0, 10) + 'T00:00:00Z'),
      place: '西湖区考点',
      capacity: 5,
      registrationDeadline: new Date(closesAt.toISOString().slice(0, 10) + 'T00:00:00Z'),
      registrationClosesAt: closesAt,
      workflowId: `pending-${seq++}`,
      createdById: bureau.userId,
    },
  });
  const workflowId = examSessionWorkflowId(s.id);
  await t.db.examSession.update({ where: { id: s.id }, data: { workflowId } });
  const h = await env.client.workflow.start(examSessionWorkflow, {
    workflowId,
    taskQueue: TASK_QUEUE,
    args: [{ sessionId: s.id, bureauId: bureau.organisationId, closesAt: closesAt.toISOString() }],
  });
  await h.executeUpdate(published);
  return { s, h };
}

const refusalOf = (err: unknown) => {
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  return (err as { cause: { details: unknown[] } }).cause.details[0];
};

describe('exam session workflow (time-skipping server)', () => {
  it('第六条: the registration deadline closes the list (a durable timer); a registration after it is refused; results only once every registration is decided, and no decision after them', async () => {
    await withWorker(env, t.db, async () => {
      const { s, h } = await session(3 * DAY);
      const first = await officerWithMaterial();
      const reg = await h.executeUpdate(register, { args: [{ actor: agency, ...first }] });
      expect((await t.db.examRegistration.findUniqueOrThrow({ where: { id: reg.registrationId } })).status).toBe(
        'SUBMITTED',
      );
      await h.executeUpdate(decide, { args: [{ actor: bureau, registrationId: reg.registrationId, confirm: true }] });
      // Left to decide: a confirmation racing the results import must not land after it.
      const pending = await h.executeUpdate(register, { args: [{ actor: agency, ...(await officerWithMaterial()) }] });

      // Results before the list closed: refused.
      const early = await h
        .executeUpdate(importResults, { args: [{ actor: bureau, fileName: 'x.csv', results: [] }] })
        .catch((e: unknown) => e);
      expect(refusalOf(early)).toMatchObject({ code: 'REGISTRATION_STILL_OPEN', article: '第六条' });

      await env.sleep(3 * DAY + 60_000);
      const closed = await t.db.examSession.findUniqueOrThrow({ where: { id: s.id } });
      expect(closed.status).toBe('CLOSED');
      expect(
        await t.db.notification.count({
          where: { kind: 'EXAM_REGISTRATION_CLOSED', recipientOrgId: agency.organisationId },
        }),
      ).toBe(1);

      const late = await h
        .executeUpdate(register, { args: [{ actor: agency, ...(await officerWithMaterial()) }] })
        .catch((e: unknown) => e);
      expect(refusalOf(late)).toMatchObject({ code: 'REGISTRATION_CLOSED', article: '第六条', status: 409 });

      // Another bureau's reviewer cannot import (403); the organising bureau's import ends the workflow.
      const stranger = await actor('district_reviewer_shangcheng', 'DISTRICT_REVIEWER');
      const wrong = await h
        .executeUpdate(importResults, { args: [{ actor: stranger, fileName: 'x.csv', results: [] }] })
        .catch((e: unknown) => e);
      expect(refusalOf(wrong)).toMatchObject({ code: 'OUT_OF_SCOPE', status: 403 });
      const results = [{ registrationId: reg.registrationId, passed: true, score: 90 }];
      // 第六条: every registration is decided before the results — none stays 待确认 for ever.
      const undecided = await h
        .executeUpdate(importResults, { args: [{ actor: bureau, fileName: '成绩.csv', results }] })
        .catch((e: unknown) => e);
      expect(refusalOf(undecided)).toMatchObject({ code: 'REGISTRATIONS_UNDECIDED', article: '第六条', status: 409 });
      expect(await t.db.examResult.count({ where: { registrationId: reg.registrationId } })).toBe(0);
      await h.executeUpdate(decide, {
        args: [{ actor: bureau, registrationId: pending.registrationId, confirm: false, reason: '材料不全' }],
      });
      await h.executeUpdate(importResults, {
        updateId: `import-${s.id}`,
        args: [
          {
            actor: bureau,
            fileName: '成绩.csv',
            results: [{ registrationId: reg.registrationId, passed: true, score: 90 }],
          },
        ],
      });
      const state = await h.result();
      expect(state.status).toBe('RESULTS_IMPORTED');
      const result = await t.db.examResult.findUniqueOrThrow({ where: { registrationId: reg.registrationId } });
      expect(result).toMatchObject({ officerId: first.officerId, type: 'COMPREHENSIVE', passed: true, score: 90 });

      const acts = examActivities(t.db);
      const step = { sessionId: s.id, actor: bureau, at: new Date(Number(await env.currentTimeMs())).toISOString() };
      // 第六条: the import's step retried (its answer lost) answers as its first attempt, writing nothing more.
      const retried = await acts.importExamResults({
        ...step,
        key: `import-${s.id}`,
        fileName: '成绩.csv',
        results: [{ registrationId: reg.registrationId, passed: true, score: 90 }],
      });
      expect(retried).toEqual({ imported: 1, status: 'RESULTS_IMPORTED' });
      expect(await t.db.examResult.count({ where: { registrationId: reg.registrationId } })).toBe(1);
      // 第六条: a decision that reaches the session after the results (it raced the import) is refused as such.
      await expect(
        acts.decideExamRegistration({
          ...step,
          key: 'late-decision',
          registrationId: pending.registrationId,
          confirm: true,
        }),
      ).rejects.toMatchObject({ code: 'RESULTS_IMPORTED', article: '第六条' });
      expect((await t.db.examRegistration.findUniqueOrThrow({ where: { id: pending.registrationId } })).status).toBe(
        'REFUSED',
      );
    });
  });

  it('第六条: no registration for a session whose organising bureau has been deactivated (no one would confirm it)', async () => {
    await withWorker(env, t.db, async () => {
      const { h } = await session(3 * DAY);
      const candidate = await officerWithMaterial();
      await t.db.organisation.update({ where: { id: bureau.organisationId }, data: { active: false } });
      try {
        const refused = await h
          .executeUpdate(register, { args: [{ actor: agency, ...candidate }] })
          .catch((e: unknown) => e);
        expect(refusalOf(refused)).toMatchObject({ code: 'SESSION_BUREAU_INACTIVE', article: '第六条', status: 409 });
        expect(await t.db.examRegistration.count({ where: { officerId: candidate.officerId } })).toBe(0);
      } finally {
        await t.db.organisation.update({ where: { id: bureau.organisationId }, data: { active: true } });
      }
      await h.terminate('test over');
    });
  });
});
