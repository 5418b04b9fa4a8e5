// Property tests for the address layer (issue 6 item 1): random strings, address-like token soup,
// deep comment nesting and quote/bracket storms never make parseAddressList throw, and what it
// reports points inside the text. Fixed seed; speed per character is measured by `npm run fuzz`.

import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { addressInvariantViolation } from './address-invariants.js';
import { addressInput } from './message-arbitraries.js';

const SEED = 20261124;

test('parseAddressList never throws and points inside the text', () => {
  const details = fc.check(
    fc.property(addressInput, (text) => {
      const problem = addressInvariantViolation(text);
      if (problem) throw new Error(problem);
    }),
    { seed: SEED, numRuns: 600 },
  );
  if (details.failed) {
    const text = details.counterexample?.[0] ?? '';
    assert.unreachable(
      `${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)}\n` +
        `  seed ${details.seed}, path "${details.counterexamplePath}"\n  input ${JSON.stringify(text.slice(0, 2000))}`,
    );
  }
});

test('hostile shapes from the issue: deep nesting, long values', () => {
  for (const text of [
    `a@example.com ${'('.repeat(5000)}${')'.repeat(5000)}`,
    `${'('.repeat(5000)}a@example.com`,
    `"${'\\"'.repeat(3000)}" <a@example.com>`,
    `${'a'.repeat(100_000)}@example.com`,
    `${'<'.repeat(3000)}a@example.com${'>'.repeat(3000)}`,
    Array.from({ length: 3000 }, (_, i) => `r${i}@example.com`).join(', '),
    '\u0000\u0001\r\n \r\n\t',
  ]) {
    assert.is(addressInvariantViolation(text), undefined, text.slice(0, 60));
  }
});

test.run();
