// Runs the CLI in-process with a captured CliIo: what a user would see on stdout and stderr, and
// the exit code, without spawning Node.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  cwd: string;
  stdin?: string | Uint8Array;
  env?: NodeJS.ProcessEnv;
  stdoutIsTTY?: boolean;
  stderrIsTTY?: boolean;
}

export function captureIo(options: CliRunOptions): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (text) => void out.push(text),
    stderr: (text) => void err.push(text),
    stdin: Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]),
    cwd: options.cwd,
    env: options.env ?? {},
    stdoutIsTTY: options.stdoutIsTTY ?? false,
    stderrIsTTY: options.stderrIsTTY ?? false,
  };
}

/**
 * Runs `main` as if started in `options.cwd`. The engine opens the paths it is given as they are
 * (relative to the process), like the real CLI whose io.cwd is process.cwd(); so the process
 * changes folder for the run and back after (suites run one at a time, so this is safe).
 */
export async function runCli(argv: readonly string[], options: CliRunOptions): Promise<CliRun> {
  const io = captureIo(options);
  const previous = process.cwd();
  process.chdir(options.cwd);
  try {
    const code = await main(argv, io);
    return { code, stdout: io.out.join(''), stderr: io.err.join('') };
  } finally {
    process.chdir(previous);
  }
}

/**
 * `main` in-process, with what `snapshot` returns at the moment the report's first block is written:
 * a streamed report writes before the run is over (test/cli/domain.test.ts, ip.test.ts).
 */
export async function runCliSnapshotAtFirstWrite<Snapshot>(
  argv: readonly string[],
  options: CliRunOptions,
  snapshot: () => Snapshot,
): Promise<CliRun & { writes: number; atFirstWrite: Snapshot | undefined }> {
  const io = captureIo(options);
  let atFirstWrite: Snapshot | undefined;
  const write = io.stdout;
  io.stdout = (text) => {
    if (io.out.length === 0) atFirstWrite = snapshot();
    write(text);
  };
  const code = await main(argv, io);
  return { code, stdout: io.out.join(''), stderr: io.err.join(''), writes: io.out.length, atFirstWrite };
}

/** A fresh folder under the system temp folder; `cleanup` removes it. */
export function temporaryFolder(prefix = 'maillint-test-'): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * `main` with a captured io that counts how often its stdin is read: a real process.stdin builds its
 * stream on first touch (~3 ms of a start, issue 15), so only a run that reads `-` may touch it.
 */
export async function runCountingStdin(argv: readonly string[], options: CliRunOptions): Promise<CliRun & { stdinTouched: number }> {
  const io = captureIo(options);
  const stdin = io.stdin;
  let stdinTouched = 0;
  Object.defineProperty(io, 'stdin', {
    get: () => {
      stdinTouched += 1;
      return stdin;
    },
  });
  const previous = process.cwd();
  process.chdir(options.cwd);
  try {
    const code = await main(argv, io);
    return { code, stdout: io.out.join(''), stderr: io.err.join(''), stdinTouched };
  } finally {
    process.chdir(previous);
  }
}
