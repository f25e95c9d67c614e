// Prisma 7 reads its settings here. DATABASE_URL is needed only by commands that talk to a
// database (`prisma migrate deploy` where the engine is available); `prisma generate` needs none.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations', seed: 'tsx prisma/seed.ts' },
  datasource: { url: process.env.DATABASE_URL ?? '' },
});
