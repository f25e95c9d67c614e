// One PostgreSQL server for a test run: the one at DATABASE_URL when set, else a throw-away
// embedded server. Each test file then makes its own database on it (test/support/database.ts),
// so tests never touch the dev stack's data.
import type { TestProject } from 'vitest/node';
import { externalPostgres, freePort, startEmbeddedPostgres, tmpDataDir } from '../../infra/postgres';

export default async function setup(project: TestProject) {
  const server = process.env.DATABASE_URL
    ? externalPostgres(process.env.DATABASE_URL)
    : await startEmbeddedPostgres({
        dataDir: `${tmpDataDir('zfz-test-pg-')}/data`,
        port: await freePort(),
        persistent: false,
      });
  project.provide('postgresAdminUrl', server.url('postgres'));
  return () => server.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
    temporalAddress: string;
  }
}
