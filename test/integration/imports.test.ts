// Bringing in what a city already has (issue #14 §4), over HTTP with real CSV and XLSX files: a check
// that reports row by row in Chinese, a commit that applies all rows or none, a second import that
// creates nothing, scope (第三条), imported cards verifiable and on the officer's timeline, exports
// that import back unchanged, and issuance passing over an imported number in its own format.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckDigit } from '../../domain/id-number';
import { approveCurrent, tokensFor } from '../support/review-flow';
import { startTestStack, type TestStack } from '../support/stack';

let s: TestStack;
let tokens: Record<string, string>;
beforeAll(async () => {
  s = await startTestStack();
  tokens = await tokensFor(s, [
    'agency_admin',
    'system_admin',
    'district_reviewer',
    'city_reviewer',
    'province_reviewer',
  ]);
});
afterAll(async () => {
  await s?.stop();
});

const id = (birth: string, seq: string) => `330106${birth}${seq}${idNumberCheckDigit(`330106${birth}${seq}`)}`;
const csv = (rows: string[][]) => Buffer.from(rows.map((r) => r.join(',')).join('\r\n'), 'utf8');
async function xlsx(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('导入');
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(
  user: string,
  kind: string,
  mode: 'check' | 'commit',
  data: Buffer,
  fileName: string,
): Promise<{ status: number; type: string; body: any }> {
  const res = await fetch(`${s.baseUrl}/api/imports/${kind}?mode=${mode}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${tokens[user]}`,
      'content-type':
        data.subarray(0, 2).toString() === 'PK'
          ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
          : 'text/csv',
      'x-file-name': encodeURIComponent(fileName),
    },
    body: data,
  });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.json() };
}

