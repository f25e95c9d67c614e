import { dateInWords, daysLeft, lastDayInWords, localDateOf } from '../../domain/local-date';
import { CATALOGUES, LABELS, type MessageKey } from './messages';

const catalogue = CATALOGUES['zh-CN'];

/** The message for `key`, with `{name}` placeholders filled from `params`. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return catalogue[key].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

/** The display name of an API enumeration value (the value itself when unknown). */
export const label = (value: string | null | undefined): string => (value ? (LABELS[value] ?? value) : '—');

/** The word for a step on a record's timeline, from that record's catalogue of steps (domain/labels.ts). */
export const eventLabel = (steps: Readonly<Record<string, string>>, type: string): string => steps[type] ?? label(type);

const clock = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
/** An instant as a person in Hangzhou reads it, whatever the browser's zone: 2026年12月2日 09:30. */
export const fmtDateTime = (iso: string | null | undefined) =>
  iso ? `${dateInWords(localDateOf(new Date(iso)))} ${clock.format(new Date(iso))}` : '—';
/** A date (`YYYY-MM-DD`, or the Asia/Shanghai day of an instant) as 2026年12月15日, like the server's texts. */
export const fmtDate = (iso: string | null | undefined) =>
  iso ? dateInWords(iso.length === 10 ? iso : localDateOf(new Date(iso))) : '—';

/** A legal deadline or term end (24:00 of its last day, an instant) as that last day (domain/local-date.ts). */
export const fmtDeadline = (iso: string | null | undefined) => (iso ? lastDayInWords(new Date(iso)) : '—');

/**
 * What is left of a period ending at `iso`, in whole days after today (domain/local-date.ts daysLeft):
 * "剩余 10 天", on its last day "今天是最后一天", after it "已届满".
 */
export function fmtDaysLeft(iso: string, now = new Date()): string {
  const n = daysLeft(new Date(iso), now);
  return n > 0 ? t('countdown.days', { days: n }) : n === 0 ? t('countdown.lastDay') : t('countdown.over');
}

/** Today in Asia/Shanghai (legal dates are local dates), YYYY-MM-DD. */
export const today = () => localDateOf(new Date());

/** A list's total as the API gives it (api/list-total.ts): exact, estimated, or only "more than". */
export interface ListCount {
  total: number;
  totalCapped?: boolean;
  totalEstimated?: boolean;
}

/** A count as a person may read it: 12, 约 800,000 (the database's estimate), 超过 1,000. */
export function fmtCount(c: ListCount): string {
  const n = c.total.toLocaleString('zh-CN');
  if (!c.totalCapped) return n;
  return t(c.totalEstimated ? 'common.count.estimated' : 'common.count.more', { n });
}

/** A list's total: 共 12 条, 约 800,000 条, 超过 1,000 条. */
export const fmtTotal = (c: ListCount): string =>
  c.totalCapped ? t('common.totalApprox', { n: fmtCount(c) }) : t('common.total', { n: fmtCount(c) });
