// HTTP against the bench stack's API, and the latency summaries every benchmark reports.
import type { BenchStack } from './harness';

export interface Reply {
  status: number;
  body: any;
  /** The API's Server-Timing phases (api/server-timing.ts): ms by name. */
  timing: Record<string, number>;
}

/** The phases of a Server-Timing header (`auth;dur=1.2, update;dur=40.5`): ms by name. */
export function serverTiming(header: string | null): Record<string, number> {
  const phases: Record<string, number> = {};
  for (const entry of (header ?? '').split(',')) {
    const [name, ...params] = entry.trim().split(';');
    const dur = params.find((p) => p.trim().startsWith('dur='));
    if (name) phases[name] = dur ? Number(dur.trim().slice(4)) : NaN;
  }
  return phases;
}

/** One request; never throws for an HTTP status (a network error is status 0). */
export async function request(
  stack: BenchStack,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<Reply> {
  try {
    const r = await fetch(stack.baseUrl + path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    return {
      status: r.status,
      body: text && r.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text,
      timing: serverTiming(r.headers.get('server-timing')),
    };
  } catch {
    return { status: 0, body: undefined, timing: {} };
  }
}

/** A request that must succeed (2xx); its answer. */
export async function send(
  stack: BenchStack,
  method: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<Reply> {
  const r = await request(stack, method, path, token, body);
  if (r.status < 200 || r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
  return r;
}

/** A request that must succeed (2xx); its JSON body. */
export const call = async (stack: BenchStack, method: string, path: string, token: string, body?: unknown) =>
  (await send(stack, method, path, token, body)).body;

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, i)] * 10) / 10;
}

/** p50/p95/p99 of latencies in ms. */
export function summary(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50_ms: percentile(sorted, 50),
    p95_ms: percentile(sorted, 95),
    p99_ms: percentile(sorted, 99),
  };
}

/** The mean of `xs`, rounded to 0.1 (NaN when empty). */
export const mean = (xs: number[]) =>
  xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : NaN;

export async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const v = await fn();
  return [v, performance.now() - t];
}

/** Runs `fn` over `items` with `concurrency` workers pulling from one queue. */
export async function pool<T>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let x = queue.shift(); x !== undefined; x = queue.shift()) await fn(x);
    }),
  );
}

export const round2 = (x: number) => Math.round(x * 100) / 100;
