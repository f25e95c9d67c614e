// 第八条: an officer transferred to a new agency is taken over by it on presenting the original
// certificate (凭原行政执法证); the new agency then applies for 换发 (kind TRANSFER), and the old
// certificate is replaced when the new one issues.
import { writeAudit } from '../../store/audit';
import { problems } from '../problem';
import { defineRoute } from '../route';
import { z } from '../schemas';
import { RuleViolation } from '../../domain/errors';

export const transferIn = defineRoute({
  method: 'post',
  path: '/api/officers/transfer-in',
  summary: 'Take over an officer transferred to your agency, on the original certificate (第八条)',
  tags: ['officers'],
  auth: ['AGENCY_ADMIN'],
  body: z.object({
    idNumber: z.string().trim().toUpperCase().min(18).max(18),
    certificateNumber: z.string().trim().min(1).max(64),
  }),
  responses: {
    200: {
      description: 'The officer now belongs to your agency',
      schema: z.object({ id: z.string(), name: z.string(), previousAgency: z.string() }),
    },
    404: { description: 'No officer with this ID number holds this valid certificate' },
    409: { description: 'Already in your agency' },
  },
  handler: async ({ deps, body, actor, requestId }) => {
    if (actor.organisation.type !== 'AGENCY') throw problems.forbidden('only an enforcement agency takes over staff');
    const cert = await deps.db.certificate.findUnique({
      where: { number: body.certificateNumber },
      include: { officer: true, organisation: true },
    });
    // Both must match and the card must be valid: otherwise nothing is revealed about either.
    if (!cert || cert.officer.idNumber !== body.idNumber || cert.status !== 'ACTIVE') {
      throw problems.notFound('an officer with this ID number holding this valid certificate');
    }
    if (cert.officer.organisationId === actor.organisation.id) {
      throw new RuleViolation({
        code: 'ALREADY_OWN_STAFF',
        title: '该人员已属本机关',
        detail: 'the officer already belongs to your agency',
        article: '第八条',
      });
    }
    await deps.db.$transaction(async (tx) => {
      await tx.officer.update({ where: { id: cert.officerId }, data: { organisationId: actor.organisation.id } });
      await writeAudit(tx, {
        actorId: actor.userId,
        actorRoles: actor.roles,
        action: 'officer.transfer-in',
        targetType: 'Officer',
        targetId: cert.officerId,
        outcome: 'DONE',
        requestId,
        detail: { from: cert.officer.organisationId, to: actor.organisation.id, certificate: cert.number },
      });
    });
    return {
      status: 200,
      body: { id: cert.officerId, name: cert.officer.name, previousAgency: cert.organisation.name },
    };
  },
});
