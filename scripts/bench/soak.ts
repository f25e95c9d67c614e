// A bounded soak: mixed traffic at a fixed rate (open loop: a slow answer does not slow the sender,
// latency counts from the scheduled instant) for BENCH_SOAK_SECONDS, reporting per minute the
// requests, errors and p99, and the API's and worker's resident memory from start to end.
//
// The mix is the list SOAK_OPERATIONS: each operation has a weight and one run. Another workload
// joins the soak by adding one entry there.
import fs from 'node:fs';
import { examPassedOfficers } from '../../prisma/fixtures';
import { REVIEWERS, type Tokens } from './application-flow';
import type { BenchStack } from './harness';
import { percentile, request, round2 } from './http';

export interface SoakContext {
  stack: BenchStack;
  tokens: Tokens;
  /** Officers that may still apply (one application each). */
  officers: string[];
  /** Applications waiting for the decision of level `step` (0 district, 1 city, 2 province). */
  inReview: { applicationId: string; step: number }[];
  /** Certificate numbers the public verifies. */
  certificates: string[];
  /** The organ the soak's complaints are addressed to (the officers' agency). */
  complaintOrganId: string;
}

/** What an operation did: its HTTP status (0: network error), or 'idle' when it had nothing to do. */
export type Outcome = number | 'idle';

export interface SoakOperation {
  name: string;
  weight: number;
  run(ctx: SoakContext, i: number): Promise<Outcome>;
}

const submit: SoakOperation = {
  name: 'application.submit',
  weight: 1,
  async run(ctx) {
    const officerId = ctx.officers.pop();
    if (!officerId) return 'idle';
    const r = await request(ctx.stack, 'POST', '/api/applications', ctx.tokens.agency_admin, {
      officerId,
      kind: 'INITIAL',
    });
    if (r.status === 201) ctx.inReview.push({ applicationId: r.body.id, step: 0 });
    return r.status;
  },
};

const decide: SoakOperation = {
  name: 'review.decision',
  weight: 3, // three decisions per application
  async run(ctx) {
    const item = ctx.inReview.shift();
    if (!item) return 'idle';
    const [reviewer, level] = REVIEWERS[item.step];
    const view = await request(ctx.stack, 'GET', `/api/applications/${item.applicationId}`, ctx.tokens[reviewer]);
    if (view.status !== 200) return view.status;
    const task = view.body.tasks.find(
      (t: { level: string; status: string }) => t.level === level && t.status === 'OPEN',
    );
    if (!task) {
      ctx.inReview.push(item); // the workflow has not opened it yet: later
      return 'idle';
    }
    const r = await request(ctx.stack, 'POST', `/api/review-tasks/${task.id}/decision`, ctx.tokens[reviewer], {
      decision: 'APPROVE',
    });
    if (r.status === 200 && item.step < 2)
      ctx.inReview.push({ applicationId: item.applicationId, step: item.step + 1 });
    return r.status;
  },
};

const verify: SoakOperation = {
  name: 'public.verification',
  weight: 6,
  async run(ctx, i) {
    const number = ctx.certificates[(i * 7919) % ctx.certificates.length];
    return (await request(ctx.stack, 'GET', `/api/public/certificates/${encodeURIComponent(number)}`)).status;
  },
};

// A seeded certificate of 西湖区综合行政执法局, the organ the complaints are addressed to.
const SOAK_COMPLAINT_SUBJECT = '330106-2023-00001';

/** 第二十八条: an anonymous complaint filed without login, then its status read by the receipt code. */
const complain: SoakOperation = {
  name: 'public.complaint',
  weight: 1,
  async run(ctx) {
    const filed = await request(ctx.stack, 'POST', '/api/public/complaints', undefined, {
      organisationId: ctx.complaintOrganId,
      complainant: { kind: 'PERSON', anonymous: true },
      subjects: [{ certificateNumber: SOAK_COMPLAINT_SUBJECT }],
      facts: '压测：执法过程中未出示执法证件',
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
      place: '西湖区文三路',
    });
    if (filed.status !== 201) return filed.status;
    return (await request(ctx.stack, 'GET', `/api/public/complaints/${filed.body.receiptCode}`)).status;
  },
};

export const SOAK_OPERATIONS: SoakOperation[] = [submit, decide, verify, complain];

