// The printable certificate (制证, issue #16 §4): after 核准 and for a 换发/补发 card — which is a
// new certificate row with its own number and issue date, so it prints as such. Only a card in force
// (ACTIVE) prints: a replaced, void, cancelled or revoked one must not be produced again, and a
// suspended one is not valid for enforcement (第三十条). Printing is audited: it produces a credential.
import { REVIEWER_ROLES } from '../../domain/review-chain';
import { loadCardFont } from '../../infra/card-font';
import { writeAudit } from '../../store/audit';
import { renderCardPdf } from '../certificate-card-pdf';
import { Problem, problems } from '../problem';
import { defineRoute } from '../route';
import { z } from '../schemas';
import { verificationUrl } from '../verification-token';
import { certificateScope } from './certificates';

/** Who prints: the holder's agency, and the bureaus over it that review and issue (第七条). */
export const CARD_PRINTERS = ['AGENCY_ADMIN', ...REVIEWER_ROLES] as const;

export const certificateCardPdf = defineRoute({
  method: 'get',
  path: '/api/certificates/{number}/card.pdf',
  summary:
    'The certificate to print (制证): one A6 page with photo, name, agency, number, region, issue date and QR code',
  tags: ['certificates'],
  auth: CARD_PRINTERS,
  params: z.object({ number: z.string().min(1).max(64) }),
  responses: {
    200: { description: 'The PDF' },
    404: { description: 'Unknown number' },
    409: { description: 'The certificate is not in force (only an ACTIVE card prints)' },
    503: { description: 'The card font is not installed (CARD_FONT)' },
  },
  handler: async ({ deps, params, actor, authorise: inScope, requestId, res }) => {
    res.setHeader('Cache-Control', 'private, no-store'); // a credential with personal data
    const cert = await deps.db.certificate.findUnique({
      where: { number: params.number },
      include: {
        officer: { include: { photo: true } },
        organisation: { include: { region: { include: { parent: true } } } },
      },
    });
    if (!cert) throw problems.notFound(`certificate ${params.number}`);
    await inScope(certificateScope(cert));
    if (cert.status !== 'ACTIVE') {
      throw new Problem(
        409,
        'CARD_NOT_PRINTABLE',
        '该证件不在有效状态，不能制证',
        `certificate ${cert.number} is ${cert.status}; only an ACTIVE certificate is printed`,
      );
    }
    const font = loadCardFont(deps.config.CARD_FONT);
    if (!font) {
      deps.logger.error({ setting: deps.config.CARD_FONT }, 'card font missing');
      throw new Problem(
        503,
        'CARD_FONT_MISSING',
        '证件打印字体未安装，请联系系统管理员',
        'the card font (CARD_FONT) is missing',
      );
    }
    const region = cert.organisation.region;
    // 执法区域: a district with its city (杭州市西湖区); a city alone.
    const regionName =
      region.level === 'DISTRICT' && region.parent ? `${region.parent.name}${region.name}` : region.name;
    const pdf = await renderCardPdf(
      {
        number: cert.number,
        holderName: cert.officer.name,
        agency: cert.organisation.name,
        region: regionName,
        category: cert.organisation.system,
        issuedOn: cert.issuedOn.toISOString().slice(0, 10), // a DATE column: the legal day as stored
        photo: cert.officer.photo?.data ?? null,
        verificationUrl: verificationUrl(deps.config, cert.number),
      },
      font,
    );
    await writeAudit(deps.db, {
      actorId: actor.userId,
      actorRoles: actor.roles,
      action: 'certificate.card.print',
      targetType: 'Certificate',
      targetId: cert.id,
      outcome: 'DONE',
      requestId,
      detail: { number: cert.number, withPhoto: cert.officer.photo !== null },
    });
    return {
      status: 200,
      file: { contentType: 'application/pdf', fileName: `行政执法证-${cert.number}.pdf`, data: pdf, inline: true },
    };
  },
});
