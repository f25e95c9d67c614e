// Applies the rows of an import (domain/import.ts) against what is stored, in the caller's
// transaction: all rows or none. A row already in the system as the file says is unchanged — so a
// file imported twice creates nothing the second time; a row that contradicts what is stored (another
// agency's officer, a number on someone else's card) is a problem of that row, and existing records
// are never changed by an import (their own procedures change them). Lookups and writes go in
// batches, so 50,000 rows are a few dozen statements.
import type { ImportKind, ImportRecords, ParsedRow, RowProblem } from '../domain/import';
import { IMPORT_COLUMNS, duplicateKeys } from '../domain/import';
import { Prisma } from '../infra/db';

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

/**
 * Inserts rows in one statement (`unnest` of one array per column): 50,000 rows are one round trip
 * and a few arrays, where a generated multi-row INSERT would hold a bind parameter per cell. Table and
 * column names are this module's constants; every value is a parameter. Ids are made by PostgreSQL.
 */
async function insertRows(
  tx: Tx,
  table: string,
  /** Each column's name and PostgreSQL type (an enum by its quoted name, e.g. `"ExamType"`). */
  columns: readonly (readonly [name: string, type: string])[],
  rows: readonly (readonly unknown[])[],
  opts: { updatedAt?: boolean; returning?: string } = {},
): Promise<Record<string, string>[]> {
  if (rows.length === 0) return [];
  const returning = opts.returning;
  // Prisma sets @updatedAt itself; a row written here gets the transaction's time.
  const names = Prisma.raw([...columns.map(([c]) => `"${c}"`), ...(opts.updatedAt ? ['"updatedAt"'] : [])].join(', '));
  const arrays = Prisma.join(columns.map(([, type], i) => Prisma.sql`${rows.map((r) => r[i])}::${Prisma.raw(type)}[]`));
  const query = Prisma.sql`INSERT INTO ${Prisma.raw(`"${table}"`)} (id, ${names}) SELECT gen_random_uuid()::text, *${
    opts.updatedAt ? Prisma.raw(', now()') : Prisma.empty
  } FROM unnest(${arrays})${returning ? Prisma.raw(` RETURNING ${returning}`) : Prisma.empty}`;
  return returning ? tx.$queryRaw<Record<string, string>[]>(query) : (await tx.$executeRaw(query), []);
}

/** Where a record came from, as the officer's timeline shows it. */
export const importSource = (fileName: string, row: number) => `${fileName} 第 ${row} 行`;

