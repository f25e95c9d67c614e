import { isValidForEnforcement, type CertificateStatus } from '../../domain/certificate-state';
import { maskIdNumber } from '../../domain/id-number';
import type { Actor } from '../../domain/roles';
import { authorise, type ScopeTarget } from '../../domain/scope';
import { problems } from '../problem';
import { defineRoute } from '../route';
import { CertificateStatusSchema, z } from '../schemas';
import { verificationUrl } from '../verification-token';

export const CERTIFICATE_READERS = [
  'AGENCY_ADMIN',
  'OFFICER',
  'DISTRICT_REVIEWER',
  'CITY_REVIEWER',
  'PROVINCE_REVIEWER',
  'SANCTION_OFFICER',
  'SUPERVISOR',
] as const;

/** 第二十五条: the full ID number only for the holder's own agency admin and the holder. */
export function idNumberFor(actor: Actor, officer: { id: string; organisationId: string; idNumber: string }): string {
  const mayRead = authorise(actor, ['AGENCY_ADMIN', 'OFFICER'], {
    organisationId: officer.organisationId,
    officerId: officer.id,
  });
  return mayRead ? officer.idNumber : maskIdNumber(officer.idNumber);
}

/** Who may read a certificate: its holder, its agency and the organs over its region. */
export const certificateScope = (cert: {
  organisationId: string;
  officerId: string;
  organisation: { regionCode: string };
}): ScopeTarget => ({
  organisationId: cert.organisationId,
  regionCode: cert.organisation.regionCode,
  officerId: cert.officerId,
});

const CertificateView = z
  .object({
    number: z.string(),
    status: CertificateStatusSchema,
    validForEnforcement: z.boolean().openapi({ description: '第十八条: only an ACTIVE certificate counts' }),
    issuedOn: z.string(),
    holder: z.object({
      id: z.string(),
      name: z.string(),
      idNumber: z.string().openapi({ description: 'Masked unless authorised (第二十五条)' }),
    }),
    agency: z.object({ id: z.string(), name: z.string() }),
    verificationUrl: z
      .string()
      .openapi({ description: 'What the card’s QR code encodes: the public page with the signed token' }),
    timeline: z.array(
      z.object({
        type: z.string(),
        fromStatus: CertificateStatusSchema.nullable(),
        toStatus: CertificateStatusSchema.nullable(),
        reason: z.string(),
        article: z.string().nullable(),
        sanctionId: z.string().nullable(),
        occurredAt: z.string(),
      }),
    ),
  })
  .openapi('Certificate');

export const getCertificate = defineRoute({
  method: 'get',
  path: '/api/certificates/{number}',
  summary: 'A certificate with its holder and timeline (人员事件轨迹)',
  tags: ['certificates'],
  auth: CERTIFICATE_READERS,
  params: z.object({ number: z.string().min(1).max(64) }),
  responses: {
    200: { description: 'The certificate', schema: CertificateView },
    404: { description: 'Unknown number' },
  },
  handler: async ({ deps, params, actor, authorise: inScope }) => {
    const cert = await deps.db.certificate.findUnique({
      where: { number: params.number },
      include: { officer: true, organisation: true, events: { orderBy: { occurredAt: 'asc' } } },
    });
    if (!cert) throw problems.notFound(`certificate ${params.number}`);
    await inScope(certificateScope(cert));
    return {
      status: 200,
      body: {
        number: cert.number,
        status: cert.status,
        validForEnforcement: isValidForEnforcement(cert.status as CertificateStatus),
        issuedOn: cert.issuedOn.toISOString().slice(0, 10),
        holder: { id: cert.officer.id, name: cert.officer.name, idNumber: idNumberFor(actor, cert.officer) },
        agency: { id: cert.organisation.id, name: cert.organisation.name },
        verificationUrl: verificationUrl(deps.config, cert.number),
        timeline: cert.events.map((e) => ({
          type: e.type,
          fromStatus: e.fromStatus,
          toStatus: e.toStatus,
          reason: e.reason,
          article: e.article,
          sanctionId: e.sanctionId,
          occurredAt: e.occurredAt.toISOString(),
        })),
      },
    };
  },
});
