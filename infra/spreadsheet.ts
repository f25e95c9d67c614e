// Tables in and out of files: CSV (csv-parse / csv-stringify) and XLSX (ExcelJS). A table is a header
// row and data rows of text; what a cell means is the importer's business (domain/import.ts).
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';

export const CSV_TYPE = 'text/csv';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export type TableFormat = 'csv' | 'xlsx';

export interface Table {
  header: string[];
  /** Data rows with their row number in the file as a person sees it (the header is row 1). */
  rows: { row: number; cells: string[] }[];
}

export class UnreadableFile extends Error {}

/**
 * CSV text: UTF-8 (with or without BOM), or GB18030 — what Excel on a Chinese Windows saves as "CSV" —
 * when the bytes are not valid UTF-8.
 */
function decodeCsv(data: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(data);
  } catch {
    return new TextDecoder('gb18030').decode(data);
  }
}

/**
 * An XLSX cell as text: dates as YYYY-MM-DD (a date cell holds the day it shows), formulas by their
 * result (none: empty). A number beyond 2^53 has lost digits already — an 18-digit ID number typed as a
 * number — so it is given in exponent form, which no column accepts, rather than as digits that could
 * pass for another person's ID number.
 */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number') return Number.isSafeInteger(v) || !Number.isInteger(v) ? String(v) : v.toExponential();
  if (typeof v === 'object') {
    if ('formula' in v || 'sharedFormula' in v || 'result' in v)
      return cellText((v as { result?: ExcelJS.CellValue }).result);
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
    if ('error' in v) return '';
  }
  return String(v);
}

function table(raw: string[][], firstRow = 1): Table {
  const [header = [], ...rest] = raw;
  return {
    header: header.map((h) => h.trim()),
    rows: rest
      .map((cells, i) => ({ row: firstRow + 1 + i, cells: cells.map((c) => c.trim()) }))
      .filter((r) => r.cells.some((c) => c !== '')),
  };
}

export async function readTable(format: TableFormat, data: Buffer): Promise<Table> {
  if (format === 'csv') {
    try {
      return table(parse(decodeCsv(data), { bom: true, relax_column_count: true, skip_empty_lines: false }));
    } catch (err) {
      throw new UnreadableFile(`not a readable CSV file: ${(err as Error).message}`);
    }
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch (err) {
    throw new UnreadableFile(`not a readable XLSX file: ${(err as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { header: [], rows: [] };
  const raw: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const values = (row.values as ExcelJS.CellValue[]).slice(1); // ExcelJS rows are 1-based
    raw[n - 1] = values.map(cellText);
  });
  return table(Array.from(raw, (r) => r ?? []));
}

export async function writeTable(format: TableFormat, header: string[], rows: string[][]): Promise<Buffer> {
  if (format === 'csv') {
    // BOM: spreadsheet programs then read the Chinese text as UTF-8. A cell a spreadsheet would run as
    // a formula (= + - @ first) is written with a leading apostrophe: data never becomes code.
    const safe = rows.map((r) => r.map((c) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c)));
    return Buffer.from('\ufeff' + stringify([header, ...safe], { record_delimiter: '\r\n' }), 'utf8');
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow(header);
  // Text cells throughout: an ID number or a certificate number must not turn into a number.
  for (const r of rows) sheet.addRow(r);
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
