// Fault: duplicated and racing requests — a client (or a proxy) that retries before the first answer
// came, and two reviewers of one bureau deciding the same task in the same instant (第七条).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '../../generated/prisma/client';
import { examPassedOfficers } from '../../prisma/fixtures';
import {
  approveCurrent,
  chainOutcome,
  completedOnce,
  mapLimit,
  openTaskOf,
  submitAll,
  tokensFor,
} from '../support/review-flow';
import { startTestStack, type TestStack } from '../support/stack';

let s: TestStack;
let tokens: Record<string, string>;

beforeAll(async () => {
  s = await startTestStack();
  tokens = await tokensFor(s);
});
afterAll(async () => {
  await s?.stop();
});

const times = <T>(n: number, fn: () => Promise<T>) => Promise.all(Array.from({ length: n }, fn));

describe('fault: duplicate and racing requests', () => {
  it('第六条: the same submission sent 20 times at once with one Idempotency-Key → one application, one workflow, one audit row; every answer names it', async () => {
    const [officerId] = await examPassedOfficers(s.t.db, 1, 'DUPSUBMIT');
    const answers = await times(20, () =>
      s.call('POST', '/api/applications', {
        token: tokens.agency_admin,
        body: { officerId, kind: 'INITIAL' },
        headers: { 'Idempotency-Key': 'dup-submit-0001' },
      }),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    const apps = await s.t.db.application.findMany({ where: { officerId } });
    expect(apps).toHaveLength(1);
    expect(await s.t.db.auditLog.count({ where: { targetId: apps[0].id, action: 'application.submit' } })).toBe(1);
    // The workflow opens the first task after the submission is durable (the 201): once, whatever the duplicates.
    await openTaskOf(s.t.db, apps[0].id);
    expect(await s.t.db.reviewTask.count({ where: { applicationId: apps[0].id } })).toBe(1);
  });

  it('第七条: the same decision sent 20 times at once with one Idempotency-Key → decided once (one event, one audit row, one next task); every answer is the same 200', async () => {
    const [id] = await submitAll(s, tokens.agency_admin, await examPassedOfficers(s.t.db, 1, 'DUPDECIDE'));
    const task = await openTaskOf(s.t.db, id);
    const answers = await times(20, () =>
      s.call('POST', `/api/review-tasks/${task.id}/decision`, {
        token: tokens.district_reviewer,
        body: { decision: 'APPROVE' },
        headers: { 'Idempotency-Key': 'dup-decide-0001' },
      }),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(await s.t.db.applicationEvent.count({ where: { applicationId: id, type: 'DECISION_APPROVE' } })).toBe(1);
    expect(await s.t.db.auditLog.count({ where: { targetId: id, action: 'application.decision.approve' } })).toBe(1);
    expect((await openTaskOf(s.t.db, id)).level).toBe('CITY'); // the workflow moved on, once
    expect(
      await s.t.db.reviewTask.findMany({
        where: { applicationId: id },
        select: { level: true, status: true },
        orderBy: { createdAt: 'asc' },
      }),
    ).toEqual([
      { level: 'DISTRICT', status: 'DONE' },
      { level: 'CITY', status: 'OPEN' },
    ]);
  });

  it('第七条: two province reviewers approve the same final task at once, on 5 applications → one wins (200), the other gets 409, one certificate each', async () => {
    const province = await s.t.db.organisation.findFirstOrThrow({
      where: { type: 'JUSTICE_BUREAU', level: 'PROVINCE' },
    });
    const colleague = await s.t.db.user.create({
      data: {
        username: 'province_reviewer_2',
        displayName: '省厅审核员二',
        roles: ['PROVINCE_REVIEWER'],
        organisationId: province.id,
      },
    });
    const colleagueToken = await s.token(colleague.username);
    const apps = await submitAll(s, tokens.agency_admin, await examPassedOfficers(s.t.db, 5, 'RACE'));
    await mapLimit(apps, 5, async (id) => {
      for (let level = 0; level < 2; level++) expect((await approveCurrent(s, tokens, id)).status).toBe(200);
    });
    for (const id of apps) {
      const task = await openTaskOf(s.t.db, id);
      expect(task.level).toBe('PROVINCE');
      const [a, b] = await Promise.all(
        [tokens.province_reviewer, colleagueToken].map((token) =>
          s.call('POST', `/api/review-tasks/${task.id}/decision`, { token, body: { decision: 'APPROVE' } }),
        ),
      );
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      // The loser is told the task is decided — or, when it comes after the 核准 closed the process,
      // that the process is closed: either way one 409 and nothing written.
      expect(['TASK_ALREADY_DECIDED', 'TASK_NOT_CURRENT', 'PROCESS_CLOSED']).toContain(
        (a.status === 409 ? a : b).body.code,
      );
      expect((a.status === 200 ? a : b).body.certificateNumber).toMatch(/^330106/);
    }
    expect(await chainOutcome(s.t.db, apps)).toEqual(completedOnce(apps.length));
  });

  it('第七条: the API dies after the final 核准 was durable but before it stored its answer; the retry with the key (workflow closed by then) gets the same 200 and certificate, nothing twice', async () => {
    const [id] = await submitAll(s, tokens.agency_admin, await examPassedOfficers(s.t.db, 1, 'LOSTANSWER'));
    for (let level = 0; level < 2; level++) expect((await approveCurrent(s, tokens, id)).status).toBe(200);
    const task = await openTaskOf(s.t.db, id);
    const send = () =>
      s.call('POST', `/api/review-tasks/${task.id}/decision`, {
        token: tokens.province_reviewer,
        body: { decision: 'APPROVE' },
        headers: { 'Idempotency-Key': 'lost-answer-0001' },
      });
    const first = await send();
    expect(first.status).toBe(200);
    expect((await s.temporal.workflow.getHandle(`application-${id}`).result()).phase).toBe('ISSUED');
    // What a crash between the effect and storing the answer leaves behind: the claim, without an answer.
    await s.t.db.idempotencyRecord.updateMany({
      where: { key: { endsWith: ':lost-answer-0001' } },
      data: { responseStatus: null, responseBody: Prisma.DbNull },
    });
    const retried = await send();
    expect([retried.status, retried.body]).toEqual([200, first.body]);
    expect(await chainOutcome(s.t.db, [id])).toEqual(completedOnce(1));
  });
});
