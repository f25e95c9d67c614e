// Development output a person can read (`npm start`): one short line per request — time, method,
// path, status, duration — and the level and message of anything else, instead of pino's JSON with
// every header. Production keeps the JSON lines (api/logger.ts) for the log pipeline.
const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
// Set on every line by pino or pino-http: not worth repeating to a person.
const QUIET_KEYS = new Set([
  'level',
  'time',
  'pid',
  'hostname',
  'service',
  'msg',
  'req',
  'res',
  'responseTime',
  'err',
  'reqId',
]);

/** HH:MM:SS in Asia/Shanghai (UTC+8, no daylight saving), as the people who run it read time. */
export const clock = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(11, 19);

/** One JSON log line as a person reads it; the line unchanged when it is not pino's JSON. */
export function humanLine(json: string): string {
  let o: Record<string, any>;
  try {
    o = JSON.parse(json);
  } catch {
    return json.endsWith('\n') ? json : `${json}\n`;
  }
  const at = clock(typeof o.time === 'number' ? o.time : Date.now());
  if (o.req?.method && o.res?.statusCode !== undefined) {
    const ms = typeof o.responseTime === 'number' ? ` ${Math.round(o.responseTime)} ms` : '';
    return `${at} ${o.req.method} ${o.req.url ?? ''} → ${o.res.statusCode}${ms}\n`;
  }
  const extra = Object.entries(o)
    .filter(([k]) => !QUIET_KEYS.has(k))
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
  const err = o.err ? `\n${o.err.stack ?? o.err.message ?? JSON.stringify(o.err)}` : '';
  return `${at} ${LEVELS[o.level] ?? o.level} ${o.msg ?? ''}${extra ? ` ${extra}` : ''}${err}\n`;
}

/** A pino destination that writes human lines to `out` (stdout by default). */
export function humanDestination(out: { write(s: string): unknown } = process.stdout) {
  return { write: (line: string) => out.write(humanLine(line)) };
}
