// No raw code reaches a person (issue #16 §2): every value of every enumeration — each Prisma `enum`
// (read from prisma/schema.prisma) and each code list the domain exports (arrays of codes, and
// records keyed by codes such as the notification kinds) — has its words in the catalogue that shows
// it. The values are collected from the sources, so a new value without a label fails here, named.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CONDUCT_RULES,
  CORRECTION_ORDER_STATUSES,
  findingText,
  SPOT_CHECK_FINDINGS,
  SPOT_CHECK_METHODS,
  SPOT_CHECK_POPULATIONS,
} from '../../domain/conduct-rules';
import { CANCELLATION_GROUNDS } from '../../domain/cancellation';
import { ASSESSMENT_KIND_LABELS, CERTIFICATE_STATUS_WORDS, LABELS, REVIEW_REQUEST_LABELS } from '../../domain/labels';
import { ROOT } from '../../infra/paths';
import {
  ADMIN_LABELS,
  CORRECTION_EVENT_LABELS,
  EXAM_LABELS,
  EXAM_STATUS_LABELS,
  EXEMPTION_LABELS,
  NOTIFICATION_KIND_LABELS,
} from '../../web/src/messages';

type Catalogue = Readonly<Record<string, unknown>>;
const CODE = /^[A-Z][A-Z0-9_]+$/;

/** Every `enum Name { … }` of the Prisma schema with its values. */
function prismaEnums(): Map<string, string[]> {
  const schema = readFileSync(path.join(ROOT, 'prisma', 'schema.prisma'), 'utf8');
  return new Map(
    [...schema.matchAll(/^enum (\w+) \{([^}]*)\}/gm)].map((m) => [
      m[1],
      m[2]
        .split('\n')
        .map((l) => l.replace(/\/\/.*/, '').trim())
        .filter(Boolean),
    ]),
  );
}

/** The code lists domain/ exports: arrays of codes, and records keyed by codes whose values are not words. */
async function domainCodeLists(): Promise<Map<string, string[]>> {
  const files = readdirSync(path.join(ROOT, 'domain'), { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('.ts'),
  );
  const lists = new Map<string, string[]>();
  for (const file of files)
    for (const [name, value] of Object.entries((await import(path.join(ROOT, 'domain', file))) as object)) {
      const where = `domain/${file} ${name}`;
      if (Array.isArray(value)) {
        if (value.length > 0 && value.every((v) => typeof v === 'string' && CODE.test(v))) lists.set(where, value);
      } else if (value && typeof value === 'object') {
        const keys = Object.keys(value);
        // A record of codes to words is a catalogue itself (e.g. SPOT_CHECK_METHODS): labelled by construction.
        if (
          keys.length > 0 &&
          keys.every((k) => CODE.test(k)) &&
          !Object.values(value).every((v) => typeof v === 'string')
        )
          lists.set(where, keys);
      }
    }
  return lists;
}

// Where a list's values are shown from another catalogue than LABELS (the page that shows them uses it).
const CATALOGUE_OF: Record<string, Catalogue> = {
  // Prisma enums
  OrgType: ADMIN_LABELS,
  AgencyKind: ADMIN_LABELS,
  ExamType: EXAM_LABELS,
  ExemptionGround: EXEMPTION_LABELS,
  ExamSessionStatus: EXAM_STATUS_LABELS,
  ExamRegistrationStatus: EXAM_STATUS_LABELS,
  ReviewRequestStatus: REVIEW_REQUEST_LABELS,
  SpotCheckMethod: SPOT_CHECK_METHODS,
  SpotCheckPopulation: SPOT_CHECK_POPULATIONS,
  AssessmentKind: ASSESSMENT_KIND_LABELS,
  CertificateStatus: CERTIFICATE_STATUS_WORDS,
  CorrectionOrderStatus: CORRECTION_ORDER_STATUSES,
  CorrectionReportDecision: CORRECTION_EVENT_LABELS,
  // domain/ lists
  'domain/administration.ts ORG_TYPES': ADMIN_LABELS,
  'domain/administration.ts AGENCY_KINDS': ADMIN_LABELS,
  'domain/eligibility.ts EXAM_TYPES': EXAM_LABELS,
  'domain/eligibility.ts EXEMPTION_GROUNDS': EXEMPTION_LABELS,
  'domain/exam-registration.ts EXAM_SESSION_STATUSES': EXAM_STATUS_LABELS,
  'domain/exam-registration.ts EXAM_REGISTRATION_STATUSES': EXAM_STATUS_LABELS,
  'domain/conduct-rules.ts CONDUCT_RULE_CODES': CONDUCT_RULES,
  'domain/conduct-rules.ts CONDUCT_RULES': CONDUCT_RULES, // each rule carries its label
  'domain/exam-registration.ts ACTIVE_REGISTRATION': EXAM_STATUS_LABELS,
  'domain/certificate-state.ts CERTIFICATE_STATUSES': CERTIFICATE_STATUS_WORDS,
  // A finding reads through findingText (the code itself when it knows no words for it).
  'domain/conduct-rules.ts SPOT_CHECK_FINDINGS': Object.fromEntries(
    SPOT_CHECK_FINDINGS.map((f) => [f, findingText(f) !== f]),
  ),
  'domain/notifications.ts NOTIFICATION_AUDIENCE': NOTIFICATION_KIND_LABELS,
  'domain/cancellation.ts CANCELLATION_GROUNDS': CANCELLATION_GROUNDS,
};

function unlabelled(lists: Map<string, string[]>): string[] {
  return [...lists].flatMap(([where, values]) => {
    const catalogue = CATALOGUE_OF[where] ?? LABELS;
    return values.filter((v) => !catalogue[v]).map((v) => `${where}: ${v}`);
  });
}

describe('issue #16 §2: every code a person can see has words', () => {
  it('every value of every Prisma enum has a label', () => {
    const enums = prismaEnums();
    expect(enums.size).toBeGreaterThan(30);
    expect(enums.get('SanctionStatus')).toEqual(['PENDING_DELIVERY', 'IN_EFFECT', 'ENDED', 'ANNULLED']);
    expect(unlabelled(enums)).toEqual([]);
  });

  it('every code list the domain exports (statuses, kinds, roles, notification kinds, …) has labels', async () => {
    const lists = await domainCodeLists();
    expect([...lists.keys()]).toEqual(
      expect.arrayContaining([
        'domain/roles.ts ROLES',
        'domain/notifications.ts NOTIFICATION_AUDIENCE',
        'domain/complaint.ts FEEDBACK_CHANNELS',
      ]),
    );
    expect(unlabelled(lists)).toEqual([]);
  });
});
