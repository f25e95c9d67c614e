// Applies the rows of an import (domain/import.ts) against what is stored, in the caller's
// transaction: all rows or none. A row already in the system as the file says is unchanged — so a
// file imported twice creates nothing the second time; a row that contradicts what is stored (another
// agency's officer, a number on someone else's card) is a problem of that row, and existing records
// are never changed by an import (their own procedures change them). Lookups and writes go in
// batches, so 50,000 rows are a few dozen statements.
import type { ImportKind, ImportRecords, ParsedRow, RowProblem } from '../domain/import';
import { IMPORT_COLUMNS, duplicateKeys } from '../domain/import';
import type { Prisma } from '../infra/db';

type Tx = Prisma.TransactionClient;

export interface ImportContext {
  /** The agency the importer acts for (an agency admin), or null: any agency (the city bureau). */
  agencyId: string | null;
  actorId: string;
  fileName: string;
}

export interface ImportOutcome {
  problems: RowProblem[];
  created: number;
  unchanged: number;
}

const BATCH = 5000;

function batches<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH) out.push(items.slice(i, i + BATCH));
  return out;
}

/** Where a record came from, as the officer's timeline shows it. */
export const importSource = (fileName: string, row: number) => `${fileName} 第 ${row} 行`;

const day = (d: string) => new Date(`${d}T00:00:00Z`);

/** The officers of the ID numbers, by ID number (batched). */
async function officersByIdNumber(tx: Tx, idNumbers: readonly string[]) {
  const found = new Map<string, { id: string; name: string; organisationId: string; onStaff: boolean }>();
  for (const batch of batches([...new Set(idNumbers)])) {
    const rows = await tx.officer.findMany({
      where: { idNumber: { in: batch } },
      select: { id: true, idNumber: true, name: true, organisationId: true, onStaff: true },
    });
    for (const r of rows) found.set(r.idNumber, r);
  }
  return found;
}

/**
 * The officer each row names, when the importer may act on them: known (imported or registered
 * before) and, for an agency admin, of its own agency.
 */
async function officerOfRows<T extends { idNumber: string }>(
  tx: Tx,
  column: string,
  records: readonly { row: number; record: T }[],
  ctx: ImportContext,
) {
  const officers = await officersByIdNumber(
    tx,
    records.map((r) => r.record.idNumber),
  );
  const problems: RowProblem[] = [];
  const resolved: { row: number; record: T; officerId: string; organisationId: string }[] = [];
  for (const { row, record } of records) {
    const o = officers.get(record.idNumber);
    if (!o) problems.push({ row, column, message: '找不到该身份证号的执法人员：请先导入或登记人员' });
    else if (ctx.agencyId && o.organisationId !== ctx.agencyId)
      problems.push({ row, column, message: '不是本机关的执法人员' });
    else resolved.push({ row, record, officerId: o.id, organisationId: o.organisationId });
  }
  return { problems, resolved };
}

async function importOfficers(tx: Tx, records: ParsedRow<'officers'>[], ctx: ImportContext): Promise<ImportOutcome> {
  const cols = IMPORT_COLUMNS.officers;
  const problems = duplicateKeys(records, (r) => r.idNumber, cols.idNumber);
  const names = [...new Set(records.flatMap((r) => (r.record.agency ? [r.record.agency] : [])))];
  const agencies = new Map(
    (await tx.organisation.findMany({ where: { name: { in: names }, type: 'AGENCY', active: true } })).map((o) => [
      o.name,
      o,
    ]),
  );
  const own = ctx.agencyId ? await tx.organisation.findUniqueOrThrow({ where: { id: ctx.agencyId } }) : null;
  const existing = await officersByIdNumber(
    tx,
    records.map((r) => r.record.idNumber),
  );
  const create: Prisma.OfficerCreateManyInput[] = [];
  let unchanged = 0;
  const duplicateRows = new Set(problems.map((p) => p.row));
  for (const { row, record } of records) {
    if (duplicateRows.has(row)) continue;
    // 第三条: an agency brings in its own people; the city bureau names the agency of each.
    let agencyId: string | undefined;
    if (own) {
      if (record.agency && record.agency !== own.name)
        problems.push({ row, column: cols.agency, message: `只能导入本机关（${own.name}）的人员` });
      else agencyId = own.id;
    } else if (!record.agency) problems.push({ row, column: cols.agency, message: '请填写所属机关' });
    else if (!agencies.has(record.agency))
      problems.push({ row, column: cols.agency, message: '找不到该执法机关（须与机构管理中的名称一致）' });
    else agencyId = agencies.get(record.agency)!.id;
    if (!agencyId) continue;
    const known = existing.get(record.idNumber);
    if (!known) {
      create.push({
        name: record.name,
        idNumber: record.idNumber,
        birthDate: day(record.birthDate),
        onStaff: record.onStaff,
        organisationId: agencyId,
        importedFrom: importSource(ctx.fileName, row),
      });
    } else if (known.organisationId !== agencyId) {
      // 第八条: a move between agencies goes through 调入 (on the original certificate), not an import.
      problems.push({ row, column: cols.idNumber, message: '已登记在其他机关；调入请使用“调入”办理（第八条）' });
    } else if (known.name !== record.name || known.onStaff !== record.onStaff) {
      problems.push({
        row,
        column: known.name !== record.name ? cols.name : cols.onStaff,
        message: '与已登记的信息不一致；导入不修改已有记录，请在人员页面更正',
      });
    } else unchanged++;
  }
  for (const batch of batches(create)) await tx.officer.createMany({ data: batch });
  return { problems, created: create.length, unchanged };
}

