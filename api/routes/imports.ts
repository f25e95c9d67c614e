// Bringing in what a city already has, and taking it out again in the same format (issue #14 §4):
// officers, certificates, exam results and training records as CSV or XLSX. A check (dry run) says
// row by row what is wrong and what would be created; a commit applies every row in one transaction
// or none. An agency imports its own people (第三条); the city bureau's system admin for any agency.
import crypto from 'node:crypto';
import type { Request } from 'express';
import {
  CERTIFICATE_STATUS_LABELS,
  IMPORT_COLUMNS,
  IMPORT_KINDS,
  IMPORT_LABELS,
  locateColumns,
  readRows,
  type ImportKind,
  type RowProblem,
} from '../../domain/import';
import type { Actor } from '../../domain/roles';
import { localDateOf } from '../../domain/time';
import type { Prisma } from '../../infra/db';
import { CSV_TYPE, readTable, UnreadableFile, writeTable, XLSX_TYPE, type TableFormat } from '../../infra/spreadsheet';
import { writeAudit } from '../../store/audit';
import { applyImport, type ImportOutcome } from '../../store/imports';
import { Problem } from '../problem';
import { defineRoute } from '../route';
import { Uuid, z } from '../schemas';
import { uploadFileName } from './attachments';

const IMPORTERS = ['SYSTEM_ADMIN', 'AGENCY_ADMIN'] as const;
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 100_000;
// What browsers and spreadsheet programs call a CSV or XLSX file; the content decides which it is.
export const IMPORT_TYPES = [CSV_TYPE, XLSX_TYPE, 'application/vnd.ms-excel', 'text/plain', 'application/octet-stream'];

const Kind = z.enum(IMPORT_KINDS).openapi({ description: '人员 / 证件 / 考试成绩 / 培训记录' });

const RowProblemSchema = z.object({ row: z.number().int(), column: z.string(), message: z.string() });
const Report = z
  .object({
    kind: Kind,
    fileName: z.string(),
    rows: z.number().int(),
    committed: z.boolean(),
    created: z.number().int().openapi({ description: 'Created (a check: would be created)' }),
    unchanged: z.number().int().openapi({ description: 'Already in the system as the file says' }),
    problems: z.array(RowProblemSchema),
  })
  .openapi('ImportReport');

class Rollback extends Error {
  constructor(readonly outcome: ImportOutcome) {
    super('rolled back');
  }
}

/** An XLSX file is a ZIP archive; anything else is read as CSV text. */
const formatOf = (data: Buffer): TableFormat =>
  data.subarray(0, 4).equals(Buffer.from('PK\x03\x04')) ? 'xlsx' : 'csv';

const fileProblem = (detail: string, title: string) => new Problem(422, 'FILE_UNREADABLE', title, detail);

/** The agency an actor imports for: its own (an agency admin), or any (the system admin: null). */
const agencyScope = (actor: Actor) => (actor.roles.includes('SYSTEM_ADMIN') ? null : actor.organisation.id);

/** The uploaded CSV or XLSX file as a table, with its name and checksum (422 when unreadable or too long). */
export async function readUploadedTable(req: Request) {
  if (!Buffer.isBuffer(req.body) || req.body.length === 0)
    throw fileProblem('the body is not a CSV or XLSX file', '请上传 CSV 或 XLSX 文件');
  const fileName = uploadFileName(req);
  let table;
  try {
    table = await readTable(formatOf(req.body), req.body);
  } catch (err) {
    if (err instanceof UnreadableFile)
      throw fileProblem(err.message, '无法读取该文件：请上传 CSV（UTF-8 或 GBK 编码）或 XLSX 文件');
    throw err;
  }
  if (table.rows.length > IMPORT_MAX_ROWS) {
    throw new Problem(
      422,
      'TOO_MANY_ROWS',
      `一次最多导入 ${IMPORT_MAX_ROWS} 行，请拆分文件`,
      `${table.rows.length} rows; at most ${IMPORT_MAX_ROWS}`,
    );
  }
  return { fileName, table, sha256: crypto.createHash('sha256').update(req.body).digest('hex') };
}