async function download(user: string, path: string) {
  const res = await fetch(`${s.baseUrl}${path}`, { headers: { authorization: `Bearer ${tokens[user]}` } });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

const XIHU = '杭州市西湖区综合行政执法局';
const A = id('19850301', '101');
const B = id('19870412', '102');
const C = id('19900523', '103');

describe('import', () => {
  it('a check reports every problem by row and column in Chinese; a commit with any problem writes nothing; a clean file is committed at once; the same file again creates nothing', async () => {
    const bad = csv([
      ['姓名', '身份证号', '是否在编'],
      ['钱一', A, '是'],
      ['钱二', `${B.slice(0, 17)}0`, '是'],
      ['', C, '也许'],
      ['钱一', A, '是'],
    ]);
    const check = await upload('agency_admin', 'officers', 'check', bad, '西湖区人员.csv');
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({ kind: 'officers', rows: 4, committed: false, created: 1 });
    expect(check.body.problems).toEqual([
      { row: 3, column: '身份证号', message: expect.stringContaining('不是有效的 18 位身份证号') },
      { row: 4, column: '姓名', message: '不能为空' },
      { row: 4, column: '是否在编', message: '应为：是、否' },
      { row: 5, column: '身份证号', message: '与第 2 行重复' },
    ]);
    const refused = await upload('agency_admin', 'officers', 'commit', bad, '西湖区人员.csv');
    expect(refused.status).toBe(422);
    expect(refused.type).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ code: 'IMPORT_ROWS_INVALID', title: '文件中有 4 处问题，未导入任何数据' });
    expect(refused.body.rows).toHaveLength(4);
    expect(await s.t.db.officer.count({ where: { idNumber: A } })).toBe(0);

    const good = csv([
      ['身份证号', '姓名', '所属机关'],
      [A, '钱一', XIHU],
      [B, '钱二', ''],
      [C, '钱三', XIHU],
    ]);
    const done = await upload('agency_admin', 'officers', 'commit', good, '西湖区人员.csv');
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ committed: true, created: 3, unchanged: 0, problems: [] });
    const again = await upload('agency_admin', 'officers', 'commit', good, '西湖区人员.csv');
    expect(again.body).toMatchObject({ committed: true, created: 0, unchanged: 3 });
    expect(await s.t.db.officer.count({ where: { idNumber: { in: [A, B, C] } } })).toBe(3);
    const audit = await s.t.db.auditLog.findMany({ where: { action: 'import.commit' }, orderBy: { at: 'asc' } });
    expect(audit.map((a) => a.detail)).toMatchObject([
      { kind: 'officers', fileName: '西湖区人员.csv', created: 3 },
      { kind: 'officers', created: 0, unchanged: 3 },
    ]);
  });

  it('第三条: an agency imports only its own people; the city bureau’s system admin names the agency of each', async () => {
    const other = csv([
      ['姓名', '身份证号', '所属机关'],
      ['孙四', id('19920101', '104'), '杭州市上城区卫生健康局'],
    ]);
    const own = await upload('agency_admin', 'officers', 'check', other, 'x.csv');
    expect(own.body.problems).toEqual([{ row: 2, column: '所属机关', message: `只能导入本机关（${XIHU}）的人员` }]);
    const city = await upload('system_admin', 'officers', 'check', other, 'x.csv');
    expect(city.body).toMatchObject({ problems: [], created: 1 });
    const unnamed = await upload(
      'system_admin',
      'officers',
      'check',
      csv([
        ['姓名', '身份证号'],
        ['孙四', id('19920101', '104')],
      ]),
      'x.csv',
    );
    expect(unnamed.body.problems).toEqual([{ row: 2, column: '所属机关', message: '请填写所属机关' }]);
    // A card of another agency's officer is not this agency's to import.
    const wang = await s.t.db.officer.findFirstOrThrow({ where: { name: '王强' } });
    const card = csv([
      ['证件编号', '身份证号', '发证日期'],
      ['330102-2020-00077', wang.idNumber, '2020-06-01'],
    ]);
    expect((await upload('agency_admin', 'certificates', 'check', card, 'c.csv')).body.problems).toEqual([
      { row: 2, column: '身份证号', message: '不是本机关的执法人员' },
    ]);
  });

  it('certificates from XLSX: verifiable on the public page and on the officer’s timeline as imported, with the file and the row; one valid card per officer', async () => {
    const file = await xlsx([
      ['证件编号', '身份证号', '发证日期', '证件状态'],
      ['330106-2019-00501', A, '2019-07-01', '有效'],
      ['330106-2019-00502', B, '2019-07-01', '注销'],
      ['330106-2019-00503', A, '2019-08-01', '有效'],
    ]);
    const check = await upload('agency_admin', 'certificates', 'check', file, '存量证件.xlsx');
    expect(check.body.problems).toEqual([
      { row: 3, column: '证件状态', message: expect.stringContaining('只能导入有效证件') },
      { row: 4, column: '身份证号', message: '与第 2 行重复' },
    ]);
    const ok = await xlsx([
      ['证件编号', '身份证号', '发证日期', '证件状态'],
      ['330106-2019-00501', A, '2019-07-01', '有效'],
      ['330106-2019-00502', B, '2019/7/1', ''],
    ]);
    const done = await upload('agency_admin', 'certificates', 'commit', ok, '存量证件.xlsx');
    expect(done.status).toBe(201);
    expect(done.body.created).toBe(2);

    const verify = await s.call('GET', '/api/public/certificates/330106-2019-00501');
    expect(verify.status).toBe(200);
    expect(verify.body).toMatchObject({ validForEnforcement: true });
    const officer = await s.t.db.officer.findUniqueOrThrow({ where: { idNumber: B } });
    const timeline = await s.call('GET', `/api/officers/${officer.id}/timeline`, { token: tokens.agency_admin });
    const imported = JSON.stringify(timeline.body.entries ?? timeline.body);
    expect(imported).toContain('导入：存量证件.xlsx 第 3 行');
    expect(imported).toContain('西湖区人员.csv 第 3 行');

    const held = await xlsx([
      ['证件编号', '身份证号', '发证日期'],
      ['330106-2020-00600', A, '2020-01-01'],
    ]);
    expect((await upload('agency_admin', 'certificates', 'check', held, 'h.xlsx')).body.problems).toEqual([
      { row: 2, column: '身份证号', message: '该人员已持有有效证件 330106-2019-00501' },
    ]);
  });

  it('第十五条: exam results and training records; one officer’s day holds at most 24 hours, the file’s rows and stored ones together', async () => {
    const examRows = [
      ['身份证号', '考试类别', '考试日期', '考试结果', '分数'],
      [C, '综合法律知识', '2024-05-10', '合格', '82'],
      [C, '专业', '2024-06-10', '不合格', '101.5'],
    ];
    const exams = csv(examRows);
    expect((await upload('agency_admin', 'exam-results', 'check', exams, 'e.csv')).body.problems).toEqual([
      { row: 3, column: '分数', message: '分数应为 0–1000 的整数' },
    ]);
    const training = csv([
      ['身份证号', '培训日期', '学时', '培训类别', '培训方式', '培训范围', '组织单位'],
      [C, '2025-03-01', '16', '公共法律知识', '集中培训', '综合', '西湖区司法局'],
      [C, '2025-03-01', '8', '执法业务知识和技能', '日常培训', '专业', '本机关'],
      [C, '2025-03-01', '0.5', '新颁布法律法规', '日常培训', '综合', '本机关'],
    ]);
    const check = await upload('agency_admin', 'training-records', 'check', training, 't.csv');
    expect(check.body.problems).toEqual([
      { row: 4, column: '学时', message: '该人员当天的培训学时合计超过 24 学时（第十五条）' },
    ]);
    const fine = csv([
      ['身份证号', '培训日期', '学时', '培训类别', '培训方式', '培训范围', '组织单位'],
      [C, '2025-03-01', '16', '公共法律知识', '集中培训', '综合', '西湖区司法局'],
      [C, '2025-03-02', '8', '执法业务知识和技能', '日常培训', '专业', '本机关'],
    ]);
    expect((await upload('agency_admin', 'training-records', 'commit', fine, 't.csv')).body.created).toBe(2);
    const eligibility = await s.call(
      'GET',
      `/api/officers/${(await s.t.db.officer.findUniqueOrThrow({ where: { idNumber: C } })).id}/eligibility`,
      {
        token: tokens.agency_admin,
      },
    );
    expect(eligibility.status).toBe(200);
    const passed = csv(examRows.slice(0, 2));
    expect((await upload('agency_admin', 'exam-results', 'commit', passed, 'e.csv')).body).toMatchObject({
      created: 1,
    });
  });

  it('exports in the import’s format import back with nothing to create, CSV and XLSX', async () => {
    for (const [kind, format] of [
      ['officers', 'csv'],
      ['certificates', 'xlsx'],
      ['exam-results', 'csv'],
      ['training-records', 'xlsx'],
    ] as const) {
      const file = await download('agency_admin', `/api/exports/${kind}?format=${format}`);
      const back = await upload('agency_admin', kind, 'check', file, `export.${format}`);
      expect(back.body, kind).toMatchObject({ problems: [], created: 0 });
      expect(back.body.unchanged, kind).toBeGreaterThan(0);
    }
    // The system admin's export covers every agency; an agency admin's only its own.
    const all = (await download('system_admin', '/api/exports/officers?format=csv')).toString('utf8');
    const own = (await download('agency_admin', '/api/exports/officers?format=csv')).toString('utf8');
    expect(all).toContain('杭州市上城区卫生健康局');
    expect(own).not.toContain('杭州市上城区卫生健康局');
  });

  it('an imported number in the system’s own format is passed over when a certificate is issued', async () => {
    const year = String(new Date(Date.now() + 8 * 3600_000).getUTCFullYear()).slice(2);
    const taken = `330106${year}000001`;
    const officer = await s.t.db.officer.findUniqueOrThrow({ where: { idNumber: C } });
    const file = csv([
      ['证件编号', '身份证号', '发证日期'],
      [taken, id('19800101', '105'), '2020-01-01'],
    ]);
    expect(
      (
        await upload(
          'agency_admin',
          'officers',
          'commit',
          csv([
            ['姓名', '身份证号'],
            ['周五', id('19800101', '105')],
          ]),
          'o.csv',
        )
      ).status,
    ).toBe(201);
    expect((await upload('agency_admin', 'certificates', 'commit', file, 'c.csv')).status).toBe(201);
    const submitted = await s.call('POST', '/api/applications', {
      token: tokens.agency_admin,
      body: { officerId: officer.id, kind: 'INITIAL' },
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    // 一人一证: while the application is under way, a card for the officer does not come in by a file.
    const during = csv([
      ['证件编号', '身份证号', '发证日期'],
      ['330106-2018-00999', C, '2018-01-01'],
    ]);
    expect((await upload('agency_admin', 'certificates', 'check', during, 'd.csv')).body.problems).toEqual([
      { row: 2, column: '身份证号', message: `该人员有正在办理的申请 ${submitted.body.number}` },
    ]);
    for (let level = 0; level < 3; level++)
      expect((await approveCurrent(s, tokens, submitted.body.id)).status).toBe(200);
    const app = await s.call('GET', `/api/applications/${submitted.body.id}`, { token: tokens.agency_admin });
    expect(app.body.status).toBe('ISSUED');
    expect(app.body.certificateNumber).not.toBe(taken);
    expect(app.body.certificateNumber.startsWith(`330106${year}`)).toBe(true);
  });
});
