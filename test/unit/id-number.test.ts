// 18-digit resident ID numbers (GB 11643-1999, check digit ISO 7064 MOD 11-2) and masking (第二十五条).
import { describe, expect, it } from 'vitest';
import { idNumberCheckDigit, isValidIdNumber, maskIdNumber } from '../../domain/id-number';

// Hand computation for 11010519491231002X (the example ID published with GB 11643):
//   digits  1  1  0  1  0  5  1  9  4  9  1  2  3  1  0  0  2
//   weights 7  9 10  5  8  4  2  1  6  3  7  9 10  5  8  4  2
//   products 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 mod 11 = 2 → '10X98765432'[2] = 'X'
// and for 440524188001010014: 28+36+0+25+16+16+2+8+48+0+0+9+0+5+0+0+2 = 195; 195 mod 11 = 8 → '4'.
const VALID_X = '11010519491231002X';
const VALID_DIGIT = '440524188001010014';

/**
 * Independent ISO 7064 MOD 11-2, written from the standard rather than from the module: weight of
 * position i (from the left, 0-based) is 2^(17-i) mod 11, and the check value is (12 - sum mod 11) mod 11
 * with 10 written as X.
 */
function iso7064Mod11_2(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  const v = (12 - (sum % 11)) % 11;
  return v === 10 ? 'X' : String(v);
}

describe('idNumberCheckDigit (GB 11643)', () => {
  it('computes X for 11010519491231002 and 4 for 44052418800101001 (hand-computed above)', () => {
    expect(idNumberCheckDigit(VALID_X.slice(0, 17))).toBe('X');
    expect(idNumberCheckDigit(VALID_DIGIT.slice(0, 17))).toBe('4');
  });

  it('agrees with an independent ISO 7064 MOD 11-2 implementation on 500 deterministic pseudo-random numbers', () => {
    let seed = 20260925;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const seen = new Set<string>();
    for (let n = 0; n < 500; n++) {
      const first17 = Array.from({ length: 17 }, () => String(next() % 10)).join('');
      const check = iso7064Mod11_2(first17);
      seen.add(check);
      expect(idNumberCheckDigit(first17), first17).toBe(check);
    }
    expect(seen.size).toBe(11); // every check value 0–9 and X was exercised
  });
});

describe('isValidIdNumber', () => {
  it('GB 11643: accepts the published example 11010519491231002X (check digit X)', () => {
    expect(isValidIdNumber(VALID_X)).toBe(true);
  });

  it('GB 11643: accepts 440524188001010014 (numeric check digit)', () => {
    expect(isValidIdNumber(VALID_DIGIT)).toBe(true);
  });

  it('GB 11643: refuses a wrong check digit', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('110105194912310020')).toBe(false);
    expect(isValidIdNumber('440524188001010015')).toBe(false);
    expect(isValidIdNumber('44052418800101001X')).toBe(false);
  });

  it('GB 11643: refuses a single changed body digit (the check digit no longer fits)', () => {
    expect(isValidIdNumber('11010519491231003X')).toBe(false);
  });

  it('GB 11643: refuses wrong lengths', () => {
    expect(isValidIdNumber(VALID_X.slice(0, 17))).toBe(false);
    expect(isValidIdNumber(`${VALID_DIGIT}0`)).toBe(false);
    expect(isValidIdNumber('110105491231002')).toBe(false); // old 15-digit format
    expect(isValidIdNumber('')).toBe(false);
  });

  it('GB 11643: refuses a lowercase x check digit (GB 11643 writes the check value ten as capital X)', () => {
    expect(isValidIdNumber('11010519491231002x')).toBe(false);
  });

  it('GB 11643: refuses X anywhere but the last position, and non-digit characters', () => {
    expect(isValidIdNumber('X10105194912310020')).toBe(false);
    expect(isValidIdNumber('1101051949123100 X')).toBe(false);
    expect(isValidIdNumber(' 11010519491231002X')).toBe(false);
    expect(isValidIdNumber('11010519491231002X ')).toBe(false);
  });
});

describe('maskIdNumber', () => {
  it('第二十五条: keeps the first 4 and the last 2 characters, masks the 12 in between', () => {
    expect(maskIdNumber(VALID_X)).toBe('1101************2X');
    expect(maskIdNumber(VALID_DIGIT)).toBe('4405************14');
  });

  it('第二十五条: the masked value has the original length and reveals no birth date', () => {
    const masked = maskIdNumber(VALID_X);
    expect(masked).toHaveLength(18);
    expect(masked).not.toContain('19491231');
  });

  it('第二十五条: a value shorter than 8 characters is masked entirely', () => {
    expect(maskIdNumber('1234567')).toBe('*******');
    expect(maskIdNumber('')).toBe('');
  });

  it('第二十五条: an 8-character value keeps 4 + 2 and masks 2', () => {
    expect(maskIdNumber('12345678')).toBe('1234**78');
  });
});