async function readUploadedRows(kind: ImportKind, req: Request) {
  const { fileName, table, sha256 } = await readUploadedTable(req);
  const { at, problems: headerProblems } = locateColumns(kind, table.header);
  const read = headerProblems.length
    ? { records: [], problems: [] }
    : readRows(kind, table.rows, at, localDateOf(new Date()));
  return {
    fileName,
    sha256,
    rows: table.rows.length,
    ...read,
    problems: [...headerProblems, ...read.problems],
  };
}

const byRow = (a: RowProblem, b: RowProblem) => a.row - b.row;

export const importFile = defineRoute({
  method: 'post',
  path: '/api/imports/{kind}',
  summary:
    'Import a CSV or XLSX file (name in X-File-Name, URL-encoded): mode=check reports row by row what is wrong and what would be created; mode=commit applies every row or none. Importing the same file again creates nothing',
  tags: ['import'],
  auth: IMPORTERS,
  params: z.object({ kind: Kind }),
  query: z.object({ mode: z.enum(['check', 'commit']).default('check') }),
  upload: { types: IMPORT_TYPES, maxBytes: IMPORT_MAX_BYTES },
  responses: {
    200: { description: 'The check’s report (nothing written)', schema: Report },
    201: { description: 'Committed: every row applied', schema: Report },
    413: { description: 'Larger than 20 MB' },
    422: { description: 'Unreadable, too many rows, or rows with problems (`rows`); nothing written' },
  },
  handler: async ({ deps, req, params, query, actor, requestId }) => {
    const kind = params.kind;
    const file = await readUploadedRows(kind, req);
    const ctx = { agencyId: agencyScope(actor), actorId: actor.userId, fileName: file.fileName };
    const outcome = await deps.db
      .$transaction(
        async (tx) => {
          const applied = await applyImport(tx, kind, file.records, ctx);
          const all = { ...applied, problems: [...file.problems, ...applied.problems] };
          // A check, or a file with any problem: nothing stays written.
          if (query.mode === 'check' || all.problems.length > 0) throw new Rollback(all);
          await writeAudit(tx, {
            actorId: actor.userId,
            actorRoles: actor.roles,
            action: 'import.commit',
            targetType: 'Import',
            targetId: null,
            outcome: 'DONE',
            requestId,
            detail: {
              kind,
              fileName: file.fileName,
              sha256: file.sha256,
              rows: file.rows,
              created: all.created,
              unchanged: all.unchanged,
            },
          });
          return all;
        },
        // 50,000 rows are written in batches inside one transaction.
        { timeout: 10 * 60_000, maxWait: 10_000 },
      )
      .catch((err: unknown) => {
        if (err instanceof Rollback) return { ...err.outcome, rolledBack: true };
        // A record of the file registered meanwhile by hand (the unique index answers): check again.
        if ((err as { code?: string }).code === 'P2002' || /\b23505\b/.test(JSON.stringify(err) ?? ''))
          throw new Problem(
            409,
            'IMPORT_CONFLICT',
            '文件中的记录刚被他人登记，请重新检查后再导入',
            'a row was registered concurrently',
          );
        throw err;
      });
    const problems = [...outcome.problems].sort(byRow);
    const committed = !('rolledBack' in outcome);
    if (query.mode === 'commit' && !committed) {
      throw new Problem(
        422,
        'IMPORT_ROWS_INVALID',
        `文件中有 ${problems.length} 处问题，未导入任何数据`,
        `${problems.length} problems; nothing was imported`,
        { rows: problems },
      );
    }
    const body = {
      kind,
      fileName: file.fileName,
      rows: file.rows,
      committed,
      created: outcome.created,
      unchanged: outcome.unchanged,
      problems,
    };
    return { status: committed ? 201 : 200, body };
  },
});

