// Node entrypoints of the project (worker, API) as child processes: the `npm start` launcher, the
// benchmarks and the fault tests all start and stop them the same way.
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './paths';

/** Starts `entry` (a .ts file relative to the project root) under tsx with `env`. */
export function spawnEntry(
  entry: string,
  env: NodeJS.ProcessEnv,
  opts: { stdio?: StdioOptions; detached?: boolean; nodeArgs?: string[] } = {},
): ChildProcess {
  return spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', path.join(ROOT, entry)], {
    cwd: ROOT,
    env,
    stdio: opts.stdio ?? ['ignore', 'ignore', 'inherit'],
    detached: opts.detached,
  });
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** Resolves when the child has exited (at once when it already has). */
export function exitOf(child: ChildProcess): Promise<void> {
  return exited(child) ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

/** SIGTERM (a graceful stop), then SIGKILL after `graceMs`; resolves when the child has exited. */
export function stopChild(child: ChildProcess, graceMs = 35_000): Promise<void> {
  if (exited(child)) return Promise.resolve();
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  child.kill('SIGTERM');
  return exitOf(child).finally(() => clearTimeout(timer));
}

/** Resolves when the child prints `text` on its stdout (a pipe, drained from then on); rejects if it exits first. */
export function whenPrinted(child: ChildProcess, text: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (!out.includes(text)) return;
      child.stdout!.off('data', onData);
      child.stdout!.resume(); // keep draining: a full pipe would block the child
      resolve();
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code, signal) => reject(new Error(`exited before printing ${text} (${signal ?? code})`)));
  });
}
