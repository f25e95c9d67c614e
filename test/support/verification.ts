// What a citizen scanning a card's QR code sends: the public verification with the card's signed
// token. The token is read where a printer of the card reads it (the certificate's verificationUrl,
// by someone who may read the card), so tests never rebuild it.
import type { TestStack } from './stack';

type Api = Pick<TestStack, 'call'>;

/** The address the card's QR code encodes, read with `bearer` (a user who may read the card). */
export async function qrCodeUrl(api: Api, bearer: string, number: string): Promise<URL> {
  const r = await api.call('GET', `/api/certificates/${encodeURIComponent(number)}`, { token: bearer });
  if (r.status !== 200) throw new Error(`certificate ${number}: ${r.status} ${JSON.stringify(r.body)}`);
  return new URL(r.body.verificationUrl);
}

/** The public verification of `number`, with the token `t` of its QR code when given. */
export const verifyPublicly = (api: Api, number: string, token?: string, headers?: Record<string, string>) =>
  api.call(
    'GET',
    `/api/public/certificates/${encodeURIComponent(number)}${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`,
    { headers },
  );

/** The full public answer, as a citizen scanning the card's QR code gets it. */
export async function scanQrCode(api: Api, bearer: string, number: string) {
  return verifyPublicly(api, number, (await qrCodeUrl(api, bearer, number)).searchParams.get('t')!);
}
