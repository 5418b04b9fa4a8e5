// Lints files and folders one after another, yielding each file's result as soon as it is ready
// (the CLI prints progress from this stream; the API collects it).

import type { Readable } from 'node:stream';
import type { TargetResult } from '../types.js';
import { expandPaths, type FileEntry } from './files.js';
import { orderedPool } from './ordered-pool.js';
import { resolveMessageRules, runMessageChecks, type LintOptions } from './lint-message.js';
import { readMessageFile, scanStream } from './read-message.js';

export interface LintFilesOptions extends LintOptions {
  /** Where `-` reads from (the CLI passes process.stdin). */
  stdin?: Readable;
}

/** Not a check: the input could not be read, so nothing about it was checked. */
export const UNREADABLE_CHECK_ID = 'input-unreadable';

/** Files read at once: enough to overlap disk and DNS waits, few enough to bound memory. */
const FILES_IN_FLIGHT = 8;

export async function* lintFileStream(paths: readonly string[], options: LintFilesOptions = {}): AsyncGenerator<TargetResult> {
  const rules = resolveMessageRules(options);
  const now = options.now ?? new Date();

  async function lintEntry(entry: FileEntry): Promise<TargetResult> {
    if ('error' in entry) return unreadable(entry.path, entry.error);
    try {
      const message =
        entry.path === '-'
          ? await scanStream(options.stdin ?? process.stdin, options)
          : await readMessageFile(entry.path, options);
      return { target: entry.path, findings: runMessageChecks(message, rules, now) };
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

  yield* orderedPool(expandPaths(paths), FILES_IN_FLIGHT, lintEntry);
}

function unreadable(path: string, reason: string): TargetResult {
  return {
    target: path,
    findings: [{ check: UNREADABLE_CHECK_ID, severity: 'error', message: `cannot read ${path}: ${reason}` }],
  };
}

export async function lintFiles(paths: readonly string[], options: LintFilesOptions = {}): Promise<TargetResult[]> {
  const results: TargetResult[] = [];
  for await (const result of lintFileStream(paths, options)) results.push(result);
  return results;
}
