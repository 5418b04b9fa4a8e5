// Small measuring tools the benchmarks share: wall time of a child process, medians, peak RSS,
// and printing figures as ratios. Benchmarks report; they never assert timing.

import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface ProcessRun {
  wallMs: number;
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion and times it from spawn to exit (whole-process wall time). */
export function timeProcess(command: string, args: readonly string[], options: SpawnSyncOptions = {}): ProcessRun {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.error) throw result.error;
  return {
    wallMs,
    status: result.status,
    signal: result.signal,
    stdout: String(result.stdout ?? ''),
    stderr: String(result.stderr ?? ''),
  };
}

export interface MeasuredProcess extends ProcessRun {
  /** Peak resident set size of the child in MB, when it could be measured. */
  peakRssMb: number | undefined;
  /** How the peak was measured: `/usr/bin/time -v` or not at all. */
  rssSource: string;
}

const GNU_TIME = '/usr/bin/time';

/**
 * Runs a command asynchronously (so the parent can keep printing) under GNU time when present, to
 * read the child's peak RSS from the kernel's accounting rather than from inside the child.
 */
export function measureProcess(command: string, args: readonly string[], cwd?: string): Promise<MeasuredProcess> {
  const useTime = existsSync(GNU_TIME);
  const [file, argv] = useTime ? [GNU_TIME, ['-v', command, ...args]] : [command, [...args]];
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(file, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    // Keep only the tails: a child that prints a lot must not grow the parent.
    child.stdout.on('data', (chunk: Buffer) => (stdout = (stdout + chunk.toString()).slice(-20_000)));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-20_000)));
    child.on('error', reject);
    child.on('close', (status, signal) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      // GNU time reports "Command exited with non-zero status N" itself; the status is the child's.
      resolve({
        wallMs,
        status,
        signal,
        stdout,
        stderr: useTime ? stderr.replace(/\n?\tCommand being timed:[\s\S]*$/, '').replace(/Command exited with non-zero status \d+\n?/, '') : stderr,
        peakRssMb: rss ? Number(rss[1]) / 1024 : undefined,
        rssSource: useTime ? '/usr/bin/time -v' : 'unmeasured (no /usr/bin/time)',
      });
    });
  });
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function formatMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`;
}

export function formatMb(mb: number | undefined): string {
  return mb === undefined ? 'n/a' : `${mb.toFixed(0)} MB`;
}

/**
 * One closing figure. The bench runner collects lines that start with `result:` into its summary,
 * so every figure that matters is printed through this.
 */
export function printResult(name: string, figure: string, target?: { met: boolean; text: string }): void {
  const verdict = target ? `  (target ${target.text}: ${target.met ? 'met' : 'NOT met'})` : '';
  console.log(`result: ${name}: ${figure}${verdict}`);
}

/** Reads a number (0 or more; 0 usually skips a part) from the environment, or the default. */
export function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number >= 0, got ${JSON.stringify(raw)}`);
  return value;
}

/** A failed step ends the bench with a reason and a non-zero exit (the runner reports it). */
export function fail(reason: string): never {
  console.error(`bench failed: ${reason}`);
  process.exit(1);
}

export interface CpuRun {
  /** User + system CPU time of the child process, in ms (from the kernel's accounting). */
  cpuMs: number;
  wallMs: number;
  status: number;
}

/**
 * Runs a command to completion and reads its CPU time (user + system) as the kernel accounted it:
 * bash's `times` prints its children's getrusage in milliseconds. Output is discarded. CPU time,
 * unlike wall time, is not stretched by other processes sharing the machine's cores.
 */
export function cpuTimeProcess(command: string, args: readonly string[], cwd?: string, env?: NodeJS.ProcessEnv): CpuRun {
  const script = '"$@" >/dev/null 2>&1; status=$?; times; exit $status';
  const started = process.hrtime.bigint();
  const result = spawnSync('bash', ['-c', script, 'bash', command, ...args], { encoding: 'utf8', cwd, env: env ?? process.env });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.error) throw result.error;
  // Second line: children's user and system time, e.g. `0m0.036s 0m0.012s`.
  const children = String(result.stdout).trim().split('\n')[1] ?? '';
  const seconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((match) => Number(match[1]) * 60 + Number(match[2]));
  if (seconds.length !== 2) throw new Error(`cannot read CPU times from bash's times: ${JSON.stringify(result.stdout)}`);
  return { cpuMs: (seconds[0]! + seconds[1]!) * 1000, wallMs, status: result.status ?? -1 };
}
