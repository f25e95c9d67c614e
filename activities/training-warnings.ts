// 第十五条: from a configured date each year, agencies hear weekly which certified officers are
// behind an even pace towards the 60 yearly hours, while there is still time to catch up.
import { pageOf } from '../domain/notification-links';
import type { NotificationKind } from '../domain/notifications';
import { trainingProgress } from '../domain/training';
import type { ReviewSettings } from '../infra/config';
import { Prisma, type Db } from '../infra/db';
import { HOLDER_CONDITION, HOLDER_JOIN } from '../store/holders-sql';

export function trainingWarningActivities(db: Db, settings: ReviewSettings) {
  return {
    /** One notification per agency with officers behind pace on `asOf` (YYYY-MM-DD); none before the configured date. */
    async warnTrainingPace(i: { asOf: string; at: string }): Promise<{ agencies: number; officers: number }> {
      const year = Number(i.asOf.slice(0, 4));
      if (i.asOf < `${year}-${settings.trainingWarningFrom}`) return { agencies: 0, officers: 0 };
      const expected = trainingProgress(year, 0, i.asOf).expectedByNow;
      const rows = await db.$queryRaw<Array<{ organisationId: string; officers: number; names: string[] }>>`
        WITH holders AS (
          SELECT DISTINCT o.id, o.name, o."organisationId" FROM "Officer" o ${Prisma.raw(HOLDER_JOIN)}
          WHERE ${Prisma.raw(HOLDER_CONDITION)}
        ), hours AS (
          SELECT t."officerId", SUM(t.hours) AS hours FROM "TrainingRecord" t
          WHERE t."takenOn" >= ${`${year}-01-01`}::date AND t."takenOn" <= ${i.asOf}::date GROUP BY t."officerId"
        )
        SELECT h."organisationId", COUNT(*)::int AS officers, (ARRAY_AGG(h.name ORDER BY h.name))[1:20] AS names
        FROM holders h LEFT JOIN hours ON hours."officerId" = h.id
        WHERE COALESCE(hours.hours, 0) < ${expected}::float8
        GROUP BY h."organisationId"`;
      if (rows.length === 0) return { agencies: 0, officers: 0 };
      await db.notification.createMany({
        data: rows.map((r) => ({
          recipientOrgId: r.organisationId,
          kind: 'TRAINING_PACE' satisfies NotificationKind,
          subject: `${r.officers}名持证人员培训学时落后于进度（截至${i.asOf}应达${expected}学时）`,
          body: `${r.names.join('、')}${r.officers > r.names.length ? '等' : ''}。全年不少于60学时，依据：第十五条。`,
          link: pageOf.trainingShortfall(year),
          dedupeKey: `training-pace:${r.organisationId}:${i.asOf}`,
          createdAt: new Date(i.at),
        })),
        skipDuplicates: true,
      });
      return { agencies: rows.length, officers: rows.reduce((s, r) => s + r.officers, 0) };
    },
  };
}
