// Lints files and folders one after another, yielding each file's result as soon as it is ready
// (the CLI prints progress from this stream; the API collects it).

import type { Readable } from 'node:stream';
import type { TargetResult } from '../types.js';
import { expandPaths } from './files.js';
import { resolveMessageRules, runMessageChecks, type LintOptions } from './lint-message.js';
import { readMessageFile, scanStream } from './read-message.js';

export interface LintFilesOptions extends LintOptions {
  /** Where `-` reads from (the CLI passes process.stdin). */
  stdin?: Readable;
}

/** Not a check: the input could not be read, so nothing about it was checked. */
export const UNREADABLE_CHECK_ID = 'input-unreadable';

export async function* lintFileStream(paths: readonly string[], options: LintFilesOptions = {}): AsyncGenerator<TargetResult> {
  const rules = resolveMessageRules(options);
  const now = options.now ?? new Date();
  for await (const entry of expandPaths(paths)) {
    if ('error' in entry) {
      yield unreadable(entry.path, entry.error);
      continue;
    }
    try {
      const message =
        entry.path === '-'
          ? await scanStream(options.stdin ?? process.stdin, options)
          : await readMessageFile(entry.path, options);
      yield { target: entry.path, findings: runMessageChecks(message, rules, now) };
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
      yield unreadable(entry.path, reason);
    }
  }
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
