// CPU time of the stack's processes from /proc (Linux): user + system seconds the kernel charged,
// which hold across machines better than wall time. A process tree counts every live process in it
// plus the exited children each has reaped (cutime/cstime) — PostgreSQL's backends come and go.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

export interface ProcStat {
  pid: number;
  comm: string;
  ppid: number;
  /** utime, stime, cutime, cstime: clock ticks. */
  utime: number;
  stime: number;
  cutime: number;
  cstime: number;
}

/**
 * One line of /proc/<pid>/stat. The command name is in parentheses and may itself hold spaces and
 * parentheses, so it ends at the line's last ')'; the numbered fields follow (proc(5)).
 */
export function parseStat(line: string): ProcStat {
  const open = line.indexOf('(');
  const close = line.lastIndexOf(')');
  if (open < 0 || close < open) throw new Error(`not a /proc/<pid>/stat line: ${line.slice(0, 80)}`);
  // After the name: field 3 (state) is rest[0], so field n is rest[n - 3].
  const rest = line
    .slice(close + 1)
    .trim()
    .split(/\s+/);
  const field = (n: number) => Number(rest[n - 3]);
  return {
    pid: Number(line.slice(0, open).trim()),
    comm: line.slice(open + 1, close),
    ppid: field(4),
    utime: field(14),
    stime: field(15),
    cutime: field(16),
    cstime: field(17),
  };
}

const readStat = (pid: number): ProcStat | undefined => {
  try {
    return parseStat(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined; // gone meanwhile
  }
};

/** Every live process on the machine. */
function allStats(): ProcStat[] {
  return fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map((d) => readStat(Number(d)))
    .filter((s): s is ProcStat => s !== undefined);
}

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100; // USER_HZ on every Linux this runs on
    }
  }
  return ticksPerSecond;
}

/** Milliseconds of CPU of the tree rooted at `root` in `stats`: its live processes and what they reaped. */
export function treeCpuMs(stats: readonly ProcStat[], root: number, ticks = clockTicks()): number {
  const children = new Map<number, ProcStat[]>();
  for (const s of stats) {
    const siblings = children.get(s.ppid);
    if (siblings) siblings.push(s);
    else children.set(s.ppid, [s]);
  }
  let total = 0;
  const visit = (s: ProcStat) => {
    total += s.utime + s.stime + s.cutime + s.cstime;
    for (const c of children.get(s.pid) ?? []) visit(c);
  };
  const top = stats.find((s) => s.pid === root);
  if (top) visit(top);
  return (total * 1000) / ticks;
}

/** CPU ms of each named process tree now. */
export function cpuSample(roots: Record<string, number>): Record<string, number> {
  const stats = allStats();
  return Object.fromEntries(Object.entries(roots).map(([name, pid]) => [name, treeCpuMs(stats, pid)]));
}

/** Starts counting the trees' CPU; `stop` gives each tree's ms since, and their total. */
export function cpuMeter(roots: Record<string, number>) {
  const before = cpuSample(roots);
  return {
    stop() {
      const after = cpuSample(roots);
      const ms = Object.fromEntries(Object.keys(roots).map((name) => [name, after[name] - before[name]]));
      return { ms, total: Object.values(ms).reduce((a, b) => a + b, 0) };
    },
  };
}
