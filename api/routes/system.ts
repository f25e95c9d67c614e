import { defineRoute } from '../route';
import { z } from '../schemas';

const Health = z.object({ status: z.enum(['ok', 'unavailable']), checks: z.record(z.string(), z.string()).optional() });

export const healthz = defineRoute({
  method: 'get',
  path: '/healthz',
  summary: 'Liveness: the process is up',
  tags: ['system'],
  auth: 'public',
  responses: { 200: { description: 'Alive', schema: Health } },
  handler: async () => ({ status: 200, body: { status: 'ok' } }),
});

async function check(fn: () => Promise<unknown>, ms = 2000): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), ms))),
    ]);
    return 'ok';
  } catch {
    return 'unavailable'; // the cause goes to the logs of the failing call, never to a public endpoint
  } finally {
    clearTimeout(timer);
  }
}

export const readyz = defineRoute({
  method: 'get',
  path: '/readyz',
  summary: 'Readiness: PostgreSQL and Temporal answer',
  tags: ['system'],
  auth: 'public',
  responses: { 200: { description: 'Ready', schema: Health }, 503: { description: 'Not ready', schema: Health } },
  handler: async ({ deps }) => {
    const [postgres, temporal] = await Promise.all([
      check(() => deps.db.$queryRaw`SELECT 1`),
      check(() => deps.temporal.connection.workflowService.getSystemInfo({})),
    ]);
    const ok = postgres === 'ok' && temporal === 'ok';
    return { status: ok ? 200 : 503, body: { status: ok ? 'ok' : 'unavailable', checks: { postgres, temporal } } };
  },
});
