// The inputs of `maillint domain` and `maillint ip`: positional arguments plus a `--file` list
// (one item a line, `#` starts a comment, blank lines skipped, `-` reads stdin). Each input keeps
// where it came from, so that a bad one is named by argument or file line, and the whole run is
// refused before any lookup when one is bad.

import { resolve } from 'node:path';
import { InputFileError, readTextFile, readTextStream } from '../input/read-text-file.js';
import { UsageError, type CliIo } from './io.js';

export interface ListedInput {
  /** As the user wrote it, trimmed. */
  value: string;
  /** For error messages: `argument 2`, `domains.txt:14`, `<stdin>:3`. */
  origin: string;
}

/** About a million names or addresses a line; no more is ever read (stdin included). */
export const MAX_LIST_FILE_BYTES = 16 * 1024 * 1024;

/** Most problems listed in one usage error; the rest are counted. */
const MAX_PROBLEMS_SHOWN = 20;

export function argumentInputs(values: readonly string[]): ListedInput[] {
  return values.map((value, index) => ({ value, origin: `argument ${index + 1}` }));
}

export async function readListFile(file: string, io: CliIo): Promise<ListedInput[]> {
  let text: string;
  try {
    // A regular file only (a FIFO or /dev/zero is refused at once), and stdin no further than the cap.
    const limit = { maxBytes: MAX_LIST_FILE_BYTES };
    text = file === '-' ? await readTextStream(io.stdin, '<stdin>', limit) : readTextFile(resolve(io.cwd, file), limit);
  } catch (error) {
    const reason = error instanceof InputFileError ? error.reason : (error as Error).message;
    throw new UsageError(`--file ${file}: cannot read it: ${reason}`);
  }
  const source = file === '-' ? '<stdin>' : file;
  const inputs: ListedInput[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const value = line.replace(/#.*/, '').trim();
    if (value !== '') inputs.push({ value, origin: `${source}:${index + 1}` });
  });
  return inputs;
}

/** Throws one usage error listing every bad input (up to a screenful), so the user can fix them all at once. */
export function refuseIfAnyInvalid(problems: readonly string[]): void {
  if (problems.length === 0) return;
  const listed = problems.slice(0, MAX_PROBLEMS_SHOWN);
  if (problems.length > listed.length) listed.push(`… and ${problems.length - listed.length} more`);
  throw new UsageError(`nothing was checked:\n  ${listed.join('\n  ')}`);
}
