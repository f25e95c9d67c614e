// Idempotency-Key handling shared by every state-changing route. The key becomes the workflow ID /
// update ID, so Temporal guarantees one effect; the first answer is stored and replayed to a retry
// (even after the workflow has closed); reusing a key for another request is refused.
import crypto from 'node:crypto';
import type { Request } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import type { Db, Prisma } from '../infra/db';
import { Problem, toProblem } from './problem';
import { parseOr400 } from './validate';
import { z } from './schemas';

const KeySchema = z.string().regex(/^[A-Za-z0-9_.:-]{8,128}$/, '应为 8–128 个字符：字母、数字或 _ . : -');

/** The `actorId` of a caller without login (the public routes). */
export const PUBLIC_CALLER = 'public';

export interface IdempotencyClaim {
  /** The stored key, scoped to the caller and route: never collides with another caller's. */
  key: string;
  /** A UUID derived from the key: the same key always names the same record. */
  id: string;
}

function uuidFrom(text: string): string {
  const h = crypto.createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface Answer {
  status: number;
  body?: unknown;
}

/**
 * The stored key: a first answer is replayed only to its own caller. Signed in, the caller is the user.
 * A public caller has no identity, and its first answer can be a secret — a complaint's receipt code
 * is the only key to its status, result and additions (第二十五条, 第二十八条) — so a public answer goes
 * back only to the same key and body (checked below) *from the same client address*: the client the
 * rate limits count (the peer, or X-Forwarded-For from the proxies TRUST_PROXY names; an IPv6 /56).
 * The key alone is not enough: the client picks it, it may be weak, and it passes through logs and
 * proxies; nor is the body: the officer complained about knows much of it. The address is what
 * another client cannot choose. The price: a retry from another network (a phone leaving Wi-Fi) is a
 * new request and files a second complaint, which the handling organ can close as a duplicate — a
 * lesser harm than handing someone else's receipt code out. Clients behind one NAT share an address
 * but still need the same key and body. The address is hashed with the key, never stored.
 */
function scopedKey(req: Request, scope: { route: string; actorId: string }, given: string): string {
  if (scope.actorId !== PUBLIC_CALLER) return `${scope.actorId}:${scope.route}:${given}`;
  const client = ipKeyGenerator(req.ip ?? '');
  return `${PUBLIC_CALLER}:${scope.route}:${crypto.createHash('sha256').update(`${client}\n${given}`).digest('hex')}`;
}

/**
 * Runs `effect` at most once per Idempotency-Key (per caller and route) and answers a retry with the
 * first answer. Without the header every request is new.
 */
export async function idempotent(
  db: Db,
  req: Request,
  scope: { route: string; actorId: string; body: unknown },
  effect: (claim: IdempotencyClaim) => Promise<Answer>,
): Promise<Answer> {
  const header = req.header('Idempotency-Key');
  if (header === undefined) {
    const id = crypto.randomUUID();
    return effect({ key: id, id });
  }
  const given = parseOr400(KeySchema, header, 'header');
  const key = scopedKey(req, scope, given);
  const requestHash = crypto
    .createHash('sha256')
    .update(JSON.stringify(scope.body ?? null))
    .digest('hex');
  const created = await db.idempotencyRecord.createMany({
    data: [{ key, route: scope.route, actorId: scope.actorId, requestHash }],
    skipDuplicates: true,
  });
  const first = created.count === 1;
  if (!first) {
    const stored = await storedAnswer(db, key, requestHash);
    if (stored) return stored;
  }
  let answer: Answer;
  try {
    answer = await effect({ key, id: uuidFrom(key) });
  } catch (err) {
    // A refusal is an answer too: the same request retried gets it again (5xx are not stored: retry may succeed).
    const p = toProblem(err);
    if (p && p.status >= 400 && p.status < 500) {
      // A duplicate sent while the first was still running can be refused because of the first's own
      // effect (the application it opened, the task it decided): the first answer is the answer.
      const stored = first ? undefined : await firstAnswer(db, key, requestHash);
      if (stored) return stored;
      await keep(db, key, p.status, {
        code: p.code,
        title: p.title,
        detail: p.message,
        article: p.extra.article,
        reasons: p.extra.reasons,
      } as Prisma.InputJsonValue);
    }
    throw err;
  }
  await keep(db, key, answer.status, (answer.body ?? undefined) as Prisma.InputJsonValue | undefined);
  return answer;
}

/** Stores an answer unless one is there: duplicates that ran alongside the first never overwrite it. */
async function keep(db: Db, key: string, status: number, body: Prisma.InputJsonValue | undefined): Promise<void> {
  await db.idempotencyRecord.updateMany({
    where: { key, responseStatus: null },
    data: { responseStatus: status, responseBody: body },
  });
}

/** The answer stored for `key` (a stored refusal is thrown again); undefined while there is none. */
async function storedAnswer(db: Db, key: string, requestHash: string): Promise<Answer | undefined> {
  const existing = await db.idempotencyRecord.findUniqueOrThrow({ where: { key } });
  if (existing.requestHash !== requestHash) {
    throw new Problem(
      422,
      'IDEMPOTENCY_KEY_REUSED',
      '幂等键已用于其他请求',
      'this Idempotency-Key was already used for a different request',
    );
  }
  if (existing.responseStatus !== null && existing.responseStatus >= 400) {
    const b = existing.responseBody as {
      code: string;
      title: string;
      detail: string;
      article?: string;
      reasons?: unknown[];
    };
    throw new Problem(existing.responseStatus, b.code, b.title, b.detail, { article: b.article, reasons: b.reasons });
  }
  if (existing.responseStatus !== null)
    return { status: existing.responseStatus, body: existing.responseBody ?? undefined };
  return undefined;
}

/** Waits (bounded) for the first request with this key to store its answer. */
async function firstAnswer(db: Db, key: string, requestHash: string, ms = 10_000): Promise<Answer | undefined> {
  for (const until = Date.now() + ms; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) {
    const stored = await storedAnswer(db, key, requestHash);
    if (stored) return stored;
  }
  return undefined;
}
