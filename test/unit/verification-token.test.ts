// The signed token of a certificate's QR code (api/verification-token.ts): only a listed key signs a
// token that verifies, for that number only, and rotation keeps older cards valid while their key is listed.
import { describe, expect, it } from 'vitest';
import { isGenuineToken, signCertificateNumber, verificationUrl } from '../../api/verification-token';

const k1 = { id: 'k1', secret: '1'.repeat(32) };
const k2 = { id: 'k2', secret: '2'.repeat(32) };
const NUMBER = '330106-2023-00001';

describe('certificate verification tokens', () => {
  it('a token names its key and verifies for its number only', () => {
    const token = signCertificateNumber([k1], NUMBER);
    expect(token).toMatch(/^k1\.[A-Za-z0-9_-]{22}$/);
    expect(isGenuineToken([k1], NUMBER, token)).toBe(true);
    expect(isGenuineToken([k1], '330106-2023-00002', token)).toBe(false);
  });

  it('every changed character, another key with the same id, or garbage is refused', () => {
    const token = signCertificateNumber([k1], NUMBER);
    for (let i = 0; i < token.length; i++) {
      const c = token[i] === 'A' ? 'B' : 'A';
      expect(isGenuineToken([k1], NUMBER, token.slice(0, i) + c + token.slice(i + 1)), `position ${i}`).toBe(false);
    }
    expect(isGenuineToken([{ id: 'k1', secret: '3'.repeat(32) }], NUMBER, token)).toBe(false);
    for (const junk of ['', '.', 'k1.', 'k1', `${token}x`, `k2.${token.slice(3)}`])
      expect(isGenuineToken([k1, k2], NUMBER, junk), junk).toBe(false);
  });

  it('rotation: the first key signs, every listed key verifies, a dropped key no longer does', () => {
    const old = signCertificateNumber([k1], NUMBER);
    const current = signCertificateNumber([k2, k1], NUMBER);
    expect(current.startsWith('k2.')).toBe(true);
    expect(isGenuineToken([k2, k1], NUMBER, old)).toBe(true);
    expect(isGenuineToken([k2], NUMBER, old)).toBe(false);
    expect(isGenuineToken([k2], NUMBER, current)).toBe(true);
  });

  it('the QR code address is the public page of the number with its token', () => {
    const url = new URL(
      verificationUrl({ PUBLIC_BASE_URL: 'https://zfz.example.gov.cn/', verificationKeys: [k1] }, NUMBER),
    );
    expect(url.origin + url.pathname).toBe(`https://zfz.example.gov.cn/verify/${NUMBER}`);
    expect(url.searchParams.get('t')).toBe(signCertificateNumber([k1], NUMBER));
  });
});
