// Public certificate verification (no login) and the 第十八条 team check. A citizen sees only what
// identifies the officer on duty: name (with the card's QR code), agency and whether the card is
// valid — never an ID number.
import crypto from 'node:crypto';
import { isValidForEnforcement, type CertificateStatus } from '../../domain/certificate-state';
import type { Role } from '../../domain/roles';
import { CERTIFICATE_STATUS_WORDS } from '../../domain/labels';
import { checkTeam, mayNameMember, TEAM_ACTIONS, type TeamMember } from '../../domain/team-check';
import { endOfLocalDay, isLocalDate, lastDayBefore, lastDayInWords, localDateOf } from '../../domain/time';
import type { Config } from '../../infra/config';
import type { Db } from '../../infra/db';
import { problems } from '../problem';
import { RecordCache } from '../record-cache';
import { defineRoute } from '../route';
import { isGenuineToken } from '../verification-token';
import { Uuid, z } from '../schemas';

const STATUS_TEXT: Record<CertificateStatus, string> = CERTIFICATE_STATUS_WORDS;

/** The status a card has at `instant`: its history up to now, then the scheduled end of a running 暂扣. */
async function statusAt(
  db: Db,
  cert: { id: string; status: string; issuedOn: Date },
  instant: Date,
): Promise<{ status: CertificateStatus; suspendedUntil?: Date }> {
  const now = new Date();
  const certificateId = cert.id;
  let status = cert.status as CertificateStatus;
  if (instant < now) {
    const last = await db.certificateEvent.findFirst({
      where: { certificateId, occurredAt: { lte: instant }, toStatus: { not: null } },
      orderBy: { occurredAt: 'desc' },
    });
    // Before any recorded change the card is as issued: ACTIVE from its issue date on.
    status = (last?.toStatus ?? (cert.issuedOn <= instant ? 'ACTIVE' : 'VOID')) as CertificateStatus;
  }
  if (status !== 'SUSPENDED') return { status };
  const running = await db.sanction.findFirst({
    where: { certificateId, type: 'SUSPENSION', status: 'IN_EFFECT' },
    orderBy: { termEndsAt: 'desc' },
  });
  const until = running?.termEndsAt ?? undefined;
  // 第三十条: a suspension ends by itself; a day after its end the card is valid again.
  if (until && instant >= until) return { status: 'ACTIVE' };
  return { status, suspendedUntil: until };
}

// 第二十五条 and the roster: the number printed on a card is sequential, so a number alone tells only
// whether the card is valid and its agency. The holder's name and the card's status need what a
// citizen in front of the officer has: the signed token of the card's QR code (api/verification-token.ts),
// or the name the officer gives (holder-check: yes or no).
const BasicVerification = z.object({
  number: z.string(),
  agency: z.string(),
  validForEnforcement: z.boolean(),
  checkedAt: z.string(),
  token: z.enum(['NONE', 'INVALID']).openapi({
    description:
      'NONE: no token given; INVALID: not signed by this system for this number (a forged or foreign QR code)',
  }),
});
const FullVerification = BasicVerification.extend({
  token: z.literal('VALID').openapi({ description: 'The token of the card’s QR code: the full answer' }),
  holderName: z.string(),
  photo: z.string().nullable().openapi({
    description: 'The holder’s photo (证件照), when one is on record: its address on this API, with the token',
  }),
  status: z.enum(['ACTIVE', 'SUSPENDED', 'REVOKED', 'CANCELLED', 'REPLACED', 'VOID']),
  statusText: z.string(),
  suspendedUntil: z.string().nullable().openapi({ description: 'Last day of the suspension (Asia/Shanghai)' }),
});
const Verification = z.union([FullVerification, BasicVerification]).openapi('PublicVerification');

const Number_ = z.object({ number: z.string().min(1).max(64) });
const Token = z.string().max(200);
const path = (number: string) => `/api/public/certificates/${encodeURIComponent(number)}`;

