// Figures for the bureaus' dashboard, each a small table computed in SQL over the bureau's region:
// applications by district and stage, overdue review tasks, average review days per level (第七条),
// and officers short of the yearly 60 training hours (第十五条).
import { regionPrefix } from '../../domain/scope';
import { HOLDER_CONDITION, HOLDER_JOIN } from '../../store/holders-sql';
import { localDateOf } from '../../domain/time';
import { Prisma, type Db } from '../../infra/db';
import { YEARLY_MINIMUM_HOURS } from '../../domain/training';
import { defineRoute } from '../route';
import { REVIEWER_ROLES } from '../../domain/review-chain';
import { calendarWarning } from './calendar';
import { supervisionByAgency } from '../supervision-views';

export const dashboard = defineRoute({
  method: 'get',
  path: '/api/dashboard',
  summary:
    'Dashboard tables for a bureau’s region: applications by district and stage, overdue tasks, review days, training shortfall',
  tags: ['dashboard'],
  // The city bureau's system admin sees it too: the calendar warning is theirs to act on (第三条).
  auth: [...REVIEWER_ROLES, 'SYSTEM_ADMIN'],
  responses: { 200: { description: 'Tables' } },
  handler: async ({ deps, actor }) => {
    const prefix = `${regionPrefix(actor.organisation)}%`;
    const year = Number(localDateOf(new Date()).slice(0, 4));
    const [calendar, applications, overdue, reviewDays, shortfall, supervision, trends] = await Promise.all([
      // From 1 November: next year's holidays and 调休 days not entered yet (民法典 第二百零三条).
      calendarWarning(deps),
      deps.db.$queryRaw<
        Array<{ regionCode: string; regionName: string; status: string; level: string | null; count: number }>
      >`
        SELECT o."regionCode", COALESCE(r.name, o."regionCode") AS "regionName", a.status::text AS status,
               a."currentLevel"::text AS level, COUNT(*)::int AS count
        FROM "Application" a JOIN "Organisation" o ON o.id = a."organisationId"
        LEFT JOIN "Region" r ON r.code = o."regionCode"
        WHERE o."regionCode" LIKE ${prefix}
        GROUP BY 1, 2, 3, 4 ORDER BY 1, 3, 4`,
      deps.db.$queryRaw<Array<{ level: string; open: number; overdue: number }>>`
        SELECT t.level::text AS level, COUNT(*)::int AS open, COUNT(*) FILTER (WHERE t.overdue)::int AS overdue
        FROM "ReviewTask" t JOIN "Organisation" b ON b.id = t."bureauId"
        WHERE b."regionCode" LIKE ${prefix} AND t.status IN ('OPEN', 'WAITING_CONSULTATION')
        GROUP BY 1 ORDER BY 1`,
      deps.db.$queryRaw<Array<{ level: string; decided: number; averageDays: number }>>`
        SELECT t.level::text AS level, COUNT(*)::int AS decided,
               ROUND((AVG(EXTRACT(EPOCH FROM (t."decidedAt" - t."createdAt"))) / 86400)::numeric, 2)::float8 AS "averageDays"
        FROM "ReviewTask" t JOIN "Organisation" b ON b.id = t."bureauId"
        WHERE b."regionCode" LIKE ${prefix} AND t.status = 'DONE' AND t."decidedAt" IS NOT NULL
        GROUP BY 1 ORDER BY 1`,
      deps.db.$queryRaw<Array<{ regionCode: string; regionName: string; certified: number; short: number }>>`
        WITH holders AS (
          SELECT DISTINCT o.id, g."regionCode" FROM "Officer" o
          JOIN "Organisation" g ON g.id = o."organisationId"
          ${Prisma.raw(HOLDER_JOIN)}
          WHERE g."regionCode" LIKE ${prefix} AND ${Prisma.raw(HOLDER_CONDITION)}
        ), hours AS (
          SELECT t."officerId", SUM(t.hours) AS hours FROM "TrainingRecord" t
          WHERE t."officerId" IN (SELECT id FROM holders) AND t."takenOn" >= make_date(${year}::int, 1, 1) AND t."takenOn" < make_date(${year}::int + 1, 1, 1)
          GROUP BY 1
        )
        SELECT h."regionCode", COALESCE(r.name, h."regionCode") AS "regionName", COUNT(*)::int AS certified,
               COUNT(*) FILTER (WHERE COALESCE(hours.hours, 0) < ${YEARLY_MINIMUM_HOURS}::float8)::int AS short
        FROM holders h LEFT JOIN hours ON hours."officerId" = h.id LEFT JOIN "Region" r ON r.code = h."regionCode"
        GROUP BY 1, 2 ORDER BY 1`,
      // 第二十七条第二款: spot checks, breaches, correction orders and proposals per agency.
      supervisionByAgency(deps.db, regionPrefix(actor.organisation)),
      monthlyTrends(deps.db, prefix),
    ]);
    return {
      status: 200,
      body: {
        year,
        calendar,
        applications,
        overdueTasks: overdue,
        reviewDays,
        trainingShortfall: shortfall,
        supervision,
        trends,
      },
    };
  },
});

/**
 * The last 12 months (Asia/Shanghai, this one included) of applications submitted, sanctions decided
 * (第二十九条) and complaints received (第二十八条) in the region: one row a month, zero where none.
 */
function monthlyTrends(db: Db, prefix: string) {
  return db.$queryRaw<Array<{ month: string; applications: number; sanctions: number; complaints: number }>>`
    WITH months AS (
      SELECT to_char(m, 'YYYY-MM') AS month
      FROM generate_series(date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai') - interval '11 months',
                           date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai'), interval '1 month') m
    ), since AS (
      -- Stored instants are UTC timestamps (Prisma): the first local day of the window, as one.
      SELECT (date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai') - interval '11 months')
        AT TIME ZONE 'Asia/Shanghai' AT TIME ZONE 'UTC' AS at
    ), events AS (
      SELECT 'a' AS kind, a."submittedAt" AS at FROM "Application" a JOIN "Organisation" o ON o.id = a."organisationId"
        WHERE o."regionCode" LIKE ${prefix} AND a."submittedAt" >= (SELECT at FROM since)
      UNION ALL
      SELECT 's', s."decidedAt" FROM "Sanction" s JOIN "Certificate" c ON c.id = s."certificateId"
        JOIN "Organisation" o ON o.id = c."organisationId"
        WHERE o."regionCode" LIKE ${prefix} AND s."decidedAt" >= (SELECT at FROM since)
      UNION ALL
      SELECT 'c', k."createdAt" FROM "Complaint" k JOIN "Organisation" o ON o.id = k."handlingOrgId"
        WHERE o."regionCode" LIKE ${prefix} AND k.status <> 'SUBMITTED' AND k."createdAt" >= (SELECT at FROM since)
    )
    SELECT m.month,
      COUNT(e.at) FILTER (WHERE e.kind = 'a')::int AS applications,
      COUNT(e.at) FILTER (WHERE e.kind = 's')::int AS sanctions,
      COUNT(e.at) FILTER (WHERE e.kind = 'c')::int AS complaints
    FROM months m LEFT JOIN events e ON to_char(e.at AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = m.month
    GROUP BY m.month ORDER BY m.month`;
}
