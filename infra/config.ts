// Configuration from the environment, validated once at start-up (a bad value stops the process
// with a clear message instead of surfacing later).
import net from 'node:net';
import { z } from 'zod';
import { DEFAULT_CERTIFICATE_NUMBER_FORMAT, isValidNumberFormat } from '../domain/certificate-number';
import { isMonthDay } from '../domain/cleanup';
import { ACTIVITY_RETRY } from '../domain/failure-types';
import type { OrgLevel } from '../domain/roles';
import { DEFAULT_CARD_FONT } from './card-font';
import { parseTrustProxy, TRUST_PROXY_HINT, type TrustProxy } from './trust-proxy';

/** A key of the QR codes' verification tokens; the id in a token names the key that signed it. */
export interface VerificationKey {
  id: string;
  secret: string;
}

const VERIFICATION_KEYS_HINT =
  'id:secret[,id:secret…] with distinct ids of 1–16 letters, digits, _ or -, and secrets of at least 32 characters';

/** `id:secret,id:secret` (the first signs); undefined when malformed. */
export function parseVerificationKeys(value: string): VerificationKey[] | undefined {
  const keys = value.split(',').map((entry) => {
    const at = entry.indexOf(':');
    return at < 0 ? { id: '', secret: '' } : { id: entry.slice(0, at).trim(), secret: entry.slice(at + 1).trim() };
  });
  const ok =
    keys.every((k) => /^[A-Za-z0-9_-]{1,16}$/.test(k.id) && k.secret.length >= 32) &&
    new Set(keys.map((k) => k.id)).size === keys.length;
  return ok ? keys : undefined;
}

export const DEFAULT_STUCK_ACTIVITY_ATTEMPTS = 3;

const Port = z.coerce.number().int().min(0).max(65535);

