// `npm run bench:import` — bringing in a city's records (issue #14 §4): a file of BENCH_ROWS officers
// (default 50,000) and one of as many certificates, each checked and then committed over HTTP as the
// web UI does, by the city bureau's system admin. Reports the time of each step and the API process's
// peak memory (VmHWM). Prints one JSON document.
//   BENCH_ROWS (default 50000), BENCH_FORMAT (csv | xlsx, default xlsx)
import fs from 'node:fs';
import { idNumberCheckDigit } from '../../domain/id-number';
import { writeTable, type TableFormat } from '../../infra/spreadsheet';
import { IMPORT_COLUMNS } from '../../domain/import';
import { runBenchmark, type BenchStack } from './harness';

const ROWS = Number(process.env.BENCH_ROWS ?? 50_000);
const FORMAT = (process.env.BENCH_FORMAT ?? 'xlsx') as TableFormat;

/** The i-th distinct ID number: a birth day from 1960 on and a sequence of three digits. */
const idNumber = (i: number) => {
  const birth = new Date(Date.UTC(1960, 0, 1) + (i % 14_600) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `330127${birth}${String(Math.floor(i / 14_600) % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckDigit(first17);
};

/** Peak resident memory of a process so far, in MiB (Linux). */
const peakMiB = (pid: number) =>
  Math.round(Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);

async function measure(stack: BenchStack): Promise<Record<string, unknown>> {
  const token = await stack.token('system_admin');
  const agency = '杭州市西湖区综合行政执法局';
  const people = Array.from({ length: ROWS }, (_, i) => idNumber(i));
  const officers = await writeTable(
    FORMAT,
    Object.values(IMPORT_COLUMNS.officers),
    people.map((id, i) => [`导入${i}`, id, agency, '是']),
  );
  const certificates = await writeTable(
    FORMAT,
    Object.values(IMPORT_COLUMNS.certificates),
    people.map((id, i) => [`330106-2019-${String(i).padStart(6, '0')}`, id, '2019-07-01', '有效']),
  );
  const send = async (kind: string, mode: string, data: Buffer) => {
    const t0 = performance.now();
    const r = await fetch(`${stack.baseUrl}/api/imports/${kind}?mode=${mode}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/octet-stream',
        'x-file-name': encodeURIComponent(`bench.${FORMAT}`),
      },
      body: data,
    });
    const body = (await r.json()) as { created?: number; problems?: unknown[]; title?: string };
    const seconds = Math.round((performance.now() - t0) / 100) / 10;
    if (r.status >= 300 && !(mode === 'check' && r.status === 200))
      throw new Error(`${kind} ${mode}: ${r.status} ${JSON.stringify(body).slice(0, 300)}`);
    if (body.problems?.length) throw new Error(`${kind} ${mode}: ${JSON.stringify(body.problems.slice(0, 3))}`);
    return { seconds, created: body.created };
  };
  const api = stack.pids().api;
  const before = peakMiB(api);
  const steps = {
    officersCheck: await send('officers', 'check', officers),
    officersCommit: await send('officers', 'commit', officers),
    certificatesCheck: await send('certificates', 'check', certificates),
    certificatesCommit: await send('certificates', 'commit', certificates),
    officersAgain: await send('officers', 'commit', officers),
  };
  return {
    rows: ROWS,
    format: FORMAT,
    fileBytes: { officers: officers.length, certificates: certificates.length },
    steps,
    // The target: 50,000 rows imported (checked and committed) in at most 60 s on this machine.
    officersCheckAndCommitSeconds: Math.round((steps.officersCheck.seconds + steps.officersCommit.seconds) * 10) / 10,
    apiPeakMemoryMiB: { beforeImports: before, afterImports: peakMiB(api) },
  };
}

runBenchmark('import', {}, measure);
