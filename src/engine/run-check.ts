// Runs one check and turns what it returns into reported findings. A check that throws is a bug:
// it is reported as an error finding under its own id, never swallowed into a silent pass.

import type { Finding, ReportedFinding, ReportedSeverity } from '../types.js';
import type { ResolvedRule } from './rules.js';

function toReported(rule: ResolvedRule, findings: readonly Finding[]): ReportedFinding[] {
  if (rule.severity === 'off') return [];
  const defaultSeverity: ReportedSeverity = rule.severity;
  return findings.map((finding) => {
    const reported: ReportedFinding = {
      check: rule.check.id,
      severity: rule.explicit ? defaultSeverity : (finding.severity ?? defaultSeverity),
      message: finding.message,
    };
    if (finding.line !== undefined) reported.line = finding.line;
    if (finding.column !== undefined) reported.column = finding.column;
    if (finding.fix !== undefined) reported.fix = finding.fix;
    if (finding.data !== undefined) reported.data = finding.data;
    return reported;
  });
}

/** Past this, one check's findings on one target are summed up in a last finding, not listed. */
export const MAX_FINDINGS_PER_CHECK = 100;

function capped(findings: ReportedFinding[]): ReportedFinding[] {
  if (findings.length <= MAX_FINDINGS_PER_CHECK) return findings;
  const shown = findings.slice(0, MAX_FINDINGS_PER_CHECK);
  const rest = findings.slice(MAX_FINDINGS_PER_CHECK);
  const worst = rest.reduce((severity, finding) => (SEVERITY_ORDER[finding.severity] < SEVERITY_ORDER[severity] ? finding.severity : severity), rest[0]!.severity);
  const summary: ReportedFinding = {
    check: rest[0]!.check,
    severity: worst,
    message: `… and ${rest.length.toLocaleString('en-US')} more ${rest[0]!.check} findings not listed (the first ${MAX_FINDINGS_PER_CHECK} are)`,
  };
  if (rest[0]!.line !== undefined) summary.line = rest[0]!.line;
  return [...shown, summary];
}

export function runGuarded(rule: ResolvedRule, run: () => Finding[]): ReportedFinding[] {
  try {
    return capped(toReported(rule, run()));
  } catch (error) {
    return [
      {
        check: rule.check.id,
        severity: 'error',
        message: `internal error in check ${rule.check.id}: ${error instanceof Error ? error.message : String(error)} (please report this)`,
      },
    ];
  }
}

const SEVERITY_ORDER: Record<ReportedSeverity, number> = { error: 0, warn: 1, info: 2 };

/** Position order, then severity, then id: reports read top to bottom like the file. */
export function sortFindings(findings: ReportedFinding[]): ReportedFinding[] {
  return findings.sort(
    (left, right) =>
      (left.line ?? 0) - (right.line ?? 0) ||
      (left.column ?? 0) - (right.column ?? 0) ||
      SEVERITY_ORDER[left.severity] - SEVERITY_ORDER[right.severity] ||
      left.check.localeCompare(right.check),
  );
}