async function publicCertificate(db: Db, number: string) {
  // Only what a public answer may show (never the holder's ID number), in one query.
  const cert = await db.certificate.findUnique({
    where: { number },
    relationLoadStrategy: 'join',
    select: {
      id: true,
      number: true,
      status: true,
      issuedOn: true,
      officerId: true,
      organisationId: true,
      officer: { select: { name: true, photoId: true } },
      organisation: { select: { name: true } },
    },
  });
  if (!cert) throw problems.notFound('certificate'); // nothing else is revealed
  return cert;
}

/** What every view of a card's public answer is made of, as read at `checkedAt`. */
interface PublicFacts {
  number: string;
  agency: string;
  organisationId: string;
  officerId: string;
  holderName: string;
  hasPhoto: boolean;
  status: CertificateStatus;
  suspendedUntil?: Date;
  checkedAt: Date;
}

async function readPublicFacts(db: Db, number: string): Promise<PublicFacts> {
  const cert = await publicCertificate(db, number);
  const checkedAt = new Date();
  const { status, suspendedUntil } = await statusAt(db, cert, checkedAt);
  return {
    number: cert.number,
    agency: cert.organisation.name,
    organisationId: cert.organisationId,
    officerId: cert.officerId,
    holderName: cert.officer.name,
    hasPhoto: cert.officer.photoId !== null,
    status,
    suspendedUntil,
    checkedAt,
  };
}

/**
 * The facts of the cards verified lately, by number, evicted when the card, its holder's name or
 * photo, its agency's name or a sanction of it changes (README "Caches"). Views are not cached: each
 * request makes its own from the facts, so no view can reach a request for another (第二十五条).
 */
export const verificationCache = (config: Config) =>
  new RecordCache<PublicFacts>({
    ttlSeconds: config.VERIFICATION_CACHE_SECONDS,
    sources: (f) => [
      { kind: 'certificate', key: f.number },
      { kind: 'officer', key: f.officerId },
      { kind: 'organisation', key: f.organisationId },
    ],
  });

// 第三十条: a running 暂扣 ends by itself at its stored instant; what was read before says otherwise after.
const untilSuspensionEnds = (f: PublicFacts) => (f.suspendedUntil ? f.suspendedUntil.getTime() - Date.now() : Infinity);

/** What a citizen sees: with the genuine token of the card's QR code, the holder and the status. */
function publicView(config: Config, f: PublicFacts, token: string | undefined) {
  const basic = {
    number: f.number,
    agency: f.agency,
    validForEnforcement: isValidForEnforcement(f.status),
    checkedAt: f.checkedAt.toISOString(),
  };
  if (token === undefined) return { ...basic, token: 'NONE' as const };
  if (!isGenuineToken(config.verificationKeys, f.number, token)) return { ...basic, token: 'INVALID' as const };
  return {
    ...basic,
    token: 'VALID' as const,
    holderName: f.holderName,
    photo: f.hasPhoto ? `${path(f.number)}/photo?token=${encodeURIComponent(token)}` : null,
    status: f.status,
    statusText: f.suspendedUntil ? `暂扣至 ${lastDayInWords(f.suspendedUntil)}（含）` : STATUS_TEXT[f.status],
    suspendedUntil: f.suspendedUntil ? lastDayBefore(f.suspendedUntil) : null,
  };
}

/** A strong validator: the hash of the body as sent. */
const etagOf = (body: unknown) =>
  `"${crypto.createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 27)}"`;

/**
 * Whether If-None-Match names `etag` (or is `*`), compared weakly (RFC 9110 §13.1.2). Checked here,
 * not by Express, which passes over requests saying `Cache-Control: no-cache` — as fetch() adds to
 * every request that carries its own If-None-Match.
 */
const noneMatch = (header: string | undefined, etag: string) =>
  header !== undefined &&
  (header.trim() === '*' || header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag));