/** The operation of the i-th slot: weighted, spread evenly (golden-ratio sequence), reproducible. */
function pick(ops: SoakOperation[], i: number): SoakOperation {
  const total = ops.reduce((s, o) => s + o.weight, 0);
  let x = ((i * 0.6180339887) % 1) * total;
  for (const o of ops) if ((x -= o.weight) < 0) return o;
  return ops[ops.length - 1];
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

interface Minute {
  requests: number;
  errors: number;
  idle: number;
  latencies: number[];
}

export async function runSoak(stack: BenchStack, tokens: Tokens, seconds: number, rate: number, ops = SOAK_OPERATIONS) {
  const total = Math.round(seconds * rate);
  const submitShare = (ops.find((o) => o === submit)?.weight ?? 0) / ops.reduce((s, o) => s + o.weight, 0);
  const ctx: SoakContext = {
    stack,
    tokens,
    officers: await examPassedOfficers(stack.db, Math.ceil(total * submitShare) + 10, 'BENCHSOAK'),
    inReview: [],
    certificates: (await stack.db.certificate.findMany({ select: { number: true } })).map((c) => c.number),
    complaintOrganId: (await stack.db.certificate.findUniqueOrThrow({ where: { number: SOAK_COMPLAINT_SUBJECT } }))
      .organisationId,
  };
  const { api, worker } = stack.pids();
  const rss = [{ minute: 0, apiMb: rssMb(api), workerMb: rssMb(worker) }];
  const minutes: Minute[] = [];
  const byOperation: Record<string, { requests: number; errors: number; idle: number }> = {};
  const errorSamples: string[] = [];

  const t0 = performance.now();
  const sampler = setInterval(
    () => rss.push({ minute: rss.length, apiMb: rssMb(api), workerMb: rssMb(worker) }),
    60_000,
  );
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const op = pick(ops, i);
    const m = (minutes[Math.floor((due - t0) / 60_000)] ??= { requests: 0, errors: 0, idle: 0, latencies: [] });
    const o = (byOperation[op.name] ??= { requests: 0, errors: 0, idle: 0 });
    inflight.push(
      op.run(ctx, i).then(
        (outcome) => {
          if (outcome === 'idle') return void (m.idle++, o.idle++);
          m.requests++;
          o.requests++;
          m.latencies.push(performance.now() - due);
          if (outcome === 0 || outcome >= 400) {
            m.errors++;
            o.errors++;
            if (errorSamples.length < 10) errorSamples.push(`${op.name}: ${outcome}`);
          }
        },
        (err) => void (m.errors++, o.errors++, errorSamples.length < 10 && errorSamples.push(`${op.name}: ${err}`)),
      ),
    );
  }
  await Promise.all(inflight);
  clearInterval(sampler);
  const elapsed = (performance.now() - t0) / 1000;
  rss.push({ minute: round2(elapsed / 60), apiMb: rssMb(api), workerMb: rssMb(worker) });

  const requests = minutes.reduce((s, m) => s + m.requests, 0);
  const errors = minutes.reduce((s, m) => s + m.errors, 0);
  // Growth from the end of the first minute: the start sample still holds what the benchmarks before
  // the soak left in the heaps (it falls in the first minute), which would hide a slow rise.
  const basis = rss.length > 2 ? rss[1] : rss[0];
  const growth = (key: 'apiMb' | 'workerMb') => round2(((rss.at(-1)![key] - basis[key]) / basis[key]) * 100);
  return {
    seconds,
    target_rate: rate,
    achieved_rate: round2(requests / elapsed),
    requests,
    errors,
    error_rate: requests ? errors / requests : 0,
    error_samples: errorSamples,
    by_operation: byOperation,
    per_minute: minutes.map((m, i) => {
      const sorted = m.latencies.sort((a, b) => a - b);
      return {
        minute: i + 1,
        requests: m.requests,
        errors: m.errors,
        idle: m.idle,
        p50_ms: percentile(sorted, 50),
        p99_ms: percentile(sorted, 99),
      };
    }),
    rss_mb: rss,
    rss_growth_percent: { api: growth('apiMb'), worker: growth('workerMb'), from_minute: basis.minute },
    applications_issued: await stack.db.application.count({
      where: { status: 'ISSUED', officer: { name: { startsWith: 'BENCHSOAK' } } },
    }),
  };
}
