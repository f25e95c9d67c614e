// 第二十条 回避 at the API: who may not act on a case (the officer concerned, or a declared conflict),
// the refusal they get, and the declaration's body and answer — one place for review tasks and
// complaints alike.
import type { HandOver } from '../domain/contracts/recusal';
import { RuleViolation } from '../domain/errors';
import { RECUSAL_ARTICLE, recusalGround, type RecusalCase, type RecusalGround } from '../domain/recusal';
import type { Db } from '../infra/db';
import { declaredOn } from '../store/recusal';
import { z } from './schemas';

/** Why `actor` may not act on the case, if they may not. */
export async function recusalOf(
  db: Db,
  actor: { userId: string; officerId: string | null },
  c: RecusalCase,
  subjectOfficerIds: readonly (string | null)[],
) {
  return recusalGround(actor, { subjectOfficerIds, declaredUserIds: await declaredOn(db, c) });
}

/** The refusal of an act by someone who may not act on the case (403, 第二十条). */
export function recusedRefusal(ground: RecusalGround, what: '申请' | '投诉'): RuleViolation {
  return ground === 'OWN_CASE'
    ? new RuleViolation({
        code: 'RECUSAL_OWN_CASE',
        title:
          what === '申请' ? '这是您本人的申请，应当回避，不能审核' : '您是被投诉的执法人员，应当回避，不能办理本投诉',
        detail: `the ${what === '申请' ? 'applicant' : 'officer complained about'} cannot act on it`,
        article: RECUSAL_ARTICLE,
        status: 403,
      })
    : new RuleViolation({
        code: 'RECUSAL_DECLARED',
        title: `您已申请回避，不能办理本${what}`,
        detail: 'you declared a conflict of interest in this case',
        article: RECUSAL_ARTICLE,
        status: 403,
      });
}

export const RecusalBody = z
  .object({
    reason: z.string().trim().min(1).max(2000).openapi({
      description:
        'Why you may not act on it — kept for your organ and its auditors, never shown to the other party (第二十五条)',
    }),
  })
  .openapi('RecusalDeclaration');

export const RecusalAnswer = z
  .object({
    colleague: z
      .object({ id: z.string(), displayName: z.string() })
      .nullable()
      .openapi({ description: 'The colleague who now holds the task you held' }),
    organisation: z
      .object({ id: z.string(), name: z.string() })
      .nullable()
      .openapi({ description: 'The organ over yours, when nobody of your organ may act on it any more' }),
  })
  .openapi('RecusalAnswer');

/** What the declarer is told: where the task went. */
export async function recusalAnswer(db: Db, h: HandOver): Promise<z.infer<typeof RecusalAnswer>> {
  const colleague = h.colleagueId ? await db.user.findUnique({ where: { id: h.colleagueId } }) : null;
  return {
    colleague: colleague && { id: colleague.id, displayName: colleague.displayName },
    organisation: h.organ && { id: h.organ.id, name: h.organ.name },
  };
}
