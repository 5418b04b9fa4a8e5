// How a run's counts become its exit code: 1 for any error, or for more warnings than
// --max-warnings allows (warnings hidden by --quiet count too); else 0.

import type { Counts } from '../report/summary.js';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type CliIo } from './io.js';

/** Checked before any output, so a bad value never leaves a half-written report behind. */
export function validateMaxWarnings(maxWarnings: number | undefined): void {
  if (maxWarnings !== undefined && (!Number.isInteger(maxWarnings) || maxWarnings < 0)) {
    throw new UsageError('--max-warnings takes a whole number ≥ 0');
  }
}

export function exitCodeFor(counts: Counts, maxWarnings: number | undefined, io: CliIo): number {
  if (counts.errors > 0) return EXIT_FINDINGS;
  if (maxWarnings !== undefined && counts.warnings > maxWarnings) {
    io.stderr(`maillint: ${counts.warnings} ${counts.warnings === 1 ? 'warning' : 'warnings'}, more than --max-warnings ${maxWarnings} allows\n`);
    return EXIT_FINDINGS;
  }
  return EXIT_OK;
}
