// Lints files and folders, yielding each file's result in input order as soon as it is ready
// (the CLI prints progress from this stream; the API collects it).

import type { Readable } from 'node:stream';
import type { TargetResult } from '../types.js';
import { expandPaths, type FileEntry } from './files.js';
import { INPUT_UNREADABLE } from './input-findings.js';
import { createMessageLinter, type LintOptions } from './lint-message.js';
import { orderedPool } from './ordered-pool.js';
import { readMessageFile, scanStream } from './read-message.js';

export interface LintFilesOptions extends LintOptions {
  /** Where `-` reads from (the CLI passes process.stdin). */
  stdin?: Readable;
  /** Folder that relative paths are opened from (default: the process's). */
  cwd?: string;
}

/** Files read at once: enough to overlap disk and DNS waits, few enough to bound memory. */
const FILES_IN_FLIGHT = 8;

export async function* lintFileStream(paths: readonly string[], options: LintFilesOptions = {}): AsyncGenerator<TargetResult> {
  const linter = await createMessageLinter(options);

  async function lintEntry(entry: FileEntry): Promise<TargetResult> {
    if ('error' in entry) return unreadable(entry.path, entry.error);
    try {
      const message =
        entry.path === '-'
          ? await scanStream(options.stdin ?? process.stdin, options)
          : await readMessageFile(entry.absolutePath, options);
      return { target: entry.path, findings: await linter.lint(message) };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason =
        code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : code === 'EISDIR' || code === 'ENOTFILE'
            ? 'not a regular file'
            : error instanceof Error
              ? error.message
              : String(error);
      return unreadable(entry.path, reason);
    }
  }

  yield* orderedPool(expandPaths(paths, options.cwd), FILES_IN_FLIGHT, lintEntry);
}

function unreadable(path: string, reason: string): TargetResult {
  return {
    target: path,
    findings: [{ check: INPUT_UNREADABLE, severity: 'error', message: `cannot read ${path}: ${reason}` }],
  };
}

export async function lintFiles(paths: readonly string[], options: LintFilesOptions = {}): Promise<TargetResult[]> {
  const results: TargetResult[] = [];
  for await (const result of lintFileStream(paths, options)) results.push(result);
  return results;
}
