import { CATALOGUES, LABELS, type MessageKey } from './messages';

const catalogue = CATALOGUES['zh-CN'];

/** The message for `key`, with `{name}` placeholders filled from `params`. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return catalogue[key].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

/** The display name of an API enumeration value (the value itself when unknown). */
export const label = (value: string | null | undefined): string => (value ? (LABELS[value] ?? value) : '—');

const dateTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});
const dateOnly = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Legal times are shown in Asia/Shanghai whatever the browser's zone. */
export const fmtDateTime = (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : '—');
export const fmtDate = (iso: string | null | undefined) =>
  iso ? (iso.length === 10 ? iso : dateOnly.format(new Date(iso))) : '—';

/** A legal deadline (24:00 of its last day, an instant) as that last day (domain/time.ts lastDayBefore). */
export const fmtDeadline = (iso: string | null | undefined) =>
  iso ? dateOnly.format(new Date(Date.parse(iso) - 1)) : '—';

/** Today in Asia/Shanghai (legal dates are local dates), YYYY-MM-DD. */
export const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