const day = (d: Date) => d.toISOString().slice(0, 10);
const STATUS_WORD = Object.fromEntries(Object.entries(CERTIFICATE_STATUS_LABELS).map(([k, v]) => [v, k]));

/** Each kind's rows for an export, in the columns an import reads. */
const EXPORTS: {
  [K in ImportKind]: (db: Prisma.TransactionClient, where: { organisationId?: string }) => Promise<string[][]>;
} = {
  officers: async (db, where) =>
    (
      await db.officer.findMany({
        where,
        include: { organisation: true },
        orderBy: [{ organisationId: 'asc' }, { name: 'asc' }],
      })
    ).map((o) => [o.name, o.idNumber, o.organisation.name, o.onStaff ? '是' : '否']),
  certificates: async (db, where) =>
    (await db.certificate.findMany({ where, include: { officer: true }, orderBy: { number: 'asc' } })).map((c) => [
      c.number,
      c.officer.idNumber,
      day(c.issuedOn),
      STATUS_WORD[c.status],
    ]),
  'exam-results': async (db, where) =>
    (
      await db.examResult.findMany({
        where: { officer: where },
        include: { officer: true },
        orderBy: [{ officerId: 'asc' }, { takenOn: 'asc' }],
      })
    ).map((e) => [
      e.officer.idNumber,
      IMPORT_LABELS.examType[e.type],
      day(e.takenOn),
      e.passed ? '合格' : '不合格',
      e.score === null ? '' : String(e.score),
    ]),
  'training-records': async (db, where) =>
    (
      await db.trainingRecord.findMany({
        where: { officer: where },
        include: { officer: true },
        orderBy: [{ officerId: 'asc' }, { takenOn: 'asc' }],
      })
    ).map((t) => [
      t.officer.idNumber,
      day(t.takenOn),
      String(t.hours),
      IMPORT_LABELS.trainingCategory[t.category],
      IMPORT_LABELS.trainingMode[t.mode],
      IMPORT_LABELS.trainingScope[t.scope],
      t.organiser,
    ]),
};

export const exportFile = defineRoute({
  method: 'get',
  path: '/api/exports/{kind}',
  summary: 'Export officers, certificates, exam results or training records in the import’s format (CSV or XLSX)',
  tags: ['import'],
  auth: IMPORTERS,
  params: z.object({ kind: Kind }),
  query: z.object({
    format: z.enum(['csv', 'xlsx']).default('xlsx'),
    organisationId: Uuid.optional().openapi({
      description: 'One agency (an agency admin: its own; the system admin: else all)',
    }),
  }),
  responses: { 200: { description: 'The file' } },
  handler: async ({ deps, params, query, actor, authorise, requestId }) => {
    // An agency exports its own records; another agency's is refused (audited 403), as for any read.
    const organisationId = query.organisationId ?? agencyScope(actor);
    if (organisationId) await authorise({ organisationId });
    const rows = await EXPORTS[params.kind](deps.db, organisationId ? { organisationId } : {});
    const header = Object.values(IMPORT_COLUMNS[params.kind]) as string[];
    const data = await writeTable(query.format, header, rows);
    // Full ID numbers leave the system in bulk: who took which, and how many (第二十五条).
    await writeAudit(deps.db, {
      actorId: actor.userId,
      actorRoles: actor.roles,
      action: 'export',
      targetType: 'Export',
      targetId: organisationId ?? null,
      outcome: 'DONE',
      requestId,
      detail: { kind: params.kind, format: query.format, rows: rows.length },
    });
    return {
      status: 200,
      file: {
        contentType: query.format === 'csv' ? `${CSV_TYPE}; charset=utf-8` : XLSX_TYPE,
        fileName: `${EXPORT_NAMES[params.kind]}-${localDateOf(new Date())}.${query.format}`,
        data,
      },
    };
  },
});

const EXPORT_NAMES: Record<ImportKind, string> = {
  officers: '执法人员',
  certificates: '执法证',
  'exam-results': '考试成绩',
  'training-records': '培训记录',
};
