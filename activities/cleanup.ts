// The yearly clean-up's effects (第十条). Findings are computed per agency with set-based SQL (one
// statement for all kinds), inserted in the transaction that opens the agency's task. Every activity
// is idempotent: a retry finds the row its earlier attempt wrote.
import { pageOf } from '../domain/notification-links';
import { FINDING_RULES, type FindingKind } from '../domain/cleanup';
import type { AgencyCleanupResult, CleanupRunClaim, CleanupTotals } from '../domain/contracts/cleanup';
import { bureauRegion, reviewChain } from '../domain/review-chain';
import { computeOver, type CalendarSource } from '../domain/calendar';
import { actionDeadline, endOfLocalDay, lastDayInWords, startOfLocalDay } from '../domain/time';
import { YEARLY_MINIMUM_HOURS } from '../domain/training';
import type { ReviewSettings } from '../infra/config';
import type { Db, Prisma } from '../infra/db';
import { HELD_CARD, HOLDER_CONDITION, HOLDER_JOIN } from '../store/holders-sql';
import { notify } from '../store/notifications';

const CURRENT = HELD_CARD;

/** Inserts the findings of one agency for `year` under `taskId`; returns how many. */
async function insertFindings(
  tx: Prisma.TransactionClient,
  taskId: string,
  organisationId: string,
  year: number,
): Promise<number> {
  const from = `${year}-01-01`;
  const to = `${year + 1}-01-01`;
  // 第九条第二款: retention windows that end during the year the clean-up runs in.
  const retentionFrom = startOfLocalDay(`${year + 1}-01-01`);
  const retentionTo = endOfLocalDay(`${year + 1}-12-31`);
  return tx.$executeRawUnsafe(
    `
    WITH holders AS (
      SELECT DISTINCT o.id FROM "Officer" o ${HOLDER_JOIN}
      WHERE o."organisationId" = $2 AND ${HOLDER_CONDITION} AND c."issuedOn" < $4::date
    ), hours AS (
      SELECT t."officerId", SUM(t.hours) AS hours FROM "TrainingRecord" t
      WHERE t."officerId" IN (SELECT id FROM holders) AND t."takenOn" >= $3::date AND t."takenOn" < $4::date
      GROUP BY t."officerId"
    ), found AS (
      SELECT 'NOT_ON_STAFF' AS kind, o.id AS officer, c.id AS cert, jsonb_build_object('number', c.number, 'name', o.name) AS detail
      FROM "Certificate" c JOIN "Officer" o ON o.id = c."officerId"
      WHERE c."organisationId" = $2 AND c.status IN ${CURRENT} AND NOT o."onStaff"
      UNION ALL
      SELECT 'DEPARTED', o.id, c.id, jsonb_build_object('number', c.number, 'name', o.name, 'nowAt', o."organisationId")
      FROM "Certificate" c JOIN "Officer" o ON o.id = c."officerId"
      WHERE c."organisationId" = $2 AND c.status IN ${CURRENT} AND o."onStaff" AND o."organisationId" <> $2
      UNION ALL
      SELECT 'LOST_NOT_REISSUED', o.id, c.id, jsonb_build_object('number', c.number, 'name', o.name)
      FROM "Certificate" c JOIN "Officer" o ON o.id = c."officerId"
      WHERE c."organisationId" = $2 AND c.status = 'VOID' AND o."onStaff" AND o."organisationId" = $2
        AND NOT EXISTS (SELECT 1 FROM "Certificate" n WHERE n."officerId" = o.id AND n.status IN ${CURRENT})
        AND NOT EXISTS (SELECT 1 FROM "Application" a WHERE a."previousCertificateId" = c.id AND a.kind = 'REISSUE'
          AND a.status IN ('UNDER_REVIEW', 'RETURNED', 'ISSUED'))
      UNION ALL
      SELECT 'TRAINING_SHORTFALL', o.id, NULL, jsonb_build_object('name', o.name, 'hours', COALESCE(h.hours, 0), 'minimum', $5::float8)
      FROM holders JOIN "Officer" o ON o.id = holders.id LEFT JOIN hours h ON h."officerId" = o.id
      WHERE COALESCE(h.hours, 0) < $5::float8
      UNION ALL
      SELECT 'ASSESSMENT_MISSING', o.id, NULL, jsonb_build_object('name', o.name, 'year', $6::int)
      FROM holders JOIN "Officer" o ON o.id = holders.id
      WHERE NOT EXISTS (SELECT 1 FROM "Assessment" a WHERE a."officerId" = o.id AND a.kind = 'ANNUAL' AND a.year = $6::int)
      UNION ALL
      SELECT 'RETENTION_EXPIRING', o.id, r."certificateId", jsonb_build_object('name', o.name, 'retainedUntil', r."retainedUntil")
      FROM "QualificationRetention" r JOIN "Officer" o ON o.id = r."officerId"
      WHERE o."organisationId" = $2 AND r."retainedUntil" > $7 AND r."retainedUntil" <= $8
    )
    INSERT INTO "CleanupFinding" (id, "taskId", kind, "officerId", "certificateId", "subjectKey", detail)
    SELECT gen_random_uuid()::text, $1, found.kind::"CleanupFindingKind", found.officer, found.cert, COALESCE(found.cert, found.officer), found.detail
    FROM found
    ON CONFLICT DO NOTHING`,
    taskId,
    organisationId,
    from,
    to,
    YEARLY_MINIMUM_HOURS,
    year,
    retentionFrom,
    retentionTo,
  );
}

