// The signed token in a certificate's QR code. Certificate numbers are sequential, so a number alone
// must not give the holder's name (anyone could count through the roster of officers); the QR code
// on the card carries `<key id>.<HMAC-SHA256 of the number under that key>`, which only the card has,
// and which unlocks the full public answer. Keys rotate by configuration (VERIFICATION_KEYS): the
// first signs, every key listed verifies, so cards printed under an older key stay valid until it
// is dropped.
import crypto from 'node:crypto';
import type { Config, VerificationKey } from '../infra/config';

// 128 bits: unguessable (and online guesses are rate-limited), and a small QR code.
const MAC_BYTES = 16;

function mac(key: VerificationKey, number: string): string {
  const digest = crypto.createHmac('sha256', key.secret).update(`certificate-verification:${number}`).digest();
  return `${key.id}.${digest.subarray(0, MAC_BYTES).toString('base64url')}`;
}

/** The token for `number`, under the first (current) key. */
export function signCertificateNumber(keys: readonly VerificationKey[], number: string): string {
  return mac(keys[0], number);
}

/** Whether `token` was signed for `number` by one of `keys` (compared in constant time). */
export function isGenuineToken(keys: readonly VerificationKey[], number: string, token: string): boolean {
  const key = keys.find((k) => token.startsWith(`${k.id}.`));
  if (!key) return false;
  // Compared as text, not decoded bytes: base64url decoding ignores the last character's spare bits.
  const expected = Buffer.from(mac(key, number));
  const given = Buffer.from(token);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

/** The public verification page of a certificate, without a token: what anyone may link to. */
export function publicPageUrl(config: Pick<Config, 'PUBLIC_BASE_URL'>, number: string): string {
  return `${config.PUBLIC_BASE_URL.replace(/\/+$/, '')}/verify/${encodeURIComponent(number)}`;
}

/** The address a certificate's QR code encodes: the public page, with the token. */
export function verificationUrl(config: Pick<Config, 'PUBLIC_BASE_URL' | 'verificationKeys'>, number: string): string {
  return `${publicPageUrl(config, number)}?t=${encodeURIComponent(signCertificateNumber(config.verificationKeys, number))}`;
}
