// Applies fix edits to message octets. Each finding's edits are a group: applied together or not at
// all. Groups that overlap an earlier one are left for the next pass (ESLint's rule), so one pass
// never writes two repairs over each other; the loop lints again and repeats until nothing changes.

import type { FixEdit } from './edit.js';

/** Passes before the loop gives up: a fix that keeps finding more to fix is a bug, not a reason to hang. */
export const MAX_FIX_PASSES = 10;

export interface AppliedEdits {
  output: Buffer;
  /** Indexes (into the groups given) of the groups applied. */
  applied: number[];
}

function isWellFormed(group: readonly FixEdit[], size: number): boolean {
  let end = 0;
  for (const { range } of group) {
    const [start, stop] = range;
    if (!Number.isInteger(start) || !Number.isInteger(stop) || start < end || stop < start || stop > size) return false;
    end = stop;
  }
  return group.length > 0;
}

/** The message with every group applied that does not overlap one before it (by start offset). */
export function applyEdits(bytes: Uint8Array, groups: readonly (readonly FixEdit[])[]): AppliedEdits {
  const order = groups
    .map((group, index) => ({ group, index }))
    .filter(({ group }) => isWellFormed(group, bytes.length))
    .sort((left, right) => left.group[0]!.range[0] - right.group[0]!.range[0] || left.index - right.index);
  const parts: Uint8Array[] = [];
  const applied: number[] = [];
  let copied = 0;
  let lastEnd = -1;
  for (const { group, index } of order) {
    // An insertion at the point where another edit ends still overlaps it: which goes first would be a guess.
    if (group[0]!.range[0] <= lastEnd) continue;
    for (const { range, text } of group) {
      parts.push(bytes.subarray(copied, range[0]), Buffer.from(text, 'utf8'));
      copied = range[1];
    }
    lastEnd = group[group.length - 1]!.range[1];
    applied.push(index);
  }
  parts.push(bytes.subarray(copied));
  return { output: Buffer.concat(parts), applied: applied.sort((left, right) => left - right) };
}

/** What fixUntilStable needs of a finding: its edits, if it has any. */
export interface Fixable {
  edits?: readonly FixEdit[];
}

export interface FixResult<Finding extends Fixable> {
  output: Buffer;
  /** Findings whose edits were applied, in the pass that applied them. */
  fixed: Finding[];
  /** Passes that changed the message. */
  passes: number;
}

/**
 * Lints, applies what does not overlap, and lints the result again, until a pass changes nothing
 * or MAX_FIX_PASSES have run. `lint` sees each pass's output; edits refer to the bytes it was given.
 */
export async function fixUntilStable<Finding extends Fixable>(
  bytes: Uint8Array,
  lint: (bytes: Buffer) => Promise<readonly Finding[]>,
  maxPasses = MAX_FIX_PASSES,
): Promise<FixResult<Finding>> {
  let current = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fixed: Finding[] = [];
  let passes = 0;
  while (passes < maxPasses) {
    const fixable = (await lint(current)).filter((finding) => (finding.edits?.length ?? 0) > 0);
    if (fixable.length === 0) break;
    const { output, applied } = applyEdits(current, fixable.map((finding) => finding.edits!));
    if (applied.length === 0 || output.equals(current)) break;
    fixed.push(...applied.map((index) => fixable[index]!));
    current = output;
    passes += 1;
  }
  return { output: current, fixed, passes };
}
