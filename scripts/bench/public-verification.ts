// Public certificate verification (no login) under an open-loop load at a fixed rate: requests are
// sent on schedule whether or not earlier ones have answered, so queueing shows in the latency.
// `npm run bench:verification` runs it alone, `npm run bench` with the other figures.
import type { BenchStack } from './harness';
import { percentile } from './http';

export interface VerificationLoad {
  /** Requests per second. */
  rate: number;
  seconds: number;
  /** Certificates loaded (bench-cert-1 … n) and verified in turn. */
  certificates: number;
}

export async function measureVerification(
  stack: BenchStack,
  { rate: RATE, seconds: SECONDS, certificates: CERTIFICATES }: VerificationLoad,
) {
  const agency = await stack.db.organisation.findUniqueOrThrow({ where: { name: '杭州市西湖区综合行政执法局' } });
  await stack.db.$executeRawUnsafe(
    `INSERT INTO "Officer" (id, name, "idNumber", "birthDate", "organisationId", "updatedAt")
     SELECT 'bench-officer-' || i, '验证' || i, 'BENCH' || lpad(i::text, 13, '0'), DATE '1985-01-01', $1, now() FROM generate_series(1, $2::int) i`,
    agency.id,
    CERTIFICATES,
  );
  await stack.db.$executeRawUnsafe(
    `INSERT INTO "Certificate" (id, number, "officerId", "organisationId", status, "issuedOn", "updatedAt")
     SELECT 'bench-cert-' || i, 'BENCH-' || i, 'bench-officer-' || i, $1,
            (ARRAY['ACTIVE', 'ACTIVE', 'ACTIVE', 'SUSPENDED', 'CANCELLED', 'VOID'])[1 + i % 6]::"CertificateStatus", DATE '2023-01-01', now()
     FROM generate_series(1, $2::int) i`,
    agency.id,
    CERTIFICATES,
  );
  await stack.db.$executeRawUnsafe('ANALYZE');
  const url = (i: number) => `${stack.baseUrl}/api/public/certificates/BENCH-${1 + (i % CERTIFICATES)}`;
  // Warm-up: connections, JIT, the database's caches.
  await Promise.all(Array.from({ length: 200 }, (_, i) => fetch(url(i * 7919)).then((r) => r.arrayBuffer())));

  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const total = RATE * SECONDS;
  const t0 = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inflight.push(
      (async () => {
        const sent = performance.now();
        try {
          const r = await fetch(url(i * 7919));
          await r.arrayBuffer();
          statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        } catch {
          statuses.error = (statuses.error ?? 0) + 1;
        }
        // From the scheduled instant: a late send counts against the server, not hidden.
        latencies.push(performance.now() - Math.min(sent, due));
      })(),
    );
  }
  await Promise.all(inflight);
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    load: {
      targetRate: RATE,
      seconds: SECONDS,
      requests: total,
      achievedRate: Math.round((total / elapsed) * 10) / 10,
      certificates: CERTIFICATES,
    },
    latencyMs: {
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      max: percentile(latencies, 100),
    },
    statuses,
    target: { p99Ms: 20, rate: 200 },
  };
}
