// A certificate's QR code, for printing on the card. It encodes the public verification page with
// the card's signed token, which unlocks the holder's name (api/verification-token.ts) — so only
// those who may read the certificate get it, never the public (anyone could otherwise fetch the
// token of every number and read the roster).
import QRCode from 'qrcode';
import { problems } from '../problem';
import { defineRoute } from '../route';
import { z } from '../schemas';
import { publicPageUrl, verificationUrl } from '../verification-token';
import { CERTIFICATE_READERS, certificateScope } from './certificates';

const qrRoute = (format: 'svg' | 'png') =>
  defineRoute({
    method: 'get',
    path: `/api/certificates/{number}/qr.${format}`,
    summary: `QR code (${format.toUpperCase()}) to print on the card: opens its verification page with the signed token`,
    tags: ['certificates'],
    auth: CERTIFICATE_READERS,
    params: z.object({ number: z.string().min(1).max(64) }),
    responses: { 200: { description: 'The QR code' }, 404: { description: 'Unknown number' } },
    handler: async ({ deps, params, authorise: inScope }) => {
      const cert = await deps.db.certificate.findUnique({
        where: { number: params.number },
        include: { organisation: true },
      });
      if (!cert) throw problems.notFound(`certificate ${params.number}`);
      await inScope(certificateScope(cert));
      const url = verificationUrl(deps.config, cert.number);
      const data =
        format === 'svg'
          ? Buffer.from(await QRCode.toString(url, { type: 'svg', margin: 1 }))
          : await QRCode.toBuffer(url, { type: 'png', margin: 1, width: 256 });
      return {
        status: 200,
        file: {
          contentType: format === 'svg' ? 'image/svg+xml' : 'image/png',
          fileName: `${cert.number}.${format}`,
          data,
        },
      };
    },
  });

export const certificateQrSvg = qrRoute('svg');
export const certificateQrPng = qrRoute('png');

// The public page's own QR code (issue #16 §4): the page's address without a token, so scanning it
// opens the same page and shows what the number alone shows. It never carries a token: the public must
// not be able to mint the name-revealing QR code. Rendered here rather than in the browser so it uses
// PUBLIC_BASE_URL — the address printed cards use — whatever host the page was opened on.
export const publicCertificateQr = defineRoute({
  method: 'get',
  path: '/api/public/certificates/{number}/qr.svg',
  summary: 'QR code of the public verification page (no token; public, no login; rate-limited)',
  tags: ['public'],
  auth: 'public',
  params: z.object({ number: z.string().min(1).max(64) }),
  responses: {
    200: { description: 'The QR code (SVG)' },
    404: { description: 'Unknown number' },
    429: { description: 'Too many requests' },
  },
  handler: async ({ deps, params }) => {
    const cert = await deps.db.certificate.findUnique({ where: { number: params.number }, select: { number: true } });
    if (!cert) throw problems.notFound('certificate');
    const svg = await QRCode.toString(publicPageUrl(deps.config, cert.number), { type: 'svg', margin: 1 });
    return {
      status: 200,
      file: { contentType: 'image/svg+xml', fileName: `${cert.number}.svg`, data: Buffer.from(svg), inline: true },
    };
  },
});
