// Where a finding lives, for formats that link to files (SARIF, GitHub annotations): message
// findings point into their file; domain and IP findings, and anything read from stdin, have none.

import { isAbsolute, relative, resolve, sep } from 'node:path';
import { allChecks } from '../../checks/index.js';
import type { CheckTarget, ReportedFinding, TargetResult } from '../types.js';

const TARGET_OF_CHECK = new Map<string, CheckTarget>(allChecks.map((check) => [check.id, check.target]));

/** Findings of these targets sit in a message's file (address checks at the field naming the address). */
const FILE_TARGETS = new Set<CheckTarget>(['message', 'address']);

/** What a check looks at; ids outside the registry (input-unreadable) concern the input file. */
export function checkTargetOf(checkId: string): CheckTarget {
  return TARGET_OF_CHECK.get(checkId) ?? 'message';
}

/** The finding's file, relative to `cwd` with forward slashes, or undefined when it has none. */
export function filePathOf(result: TargetResult, finding: ReportedFinding, cwd: string): string | undefined {
  // A lint run's domain findings sit at the header line naming the domain, so they link to the file.
  if (result.kind !== undefined && result.kind !== 'file') return undefined;
  // Results built without a kind (API callers): judge by what the check looks at.
  if (result.kind === undefined && (result.target === '-' || !FILE_TARGETS.has(checkTargetOf(finding.check)))) return undefined;
  const absolute = resolve(cwd, result.file ?? result.target);
  const path = relative(cwd, absolute);
  // Another drive (Windows) has no relative form: keep it absolute.
  return (isAbsolute(path) ? absolute : path).split(sep).join('/');
}

/** A relative path as a URI reference: each segment percent-encoded (spaces, #, ?, %). */
export function pathToUriReference(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/** Message text for a finding without a file: names its domain, IP or stdin unless it already does. */
export function withTargetNamed(result: TargetResult, message: string): string {
  return message.includes(result.target) ? message : `${result.target}: ${message}`;
}
