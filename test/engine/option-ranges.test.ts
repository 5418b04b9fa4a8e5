// Numeric options outside their range are a config error, never silently replaced by a default or
// clamped (found by the final review: header-size read maxFields 0 as 5,000 without a word).

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { allChecks } from '../../checks/index.js';
import { ConfigError, resolveRules } from '../../src/engine/rules.js';

const ranges = suite('option ranges');

for (const [id, options, pattern] of [
  ['header-size', { maxFields: 0 }, /maxFields" must be at least 1, not 0/],
  ['line-too-long', { maxLength: 40 }, /maxLength" must be from 78 to 998, not 40/],
  ['line-too-long', { maxLength: 2000 }, /from 78 to 998/],
  ['date-skew', { maxPastDays: -1 }, /at least 0/],
] as const) {
  ranges(`${id} ${JSON.stringify(options)} is refused`, () => {
    assert.throws(() => resolveRules(allChecks, { [id]: ['warn', options] }), (error: unknown) => error instanceof ConfigError && pattern.test((error as Error).message));
  });
}

ranges('values inside the range are taken as given', () => {
  const rules = resolveRules(allChecks, { 'line-too-long': ['warn', { maxLength: 78 }], 'header-size': ['error', { maxFields: 1 }] });
  assert.is(rules.get('line-too-long')!.options.maxLength, 78);
  assert.is(rules.get('header-size')!.options.maxFields, 1);
});

ranges.run();
