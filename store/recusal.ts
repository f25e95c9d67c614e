// 第二十条 回避: records a declared conflict of interest and decides where the case's task goes — the
// one place for both processes (a review task, a complaint). The process's activity moves its task
// as told and writes its own timeline event, in the same transaction.
import type { ActorRef } from '../domain/contracts/actor';
import type { HandOver } from '../domain/contracts/recusal';
import { RuleViolation } from '../domain/errors';
import { leastLoaded, RECUSAL_ARTICLE, supervisingOrgan, type OrganPlace, type RecusalCase } from '../domain/recusal';
import type { Role } from '../domain/roles';
import type { Prisma } from '../infra/db';
import { writeAudit } from './audit';

type Tx = Prisma.TransactionClient;

const NO_SUBSTITUTE = new RuleViolation({
  code: 'RECUSAL_NO_SUBSTITUTE',
  title: '本机关已无其他人员可以办理，且没有可以移交的上级机关，请先增设办理人员',
  detail: 'nobody else of the organ may act on the case, and no organ over it takes it over',
  article: RECUSAL_ARTICLE,
});

/**
 * Records `actor`'s declared conflict on a case held by `organ` and says where its task goes: to the
 * least loaded colleague (with `role`, active, not recused, not the officer concerned) when the
 * declarer held it, to nobody in particular when the organ held it, or — with no colleague left — to
 * the organ over it (domain/recusal.ts). Null when this declaration was recorded already (a retried
 * step): its effects are in place. Refused when there is nobody to take the case over.
 */
export async function declareRecusal(
  tx: Tx,
  i: {
    case: RecusalCase;
    actor: ActorRef;
    reason: string;
    requestId?: string;
    organ: OrganPlace & { id: string };
    role: Role;
    subjectOfficerIds: string[];
    /** Who holds the task now (its assignee, or the complaint's investigator). */
    holderId: string | null;
  },
): Promise<HandOver | null> {
  const already = await tx.recusal.findFirst({ where: { userId: i.actor.userId, ...i.case } });
  if (already) return null;
  const declared = await tx.recusal.findMany({ where: i.case, select: { userId: true } });
  const colleagues = await tx.user.findMany({
    where: {
      organisationId: i.organ.id,
      active: true,
      roles: { has: i.role },
      id: { notIn: [i.actor.userId, ...declared.map((d) => d.userId)] },
      OR: [{ officerId: null }, { officerId: { notIn: i.subjectOfficerIds } }],
    },
    select: { id: true },
  });
  let handOver: HandOver;
  if (colleagues.length > 0) {
    let colleagueId: string | null = null;
    if (i.holderId === i.actor.userId) {
      const load = await openTasksOf(tx, 'applicationId' in i.case ? 'REVIEW' : 'COMPLAINT', colleagues);
      colleagueId = leastLoaded(colleagues.map((c) => ({ id: c.id, openTasks: load.get(c.id) ?? 0 })));
    }
    handOver = { colleagueId, organ: null };
  } else {
    const place = supervisingOrgan(i.organ);
    const organ = place && (await tx.organisation.findFirst({ where: { ...place, active: true } }));
    if (!organ) throw NO_SUBSTITUTE;
    handOver = { colleagueId: null, organ: { id: organ.id, name: organ.name, level: organ.level } };
  }
  await tx.recusal.create({
    data: {
      userId: i.actor.userId,
      ...i.case,
      organisationId: i.actor.organisationId,
      reason: i.reason,
      handedToUserId: handOver.colleagueId,
      handedToOrgId: handOver.organ?.id ?? null,
    },
  });
  const [targetType, targetId] =
    'applicationId' in i.case ? ['Application', i.case.applicationId] : ['Complaint', i.case.complaintId];
  await writeAudit(tx, {
    actorId: i.actor.userId,
    actorRoles: [i.actor.role],
    action: 'recusal.declare',
    targetType,
    targetId,
    outcome: 'DONE',
    requestId: i.requestId,
    detail: { reason: i.reason, handedToUserId: handOver.colleagueId, handedToOrgId: handOver.organ?.id ?? null },
  });
  return handOver;
}

/** How many open tasks of the kind each colleague holds: the load the hand-over evens out. */
async function openTasksOf(tx: Tx, kind: 'REVIEW' | 'COMPLAINT', users: { id: string }[]) {
  const ids = users.map((u) => u.id);
  const rows =
    kind === 'REVIEW'
      ? await tx.$queryRaw<{ userId: string; n: number }[]>`
          SELECT "assigneeId" AS "userId", count(*)::int AS n FROM "ReviewTask"
          WHERE "assigneeId" = ANY(${ids}) AND status IN ('OPEN', 'WAITING_CONSULTATION') GROUP BY 1`
      : await tx.$queryRaw<{ userId: string; n: number }[]>`
          SELECT "assigneeId" AS "userId", count(*)::int AS n FROM "ComplaintTask"
          WHERE "assigneeId" = ANY(${ids}) AND status = 'OPEN' GROUP BY 1`;
  return new Map(rows.map((r) => [r.userId, r.n]));
}

/** Where an earlier declaration sent the task (a retried step answers as the first did). */
export async function recordedHandOver(tx: Tx, where: { userId: string } & RecusalCase): Promise<HandOver> {
  const r = await tx.recusal.findFirstOrThrow({ where });
  const organ = r.handedToOrgId ? await tx.organisation.findUniqueOrThrow({ where: { id: r.handedToOrgId } }) : null;
  return { colleagueId: r.handedToUserId, organ: organ && { id: organ.id, name: organ.name, level: organ.level } };
}

/** Who declared a conflict on a case (第二十条): they neither act on it nor see it in their inbox. */
export async function declaredOn(db: Pick<Tx, 'recusal'>, c: RecusalCase): Promise<string[]> {
  return (await db.recusal.findMany({ where: c, select: { userId: true } })).map((r) => r.userId);
}
