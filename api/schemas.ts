// Shared request/response schemas. Importing this module first extends zod with `.openapi()`.
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import './validation-messages';
import { z } from 'zod';
import { CERTIFICATE_STATUSES } from '../domain/certificate-state';
import { ROLES } from '../domain/roles';
import { isLocalDate, localDateOf } from '../domain/time';

extendZodWithOpenApi(z);

export { z };

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string().openapi({ description: 'Chinese, for people' }),
    status: z.number().int(),
    detail: z.string().openapi({ description: 'English, for developers' }),
    code: z.string().openapi({ description: 'Stable machine-readable code' }),
    article: z
      .string()
      .optional()
      .openapi({ description: 'The article of the regulation that refused, e.g. 第三十条' }),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    rows: z
      .array(z.object({ row: z.number().int(), column: z.string(), message: z.string() }))
      .optional()
      .openapi({ description: 'An import refused: what is wrong in each row of the file, in Chinese' }),
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
export const IsoDateTime = z.iso
  .datetime({ offset: true })
  .refine((v) => isPlausibleInstant(Date.parse(v)), '日期超出合理范围（1900—2199 年）');
export const Uuid = z.uuid();

/** A stored instant as a response field gives it (ISO 8601, or null when there is none). */
export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

// ---- Plausible values (issue #12 §6): what cannot be true is refused here, naming the field. ----

/** A calendar date `YYYY-MM-DD`; every legal date is an Asia/Shanghai day (domain/time.ts). */
export const LocalDateString = z.string().refine(isLocalDate, '请填写有效的日期（年-月-日）');

/** The day something happened (an exam, a training, a birth): not after today in Asia/Shanghai. */
export const PastLocalDate = LocalDateString.refine(
  (d) => !isLocalDate(d) || d <= localDateOf(new Date()),
  '不能晚于今天',
);

export const EARLIEST_BIRTH_DATE = '1900-01-01';
export const BirthDate = PastLocalDate.refine(
  (d) => !isLocalDate(d) || d >= EARLIEST_BIRTH_DATE,
  `不能早于 ${EARLIEST_BIRTH_DATE}`,
);

// Something one can see: a letter, digit, punctuation or symbol that is neither default-ignorable
// (zero-width spaces and joiners, soft hyphen, Hangul fillers, variation selectors, …) nor the blank
// braille pattern. Combining marks alone have nothing to sit on, so they do not count either.
const VISIBLE = /(?![\p{Default_Ignorable_Code_Point}\u2800])[\p{L}\p{N}\p{P}\p{S}]/u;

/**
 * The name of a person or an organisation in a request body: trimmed, 1 to `max` characters, and
 * something visible in it (a name of zero-width characters would show as nothing in every list).
 */
export const Name = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => VISIBLE.test(s), '须含有可见的文字');
