// Intake of a complaint (第二十八条), shared by the public route and the supervisor's: validation of
// the organ addressed and the officers named, the durable row (with its receipt code), and the start
// of its workflow. The row is written here, not by the workflow, so the complainant's identity never
// enters Temporal's history (第二十五条); the workflow only learns the complaint's id.
import crypto from 'node:crypto';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { nextInSequence } from '../store/sequences';
import { addresseeFor, type ComplaintAddressee, type OrganRef } from '../domain/complaint';
import { localDateOf } from '../domain/time';
import type { Db } from '../infra/db';
import type { ComplaintInput } from '../domain/contracts/complaint';
import { complaintWorkflow, received } from '../workflows/complaint';
import { OrganisationId, ProcessKind } from '../domain/search-attributes';
import type { Deps } from './deps';
import { problems, type FieldError } from './problem';
import { IsoDateTime, Name, Uuid, z } from './schemas';
import { RuleViolation } from '../domain/errors';

const Subject = z
  .object({
    certificateNumber: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .optional()
      .openapi({ description: 'The officer’s certificate number, or:' }),
    name: Name(50).optional(),
    agencyId: Uuid.optional().openapi({ description: 'with `name`: the officer’s agency' }),
  })
  .refine((s) => s.certificateNumber || (s.name && s.agencyId), {
    message: '请填写执法证号，或填写姓名并选择所属执法机关',
  });

const Complainant = z
  .object({
    kind: z.enum(['PERSON', 'ORGANISATION']),
    anonymous: z.boolean(),
    name: Name(100).optional().openapi({ description: 'The person’s or the organisation’s name' }),
    contact: z
      .string()
      .trim()
      .min(3)
      .max(200)
      .optional()
      .openapi({ description: 'Phone, e-mail or address; an anonymous complainant may leave one' }),
  })
  .refine((c) => c.anonymous || (c.name && c.contact), {
    path: ['contact'],
    message: '实名投诉须填写姓名和联系方式',
  })
  .refine((c) => !c.anonymous || !c.name, { path: ['name'], message: '匿名投诉不填写姓名' });

export const ComplaintSubmission = z
  .object({
    organisationId: Uuid.openapi({
      description: '第二十八条: the officer’s agency, a superior agency or the supervisory organ (监察机关)',
    }),
    complainant: Complainant,
    subjects: z.array(Subject).min(1).max(10),
    facts: z.string().trim().min(10).max(5000).openapi({ description: 'What happened' }),
    occurredAt: IsoDateTime.refine((v) => Date.parse(v) <= Date.now() + 60_000, '不能晚于当前时间'),
    place: z.string().trim().min(1).max(200),
  })
  .openapi('ComplaintSubmission');
export type Submission = z.infer<typeof ComplaintSubmission>;

export const IntakeAnswer = z
  .object({
    id: z.string(),
    number: z.string(),
    receiptCode: z.string().openapi({
      description: 'Keep it: the only key to the status and result (GET /api/public/complaints/{receiptCode})',
    }),
    status: z.string(),
  })
  .openapi('ComplaintReceipt');

// Crockford base32 (no I, L, O, U): 120 random bits, read aloud or typed without confusion.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** An unguessable, non-sequential receipt code: XXXX-XXXX-XXXX-XXXX-XXXX-XXXX. */
export function newReceiptCode(): string {
  const bytes = crypto.randomBytes(15);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out.match(/.{4}/g)!.join('-');
}

/** As typed by a person: case, spaces and dashes do not matter. */
export function normaliseReceiptCode(s: string): string {
  const plain = s.toUpperCase().replace(/[^0-9A-Z]/g, '');
  return plain.length === 24 ? plain.match(/.{4}/g)!.join('-') : '';
}

/**
 * 第二十八条: how `organ` may receive a complaint about officers of `agencyIds` — at intake and by a
 * transfer alike, so a complaint (and its complainant, 第二十五条) reaches no organ without
 * competence over the officer. Else 422.
 */
export async function competentOrgan(
  db: Db,
  organ: OrganRef,
  agencyIds: readonly string[],
): Promise<ComplaintAddressee> {
  const agencies = await db.organisation.findMany({ where: { id: { in: [...new Set(agencyIds)] } } });
  const addressedTo = addresseeFor(organ, agencies);
  if (!addressedTo) {
    throw new RuleViolation({
      code: 'NOT_A_COMPETENT_ORGAN',
      title: '受理机关不符合规定',
      detail:
        'a complaint goes to the officer’s agency, a superior agency (same system, or the justice bureau above it) or the supervisory organ (监察机关)',
      article: '第二十八条',
      status: 422,
    });
  }
  return addressedTo;
}

interface ResolvedSubject {
  officerId: string | null;
  certificateNumber: string | null;
  name: string;
  agencyId: string;
}

