// `npm run token -- <username>`: prints a bearer token for a seeded user (dev mode only). Uses
// DATABASE_URL, or the database of the stack last started by `npm start` (.data/stack.json).
import fs from 'node:fs';
import path from 'node:path';
import { signToken } from '../api/auth';
import { loadConfig } from '../infra/config';
import { createDb } from '../infra/db';
import { ROOT } from '../infra/paths';

async function main(username: string | undefined): Promise<void> {
  if (!username) throw new Error('usage: npm run token -- <username>');
  const stackFile = path.join(ROOT, '.data', 'stack.json');
  const databaseUrl =
    process.env.DATABASE_URL ??
    (fs.existsSync(stackFile) ? JSON.parse(fs.readFileSync(stackFile, 'utf8')).databaseUrl : undefined);
  if (!databaseUrl) throw new Error('set DATABASE_URL or start the stack with `npm start` first');
  const config = loadConfig({
    NODE_ENV: 'development',
    ENABLE_DEV_TOKENS: '1',
    ...process.env,
    DATABASE_URL: databaseUrl,
  });
  if (!config.devMode) throw new Error('tokens are minted here in development mode only');
  const db = createDb(databaseUrl, 1);
  try {
    const user = await db.user.findUnique({ where: { username } });
    if (!user) throw new Error(`no user ${username}`);
    console.log(await signToken(config, user));
  } finally {
    await db.$disconnect();
  }
}

main(process.argv[2]).catch((err) => {
  console.error(err.message);
  process.exit(1);
});
