// The one loop that runs any target's checks, turning what each returns into reported findings. A
// check that throws is a bug: it is reported as an error finding under its own id, never swallowed
// into a silent pass.

import type { Check, Finding, ReportedFinding, ReportedSeverity } from '../types.js';
import type { ResolvedRule } from './rules.js';
import { compareAscii, formatCount } from '../message/fields.js';

function toReported(rule: ResolvedRule, findings: readonly Finding[]): ReportedFinding[] {
  if (rule.severity === 'off' || findings.length === 0) return [];
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
    if (finding.edits !== undefined && finding.edits.length > 0) reported.edits = finding.edits;
    if (finding.suggestions !== undefined && finding.suggestions.length > 0) reported.suggestions = finding.suggestions;
    if (finding.data !== undefined) reported.data = finding.data;
    return reported;
  });
}

/** Past this, one check's findings on one target are summed up in a last finding, not listed. */
export const MAX_FINDINGS_PER_CHECK = 100;

/** How many findings a summary from an earlier cap stands for (0 for an ordinary finding). */
function notListedCount(finding: ReportedFinding): number {
  const count = finding.data?.notListed;
  return typeof count === 'number' ? count : 0;
}

function capped(findings: ReportedFinding[]): ReportedFinding[] {
  // A summary from an earlier cap is not a finding of its own: capping twice sums up once.
  const listed = findings.filter((finding) => notListedCount(finding) === 0);
  const summarised = findings.reduce((total, finding) => total + notListedCount(finding), 0);
  if (listed.length <= MAX_FINDINGS_PER_CHECK && summarised === 0) return findings;
  const shown = listed.slice(0, MAX_FINDINGS_PER_CHECK);
  const rest = [...listed.slice(MAX_FINDINGS_PER_CHECK), ...findings.filter((finding) => notListedCount(finding) > 0)];
  const restCount = listed.length - shown.length + summarised;
  if (restCount === 0) return shown;
  const worst = rest.reduce((severity, finding) => (SEVERITY_ORDER[finding.severity] < SEVERITY_ORDER[severity] ? finding.severity : severity), rest[0]!.severity);
  const summary: ReportedFinding = {
    check: rest[0]!.check,
    severity: worst,
    message: `… and ${formatCount(restCount)} more ${rest[0]!.check} findings not listed (the first ${MAX_FINDINGS_PER_CHECK} are)`,
    data: { notListed: restCount },
  };
  if (rest[0]!.line !== undefined) summary.line = rest[0]!.line;
  return [...shown, summary];
}

/**
 * Keeps at most MAX_FINDINGS_PER_CHECK findings of each check, then one summary: for a target whose
 * findings come from more than one run of a check (a message and the domains it names).
 */
export function capPerCheck(findings: ReportedFinding[]): ReportedFinding[] {
  const byCheck = new Map<string, ReportedFinding[]>();
  for (const finding of findings) {
    const list = byCheck.get(finding.check);
    if (list) list.push(finding);
    else byCheck.set(finding.check, [finding]);
  }
  if ([...byCheck.values()].every((list) => list.length <= MAX_FINDINGS_PER_CHECK && !list.some((finding) => notListedCount(finding) > 0))) return findings;
  return sortFindings([...byCheck.values()].flatMap(capped));
}

/** Runs every rule of one target on one subject (the context without options, which are per rule). */
export function runRules<RuleCheck extends Check>(
  rules: readonly ResolvedRule<RuleCheck>[],
  subject: Omit<Parameters<RuleCheck['run']>[0], 'options'>,
): ReportedFinding[] {
  const findings: ReportedFinding[] = [];
  // One context per subject, its options swapped in per rule: a check runs synchronously and keeps
  // nothing of its context (its contract), and a fresh copy of the subject per rule was the engine's
  // largest own cost in bulk lint (600,000 copies for 10,000 messages; issue 15).
  const context: Record<string, unknown> = { ...subject, options: undefined };
  for (const rule of rules) {
    context.options = rule.options;
    // The cast is the engine's promise: a rule of target T gets T's context, with its own options.
    const reported = runGuarded(rule, context as never);
    // Most checks find nothing: no arrays are built for them (bulk lint runs 600,000 of them).
    if (reported.length > 0) findings.push(...reported);
  }
  return sortFindings(findings);
}

const NO_FINDINGS: readonly ReportedFinding[] = [];

function runGuarded(rule: ResolvedRule, context: never): readonly ReportedFinding[] {
  try {
    const found = rule.check.run(context);
    return found.length === 0 ? NO_FINDINGS : capped(toReported(rule, found));
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
      compareAscii(left.check, right.check),
  );
}