export const verifyCertificate = defineRoute({
  method: 'get',
  path: '/api/public/certificates/{number}',
  summary:
    'Verify a certificate (public, no login; rate-limited): valid or not and the agency; with the token of its QR code, the holder and status',
  tags: ['public'],
  auth: 'public',
  params: Number_,
  query: z.object({
    token: Token.optional().openapi({ description: 'The `t` of the card’s QR code address' }),
  }),
  responses: {
    200: { description: 'What a citizen may see', schema: Verification },
    304: { description: 'Unchanged since the answer whose ETag the If-None-Match names' },
    404: { description: 'Unknown number' },
    429: { description: 'Too many requests' },
  },
  handler: async ({ deps, params, query, req, res }) => {
    const facts = await deps.caches.verifications.get(
      params.number,
      () => readPublicFacts(deps.db, params.number),
      untilSuspensionEnds,
    );
    const body = publicView(deps.config, facts!, query.token);
    // A browser may keep an answer but asks again each time (a revocation shows at once; an unchanged
    // answer costs a 304). The token's answer names the holder (第二十五条): kept by nobody.
    res.setHeader('Cache-Control', body.token === 'VALID' ? 'private, no-store' : 'public, no-cache');
    const etag = etagOf(body);
    res.setHeader('ETag', etag);
    return noneMatch(req.headers['if-none-match'], etag) ? { status: 304 } : { status: 200, body };
  },
});

// 第二十五条: a face is personal data. The photo goes with the name — to whoever holds the card's QR
// code (the citizen in front of the officer, who sees the same photo on the card) — and to nobody who
// only has a number: without a genuine token, or without a photo, the answer is the same 404.
export const publicHolderPhoto = defineRoute({
  method: 'get',
  path: '/api/public/certificates/{number}/photo',
  summary: 'The holder’s photo (public, no login; rate-limited): only with the token of the card’s QR code',
  tags: ['public'],
  auth: 'public',
  params: Number_,
  query: z.object({ token: Token.openapi({ description: 'The `t` of the card’s QR code address' }) }),
  responses: {
    200: { description: 'The JPEG or PNG' },
    404: { description: 'Unknown number, a token not signed for it, or no photo' },
    429: { description: 'Too many requests' },
  },
  handler: async ({ deps, params, query, res }) => {
    const cert = await deps.db.certificate.findUnique({
      where: { number: params.number },
      select: { number: true, officer: { select: { photo: true } } },
    });
    // Personal data: kept by no shared cache on the way (the token is in the address).
    res.setHeader('Cache-Control', 'private, no-store');
    const photo = cert?.officer.photo;
    if (!cert || !photo || !isGenuineToken(deps.config.verificationKeys, cert.number, query.token))
      throw problems.notFound('photo');
    return { status: 200, file: { contentType: photo.contentType, fileName: 'photo', data: photo.data, inline: true } };
  },
});

/** A name as a person types it: width forms, spaces and the middle dot of minority names do not matter. */
function comparableName(name: string): Buffer {
  const plain = name
    .normalize('NFKC')
    .replace(/\s+/gu, '')
    .replace(/[·•‧∙⋅・]/gu, '·');
  // Hashed: equal lengths for the constant-time comparison.
  return crypto.createHash('sha256').update(plain).digest();
}

export const checkHolder = defineRoute({
  method: 'post',
  path: '/api/public/certificates/{number}/holder-check',
  summary: 'Is this the name of the certificate’s holder? (public, no login; rate-limited) — yes or no, nothing more',
  tags: ['public'],
  auth: 'public',
  params: Number_,
  body: z.object({
    holderName: z.string().trim().min(1).max(50).openapi({ description: 'The name the officer in front of you gives' }),
  }),
  responses: {
    200: {
      description: 'Whether the name is the holder’s',
      schema: z.object({ number: z.string(), match: z.boolean() }).openapi('HolderCheck'),
    },
    404: { description: 'Unknown number' },
    429: { description: 'Too many requests' },
  },
  handler: async ({ deps, params, body }) => {
    const cert = await publicCertificate(deps.db, params.number);
    const match = crypto.timingSafeEqual(comparableName(body.holderName), comparableName(cert.officer.name));
    return { status: 200, body: { number: cert.number, match } };
  },
});

