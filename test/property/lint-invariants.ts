// What must hold for every input, however broken (issue 6 item 1): lintMessage resolves (never
// throws), no check crashes (a crash is reported as an "internal error in check" finding, which is
// still a bug), and every finding's line/column points inside the input.

import { allChecks } from '../../checks/index.js';
import { lintMessage } from '../../src/engine/api.js';
import type { RuleSettings, Severity, TargetResult } from '../../src/types.js';

/** Fixed so date-skew and friends give the same answer on every run. */
export const PROPERTY_NOW = new Date('2026-11-24T12:00:00Z');

/** Every message check switched on, including those off by default, so all of them see the input. */
export function allMessageChecksOn(): RuleSettings {
  const rules: Record<string, Severity> = {};
  for (const check of allChecks) {
    if (check.target === 'message' && check.defaultSeverity === 'off') rules[check.id] = 'warn';
  }
  return rules;
}

/** Octets of each line (split at LF; a CR before the LF counted too, which only loosens the bound). */
function lineLengths(input: Uint8Array): number[] {
  const lengths: number[] = [];
  let start = 0;
  for (let index = 0; index < input.length; index += 1) {
    if (input[index] === 10) {
      lengths.push(index - start);
      start = index + 1;
    }
  }
  lengths.push(input.length - start);
  return lengths;
}

const SEVERITIES = new Set(['error', 'warn', 'info']);

/** Returns what is wrong with `result` for `input`, or undefined when everything holds. */
export function invariantViolation(input: Uint8Array, result: TargetResult): string | undefined {
  const lengths = lineLengths(input);
  for (const finding of result.findings) {
    const where = `${finding.check} at ${finding.line ?? '-'}:${finding.column ?? '-'} ("${finding.message.slice(0, 120)}")`;
    if (typeof finding.check !== 'string' || finding.check === '') return `finding without a check id: ${where}`;
    if (!SEVERITIES.has(finding.severity)) return `finding with severity ${String(finding.severity)}: ${where}`;
    if (typeof finding.message !== 'string' || finding.message.trim() === '') return `finding without a message: ${where}`;
    if (finding.message.startsWith('internal error in check')) return `a check crashed: ${where}`;
    if (finding.column !== undefined && finding.line === undefined) return `column without a line: ${where}`;
    // A fix's edits are ranges of the input, in order, never overlapping: what applyEdits expects.
    for (const edits of [finding.edits ?? [], ...(finding.suggestions ?? []).map((suggestion) => suggestion.edits)]) {
      let end = 0;
      for (const { range } of edits) {
        if (!Number.isInteger(range[0]) || range[0] < end || range[1] < range[0] || range[1] > input.length) {
          return `edit [${range[0]}, ${range[1]}] out of order or outside the input (${input.length} octets): ${where}`;
        }
        end = range[1];
      }
    }
    if (finding.line === undefined) continue;
    if (!Number.isInteger(finding.line) || finding.line < 1 || finding.line > lengths.length) {
      return `line outside the input (${lengths.length} lines): ${where}`;
    }
    if (finding.column === undefined) continue;
    const lineLength = lengths[finding.line - 1]!;
    if (!Number.isInteger(finding.column) || finding.column < 1 || finding.column > lineLength + 2) {
      return `column outside line ${finding.line} (${lineLength} octets): ${where}`;
    }
  }
  return undefined;
}

const rules = allMessageChecksOn();

/** Lints `input` and throws (with the reason) if any invariant fails; fast-check shrinks on the throw. */
export async function assertLintInvariants(input: Uint8Array): Promise<void> {
  const result = await lintMessage(input, { now: PROPERTY_NOW, rules });
  const problem = invariantViolation(input, result);
  if (problem) throw new Error(problem);
}

/** Printable form of an input for a report: JSON-escaped text when it is UTF-8, hex otherwise. */
export function describeInput(input: Uint8Array): string {
  const text = Buffer.from(input).toString('utf8');
  if (Buffer.from(text, 'utf8').equals(Buffer.from(input))) return `text ${JSON.stringify(text)}`;
  return `hex ${Buffer.from(input).toString('hex')}`;
}