const schema = z.object({
  // Safe by default: a start that does not say it is development or a test is production (sign-in
  // through OpenID Connect only, no dev tokens, /metrics off the public port). `npm start` sets development.
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  // The dev-only token endpoint exists only with ENABLE_DEV_TOKENS=1 outside production (npm start sets it).
  ENABLE_DEV_TOKENS: z.enum(['0', '1']).default('0'),
  // The address the API and the worker's metrics listen on: loopback unless told otherwise
  // (containers set 0.0.0.0, see Dockerfile).
  HOST: z
    .string()
    .refine((h) => net.isIP(h) !== 0, 'an IP address to listen on, e.g. 127.0.0.1 or 0.0.0.0')
    .default('127.0.0.1'),
  PORT: Port.default(3000),
  // The API's /metrics on a port of its own; in production always (default 9465), never on PORT.
  METRICS_PORT: Port.optional(),
  DATABASE_URL: z.string().url(),
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default('zhifazheng'),
  // Sign-in through OpenID Connect (api/oidc.ts): the issuer (discovery at
  // <issuer>/.well-known/openid-configuration), the API's audience in its access tokens, the web UI's
  // public client. Required in production; in development and tests, unset means HS256 mode.
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_AUDIENCE: z.string().min(1).optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_SCOPE: z.string().min(1).default('openid profile'),
  // The access-token claim whose value is a User.username (roles and organisation come from that row).
  OIDC_USERNAME_CLAIM: z.string().min(1).default('sub'),
  // An unknown key id refetches the issuer's JWKS at most once per this many seconds (jose's cooldown).
  OIDC_JWKS_COOLDOWN_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  // HS256 mode (development and tests only, no OIDC_ISSUER): the shared secret; dev has a fixed one.
  JWT_SECRET: z.string().min(32).optional(),
  JWT_ISSUER: z.string().default('zhifazheng'),
  JWT_AUDIENCE: z.string().default('zhifazheng-api'),
  // The address citizens reach; QR codes on certificates point at `${PUBLIC_BASE_URL}/verify/<number>?t=<token>`.
  PUBLIC_BASE_URL: z.string().url().default('http://localhost:3000'),
  // Keys of the QR codes' signed tokens (api/verification-token.ts), `id:secret,…`: the first signs,
  // every listed key verifies. Production sets its own; dev has a fixed one.
  VERIFICATION_KEYS: z
    .string()
    .refine((v) => parseVerificationKeys(v) !== undefined, VERIFICATION_KEYS_HINT)
    .optional(),
  // The proxies (load balancers) in front of the API whose X-Forwarded-For names the client; unset:
  // none, the peer address is the client (infra/trust-proxy.ts).
  TRUST_PROXY: z
    .string()
    .refine((v) => parseTrustProxy(v) !== undefined, TRUST_PROXY_HINT)
    .optional(),
  // How long the API keeps a signed-in user's row (api/auth.ts) and a public verification's answer
  // (api/routes/verification.ts) at most; a change evicts them at once by its notice (README
  // "Caches"), so this bounds only a lost notice. 0: not cached.
  AUTH_USER_CACHE_SECONDS: z.coerce.number().int().min(0).max(60).default(5),
  VERIFICATION_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  // Requests per minute per client address on the public endpoints.
  PUBLIC_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100000).default(60),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WORKER_METRICS_PORT: Port.default(9464),
  // The API's /metrics appends the worker's Temporal SDK metrics scraped from here, when set.
  WORKER_METRICS_URL: z.string().url().optional(),
  // Review service times (not in the regulation: configuration), in working days per level.
  REVIEW_SLA_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(10),
  REVIEW_SLA_DISTRICT: z.coerce.number().int().min(1).max(60).optional(),
  REVIEW_SLA_CITY: z.coerce.number().int().min(1).max(60).optional(),
  REVIEW_SLA_PROVINCE: z.coerce.number().int().min(1).max(60).optional(),
  // The reminder goes out this many working days before the due time.
  REVIEW_REMINDER_WORKING_DAYS: z.coerce.number().int().min(0).max(30).default(2),
  // Service time of a 复核 decision by the deciding organ (第三十二条), in working days.
  SANCTION_REVIEW_WORKING_DAYS: z.coerce.number().int().min(1).max(90).default(30),
  // Days the agency has to resubmit a returned application (a deadline to act: moved past rest days).
  RESUBMIT_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  // 第十条: the yearly clean-up starts on this date (MM-DD, Asia/Shanghai) and agencies have this many
  // days to resolve their findings (a deadline to act: moved past rest days) before the bureau hears.
  CLEANUP_DATE: z.string().refine(isMonthDay, 'a date MM-DD').default('01-15'),
  CLEANUP_DEADLINE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  // 第十五条: from this date (MM-DD) agencies are warned weekly about officers behind the 60-hour pace.
  TRAINING_WARNING_FROM: z.string().refine(isMonthDay, 'a date MM-DD').default('10-01'),
  // Complaints (第二十八条): the law says "及时" (promptly); the service times are configuration.
  COMPLAINT_ACCEPTANCE_DAYS: z.coerce.number().int().min(1).max(60).default(7),
  COMPLAINT_INVESTIGATION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  COMPLAINT_REMINDER_DAYS: z.coerce.number().int().min(0).max(60).default(5),
  COMPLAINT_EXTENSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  COMPLAINT_FEEDBACK_DAYS: z.coerce.number().int().min(1).max(60).default(5),
  COMPLAINT_FEEDBACK_REPEAT_DAYS: z.coerce.number().int().min(1).max(30).default(1),
  // 第二十七条第二款 督促整改: the agency's time to correct, in working days, and its reminder before.
  CORRECTION_WORKING_DAYS: z.coerce.number().int().min(1).max(120).default(15),
  CORRECTION_REMINDER_WORKING_DAYS: z.coerce.number().int().min(0).max(60).default(3),
  // Public complaint submissions per hour per client address (then 429), on top of the public limit.
  COMPLAINT_INTAKE_RATE_LIMIT_PER_HOUR: z.coerce.number().int().min(1).max(100000).default(20),
  // Operators' list of stuck processes (README "Failures"): an activity failing this many attempts
  // (at most the attempts it has, domain/failure-types.ts ACTIVITY_RETRY, else nothing is listed), a
  // state-changing request in flight this many seconds.
  STUCK_ACTIVITY_ATTEMPTS: z.coerce
    .number()
    .int()
    .min(1)
    .max(ACTIVITY_RETRY.maximumAttempts)
    .default(DEFAULT_STUCK_ACTIVITY_ATTEMPTS),
  STUCK_UPDATE_SECONDS: z.coerce.number().int().min(1).max(3600).default(10),
  // A request waits at most this long for its process (an Update, a start), then answers 503; the
  // same Idempotency-Key later finds the outcome.
  TEMPORAL_REQUEST_SECONDS: z.coerce.number().int().min(1).max(300).default(20),
  CERTIFICATE_NUMBER_FORMAT: z
    .string()
    .refine(isValidNumberFormat, 'must contain {region}, {yy} or {yyyy}, and {seq} or {seq:N}')
    .default(DEFAULT_CERTIFICATE_NUMBER_FORMAT),
  // The font with Chinese glyphs the printed card embeds (infra/card-font.ts): a TrueType/OpenType
  // file, or `<file>.ttc#<PostScript name>` for one font of a collection. Default: Debian's
  // fonts-wqy-zenhei, which the Docker image installs.
  CARD_FONT: z.string().min(1).default(DEFAULT_CARD_FONT),
});

