// 18-digit resident ID numbers (GB 11643): format and check digit; masking for 第二十五条.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function idNumberCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

export function isValidIdNumber(id: string): boolean {
  return /^\d{17}[\dX]$/.test(id) && idNumberCheckDigit(id.slice(0, 17)) === id[17];
}

/** 第二十五条: show the region and the check digit only, e.g. 11010519491231002X → 1101************2X. */
export function maskIdNumber(id: string): string {
  return id.length < 8 ? '*'.repeat(id.length) : `${id.slice(0, 4)}${'*'.repeat(id.length - 6)}${id.slice(-2)}`;
}
