// An officer of 西湖区's agency who has passed the comprehensive exam (第四条), so an application for
// them goes through the review chain: made for one test, with an ID-number-shaped key of its own.
import type { Db } from '../../infra/db';

export async function eligibleOfficer(db: Db, name: string, idNumber: string) {
  const agency = await db.organisation.findUniqueOrThrow({ where: { name: '杭州市西湖区综合行政执法局' } });
  const officer = await db.officer.create({
    data: { name, idNumber, birthDate: new Date('1990-05-01T00:00:00Z'), organisationId: agency.id },
  });
  await db.examResult.create({
    data: { officerId: officer.id, type: 'COMPREHENSIVE', passed: true, takenOn: new Date('2025-05-10T00:00:00Z') },
  });
  return officer;
}