/** The officers named and the organ addressed, checked against the records (400 / 422, nothing stored). */
async function resolve(
  db: Db,
  body: Submission,
): Promise<{ subjects: ResolvedSubject[]; addressedTo: ComplaintAddressee }> {
  const errors: FieldError[] = [];
  const subjects: ResolvedSubject[] = [];
  for (const [i, s] of body.subjects.entries()) {
    if (s.certificateNumber) {
      const cert = await db.certificate.findUnique({
        where: { number: s.certificateNumber },
        include: { officer: true },
      });
      if (!cert) errors.push({ field: `body.subjects.${i}.certificateNumber`, message: '未找到该执法证号' });
      else
        subjects.push({
          officerId: cert.officerId,
          certificateNumber: cert.number,
          name: cert.officer.name,
          agencyId: cert.organisationId,
        });
      continue;
    }
    const agency = await db.organisation.findUnique({ where: { id: s.agencyId! } });
    if (agency?.type !== 'AGENCY') {
      errors.push({ field: `body.subjects.${i}.agencyId`, message: '未找到该执法机关' });
      continue;
    }
    const named = await db.officer.findMany({
      where: { organisationId: agency.id, name: s.name! },
      select: { id: true },
      take: 2,
    });
    subjects.push({
      officerId: named.length === 1 ? named[0].id : null,
      certificateNumber: null,
      name: s.name!,
      agencyId: agency.id,
    });
  }
  // A deactivated organ receives nothing new (第三条): it is not offered, and not accepted either.
  const organ = await db.organisation.findUnique({ where: { id: body.organisationId, active: true } });
  if (!organ) errors.push({ field: 'body.organisationId', message: '未找到该机关' });
  if (errors.length > 0) throw problems.validation(errors);
  return {
    subjects,
    addressedTo: await competentOrgan(
      db,
      organ!,
      subjects.map((s) => s.agencyId),
    ),
  };
}

/** Validates and stores the complaint once per id (a retry finds its row); nothing is stored on a refusal. */
export async function storeComplaint(
  db: Db,
  id: string,
  body: Submission,
  filed: { source: 'PUBLIC' | 'SUPERVISOR'; filedById?: string },
) {
  const { subjects, addressedTo } = await resolve(db, body);
  return db.$transaction(async (tx) => {
    const existing = await tx.complaint.findUnique({ where: { id } });
    if (existing) return existing;
    const year = localDateOf(new Date()).slice(0, 4);
    const number = `TS${year}${String(await nextInSequence(tx, `complaint:${year}`)).padStart(6, '0')}`;
    return tx.complaint.create({
      data: {
        id,
        number,
        receiptCode: newReceiptCode(),
        workflowId: `complaint-${id}`,
        source: filed.source,
        filedById: filed.filedById ?? null,
        receivingOrgId: body.organisationId,
        handlingOrgId: body.organisationId,
        addressedTo,
        complainantKind: body.complainant.kind,
        complainantName: body.complainant.name ?? null,
        complainantContact: body.complainant.contact ?? null,
        facts: body.facts,
        occurredAt: new Date(body.occurredAt),
        place: body.place,
        subjects: { create: subjects },
      },
    });
  });
}

/** What the workflow of a stored complaint starts with: no identity, only whether a contact exists. */
export const workflowInput = (
  c: { id: string; handlingOrgId: string; complainantContact: string | null },
  requestId?: string,
): ComplaintInput => ({
  complaintId: c.id,
  handlingOrgId: c.handlingOrgId,
  round: 1,
  hasContact: c.complainantContact !== null,
  requestId,
});

/** The start of a complaint's run (intake, or a reopening under the same workflow ID). */
export function complaintRun(
  deps: Deps,
  c: { workflowId: string; handlingOrgId: string },
  input: ComplaintInput,
  reuse: 'REJECT_DUPLICATE' | 'ALLOW_DUPLICATE',
) {
  return new WithStartWorkflowOperation(complaintWorkflow, {
    workflowId: c.workflowId,
    taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
    workflowIdConflictPolicy: 'USE_EXISTING',
    workflowIdReusePolicy: reuse,
    args: [input],
    typedSearchAttributes: [
      { key: ProcessKind, value: 'complaint' },
      { key: OrganisationId, value: c.handlingOrgId },
    ],
  });
}

/**
 * Stores the complaint and starts its workflow; returns when the acceptance task is durable, so a
 * 201 means the complaint and its process exist. A retry with the same id finds both.
 */
export async function fileComplaint(
  deps: Deps,
  claim: { id: string; key: string },
  body: Submission,
  filed: { source: 'PUBLIC' | 'SUPERVISOR'; filedById?: string; requestId: string },
) {
  const complaint = await storeComplaint(deps.db, claim.id, body, filed);
  await deps.temporal.workflow.executeUpdateWithStart(received, {
    updateId: claim.key,
    // A closed process is never started again under the same key (its answer is stored).
    startWorkflowOperation: complaintRun(
      deps,
      complaint,
      workflowInput(complaint, filed.requestId),
      'REJECT_DUPLICATE',
    ),
  });
  const { status } = await deps.db.complaint.findUniqueOrThrow({
    where: { id: complaint.id },
    select: { status: true },
  });
  return { id: complaint.id, number: complaint.number, receiptCode: complaint.receiptCode, status };
}
