import type { Readable } from 'node:stream';

/** What the CLI touches of its process, injected so tests run `main` in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdin: Readable;
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    // A getter: process.stdin builds its stream (a socket for a pipe: node:net) on first use, ~4 ms
    // of CPU that only `-` and `--config -` / `--file -` need.
    get stdin() {
      return process.stdin;
    },
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
  };
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
/** 128 + SIGPIPE: the reader of stdout or stderr went away before the report was finished. */
export const EXIT_OUTPUT_CLOSED = 141;

/** A problem with how maillint was called or configured: printed without a stack, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