/** The officers of the ID numbers, by ID number (batched). */
async function officersByIdNumber(tx: Tx, idNumbers: readonly string[]) {
  const found = new Map<string, { id: string; name: string; organisationId: string; onStaff: boolean }>();
  for (const batch of batches([...new Set(idNumbers)])) {
    const rows = await tx.$queryRaw<
      { id: string; idNumber: string; name: string; organisationId: string; onStaff: boolean }[]
    >`
      SELECT id, "idNumber", name, "organisationId", "onStaff" FROM "Officer" WHERE "idNumber" = ANY(${batch}::text[])`;
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

/**
 * The rows of a file about known officers: the later of two rows with the same key (each pair of
 * `unique`) is a problem, and so is a row whose officer the importer may not act on (officerOfRows).
 */
async function rowsOfOfficers<T extends { idNumber: string }>(
  tx: Tx,
  records: readonly { row: number; record: T }[],
  ctx: ImportContext,
  idColumn: string,
  unique: readonly (readonly [key: (record: T) => string, column: string])[],
) {
  const problems = unique.flatMap(([key, column]) => duplicateKeys(records, key, column));
  const skip = new Set(problems.map((p) => p.row));
  const owners = await officerOfRows(
    tx,
    idColumn,
    records.filter((r) => !skip.has(r.row)),
    ctx,
  );
  return { problems: [...problems, ...owners.problems], resolved: owners.resolved };
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
  const create: [string, string, string, string, boolean, string][] = [];
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
      create.push([
        record.name,
        record.idNumber,
        record.birthDate,
        agencyId,
        record.onStaff,
        importSource(ctx.fileName, row),
      ]);
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
  await insertRows(
    tx,
    'Officer',
    [
      ['name', 'text'],
      ['idNumber', 'text'],
      ['birthDate', 'date'],
      ['organisationId', 'text'],
      ['onStaff', 'boolean'],
      ['importedFrom', 'text'],
    ],
    create,
    { updatedAt: true },
  );
  return { problems, created: create.length, unchanged };
}

async function importCertificates(
  tx: Tx,
  records: ParsedRow<'certificates'>[],
  ctx: ImportContext,
): Promise<ImportOutcome> {
  const cols = IMPORT_COLUMNS.certificates;
  // 一人一证: one valid card per officer, one officer per number.
  const owners = await rowsOfOfficers(tx, records, ctx, cols.idNumber, [
    [(r) => r.number, cols.number],
    [(r) => r.idNumber, cols.idNumber],
  ]);
  const problems = owners.problems;
  const numbers = new Map<string, { officerId: string; issuedOn: Date }>();
  const held = new Map<string, string>();
  const applying = new Map<string, string>();
  for (const batch of batches(owners.resolved)) {
    for (const c of await tx.$queryRaw<{ number: string; officerId: string; issuedOn: Date }[]>`
      SELECT number, "officerId", "issuedOn" FROM "Certificate" WHERE number = ANY(${batch.map((r) => r.record.number)}::text[])`)
      numbers.set(c.number, c);
    for (const c of await tx.$queryRaw<{ number: string; officerId: string }[]>`
      SELECT number, "officerId" FROM "Certificate"
      WHERE "officerId" = ANY(${batch.map((r) => r.officerId)}::text[]) AND status IN ('ACTIVE', 'SUSPENDED')`)
      held.set(c.officerId, c.number);
    // 一人一证: an officer whose application is under way gets a card from it, not from a file.
    for (const a of await tx.$queryRaw<{ officerId: string; number: string }[]>`
      SELECT "officerId", number FROM "Application"
      WHERE "openForOfficerId" = ANY(${batch.map((r) => r.officerId)}::text[])`)
      applying.set(a.officerId, a.number);
  }
  const create: { row: number; number: string; officerId: string; organisationId: string; issuedOn: string }[] = [];
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
    } else if (applying.has(officerId)) {
      problems.push({ row, column: cols.idNumber, message: `该人员有正在办理的申请 ${applying.get(officerId)}` });
    } else if (held.has(officerId)) {
      problems.push({ row, column: cols.idNumber, message: `该人员已持有有效证件 ${held.get(officerId)}` });
    } else {
      create.push({ row, number: record.number, officerId, organisationId, issuedOn: record.issuedOn });
    }
  }
  const ids = await insertRows(
    tx,
    'Certificate',
    [
      ['number', 'text'],
      ['officerId', 'text'],
      ['organisationId', 'text'],
      ['issuedOn', 'date'],
    ],
    create.map((c) => [c.number, c.officerId, c.organisationId, c.issuedOn]),
    { updatedAt: true, returning: 'id, number' },
  );
  const idOf = new Map(ids.map((c) => [c.number, c.id]));
  // The card's history starts with where it came from (the officer's timeline shows it).
  await insertRows(
    tx,
    'CertificateEvent',
    [
      ['certificateId', 'text'],
      ['type', 'text'],
      ['toStatus', '"CertificateStatus"'],
      ['reason', 'text'],
      ['actorId', 'text'],
    ],
    create.map((c) => [
      idOf.get(c.number),
      'IMPORTED',
      'ACTIVE',
      `导入：${importSource(ctx.fileName, c.row)}`,
      ctx.actorId,
    ]),
  );
  return { problems, created: create.length, unchanged };
}

