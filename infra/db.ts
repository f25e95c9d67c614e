import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';

export type Db = PrismaClient;
// The namespace's values too (Prisma.raw, Prisma.sql): the generated client is reached only through here.
import { Prisma } from '../generated/prisma/client';
export { Prisma };

/** Connections a process keeps to PostgreSQL unless told otherwise. */
export const DB_POOL_SIZE = 10;

export function createDb(databaseUrl: string, max = DB_POOL_SIZE): Db {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max }) });
}

// Values in raw statements. Prisma's DateTime columns are TIMESTAMP(3) holding UTC wall time.
/** An instant as such a column holds it. */
export const utcInstant = (at: Date) => Prisma.sql`${at.toISOString()}::timestamp(3)`;
/** Now, as such a column holds it, whatever the session's TimeZone. */
export const UTC_NOW = Prisma.sql`(now() AT TIME ZONE 'UTC')`;
/** A JSON value as a jsonb parameter; null for none. */
export const jsonParam = (v: Prisma.InputJsonValue | undefined) =>
  Prisma.sql`${v === undefined ? null : JSON.stringify(v)}::jsonb`;
