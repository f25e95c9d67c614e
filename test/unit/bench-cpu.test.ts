// The benchmark's CPU figure reads /proc/<pid>/stat (scripts/bench/cpu.ts): the command name may
// hold spaces and parentheses, and a process tree counts its live processes and what they reaped.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStat, treeCpuMs, type ProcStat } from '../../scripts/bench/cpu';

const line = (pid: number, comm: string, ppid: number, [u, s, cu, cs]: number[]) =>
  `${pid} (${comm}) S ${ppid} ${pid} ${pid} 0 -1 4194560 500 0 0 0 ${u} ${s} ${cu} ${cs} 20 0 1 0 12345 1000 200`;

describe('/proc/<pid>/stat', () => {
  it('reads the fields after a command name with spaces and parentheses', () => {
    expect(parseStat(line(4321, 'postgres: bench (x) ) idle', 1000, [25, 13, 7, 3]))).toEqual({
      pid: 4321,
      comm: 'postgres: bench (x) ) idle',
      ppid: 1000,
      utime: 25,
      stime: 13,
      cutime: 7,
      cstime: 3,
    });
  });

  it('reads this process’s own line', () => {
    const own = parseStat(fs.readFileSync('/proc/self/stat', 'utf8'));
    expect([own.pid, own.ppid]).toEqual([process.pid, process.ppid]);
  });

  it('a tree counts its live descendants and what each reaped, not other processes', () => {
    const stats: ProcStat[] = [
      parseStat(line(10, 'postgres', 1, [100, 50, 30, 20])), // the postmaster and its exited backends
      parseStat(line(11, 'postgres: walwriter', 10, [5, 5, 0, 0])),
      parseStat(line(12, 'postgres: bench bench 127.0.0.1(5) idle', 10, [40, 10, 0, 0])),
      parseStat(line(13, 'sh', 12, [1, 1, 0, 0])),
      parseStat(line(20, 'node', 1, [999, 999, 0, 0])),
    ];
    expect(treeCpuMs(stats, 10, 100)).toBe((200 + 10 + 50 + 2) * 10);
    expect(treeCpuMs(stats, 99, 100)).toBe(0);
  });
});