async function importExamResults(
  tx: Tx,
  records: ParsedRow<'exam-results'>[],
  ctx: ImportContext,
): Promise<ImportOutcome> {
  const cols = IMPORT_COLUMNS['exam-results'];
  const key = (r: { idNumber: string; type: string; takenOn: string }) => `${r.idNumber}|${r.type}|${r.takenOn}`;
  const owners = await rowsOfOfficers(tx, records, ctx, cols.idNumber, [[key, cols.takenOn]]);
  const problems = owners.problems;
  const stored = new Map<string, { passed: boolean; score: number | null }>();
  for (const batch of batches(owners.resolved)) {
    for (const e of await tx.$queryRaw<
      { officerId: string; type: string; takenOn: Date; passed: boolean; score: number | null }[]
    >`SELECT "officerId", type::text, "takenOn", passed, score FROM "ExamResult"
      WHERE "officerId" = ANY(${batch.map((r) => r.officerId)}::text[])`)
      stored.set(`${e.officerId}|${e.type}|${e.takenOn.toISOString().slice(0, 10)}`, e);
  }
  const create: unknown[][] = [];
  let unchanged = 0;
  for (const { row, record, officerId } of owners.resolved) {
    const same = stored.get(`${officerId}|${record.type}|${record.takenOn}`);
    if (!same)
      create.push([
        officerId,
        record.type,
        record.takenOn,
        record.passed,
        record.score,
        importSource(ctx.fileName, row),
      ]);
    else if (same.passed === record.passed && same.score === record.score) unchanged++;
    else problems.push({ row, column: cols.passed, message: '该次考试已有不同的成绩记录；导入不修改已有记录' });
  }
  await insertRows(
    tx,
    'ExamResult',
    [
      ['officerId', 'text'],
      ['type', '"ExamType"'],
      ['takenOn', 'date'],
      ['passed', 'boolean'],
      ['score', 'integer'],
      ['importedFrom', 'text'],
    ],
    create,
  );
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
  const owners = await rowsOfOfficers(tx, records, ctx, cols.idNumber, [[key, cols.takenOn]]);
  const problems = owners.problems;
  const stored = new Set<string>();
  const hoursOfDay = new Map<string, number>();
  for (const batch of batches(owners.resolved)) {
    // The officers' rows are locked: concurrent records cannot pass the 24-hour day together (第十五条).
    await tx.$queryRaw`SELECT id FROM "Officer" WHERE id = ANY(${batch.map((r) => r.officerId)}::text[]) ORDER BY id FOR UPDATE`;
    for (const t of await tx.$queryRaw<
      {
        officerId: string;
        takenOn: Date;
        hours: number;
        category: string;
        mode: string;
        scope: string;
        organiser: string;
      }[]
    >`SELECT "officerId", "takenOn", hours, category::text, mode::text, scope::text, organiser FROM "TrainingRecord"
      WHERE "officerId" = ANY(${batch.map((r) => r.officerId)}::text[])`) {
      const d = t.takenOn.toISOString().slice(0, 10);
      stored.add([t.officerId, d, t.hours, t.category, t.mode, t.scope, t.organiser].join('|'));
      hoursOfDay.set(`${t.officerId}|${d}`, (hoursOfDay.get(`${t.officerId}|${d}`) ?? 0) + t.hours);
    }
  }
  const create: unknown[][] = [];
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
    create.push([
      officerId,
      r.takenOn,
      r.hours,
      r.category,
      r.mode,
      r.scope,
      r.organiser,
      ctx.actorId,
      importSource(ctx.fileName, row),
    ]);
  }
  await insertRows(
    tx,
    'TrainingRecord',
    [
      ['officerId', 'text'],
      ['takenOn', 'date'],
      ['hours', 'double precision'],
      ['category', '"TrainingCategory"'],
      ['mode', '"TrainingMode"'],
      ['scope', '"TrainingScope"'],
      ['organiser', 'text'],
      ['createdById', 'text'],
      ['importedFrom', 'text'],
    ],
    create,
  );
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
export async function applyImport<K extends ImportKind>(
  tx: Tx,
  kind: K,
  records: ParsedRow<K>[],
  ctx: ImportContext,
): Promise<ImportOutcome> {
  // One import at a time: two files (or the same one twice) committed at once would each see the
  // other's rows as not yet there — duplicates, or a unique violation instead of an answer.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('import'))`;
  return IMPORTERS[kind](tx, records, ctx);
}
