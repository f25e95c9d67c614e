import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';

export type Db = PrismaClient;
// The namespace's values too (Prisma.raw, Prisma.sql): the generated client is reached only through here.
export { Prisma } from '../generated/prisma/client';

/** Connections a process keeps to PostgreSQL unless told otherwise. */
export const DB_POOL_SIZE = 10;

export function createDb(databaseUrl: string, max = DB_POOL_SIZE): Db {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max }) });
}