/** The bureau that watches an agency's clean-up: the one that reviews its applications first (第七条). */
async function supervisingBureau(
  tx: Prisma.TransactionClient,
  agency: { level: 'PROVINCE' | 'CITY' | 'DISTRICT'; regionCode: string },
) {
  const level = reviewChain(agency.level)[0];
  return tx.organisation.findFirst({
    where: { type: 'JUSTICE_BUREAU', level, regionCode: bureauRegion(level, agency.regionCode), active: true },
  });
}

export function cleanupActivities(db: Db, settings: ReviewSettings, calendar: CalendarSource) {
  // 第十条 sets no period: the agencies' time to act is configuration, a deadline moved past rest days
  // (provisional when computed over a year whose calendar was not entered yet).
  const cleanupDeadline = async (startedAt: Date) =>
    computeOver(await calendar.snapshot(), (c) => actionDeadline(startedAt, { days: settings.cleanupDeadlineDays }, c));
  return {
    /** One clean-up per reviewed year: the first workflow to claim the year runs it. */
    async claimCleanupRun(i: { year: number; workflowId: string; startedAt: string }): Promise<CleanupRunClaim> {
      const startedAt = new Date(i.startedAt);
      const dueAt = (await cleanupDeadline(startedAt)).value;
      await db.cleanupRun.createMany({
        data: [{ year: i.year, workflowId: i.workflowId, startedAt, dueAt }],
        skipDuplicates: true,
      });
      const run = await db.cleanupRun.findUniqueOrThrow({ where: { year: i.year } });
      return { claimed: run.workflowId === i.workflowId, dueAt: run.dueAt.toISOString() };
    },

    /** A page of the agencies under the clean-up, in id order (第四条第三款: vertically managed ones are outside it). */
    async cleanupAgencyPage(i: { afterId: string | null; limit: number }): Promise<string[]> {
      const rows = await db.organisation.findMany({
        where: { type: 'AGENCY', verticallyManaged: false, ...(i.afterId ? { id: { gt: i.afterId } } : {}) },
        select: { id: true },
        orderBy: { id: 'asc' },
        take: i.limit,
      });
      return rows.map((r) => r.id);
    },

    /** Opens the agency's task with its findings (or finds the one already open); a task without findings is resolved at once. */
    async openCleanupTask(i: {
      year: number;
      organisationId: string;
      at: string;
    }): Promise<{ taskId: string; findings: number; open: number; dueAt: string }> {
      const existing = await db.cleanupTask.findUnique({
        where: { year_organisationId: { year: i.year, organisationId: i.organisationId } },
      });
      if (existing)
        return {
          taskId: existing.id,
          findings: existing.findingCount,
          open: existing.openCount,
          dueAt: existing.dueAt.toISOString(),
        };
      const at = new Date(i.at);
      const snapshot = await calendar.snapshot();
      return db.$transaction(async (tx) => {
        const run = await tx.cleanupRun.findUniqueOrThrow({ where: { year: i.year } });
        const provisional = computeOver(snapshot, (c) =>
          actionDeadline(run.startedAt, { days: settings.cleanupDeadlineDays }, c),
        ).provisional;
        const agency = await tx.organisation.findUniqueOrThrow({ where: { id: i.organisationId } });
        const task = await tx.cleanupTask.create({
          data: {
            year: i.year,
            organisationId: agency.id,
            dueAt: run.dueAt,
            dueAtProvisional: provisional,
            findingCount: 0,
            openCount: 0,
            createdAt: at,
          },
        });
        const findings = await insertFindings(tx, task.id, agency.id, i.year);
        await tx.cleanupTask.update({
          where: { id: task.id },
          data: {
            findingCount: findings,
            openCount: findings,
            ...(findings === 0 ? { status: 'RESOLVED', resolvedAt: at } : {}),
          },
        });
        if (findings > 0) {
          await notify(tx, {
            recipientOrgId: agency.id,
            kind: 'CLEANUP_TASK',
            subject: `${i.year}年度执法证件清理：${findings}项待处理`,
            body: `请于${lastDayInWords(run.dueAt)}（含）前逐项处理（注销、补发或说明理由保留）。依据：第十条。`,
            link: pageOf.cleanupTask(task.id),
            dedupeKey: `cleanup-task:${task.id}`,
            at,
          });
        }
        return { taskId: task.id, findings, open: findings, dueAt: run.dueAt.toISOString() };
      });
    },

    async cleanupTaskOpenCount(i: { taskId: string }): Promise<number> {
      const t = await db.cleanupTask.findUniqueOrThrow({ where: { id: i.taskId } });
      return t.openCount;
    },

    /**
     * Ends the agency's part: resolved when nothing is open, else escalated to the bureau that
     * supervises the agency (the findings stay on the task to be worked).
     */
    async closeCleanupTask(i: { taskId: string; at: string }): Promise<AgencyCleanupResult> {
      const at = new Date(i.at);
      return db.$transaction(async (tx) => {
        // Locked: a resolution committing meanwhile is seen (its decrement holds the same row lock).
        await tx.$executeRaw`SELECT 1 FROM "CleanupTask" WHERE id = ${i.taskId} FOR UPDATE`;
        const t = await tx.cleanupTask.findUniqueOrThrow({ where: { id: i.taskId }, include: { organisation: true } });
        if (t.status === 'OPEN') {
          const status = t.openCount === 0 ? 'RESOLVED' : 'ESCALATED';
          await tx.cleanupTask.updateMany({
            where: { id: t.id, status: 'OPEN' },
            data: status === 'RESOLVED' ? { status, resolvedAt: at } : { status, escalatedAt: at },
          });
          const bureau = status === 'ESCALATED' ? await supervisingBureau(tx, t.organisation) : null;
          if (bureau) {
            await notify(tx, {
              recipientOrgId: bureau.id,
              kind: 'CLEANUP_ESCALATION',
              subject: `${t.organisation.name} ${t.year}年度证件清理逾期未完成（${t.openCount}项）`,
              body: `清理期限已届满，仍有${t.openCount}项未处理。依据：第十条。`,
              link: pageOf.cleanupTask(t.id),
              dedupeKey: `cleanup-escalation:${t.id}`,
              at,
            });
          }
        }
        const now = await tx.cleanupTask.findUniqueOrThrow({ where: { id: t.id } });
        return {
          organisationId: t.organisationId,
          taskId: t.id,
          status: now.status === 'ESCALATED' ? 'ESCALATED' : 'RESOLVED',
          findings: now.findingCount,
          open: now.openCount,
        };
      });
    },

    /** Totals per district and for the city, computed in SQL once every agency's part has ended. */
    async completeCleanupRun(i: { year: number; at: string }): Promise<CleanupTotals> {
      const run = await db.cleanupRun.findUniqueOrThrow({ where: { year: i.year } });
      if (run.totals) return run.totals as unknown as CleanupTotals;
      const byDistrict = await db.$queryRaw<
        Array<{ regionCode: string; agencies: number; findings: number; open: number; escalatedTasks: number }>
      >`
        SELECT o."regionCode", COUNT(*)::int AS agencies, COALESCE(SUM(t."findingCount"), 0)::int AS findings,
               COALESCE(SUM(t."openCount"), 0)::int AS open, COUNT(*) FILTER (WHERE t.status = 'ESCALATED')::int AS "escalatedTasks"
        FROM "CleanupTask" t JOIN "Organisation" o ON o.id = t."organisationId"
        WHERE t.year = ${i.year} GROUP BY o."regionCode" ORDER BY o."regionCode"`;
      const byKindRows = await db.$queryRaw<Array<{ kind: FindingKind; n: number }>>`
        SELECT f.kind::text AS kind, COUNT(*)::int AS n FROM "CleanupFinding" f JOIN "CleanupTask" t ON t.id = f."taskId"
        WHERE t.year = ${i.year} GROUP BY f.kind`;
      const sum = (k: 'agencies' | 'findings' | 'open' | 'escalatedTasks') => byDistrict.reduce((s, d) => s + d[k], 0);
      const totals: CleanupTotals = {
        year: i.year,
        agencies: sum('agencies'),
        findings: sum('findings'),
        open: sum('open'),
        escalatedTasks: sum('escalatedTasks'),
        resolvedTasks: sum('agencies') - sum('escalatedTasks'),
        byKind: Object.fromEntries(byKindRows.map((r) => [r.kind, r.n])),
        byDistrict,
      };
      const at = new Date(i.at);
      await db.$transaction(async (tx) => {
        await tx.cleanupRun.update({
          where: { year: i.year },
          data: { totals: totals as unknown as Prisma.InputJsonValue, completedAt: at },
        });
        const city = await tx.organisation.findFirst({
          where: { type: 'JUSTICE_BUREAU', level: 'CITY', active: true },
        });
        if (city) {
          await notify(tx, {
            recipientOrgId: city.id,
            kind: 'CLEANUP_REPORT',
            subject: `${i.year}年度执法证件清理完成：${totals.agencies}个机关，${totals.findings}项，逾期${totals.escalatedTasks}个`,
            body: findingsSummary(totals),
            link: pageOf.cleanupYear(i.year),
            dedupeKey: `cleanup-report:${i.year}`,
            at,
          });
        }
      });
      return totals;
    },
  };
}

function findingsSummary(t: CleanupTotals): string {
  return Object.entries(t.byKind)
    .map(([k, n]) => `${FINDING_RULES[k as FindingKind].title}：${n}`)
    .join('；');
}
