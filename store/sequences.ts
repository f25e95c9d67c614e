import type { Prisma } from '../infra/db';

/** The next value of a named counter, allocated under the row's lock in the caller's transaction. */
export async function nextInSequence(tx: Prisma.TransactionClient, name: string): Promise<number> {
  const rows = await tx.$queryRaw<{ value: number }[]>`
    INSERT INTO "Sequence" (name, value) VALUES (${name}, 1)
    ON CONFLICT (name) DO UPDATE SET value = "Sequence".value + 1
    RETURNING value`;
  return rows[0].value;
}
