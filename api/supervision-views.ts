// Supervision (第二十七条第二款) where others show it: the dashboard's results per agency, and the
// checks and correction orders on an officer's timeline (labels from the catalogue, never codes).
import { CORRECTION_ORDER_STATUSES, SPOT_CHECK_METHODS, findingText } from '../domain/conduct-rules';
import { lastDayInWords } from '../domain/time';
import type { Db } from '../infra/db';

export interface SupervisionRow {
  agencyId: string;
  agency: string;
  regionCode: string;
  checks: number;
  breaches: number;
  openOrders: number;
  overdueOrders: number;
  proposals: number;
}

/** Per agency of the region (region-code prefix) that was checked: checks, breaches, orders, proposals. */
export function supervisionByAgency(db: Db, prefix: string): Promise<SupervisionRow[]> {
  const like = `${prefix}%`;
  return db.$queryRaw<SupervisionRow[]>`
    WITH checks AS (
      SELECT s."agencyId", COUNT(*)::int AS checks, COUNT(*) FILTER (WHERE s.finding <> 'COMPLIANT')::int AS breaches
      FROM "SpotCheck" s GROUP BY 1
    ), orders AS (
      SELECT o."agencyId",
             COUNT(*) FILTER (WHERE o.status IN ('OPEN', 'REPORTED'))::int AS "openOrders",
             COUNT(*) FILTER (WHERE o.overdue)::int AS "overdueOrders",
             COUNT(p.id)::int AS proposals
      FROM "CorrectionOrder" o LEFT JOIN "SanctionProposal" p ON p."correctionOrderId" = o.id
      GROUP BY 1
    )
    SELECT g.id AS "agencyId", g.name AS agency, g."regionCode",
           COALESCE(c.checks, 0) AS checks, COALESCE(c.breaches, 0) AS breaches,
           COALESCE(o."openOrders", 0) AS "openOrders", COALESCE(o."overdueOrders", 0) AS "overdueOrders",
           COALESCE(o.proposals, 0) AS proposals
    FROM "Organisation" g JOIN checks c ON c."agencyId" = g.id LEFT JOIN orders o ON o."agencyId" = g.id
    WHERE g."regionCode" LIKE ${like}
    ORDER BY g."regionCode", g.name`;
}

/** The officer's checks and correction orders as timeline entries (人员事件轨迹). */
export async function supervisionEntries(db: Db, officerId: string, take: number) {
  const [checks, orders] = await Promise.all([
    db.spotCheck.findMany({
      where: { officerId },
      include: { plan: true },
      orderBy: { createdAt: 'desc' },
      take,
    }),
    db.correctionOrder.findMany({
      where: { officerId },
      include: { proposal: true },
      orderBy: { createdAt: 'desc' },
      take,
    }),
  ]);
  const entries = [
    ...checks.map((c) => ({
      at: c.createdAt.toISOString(),
      type: 'SPOT_CHECK',
      title: `${SPOT_CHECK_METHODS[c.plan.method]} ${c.plan.number}（${c.checkedOn}）：${findingText(c.finding)}`,
      article: '第二十七条第二款',
      ref: { kind: 'spot-check-plan', id: c.planId, number: c.plan.number },
    })),
    ...orders.map((o) => ({
      at: o.createdAt.toISOString(),
      type: 'CORRECTION_ORDER',
      title: `督促整改 ${o.number}：${findingText(o.rule)}；${CORRECTION_ORDER_STATUSES[o.status]}${
        o.dueAt ? `，整改期限 ${lastDayInWords(o.dueAt)}` : ''
      }${o.proposal ? '；已提出暂扣/收缴建议（第二十九条第一款第（四）项）' : ''}`,
      article: '第二十七条第二款',
      ref: { kind: 'correction-order', id: o.id, number: o.number },
    })),
  ];
  return { entries, truncated: checks.length === take || orders.length === take };
}
