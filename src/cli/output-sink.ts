// Where a report goes: stdout, or the --output file. The file is created with the first write (a
// run that stops early leaves none behind), but a path that cannot be written is refused at once,
// before any work. Text goes out in blocks, not one system call per result.

import { accessSync, closeSync, constants, existsSync, openSync, statSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { escapeForLine } from '../report/escape.js';
import { UsageError, type CliIo } from './io.js';

export interface OutputSink {
  /** True when the report goes to a file (not stdout). */
  readonly toFile: boolean;
  write(text: string): void;
  /** Writes what is buffered and closes the file. */
  close(): void;
}

const WRITE_BLOCK_CHARACTERS = 64 * 1024;

function describeWriteError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such folder' : code === 'EISDIR' ? 'is a folder' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
}

/** `--output FILE` writes a file; `--output -` (or none) writes stdout. */
export function outputGoesToFile(output: string | undefined): boolean {
  return output !== undefined && output !== '-';
}

export function openOutputSink(output: string | undefined, io: CliIo): OutputSink {
  const outputPath = outputGoesToFile(output) ? resolve(io.cwd, output!) : undefined;
  // A path from the command line (a shell glob may have filled it from file names) is shown escaped.
  const refuse = (error: unknown): never => {
    throw new UsageError(`cannot write report to ${escapeForLine(output ?? '')}: ${describeWriteError(error)}`);
  };
  if (outputPath !== undefined) {
    try {
      if (existsSync(outputPath) && statSync(outputPath).isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
      accessSync(existsSync(outputPath) ? outputPath : dirname(outputPath), constants.W_OK);
    } catch (error) {
      refuse(error);
    }
  }
  let descriptor: number | undefined;
  const emit = (text: string): void => {
    if (outputPath === undefined) return io.stdout(text);
    try {
      descriptor ??= openSync(outputPath, 'w');
      writeSync(descriptor, text);
    } catch (error) {
      refuse(error);
    }
  };
  let pending = '';
  const flush = (): void => {
    if (pending === '') return;
    const text = pending;
    pending = '';
    emit(text);
  };
  return {
    toFile: outputPath !== undefined,
    write(text) {
      pending += text;
      if (pending.length >= WRITE_BLOCK_CHARACTERS) flush();
    },
    close() {
      try {
        flush();
      } finally {
        if (descriptor !== undefined) closeSync(descriptor);
      }
    },
  };
}
