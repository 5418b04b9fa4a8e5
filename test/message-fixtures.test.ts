// Every message check against its fixtures: ok.*.eml stays quiet, ng.*.eml raises what its JSON says.

import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { allChecks } from '../checks/index.js';
import { lintMessage } from '../src/engine/api.js';
import { comparable, FIXTURE_NOW, fixtureCases } from './helpers/fixtures.js';

const fixtures = suite('message check fixtures');

for (const check of allChecks.filter((candidate) => candidate.target === 'message')) {
  for (const fixture of fixtureCases(check.id, 'eml')) {
    fixtures(`${check.id}: ${fixture.name}`, async () => {
      const bytes = readFileSync(fixture.path);
      const result = await lintMessage(bytes, { now: FIXTURE_NOW, rules: fixture.rules });
      if (fixture.kind === 'ok') {
        const raised = result.findings.filter((finding) => finding.check === check.id);
        assert.equal(raised, [], `${fixture.path} should not raise ${check.id}`);
        return;
      }
      assert.ok(
        fixture.expect.some((finding) => finding.check === check.id),
        `${fixture.path}: its JSON must expect at least one ${check.id} finding`,
      );
      const { actual, wanted } = comparable(result.findings, fixture.expect);
      assert.equal(actual, wanted, `${fixture.path}: findings differ\n${JSON.stringify(result.findings, null, 2)}`);
    });
  }
}

fixtures.run();