const Member = z.union([z.object({ certificateNumber: z.string().min(1).max(64) }), z.object({ officerId: Uuid })]);
const TEAM_CHECKERS: readonly Role[] = ['AGENCY_ADMIN', 'OFFICER', 'SUPERVISOR', 'SANCTION_OFFICER'];

export const teamCheck = defineRoute({
  method: 'post',
  path: '/api/team-check',
  summary: 'May this team carry out this action on this day? (第十八条)',
  tags: ['certificates'],
  auth: TEAM_CHECKERS,
  body: z.object({
    action: z
      .enum(TEAM_ACTIONS)
      .openapi({ description: 'INVESTIGATION 调查; PENALTY 行政处罚; COERCIVE_MEASURE 行政强制' }),
    members: z.array(Member).min(1).max(20),
    date: z
      .string()
      .refine(isLocalDate, '请填写有效的日期（年-月-日）')
      .optional()
      .openapi({ description: 'Day of the action (Asia/Shanghai); default today' }),
  }),
  responses: {
    200: {
      description: 'The verdict with reasons per member and the article',
      schema: z.object({
        allowed: z.boolean(),
        article: z.string(),
        reasons: z.array(z.string()),
        members: z.array(
          z.object({ ref: z.string(), known: z.boolean(), validHolder: z.boolean(), note: z.string().optional() }),
        ),
      }),
    },
  },
  handler: async ({ deps, body, actor }) => {
    const day = body.date ?? localDateOf(new Date());
    // Valid during the whole day of the action: checked at its last instant and at its start.
    const instants = [new Date(endOfLocalDay(day).getTime() - 1), new Date(endOfLocalDay(day).getTime() - 86_400_000)];
    const members: TeamMember[] = [];
    const seen = new Set<string>();
    for (const m of body.members) {
      const ref = 'certificateNumber' in m ? m.certificateNumber : m.officerId;
      const officer =
        'certificateNumber' in m
          ? (
              await deps.db.certificate.findUnique({
                where: { number: m.certificateNumber },
                include: { officer: { include: { organisation: true } } },
              })
            )?.officer
          : await deps.db.officer.findUnique({ where: { id: m.officerId }, include: { organisation: true } });
      // Out of the caller's scope reads as unknown, before anything else is said about the member.
      if (
        !officer ||
        !mayNameMember(actor, TEAM_CHECKERS, {
          organisationId: officer.organisationId,
          regionCode: officer.organisation.regionCode,
          officerId: officer.id,
        })
      ) {
        members.push({ ref, known: false, validHolder: false, note: '未找到该人员或证件' });
        continue;
      }
      if (seen.has(officer.id)) {
        members.push({ ref, known: false, validHolder: false, note: '重复：同一人员只计一次' });
        continue;
      }
      seen.add(officer.id);
      // Any of the officer's cards counts (a 换发 on the day: the old one in the morning, the new one after).
      const cards = await deps.db.certificate.findMany({ where: { officerId: officer.id } });
      const validAt = async (instant: Date) => {
        for (const c of cards) if (isValidForEnforcement((await statusAt(deps.db, c, instant)).status)) return true;
        return false;
      };
      const valid = cards.length > 0 && (await validAt(instants[0])) && (await validAt(instants[1]));
      let note: string | undefined;
      if (!cards.length) note = '未持有行政执法证';
      else if (!valid) {
        const latest = cards.sort((a, b) => b.issuedOn.getTime() - a.issuedOn.getTime())[0];
        const st = await statusAt(deps.db, latest, instants[0]);
        note = st.suspendedUntil
          ? `暂扣至 ${lastDayInWords(st.suspendedUntil)}（含）`
          : `证件${STATUS_TEXT[st.status]}`;
      }
      members.push({ ref, known: officer.onStaff, validHolder: valid, ...(note ? { note } : {}) });
    }
    return { status: 200, body: checkTeam(body.action, members) };
  },
});
