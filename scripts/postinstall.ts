// Runs after `npm install`/`npm ci`: generates the Prisma client (offline) and provisions the
// Temporal server binaries and the API fuzzer (schemathesis) into .tools/ so that `npm start` and
// `npm test` need nothing else.
import { generatePrismaClient } from '../infra/prisma-generate';
import { ensureSchemathesis } from '../infra/schemathesis';
import { ensureTemporalBinaries } from '../infra/temporal-binaries';

async function main(): Promise<void> {
  generatePrismaClient();
  if (process.env.SKIP_TEMPORAL_TOOLS === '1') return;
  const bins = await ensureTemporalBinaries();
  console.log(
    `temporal CLI: ${bins.cli}\ntemporal test server: ${bins.testServer}\nschemathesis: ${ensureSchemathesis() ?? 'missing: the API fuzz test will fail'}`,
  );
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
