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
export const IsoDateTime = z.iso.datetime({ offset: true });
export const Uuid = z.uuid();
