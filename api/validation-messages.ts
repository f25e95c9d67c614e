// What a field error says, in Chinese, for every request schema of the API (issue #16 §2): zod's own
// zh-CN locale underneath, and over it plainer words for what people meet in forms — the locale's
// "数值过小：期望 array >=1 项" or "无效选项：期望以下之一 "A"|"B"" shows types and enum codes nobody
// filling in a form should see. A schema's own message (`.refine(…, '…')`) still wins over both.
// Imported by api/schemas.ts, where `z` is set up, so it holds in every process that parses a request.
import { z } from 'zod';

type Issue = Parameters<NonNullable<z.core.$ZodConfig['customError']>>[0];

const TYPES: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  bigint: '整数',
  boolean: '“是”或“否”',
  array: '列表',
  object: '一组内容',
  date: '日期',
};

const FORMATS: Record<string, string> = {
  datetime: '请填写有效的日期和时间',
  date: '请填写有效的日期（年-月-日）',
  time: '请填写有效的时间',
  uuid: '编号无效',
  guid: '编号无效',
  email: '请填写有效的电子邮件地址',
  url: '请填写有效的网址',
  regex: '格式不正确',
};

export const REQUIRED = '此项为必填项';

const missing = (input: unknown) => input === undefined || input === null || input === '';

/** The Chinese message for a zod issue, or undefined to leave it to the zh-CN locale. */
export function chineseIssueMessage(issue: Issue): string | undefined {
  if (issue.code !== 'custom' && issue.code !== 'unrecognized_keys' && missing(issue.input)) return REQUIRED;
  switch (issue.code) {
    case 'invalid_type':
      return `应为${TYPES[issue.expected] ?? '正确的格式'}`;
    case 'too_small': {
      const n = Number(issue.minimum);
      if (issue.origin === 'string') return n <= 1 ? REQUIRED : `至少 ${n} 个字`;
      if (issue.origin === 'array' || issue.origin === 'set') return `至少 ${n} 项`;
      if (issue.origin === 'date') return '日期过早';
      return issue.inclusive ? `不能小于 ${n}` : `应大于 ${n}`;
    }
    case 'too_big': {
      const n = Number(issue.maximum);
      if (issue.origin === 'string') return `最多 ${n} 个字`;
      if (issue.origin === 'array' || issue.origin === 'set') return `最多 ${n} 项`;
      if (issue.origin === 'file') return `文件不能超过 ${Math.floor(n / 1024 / 1024)} MB`;
      if (issue.origin === 'date') return '日期过晚';
      return issue.inclusive ? `不能大于 ${n}` : `应小于 ${n}`;
    }
    case 'invalid_value':
      return '不在可选范围内';
    case 'invalid_format':
      return FORMATS[issue.format];
    case 'not_multiple_of':
      return `应为 ${Number(issue.divisor)} 的整数倍`;
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
      return '格式不正确';
    case 'unrecognized_keys':
      return `不接受的字段：${issue.keys.join('、')}`;
    default:
      return undefined;
  }
}

z.config(z.locales.zhCN());
z.config({ customError: chineseIssueMessage });