/** A configuration that cannot start: its message says which variable and why (no stack needed). */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Where the API's bearer tokens come from and how the web UI signs in. */
export type AuthMode =
  | { mode: 'oidc'; issuer: string; audience: string; clientId: string; scope: string; usernameClaim: string }
  | { mode: 'hs256'; secret: string };

export type Config = z.infer<typeof schema> & {
  auth: AuthMode;
  /** HS256 mode only (development and tests). */
  jwtSecret?: string;
  devMode: boolean;
  trustProxy: TrustProxy;
  verificationKeys: VerificationKey[];
};

/** Where production serves the API's /metrics when METRICS_PORT is not set. */
export const PRODUCTION_METRICS_PORT = 9465;

const DEV_JWT_SECRET = 'dev-only-secret-do-not-use-in-production-0123456789';
const DEV_VERIFICATION_KEY: VerificationKey = {
  id: 'dev',
  secret: 'dev-only-verification-key-do-not-use-in-production',
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set" (PORT= would otherwise coerce to 0, a random port).
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema
    .transform((c) => ({
      ...c,
      METRICS_PORT: c.METRICS_PORT ?? (c.NODE_ENV === 'production' ? PRODUCTION_METRICS_PORT : undefined),
    }))
    .refine((c) => !c.METRICS_PORT || c.METRICS_PORT !== c.PORT, {
      path: ['METRICS_PORT'],
      message: 'must differ from PORT',
    })
    .safeParse(given);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`invalid configuration: ${fields}`);
  }
  const c = parsed.data;
  const oidcGiven = [c.OIDC_ISSUER, c.OIDC_AUDIENCE, c.OIDC_CLIENT_ID].filter(Boolean).length;
  if (c.NODE_ENV === 'production' && oidcGiven < 3) {
    throw new ConfigError(
      'invalid configuration: OIDC_ISSUER, OIDC_AUDIENCE and OIDC_CLIENT_ID are required in production (sign-in ' +
        'through OpenID Connect, README "Sign-in"); NODE_ENV is production unless set — on a development machine ' +
        'set NODE_ENV=development (npm start does)',
    );
  }
  if (oidcGiven > 0 && oidcGiven < 3) {
    throw new ConfigError('invalid configuration: OIDC_ISSUER, OIDC_AUDIENCE and OIDC_CLIENT_ID go together');
  }
  // Keys and tokens over plain HTTP could be swapped on the way: only a test's or a developer's
  // provider on this machine may use it.
  if (c.NODE_ENV === 'production' && new URL(c.OIDC_ISSUER!).protocol !== 'https:') {
    throw new ConfigError('invalid configuration: OIDC_ISSUER: must be an https URL in production');
  }
  // The shared secret is a way in only for development and tests (anyone holding it signs any user in).
  if (c.NODE_ENV === 'production' && c.JWT_SECRET) {
    throw new ConfigError(
      'invalid configuration: JWT_SECRET is for development and tests only; production signs in through OpenID Connect (unset it)',
    );
  }
  const auth: AuthMode = c.OIDC_ISSUER
    ? {
        mode: 'oidc',
        issuer: c.OIDC_ISSUER,
        audience: c.OIDC_AUDIENCE!,
        clientId: c.OIDC_CLIENT_ID!,
        scope: c.OIDC_SCOPE,
        usernameClaim: c.OIDC_USERNAME_CLAIM,
      }
    : { mode: 'hs256', secret: c.JWT_SECRET ?? DEV_JWT_SECRET };
  // The dev token endpoint mints HS256 tokens: it exists only in HS256 mode.
  const devMode = c.NODE_ENV !== 'production' && c.ENABLE_DEV_TOKENS === '1' && auth.mode === 'hs256';
  const verificationKeys = c.VERIFICATION_KEYS ? parseVerificationKeys(c.VERIFICATION_KEYS)! : [DEV_VERIFICATION_KEY];
  if (
    c.NODE_ENV === 'production' &&
    (!c.VERIFICATION_KEYS || verificationKeys.some((k) => k.secret === DEV_VERIFICATION_KEY.secret))
  ) {
    throw new ConfigError(
      'invalid configuration: VERIFICATION_KEYS is required in production (and must not hold the dev key)',
    );
  }
  return {
    ...c,
    devMode,
    auth,
    jwtSecret: auth.mode === 'hs256' ? auth.secret : undefined,
    trustProxy: parseTrustProxy(c.TRUST_PROXY)!,
    verificationKeys,
  };
}

