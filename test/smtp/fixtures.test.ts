// The smtp-* checks over recorded dialogue facts (test/fixtures/smtp-*/{ok,ng}.<case>.json, each
// { facts, expect }): an ok fixture keeps its check quiet, an ng fixture raises exactly the smtp
// findings it lists (check, severity, and line where given), so one reply is reported by one check.

import { readdirSync, readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { allChecks } from '../../checks/index.js';
import { resolveRuleSet } from '../../src/engine/rules.js';
import { runRules } from '../../src/engine/run-check.js';
import type { SmtpFacts } from '../../src/smtp/types.js';
import { FIXTURES_FOLDER } from '../helpers/fixtures.js';

const fixtures = suite('smtp check fixtures');
const rules = resolveRuleSet(allChecks).smtp;
const now = new Date('2026-01-01T00:00:00Z');

interface Expected {
  check: string;
  severity: string;
  line?: number;
}

for (const check of allChecks.filter((candidate) => candidate.target === 'smtp')) {
  const folder = `${FIXTURES_FOLDER}${check.id}/`;
  for (const file of readdirSync(folder).filter((name) => name.endsWith('.json'))) {
    fixtures(`${check.id}/${file}`, () => {
      const { facts, expect } = JSON.parse(readFileSync(folder + file, 'utf8')) as { facts: SmtpFacts; expect: Expected[] };
      const findings = runRules(rules, { smtp: facts, now });
      if (file.startsWith('ok.')) {
        assert.equal(findings.filter((finding) => finding.check === check.id), [], JSON.stringify(findings));
        return;
      }
      const shown = (list: readonly Expected[]): string[] =>
        list.map((finding) => `${finding.check}:${finding.severity}${finding.line === undefined ? '' : `@${finding.line}`}`).sort();
      assert.equal(shown(findings), shown(expect), JSON.stringify(findings, null, 1));
      assert.ok(expect.some((finding) => finding.check === check.id), `${file} must make ${check.id} fire`);
    });
  }
}

fixtures.run();
