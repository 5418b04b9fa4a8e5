import type { TargetResult } from '../types.js';

export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
  targets: number;
  /** Warnings and info findings left out of the report by --quiet (they still count for --max-warnings). */
  hiddenWarnings?: number;
  hiddenInfos?: number;
  /** DNS lookups that failed in the run, reported or not (a rule may be off): the run is incomplete. */
  failedLookups?: number;
  /** Findings that carry edits: what `--fix` would repair. */
  fixable?: number;
  /** The --max-warnings limit the run's warnings (hidden ones too) went past: the run fails on them. */
  exceededMaxWarnings?: number;
}

/** Adds one result to running counts (a streamed report counts as it goes). */
export function addToCounts(counts: Counts, result: TargetResult): void {
  counts.targets += 1;
  for (const finding of result.findings) {
    if (finding.severity === 'error') counts.errors += 1;
    else if (finding.severity === 'warn') counts.warnings += 1;
    else counts.infos += 1;
    if ((finding.edits?.length ?? 0) > 0) counts.fixable = (counts.fixable ?? 0) + 1;
  }
}

export function countFindings(results: readonly TargetResult[]): Counts {
  const counts: Counts = { errors: 0, warnings: 0, infos: 0, targets: 0 };
  for (const result of results) addToCounts(counts, result);
  return counts;
}

function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/**
 * "✖ 3 problems (1 error, 2 warnings, 0 info) in 2 targets", "✓ 2 targets checked, no problems",
 * "✓ 2 targets checked, no errors or warnings (1 info)"; with --quiet it says what it hid, so a
 * report never reads "no problems" over warnings it left out.
 */
export function summaryLine(counts: Counts): string {
  const total = counts.errors + counts.warnings + counts.infos;
  const hiddenParts = [
    counts.hiddenWarnings ? plural(counts.hiddenWarnings, 'warning') : '',
    counts.hiddenInfos ? `${counts.hiddenInfos} info` : '',
  ].filter((part) => part !== '');
  const hidden = hiddenParts.length > 0 ? ` (${hiddenParts.join(' and ')} hidden by --quiet)` : '';
  const checked = `${plural(counts.targets, 'target')} checked`;
  const failed = counts.failedLookups ? `; ${plural(counts.failedLookups, 'DNS lookup')} failed, so some checks could not be made` : '';
  const overLimit = counts.exceededMaxWarnings === undefined ? '' : `; more warnings than --max-warnings ${counts.exceededMaxWarnings} allows`;
  if (failed && counts.errors === 0) {
    // Never a check mark over lookups that failed: the run could not check everything.
    return `! ${checked}, ${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}${hidden}${failed}${overLimit}`;
  }
  // Never a check mark over a run that fails on warnings --quiet hid.
  if (total === 0 && overLimit) return `✖ ${checked}, no errors${hidden}${overLimit}`;
  if (total === 0) return hidden ? `✓ ${checked}, no errors${hidden}` : `✓ ${checked}, no problems`;
  if (counts.errors === 0 && counts.warnings === 0) return `✓ ${checked}, no errors or warnings (${counts.infos} info)${hidden}`;
  // As ESLint says it: the user learns --fix exists where it would help.
  const fixable = counts.fixable ? `; ${counts.fixable} fixable with --fix` : '';
  return (
    `✖ ${plural(total, 'problem')} (${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}, ` +
    `${counts.infos} info) in ${plural(counts.targets, 'target')}${hidden}${failed}${overLimit}${fixable}`
  );
}