async function importCertificates(
  tx: Tx,
  records: ParsedRow<'certificates'>[],
  ctx: ImportContext,
): Promise<ImportOutcome> {
  const cols = IMPORT_COLUMNS.certificates;
  const problems = [
    ...duplicateKeys(records, (r) => r.number, cols.number),
    // 一人一证: one valid card per officer.
    ...duplicateKeys(records, (r) => r.idNumber, cols.idNumber),
  ];
  const skip = new Set(problems.map((p) => p.row));
  const owners = await officerOfRows(
    tx,
    cols.idNumber,
    records.filter((r) => !skip.has(r.row)),
    ctx,
  );
  problems.push(...owners.problems);
  const numbers = new Map<string, { officerId: string; issuedOn: Date }>();
  const held = new Map<string, string>();
  for (const batch of batches(owners.resolved)) {
    for (const c of await tx.certificate.findMany({
      where: { number: { in: batch.map((r) => r.record.number) } },
      select: { number: true, officerId: true, issuedOn: true },
    }))
      numbers.set(c.number, c);
    for (const c of await tx.certificate.findMany({
      where: { officerId: { in: batch.map((r) => r.officerId) }, status: { in: ['ACTIVE', 'SUSPENDED'] } },
      select: { number: true, officerId: true },
    }))
      held.set(c.officerId, c.number);
  }
  const create: { row: number; data: Prisma.CertificateCreateManyInput }[] = [];
  let unchanged = 0;
  for (const { row, record, officerId, organisationId } of owners.resolved) {
    const same = numbers.get(record.number);
    if (same) {
      if (same.officerId === officerId && same.issuedOn.toISOString().slice(0, 10) === record.issuedOn) unchanged++;
      else problems.push({ row, column: cols.number, message: '该证件编号已被其他证件使用' });
    } else if (record.status !== 'ACTIVE') {
      // Only valid cards come in new: a cancelled or revoked one carries its ground and date (第九条,
      // 第二十九条), recorded through those procedures once the card is in the system.
      problems.push({ row, column: cols.status, message: '只能导入有效证件；注销、收缴等请在导入后按相应程序办理' });
    } else if (held.has(officerId)) {
      problems.push({ row, column: cols.idNumber, message: `该人员已持有有效证件 ${held.get(officerId)}` });
    } else {
      create.push({
        row,
        data: { number: record.number, officerId, organisationId, issuedOn: day(record.issuedOn), status: 'ACTIVE' },
      });
    }
  }
  for (const batch of batches(create)) {
    await tx.certificate.createMany({ data: batch.map((c) => c.data) });
    const ids = new Map(
      (
        await tx.certificate.findMany({
          where: { number: { in: batch.map((c) => c.data.number) } },
          select: { id: true, number: true },
        })
      ).map((c) => [c.number, c.id]),
    );
    // The card's history starts with where it came from (the officer's timeline shows it).
    await tx.certificateEvent.createMany({
      data: batch.map((c) => ({
        certificateId: ids.get(c.data.number)!,
        type: 'IMPORTED',
        toStatus: 'ACTIVE' as const,
        reason: `导入：${importSource(ctx.fileName, c.row)}`,
        actorId: ctx.actorId,
      })),
    });
  }
  return { problems, created: create.length, unchanged };
}

