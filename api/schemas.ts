// Shared request/response schemas. Importing this module first extends zod with `.openapi()`.
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { CERTIFICATE_STATUSES } from '../domain/certificate-state';
import { ROLES } from '../domain/roles';

extendZodWithOpenApi(z);

export { z };

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string().openapi({ description: 'Chinese, for people' }),
    status: z.number().int(),
    detail: z.string().openapi({ description: 'English, for developers' }),
    code: z.string().openapi({ description: 'Stable machine-readable code' }),
    article: z.string().optional().openapi({ description: 'The article of the regulation that refused, e.g. 第三十条' }),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    instance: z.string(),
    requestId: z.string().optional(),
  })
  .openapi('Problem');

export const RoleSchema = z.enum(ROLES).openapi('Role');
export const CertificateStatusSchema = z.enum(CERTIFICATE_STATUSES).openapi('CertificateStatus');
/**
 * Instants a person can mean here: from 1900 to 2199. Outside it PostgreSQL refuses some (year 0,
 * -271821) and none is a real date of this system, so they are a 400 naming the field, not a 500.
 */
export const PLAUSIBLE_INSTANTS = { from: Date.UTC(1900, 0, 1), until: Date.UTC(2200, 0, 1) };
export const isPlausibleInstant = (ms: number) => ms >= PLAUSIBLE_INSTANTS.from && ms < PLAUSIBLE_INSTANTS.until;
export const IsoDateTime = z.iso.datetime({ offset: true }).refine((v) => isPlausibleInstant(Date.parse(v)), '日期超出合理范围（1900—2199 年）');
export const Uuid = z.uuid();
