// Configuration from the environment, validated once at start-up (a bad value stops the process
// with a clear message instead of surfacing later).
import { z } from 'zod';

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.string().url(),
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default('zhifazheng'),
  // HS256 secret for bearer tokens. Production must set its own (≥32 chars); dev has a fixed one.
  JWT_SECRET: z.string().min(32).optional(),
  JWT_ISSUER: z.string().default('zhifazheng'),
  JWT_AUDIENCE: z.string().default('zhifazheng-api'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  // The API's /metrics appends the worker's Temporal SDK metrics scraped from here, when set.
  WORKER_METRICS_URL: z.string().url().optional(),
});

export type Config = z.infer<typeof schema> & { jwtSecret: string; devMode: boolean };

const DEV_JWT_SECRET = 'dev-only-secret-do-not-use-in-production-0123456789';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set" (PORT= would otherwise coerce to 0, a random port).
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(given);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${fields}`);
  }
  const c = parsed.data;
  const devMode = c.NODE_ENV !== 'production';
  if (!devMode && !c.JWT_SECRET) throw new Error('invalid configuration: JWT_SECRET is required in production');
  return { ...c, devMode, jwtSecret: c.JWT_SECRET ?? DEV_JWT_SECRET };
}
