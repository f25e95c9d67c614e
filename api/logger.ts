import pino from 'pino';

// 第二十五条: personal data never reaches the logs.
export const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  '*.idNumber',
  '*.contact',
  '*.phone',
  '*.password',
];

export function createLogger(level: string) {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' }, base: { service: 'api' } });
}
