import { Prisma } from '../infra/db';

/**
 * The counter's next value as a statement, taken only on the condition `when` (no row otherwise). Its
 * row stays locked until the transaction ends.
 */
export const sequenceStep = (name: string, when: Prisma.Sql = Prisma.sql`TRUE`) => Prisma.sql`
  INSERT INTO "Sequence" (name, value) SELECT ${name}, 1 WHERE ${when}
  ON CONFLICT (name) DO UPDATE SET value = "Sequence".value + 1
  RETURNING value`;

/** The next value of a named counter, allocated under the row's lock in the caller's transaction. */
export async function nextInSequence(tx: Pick<Prisma.TransactionClient, '$queryRaw'>, name: string): Promise<number> {
  const rows = await tx.$queryRaw<{ value: number }[]>(sequenceStep(name));
  return rows[0].value;
}
