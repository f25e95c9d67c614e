// Certificate numbers: a configurable format, default 6-digit region + 2-digit year + 6-digit sequence;
// the sequence is per region and year. Expected values are written out by hand.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CERTIFICATE_NUMBER_FORMAT,
  formatCertificateNumber,
  isValidNumberFormat,
  sequenceName,
} from '../../domain/certificate-number';

describe('formatCertificateNumber', () => {
  it('default format: region 330106, 2026, seq 42 → 33010626000042 (14 digits)', () => {
    const n = formatCertificateNumber(DEFAULT_CERTIFICATE_NUMBER_FORMAT, { region: '330106', year: 2026, seq: 42 });
    expect(n).toBe('33010626000042');
    expect(n).toMatch(/^\d{14}$/);
  });

  it('default format: the first and the largest 6-digit sequence numbers', () => {
    expect(formatCertificateNumber(DEFAULT_CERTIFICATE_NUMBER_FORMAT, { region: '330100', year: 2026, seq: 1 })).toBe(
      '33010026000001',
    );
    expect(
      formatCertificateNumber(DEFAULT_CERTIFICATE_NUMBER_FORMAT, { region: '330100', year: 2026, seq: 999999 }),
    ).toBe('33010026999999');
  });

  it('{yy} keeps a leading zero: 2005 → 05, 2030 → 30', () => {
    expect(formatCertificateNumber('{region}{yy}{seq:6}', { region: '330182', year: 2005, seq: 7 })).toBe(
      '33018205000007',
    );
    expect(formatCertificateNumber('{region}{yy}{seq:6}', { region: '330182', year: 2030, seq: 7 })).toBe(
      '33018230000007',
    );
  });

  it('{yyyy} gives the full year and {seq:4} a 4-digit sequence', () => {
    expect(formatCertificateNumber('{region}{yyyy}{seq:4}', { region: '330106', year: 2026, seq: 42 })).toBe(
      '33010620260042',
    );
  });

  it('{seq} without a width pads to 6 digits', () => {
    expect(formatCertificateNumber('{region}{yy}{seq}', { region: '330106', year: 2026, seq: 42 })).toBe(
      '33010626000042',
    );
  });

  it('literal text around the placeholders is kept', () => {
    expect(formatCertificateNumber('ZJ-{region}-{yyyy}-{seq:5}', { region: '330106', year: 2026, seq: 42 })).toBe(
      'ZJ-330106-2026-00042',
    );
  });

  it('a sequence wider than the width is not truncated (no two sequence numbers collide)', () => {
    expect(formatCertificateNumber('{region}{yyyy}{seq:4}', { region: '330106', year: 2026, seq: 12345 })).toBe(
      '330106202612345',
    );
  });
});

describe('isValidNumberFormat', () => {
  it('accepts the default format and {yyyy}/{seq:4} variants', () => {
    expect(isValidNumberFormat(DEFAULT_CERTIFICATE_NUMBER_FORMAT)).toBe(true);
    expect(isValidNumberFormat('{region}{yyyy}{seq:4}')).toBe(true);
    expect(isValidNumberFormat('ZJ-{region}-{yy}-{seq}')).toBe(true);
  });

  it('rejects a format without {seq} (numbers would repeat)', () => {
    expect(isValidNumberFormat('{region}{yy}')).toBe(false);
    expect(isValidNumberFormat('{region}{yy}000001')).toBe(false);
  });

  it('rejects a format without {region}', () => {
    expect(isValidNumberFormat('{yy}{seq:6}')).toBe(false);
    expect(isValidNumberFormat('330106{yyyy}{seq:6}')).toBe(false);
  });

  it('rejects a format without a year ({yy} or {yyyy})', () => {
    expect(isValidNumberFormat('{region}{seq:6}')).toBe(false);
    expect(isValidNumberFormat('{region}{y}{seq:6}')).toBe(false);
  });
});

describe('sequenceName', () => {
  it('is one counter per region and year', () => {
    expect(sequenceName('330106', 2026)).toBe('certificate:330106:2026');
  });

  it('differs for another region in the same year and for the same region in another year', () => {
    const xihu2026 = sequenceName('330106', 2026);
    expect(sequenceName('330105', 2026)).not.toBe(xihu2026);
    expect(sequenceName('330106', 2027)).not.toBe(xihu2026);
    expect(sequenceName('330106', 2026)).toBe(xihu2026);
  });
});
