// The import's row rules (domain/import.ts) and the files it reads (infra/spreadsheet.ts).
import { describe, expect, it } from 'vitest';
import { idNumberCheckDigit } from '../../domain/id-number';
import { duplicateKeys, locateColumns, readRows } from '../../domain/import';
import { readTable, writeTable } from '../../infra/spreadsheet';

const ID = `33010619850301101${idNumberCheckDigit('33010619850301101')}`;
const TODAY = '2026-12-01';

describe('columns', () => {
  it('are found by their Chinese header in any order; a missing required one or one given twice is a header problem', () => {
    expect(locateColumns('officers', ['身份证号', '备注', '姓名'])).toEqual({
      at: { idNumber: 0, name: 2 },
      problems: [],
    });
    expect(locateColumns('certificates', ['证件编号', '证件编号', '身份证号']).problems).toEqual([
      { row: 1, column: '证件编号', message: '表头中出现了两次' },
      { row: 1, column: '发证日期', message: '缺少此列' },
    ]);
  });
});

describe('rows', () => {
  const at = { name: 0, idNumber: 1, onStaff: 2 };
  it('第二条: an officer row gives the birth date of its ID number, 在编 by default; each problem names its row and column', () => {
    const { records, problems } = readRows(
      'officers',
      [
        { row: 2, cells: ['钱一', ID.toLowerCase(), ''] },
        { row: 3, cells: ['钱二', '330106198503011010', '否'] },
      ],
      at,
      TODAY,
    );
    expect(records).toEqual([
      { row: 2, record: { name: '钱一', idNumber: ID, birthDate: '1985-03-01', agency: null, onStaff: true } },
    ]);
    expect(problems).toEqual([{ row: 3, column: '身份证号', message: expect.stringContaining('18 位身份证号') }]);
  });

  it('a control or bidi character in any cell is a problem of its column, without echoing it (the text policy)', () => {
    const { problems } = readRows('officers', [{ row: 4, cells: ['钱\u202e一', ID, '是', 'x\u0000'] }], at, TODAY);
    expect(problems).toEqual([
      { row: 4, column: '姓名', message: expect.stringContaining('U+202E') },
      { row: 4, column: '第 4 列', message: expect.stringContaining('U+0000') },
    ]);
  });

  it('dates are days that have happened, written YYYY-MM-DD or YYYY/M/D; 第十五条: hours in tenths, at most 24', () => {
    const cert = (issuedOn: string) =>
      readRows(
        'certificates',
        [{ row: 2, cells: ['330106-2019-00001', ID, issuedOn] }],
        { number: 0, idNumber: 1, issuedOn: 2 },
        TODAY,
      );
    expect(cert('2019/7/1').records[0].record.issuedOn).toBe('2019-07-01');
    expect(cert('2026-12-02').problems[0].message).toBe('不能晚于今天');
    expect(cert('2019-02-30').problems[0].message).toBe('日期格式应为 YYYY-MM-DD');
    const training = (hours: string) =>
      readRows(
        'training-records',
        [{ row: 2, cells: [ID, '2025-03-01', hours, '公共法律知识', '集中培训', '综合', '本机关'] }],
        { idNumber: 0, takenOn: 1, hours: 2, category: 3, mode: 4, scope: 5, organiser: 6 },
        TODAY,
      );
    expect(training('7.5').records[0].record.hours).toBe(7.5);
    for (const bad of ['0', '24.5', '1.25', '', '0x10', '1e1']) expect(training(bad).problems[0].column).toBe('学时');
  });

  it('the later of two rows with the same key is the problem, naming the first', () => {
    expect(
      duplicateKeys(
        [
          { row: 2, record: 'a' },
          { row: 3, record: 'b' },
          { row: 7, record: 'a' },
        ],
        (r) => r,
        '身份证号',
      ),
    ).toEqual([{ row: 7, column: '身份证号', message: '与第 2 行重复' }]);
  });
});

describe('files', () => {
  it('a CSV as Excel saves it in China (GB18030) reads like UTF-8 with a BOM; empty rows are skipped, rows keep their number', async () => {
    // "姓名,身份证号\r\n张三,<ID>\r\n,\r\n李四,<ID>" in GB18030: 姓 D0D5 名 C3FB 张 D5C5 三 C8FD 李 C0EE 四 CBC4.
    const gbk = Buffer.concat([
      Buffer.from([0xd0, 0xd5, 0xc3, 0xfb]),
      Buffer.from(',ID\r\n'),
      Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]),
      Buffer.from(`,${ID}\r\n,\r\n`),
      Buffer.from([0xc0, 0xee, 0xcb, 0xc4]),
      Buffer.from(`,${ID}\r\n`),
    ]);
    const t = await readTable('csv', gbk);
    expect(t.header).toEqual(['姓名', 'ID']);
    expect(t.rows).toEqual([
      { row: 2, cells: ['张三', ID] },
      { row: 4, cells: ['李四', ID] },
    ]);
    const utf8 = await readTable('csv', Buffer.from(`\ufeff姓名,ID\r\n张三,${ID}\r\n`, 'utf8'));
    expect(utf8.header).toEqual(['姓名', 'ID']);
  });

  it('an XLSX number that has lost digits (an ID number typed as a number) never reads as digits; a formula without its result reads as empty', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('x');
    sheet.addRow(['身份证号', '姓名', '分数']);
    // As Excel keeps an 18-digit number: a double, the last digits gone.
    sheet.addRow([Number('330106198501010298'), { formula: 'A2&""' }, 82]);
    const t = await readTable('xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(t.rows[0].cells).toEqual(['3.301061985010103e+17', '', '82']);
    const { problems } = readRows('officers', t.rows, { idNumber: 0, name: 1 }, TODAY);
    expect(problems.map((p) => p.column).sort()).toEqual(['姓名', '身份证号'].sort());
  });

  it('a CSV export never hands a spreadsheet a formula: a cell starting with = + - @ is written as text', async () => {
    const data = await writeTable('csv', ['姓名'], [['=HYPERLINK("http://x","点击")'], ['@SUM(1)'], ['钱一']]);
    expect((await readTable('csv', data)).rows.map((r) => r.cells[0])).toEqual([
      `'=HYPERLINK("http://x","点击")`,
      "'@SUM(1)",
      '钱一',
    ]);
  });

  it('what is written is read back the same, CSV and XLSX (an ID number stays text)', async () => {
    for (const format of ['csv', 'xlsx'] as const) {
      const data = await writeTable(
        format,
        ['姓名', '身份证号'],
        [
          ['钱一', ID],
          ['逗号, "引号"', '0123'],
        ],
      );
      expect((await readTable(format, data)).rows.map((r) => r.cells)).toEqual([
        ['钱一', ID],
        ['逗号, "引号"', '0123'],
      ]);
    }
  });
});