/** What the application activities need from the configuration. */
export interface ReviewSettings {
  slaWorkingDays: Record<OrgLevel, number>;
  reminderWorkingDaysBefore: number;
  resubmitDays: number;
  certificateNumberFormat: string;
  cleanupDeadlineDays: number;
  /** 第三十二条: the deciding organ's service time for a 复核 decision, in working days. */
  sanctionReviewWorkingDays: number;
  trainingWarningFrom: string;
  complaint: ComplaintSettings;
  /** 第二十七条第二款: a correction order's deadline and reminder, in working days. */
  correction: { workingDays: number; reminderWorkingDaysBefore: number };
}

/** Service times of a complaint's steps (第二十八条), in calendar days, each a deadline to act. */
export interface ComplaintSettings {
  acceptanceDays: number;
  investigationDays: number;
  reminderDaysBefore: number;
  extensionDays: number;
  feedbackDays: number;
  /** A feedback still missing is escalated again every this many days. */
  feedbackRepeatDays: number;
}

export function reviewSettings(c: Config): ReviewSettings {
  return {
    slaWorkingDays: {
      DISTRICT: c.REVIEW_SLA_DISTRICT ?? c.REVIEW_SLA_WORKING_DAYS,
      CITY: c.REVIEW_SLA_CITY ?? c.REVIEW_SLA_WORKING_DAYS,
      PROVINCE: c.REVIEW_SLA_PROVINCE ?? c.REVIEW_SLA_WORKING_DAYS,
    },
    reminderWorkingDaysBefore: c.REVIEW_REMINDER_WORKING_DAYS,
    resubmitDays: c.RESUBMIT_DAYS,
    certificateNumberFormat: c.CERTIFICATE_NUMBER_FORMAT,
    cleanupDeadlineDays: c.CLEANUP_DEADLINE_DAYS,
    sanctionReviewWorkingDays: c.SANCTION_REVIEW_WORKING_DAYS,
    trainingWarningFrom: c.TRAINING_WARNING_FROM,
    complaint: {
      acceptanceDays: c.COMPLAINT_ACCEPTANCE_DAYS,
      investigationDays: c.COMPLAINT_INVESTIGATION_DAYS,
      reminderDaysBefore: c.COMPLAINT_REMINDER_DAYS,
      extensionDays: c.COMPLAINT_EXTENSION_DAYS,
      feedbackDays: c.COMPLAINT_FEEDBACK_DAYS,
      feedbackRepeatDays: c.COMPLAINT_FEEDBACK_REPEAT_DAYS,
    },
    correction: {
      workingDays: c.CORRECTION_WORKING_DAYS,
      reminderWorkingDaysBefore: c.CORRECTION_REMINDER_WORKING_DAYS,
    },
  };
}
