// An exam session whose registration list closes a few seconds from now (第六条), published as the API
// publishes one (the row, then its workflow by update-with-start) — the API's own closes at 24:00 of
// a day not before today, which a test cannot wait for. The workflow and its timer are the real ones.
import { WithStartWorkflowOperation } from '@temporalio/client';
import { examSessionWorkflowId } from '../../domain/exam-registration';
import { localDateOf } from '../../domain/time';
import { examSessionWorkflow, published } from '../../workflows/exam-session';
import type { Db } from '../../infra/db';
import { demoIdNumber } from '../../prisma/seed';
import type { TestStack } from './stack';

export async function sessionClosingSoon(s: TestStack, ms: number, capacity = 10) {
  const db = s.t.db;
  const bureau = await db.organisation.findUniqueOrThrow({ where: { name: '杭州市西湖区司法局' } });
  const user = await db.user.findUniqueOrThrow({ where: { username: 'district_reviewer' } });
  const closesAt = new Date(Date.now() + ms);
  const day = new Date(`${localDateOf(new Date())}T00:00:00Z`);
  const session = await db.examSession.create({
    data: {
      bureauId: bureau.id,
      examType: 'COMPREHENSIVE',
      examDate: day,
      place: '西湖区考点',
      capacity,
      registrationDeadline: day,
      registrationClosesAt: closesAt,
      workflowId: 'pending',
      createdById: user.id,
    },
  });
  const workflowId = examSessionWorkflowId(session.id);
  await db.examSession.update({ where: { id: session.id }, data: { workflowId } });
  await s.temporal.workflow.executeUpdateWithStart(published, {
    startWorkflowOperation: new WithStartWorkflowOperation(examSessionWorkflow, {
      workflowId,
      taskQueue: s.config.TEMPORAL_TASK_QUEUE,
      workflowIdConflictPolicy: 'USE_EXISTING',
      args: [{ sessionId: session.id, bureauId: bureau.id, closesAt: closesAt.toISOString() }],
    }),
  });
  return session;
}

/** Waits (up to a minute) until the session's list has closed. */
export async function untilClosed(s: TestStack, sessionId: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const row = await s.t.db.examSession.findUniqueOrThrow({ where: { id: sessionId } });
    if (row.status !== 'OPEN') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the registration list did not close');
}

/** A new 在编 officer of the agency of `by` (an agency admin) and one material of theirs: what a registration names. */
export async function examCandidate(db: Db, by: { userId: string; organisationId: string }, name: string, seq: number) {
  const officer = await db.officer.create({
    data: {
      name,
      idNumber: demoIdNumber('1994-02-03', seq),
      birthDate: new Date('1994-02-03T00:00:00Z'),
      organisationId: by.organisationId,
    },
  });
  const material = await db.attachment.create({
    data: {
      organisationId: by.organisationId,
      fileName: '报名表.pdf',
      contentType: 'application/pdf',
      size: 4,
      sha256: '0'.repeat(64),
      data: Buffer.from('%PDF'),
      uploadedById: by.userId,
    },
  });
  return { officerId: officer.id, attachmentIds: [material.id] };
}
