// Fixture layout (DESIGN.md 7): test/fixtures/<check-id>/ok.<case>.eml must not raise the check;
// ng.<case>.eml must raise exactly the findings listed in ng.<case>.json for the checks it names.
// An optional ok.<case>.json / ng.<case>.json may carry "rules" (severity/options) for the run.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RuleSettings } from '../../src/types.js';

export const FIXTURES_FOLDER = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** Fixture messages are dated near this instant so date-skew is repeatable. */
export const FIXTURE_NOW = new Date('2026-11-24T12:00:00Z');

export interface ExpectedFinding {
  check: string;
  line?: number;
  column?: number;
}

export interface FixtureCase {
  checkId: string;
  kind: 'ok' | 'ng';
  name: string;
  path: string;
  expect: ExpectedFinding[];
  rules: RuleSettings;
  /** Anything else the fixture's JSON carries (a domain to audit, IPs, lists). */
  extra: Record<string, unknown>;
}

export function fixtureCases(checkId: string, extension: string): FixtureCase[] {
  const folder = join(FIXTURES_FOLDER, checkId);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((file) => /^(ok|ng)\./.test(file) && file.endsWith(`.${extension}`))
    .sort()
    .map((file) => {
      const kind = file.startsWith('ok.') ? 'ok' : 'ng';
      const base = file.slice(0, -(extension.length + 1));
      const jsonPath = join(folder, `${base}.json`);
      const json = existsSync(jsonPath) ? (JSON.parse(readFileSync(jsonPath, 'utf8')) as Record<string, unknown>) : {};
      const { expect = [], rules = {}, ...extra } = json as { expect?: ExpectedFinding[]; rules?: RuleSettings };
      return { checkId, kind, name: base, path: join(folder, file), expect, rules, extra };
    });
}

/** Projects findings onto what a fixture states: check id, line, and column when the fixture gives one. */
export function comparable(
  findings: readonly { check: string; line?: number; column?: number }[],
  expected: readonly ExpectedFinding[],
): { actual: string[]; wanted: string[] } {
  const named = new Set(expected.map((finding) => finding.check));
  const withColumn = new Set(expected.filter((finding) => finding.column !== undefined).map((finding) => finding.check));
  const key = (finding: ExpectedFinding, useColumn: boolean): string =>
    `${finding.check}@${finding.line ?? '-'}${useColumn ? `:${finding.column ?? '-'}` : ''}`;
  return {
    actual: findings
      .filter((finding) => named.has(finding.check))
      .map((finding) => key(finding, withColumn.has(finding.check)))
      .sort(),
    wanted: expected.map((finding) => key(finding, withColumn.has(finding.check))).sort(),
  };
}
