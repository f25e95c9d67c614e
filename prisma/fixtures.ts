// Bulk fixtures for load: benchmarks and fault tests need many applicants at once, made with
// set-based SQL (not row by row) so setup stays out of what they measure.
import type { Db } from '../infra/db';

/** The 西湖区 agency whose applications go district → city → province (第七条) in the demo data. */
export const XIHU_AGENCY = '杭州市西湖区综合行政执法局';

/**
 * `n` 在编 officers of the agency named `agencyName`, each with the comprehensive exam passed (第四条),
 * so each may apply at once; `tag` keeps names and ID numbers apart between callers. Their ids.
 */
export async function examPassedOfficers(db: Db, n: number, tag: string, agencyName = XIHU_AGENCY): Promise<string[]> {
  const agency = await db.organisation.findUniqueOrThrow({ where: { name: agencyName } });
  const rows = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO "Officer" (id, name, "idNumber", "birthDate", "organisationId", "updatedAt")
    SELECT gen_random_uuid()::text, ${tag} || g, ${tag} || lpad(g::text, 12, '0'), DATE '1990-01-01', ${agency.id}, now()
    FROM generate_series(1, ${n}::int) g
    RETURNING id`;
  const ids = rows.map((r) => r.id);
  await db.$executeRaw`
    INSERT INTO "ExamResult" (id, "officerId", type, passed, "takenOn")
    SELECT gen_random_uuid()::text, o, 'COMPREHENSIVE'::"ExamType", true, DATE '2025-05-10' FROM unnest(${ids}::text[]) o`;
  return ids;
}
