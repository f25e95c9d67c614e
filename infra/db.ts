import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';

export type Db = PrismaClient;
// The namespace's values too (Prisma.raw, Prisma.sql): the generated client is reached only through here.
export { Prisma } from '../generated/prisma/client';

export function createDb(databaseUrl: string, max = 10): Db {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max }) });
}