async function importExamResults(
  tx: Tx,
  records: ParsedRow<'exam-results'>[],
  ctx: ImportContext,
): Promise<ImportOutcome> {
  const cols = IMPORT_COLUMNS['exam-results'];
  const key = (r: { idNumber: string; type: string; takenOn: string }) => `${r.idNumber}|${r.type}|${r.takenOn}`;
  const problems = duplicateKeys(records, key, cols.takenOn);
  const skip = new Set(problems.map((p) => p.row));
  const owners = await officerOfRows(
    tx,
    cols.idNumber,
    records.filter((r) => !skip.has(r.row)),
    ctx,
  );
  problems.push(...owners.problems);
  const stored = new Map<string, { passed: boolean; score: number | null }>();
  for (const batch of batches(owners.resolved)) {
    for (const e of await tx.examResult.findMany({
      where: { officerId: { in: batch.map((r) => r.officerId) } },
      select: { officerId: true, type: true, takenOn: true, passed: true, score: true },
    }))
      stored.set(`${e.officerId}|${e.type}|${e.takenOn.toISOString().slice(0, 10)}`, e);
  }
  const create: Prisma.ExamResultCreateManyInput[] = [];
  let unchanged = 0;
  for (const { row, record, officerId } of owners.resolved) {
    const same = stored.get(`${officerId}|${record.type}|${record.takenOn}`);
    if (!same)
      create.push({
        officerId,
        type: record.type,
        takenOn: day(record.takenOn),
        passed: record.passed,
        score: record.score,
        importedFrom: importSource(ctx.fileName, row),
      });
    else if (same.passed === record.passed && same.score === record.score) unchanged++;
    else problems.push({ row, column: cols.passed, message: '该次考试已有不同的成绩记录；导入不修改已有记录' });
  }
  for (const batch of batches(create)) await tx.examResult.createMany({ data: batch });
  return { problems, created: create.length, unchanged };
}

async function importTrainingRecords(
  tx: Tx,
  records: ParsedRow<'training-records'>[],
  ctx: ImportContext,
): Promise<ImportOutcome> {
  const cols = IMPORT_COLUMNS['training-records'];
  const key = (r: ImportRecords['training-records']) =>
    [r.idNumber, r.takenOn, r.hours, r.category, r.mode, r.scope, r.organiser].join('|');
  const problems = duplicateKeys(records, key, cols.takenOn);
  const skip = new Set(problems.map((p) => p.row));
  const owners = await officerOfRows(
    tx,
    cols.idNumber,
    records.filter((r) => !skip.has(r.row)),
    ctx,
  );
  problems.push(...owners.problems);
  const stored = new Set<string>();
  const hoursOfDay = new Map<string, number>();
  for (const batch of batches(owners.resolved)) {
    // The officers' rows are locked: concurrent records cannot pass the 24-hour day together (第十五条).
    await tx.$queryRaw`SELECT id FROM "Officer" WHERE id = ANY(${batch.map((r) => r.officerId)}::text[]) FOR UPDATE`;
    for (const t of await tx.trainingRecord.findMany({
      where: { officerId: { in: batch.map((r) => r.officerId) } },
    })) {
      const d = t.takenOn.toISOString().slice(0, 10);
      stored.add([t.officerId, d, t.hours, t.category, t.mode, t.scope, t.organiser].join('|'));
      hoursOfDay.set(`${t.officerId}|${d}`, (hoursOfDay.get(`${t.officerId}|${d}`) ?? 0) + t.hours);
    }
  }
  const create: Prisma.TrainingRecordCreateManyInput[] = [];
  let unchanged = 0;
  for (const { row, record: r, officerId } of owners.resolved) {
    if (stored.has([officerId, r.takenOn, r.hours, r.category, r.mode, r.scope, r.organiser].join('|'))) {
      unchanged++;
      continue;
    }
    const dayKey = `${officerId}|${r.takenOn}`;
    const total = (hoursOfDay.get(dayKey) ?? 0) + r.hours;
    // 第十五条 counts hours spent: one day holds at most 24, this file's rows and stored ones together.
    if (total > 24 + 1e-9) {
      problems.push({ row, column: cols.hours, message: '该人员当天的培训学时合计超过 24 学时（第十五条）' });
      continue;
    }
    hoursOfDay.set(dayKey, total);
    create.push({
      officerId,
      takenOn: day(r.takenOn),
      hours: r.hours,
      category: r.category,
      mode: r.mode,
      scope: r.scope,
      organiser: r.organiser,
      createdById: ctx.actorId,
      importedFrom: importSource(ctx.fileName, row),
    });
  }
  for (const batch of batches(create)) await tx.trainingRecord.createMany({ data: batch });
  return { problems, created: create.length, unchanged };
}

const IMPORTERS: {
  [K in ImportKind]: (tx: Tx, records: ParsedRow<K>[], ctx: ImportContext) => Promise<ImportOutcome>;
} = {
  officers: importOfficers,
  certificates: importCertificates,
  'exam-results': importExamResults,
  'training-records': importTrainingRecords,
};

/** Applies the rows in `tx`; the caller commits only when no problem was found. */
export function applyImport<K extends ImportKind>(
  tx: Tx,
  kind: K,
  records: ParsedRow<K>[],
  ctx: ImportContext,
): Promise<ImportOutcome> {
  return IMPORTERS[kind](tx, records, ctx);
}
