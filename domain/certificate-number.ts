// Certificate numbers: a configurable format, default 6-digit region code + 2-digit year +
// 6-digit sequence (e.g. 33010626000042). The sequence is per region and year and is allocated by
// the database (store/sequences.ts) so concurrent issuances never share a number.
export const DEFAULT_CERTIFICATE_NUMBER_FORMAT = '{region}{yy}{seq:6}';

export interface NumberParts {
  region: string;
  year: number;
  seq: number;
}

/** The counter a number draws from: one per region and year. */
export function sequenceName(region: string, year: number): string {
  return `certificate:${region}:${year}`;
}

export function formatCertificateNumber(format: string, p: NumberParts): string {
  return format.replace(/\{(region|yyyy|yy|seq)(?::(\d+))?\}/g, (_m, key: string, width?: string) => {
    if (key === 'region') return p.region;
    if (key === 'yyyy') return String(p.year);
    if (key === 'yy') return String(p.year % 100).padStart(2, '0');
    return String(p.seq).padStart(Number(width ?? 6), '0');
  });
}

/** A format must contain {seq} (else numbers repeat) and {region}; checked at start-up. */
export function isValidNumberFormat(format: string): boolean {
  return /\{seq(?::\d+)?\}/.test(format) && format.includes('{region}') && /\{yy(yy)?\}/.test(format);
}
