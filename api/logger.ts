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

/** The API's logger; `destination` (default stdout) lets a test read exactly what would be logged. */
export function createLogger(level: string, destination?: pino.DestinationStream) {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' }, base: { service: 'api' } }, destination);
}
