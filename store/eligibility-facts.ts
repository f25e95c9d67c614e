// Loads the facts domain/eligibility.ts decides on, from PostgreSQL.
import type { CertificateStatus } from '../domain/certificate-state';
import {
  checkEligibility,
  type ApplicationKind,
  type Eligibility,
  type EligibilityFacts,
  type ExamType,
  type ExemptionGround,
  type ReissueReason,
} from '../domain/eligibility';
import type { Db } from '../infra/db';

const day = (d: Date) => d.toISOString().slice(0, 10);

export async function loadEligibilityFacts(
  db: Db,
  q: {
    officerId: string;
    agencyId: string;
    kind: ApplicationKind;
    previousCertificateId?: string;
    reissueReason?: ReissueReason;
    at: Date;
    /** The application being submitted: a retry of its own submission is not blocked by itself. */
    applicationId?: string;
  },
): Promise<EligibilityFacts | undefined> {
  const officer = await db.officer.findUnique({
    where: { id: q.officerId },
    include: { examResults: true, exemptions: true, certificates: true, retentions: true },
  });
  const agency = await db.organisation.findUnique({ where: { id: q.agencyId } });
  if (!officer || !agency) return undefined;
  const [open, ban] = await Promise.all([
    db.application.count({
      where: { openForOfficerId: officer.id, ...(q.applicationId ? { id: { not: q.applicationId } } : {}) },
    }),
    db.sanction.findFirst({
      where: { certificate: { officerId: officer.id }, type: 'REVOCATION', status: { not: 'ANNULLED' } },
      orderBy: { banEndsAt: 'desc' },
    }),
  ]);
  const retention = officer.retentions.map((r) => r.retainedUntil).sort((a, b) => b.getTime() - a.getTime())[0];
  return {
    kind: q.kind,
    applicationDate: q.at,
    agency: {
      id: agency.id,
      type: agency.type,
      agencyKind: agency.agencyKind,
      verticallyManaged: agency.verticallyManaged,
      requiresProfessionalExam: agency.requiresProfessionalExam,
    },
    officer: { onStaff: officer.onStaff, birthDate: day(officer.birthDate), organisationId: officer.organisationId },
    exams: officer.examResults.map((e) => ({ type: e.type as ExamType, passed: e.passed, takenOn: day(e.takenOn) })),
    exemptions: officer.exemptions.map((e) => ({ ground: e.ground as ExemptionGround })),
    certificates: officer.certificates.map((c) => ({
      id: c.id,
      status: c.status as CertificateStatus,
      organisationId: c.organisationId,
      statusChangedAt: c.statusChangedAt,
      retainedUntil: officer.retentions.find((r) => r.certificateId === c.id)?.retainedUntil,
    })),
    previousCertificateId: q.previousCertificateId,
    reissueReason: q.reissueReason,
    hasOpenApplication: open > 0,
    revocationBanUntil: ban?.banEndsAt ?? undefined,
    retainedUntil: retention,
  };
}

export async function eligibilityOf(
  db: Db,
  q: Parameters<typeof loadEligibilityFacts>[1],
): Promise<Eligibility | undefined> {
  const facts = await loadEligibilityFacts(db, q);
  return facts && checkEligibility(facts);
}
