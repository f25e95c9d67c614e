// `npm run bench:cleanup` — the yearly clean-up (第十条) end to end at city scale: seeds agencies and
// certified officers with SQL, starts the clean-up over HTTP, and measures the wall time until every
// agency's findings are computed and its task is open, plus the worker's and API's peak memory.
// Prints one JSON document.
//   BENCH_AGENCIES (default 2000), BENCH_CERTIFICATES (default 200000)
import fs from 'node:fs';
import { runBenchmark, type BenchStack } from './harness';

const AGENCIES = Number(process.env.BENCH_AGENCIES ?? 2000);
const CERTIFICATES = Number(process.env.BENCH_CERTIFICATES ?? 200_000);
const DISTRICTS = [
  '330102',
  '330105',
  '330106',
  '330108',
  '330109',
  '330110',
  '330111',
  '330112',
  '330113',
  '330114',
  '330122',
  '330127',
  '330182',
];

/** Peak resident memory of a process (VmHWM), in MB. */
function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

async function measure(stack: BenchStack): Promise<Record<string, unknown>> {
  const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4)) - 1;
  const seedStart = performance.now();
  // Agencies spread over the districts; officers spread over the agencies, each with one card.
  // About 2% are no longer 在编, 0.5% of cards are void without 补发, 30% lack training, 20% lack
  // the annual assessment: realistic work for every agency.
  await stack.db.$executeRawUnsafe(
    `INSERT INTO "Organisation" (id, name, type, level, "regionCode", "agencyKind")
     SELECT gen_random_uuid()::text, '压测执法机关' || i, 'AGENCY', 'DISTRICT', ($1::text[])[1 + i % ${DISTRICTS.length}], 'GOVERNMENT_BODY'
     FROM generate_series(1, $2::int) i`,
    DISTRICTS,
    AGENCIES,
  );
  await stack.db.$executeRawUnsafe(
    `WITH agencies AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM "Organisation" WHERE name LIKE '压测执法机关%')
     INSERT INTO "Officer" (id, name, "idNumber", "birthDate", "organisationId", "onStaff", "updatedAt")
     SELECT 'bench-officer-' || i, '压测' || i, 'BENCH' || lpad(i::text, 13, '0'), DATE '1985-01-01', a.id, i % 50 <> 0, now()
     FROM generate_series(1, $1::int) i JOIN agencies a ON a.n = i % $2::int`,
    CERTIFICATES,
    AGENCIES,
  );
  await stack.db.$executeRawUnsafe(
    `INSERT INTO "Certificate" (id, number, "officerId", "organisationId", status, "issuedOn", "updatedAt")
     SELECT 'bench-cert-' || substr(o.id, 15), 'BENCH-' || substr(o.id, 15), o.id, o."organisationId",
            CASE WHEN substr(o.id, 15)::int % 200 = 0 THEN 'VOID'::"CertificateStatus" ELSE 'ACTIVE'::"CertificateStatus" END, DATE '2023-01-01', now()
     FROM "Officer" o WHERE o.id LIKE 'bench-officer-%'`,
  );
  await stack.db.$executeRawUnsafe(
    `INSERT INTO "TrainingRecord" (id, "officerId", "takenOn", hours, category, mode, scope, organiser, "createdById")
     SELECT gen_random_uuid()::text, o.id, make_date($1::int, 6, 1), 60, 'ENFORCEMENT_SKILLS', 'CENTRALIZED', 'PROFESSIONAL', '压测', 'bench'
     FROM "Officer" o WHERE o.id LIKE 'bench-officer-%' AND substr(o.id, 15)::int % 10 >= 3`,
    year,
  );
  await stack.db.$executeRawUnsafe(
    `INSERT INTO "Assessment" (id, "officerId", kind, year, "assessedOn", grade, "recordedById")
     SELECT gen_random_uuid()::text, o.id, 'ANNUAL', $1::int, make_date($1::int + 1, 1, 5), 'COMPETENT', 'bench'
     FROM "Officer" o WHERE o.id LIKE 'bench-officer-%' AND substr(o.id, 15)::int % 5 <> 0`,
    year,
  );
  await stack.db.$executeRawUnsafe('ANALYZE');
  const seedSeconds = (performance.now() - seedStart) / 1000;
  const agencies = await stack.db.organisation.count({ where: { type: 'AGENCY', verticallyManaged: false } });

  const token = await stack.token('city_reviewer');
  const t0 = performance.now();
  const r = await fetch(`${stack.baseUrl}/api/cleanup-runs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ year }),
  });
  if (r.status !== 202) throw new Error(`start: ${r.status} ${await r.text()}`);
  let opened = 0;
  let halfAt = NaN;
  while (opened < agencies) {
    await new Promise((res) => setTimeout(res, 250));
    opened = await stack.db.cleanupTask.count({ where: { year } });
    if (Number.isNaN(halfAt) && opened >= agencies / 2) halfAt = (performance.now() - t0) / 1000;
    if (performance.now() - t0 > 30 * 60_000) throw new Error(`only ${opened}/${agencies} tasks after 30 minutes`);
  }
  const seconds = (performance.now() - t0) / 1000;
  const findings = await stack.db.cleanupFinding.count();
  const byKind = await stack.db.cleanupFinding.groupBy({ by: ['kind'], _count: true });
  const { api, worker } = stack.pids();
  return {
    seeded: { agencies, certificates: CERTIFICATES, seedSeconds: Math.round(seedSeconds * 10) / 10 },
    result: {
      secondsUntilAllTasksOpen: Math.round(seconds * 10) / 10,
      secondsUntilHalf: Math.round(halfAt * 10) / 10,
      agenciesPerSecond: Math.round((agencies / seconds) * 10) / 10,
      tasks: opened,
      findings,
      findingsByKind: Object.fromEntries(byKind.map((k) => [k.kind, k._count])),
      workerPeakRssMb: peakRssMb(worker),
      apiPeakRssMb: peakRssMb(api),
    },
    target: { secondsUntilAllTasksOpen: 120 },
  };
}

runBenchmark('yearly clean-up (第十条)', {}, measure);
