// Idempotency-Key handling shared by every state-changing route. The key becomes the workflow ID /
// update ID, so Temporal guarantees one effect; this table refuses reuse of a key for another
// request (different body, route or user).
import crypto from 'node:crypto';
import type { Request } from 'express';
import type { Db } from '../infra/db';
import { Problem } from './problem';
import { parseOr400 } from './validate';
import { z } from './schemas';

const KeySchema = z.string().regex(/^[A-Za-z0-9_.:-]{8,128}$/, '8–128 characters of A–Z a–z 0–9 _ . : -');

export interface IdempotencyClaim {
  key: string;
  /** A UUID derived from the key: the same key always names the same record. */
  id: string;
  replay: boolean;
}

function uuidFrom(text: string): string {
  const h = crypto.createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export async function claimIdempotencyKey(db: Db, req: Request, route: string, actorId: string, body: unknown): Promise<IdempotencyClaim> {
  const header = req.header('Idempotency-Key');
  if (header === undefined) {
    const id = crypto.randomUUID();
    return { key: id, id, replay: false };
  }
  const given = parseOr400(KeySchema, header, 'header');
  // Keys are per user and route: another user's key never collides with (or reveals) yours.
  const key = `${actorId}:${route}:${given}`;
  const requestHash = crypto.createHash('sha256').update(JSON.stringify(body)).digest('hex');
  const created = await db.idempotencyRecord.createMany({ data: [{ key, route, actorId, requestHash }], skipDuplicates: true });
  if (created.count === 0) {
    const existing = await db.idempotencyRecord.findUniqueOrThrow({ where: { key } });
    if (existing.route !== route || existing.actorId !== actorId || existing.requestHash !== requestHash) {
      throw new Problem(422, 'IDEMPOTENCY_KEY_REUSED', '幂等键已用于其他请求', 'this Idempotency-Key was already used for a different request');
    }
  }
  return { key, id: uuidFrom(`${route}\n${key}`), replay: created.count === 0 };
}
