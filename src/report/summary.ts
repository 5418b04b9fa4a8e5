import type { TargetResult } from '../types.js';

export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
  targets: number;
}

export function countFindings(results: readonly TargetResult[]): Counts {
  const counts: Counts = { errors: 0, warnings: 0, infos: 0, targets: results.length };
  for (const result of results) {
    for (const finding of result.findings) {
      if (finding.severity === 'error') counts.errors += 1;
      else if (finding.severity === 'warn') counts.warnings += 1;
      else counts.infos += 1;
    }
  }
  return counts;
}

function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** "✖ 3 problems (1 error, 2 warnings, 0 info) in 2 targets" or "✓ 2 targets checked, no problems". */
export function summaryLine(counts: Counts): string {
  const total = counts.errors + counts.warnings + counts.infos;
  if (total === 0) return `✓ ${plural(counts.targets, 'target')} checked, no problems`;
  return (
    `✖ ${plural(total, 'problem')} (${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}, ` +
    `${counts.infos} info) in ${plural(counts.targets, 'target')}`
  );
}
