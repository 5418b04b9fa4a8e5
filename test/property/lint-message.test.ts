// Property tests (issue 6 item 1): for arbitrary bytes, mutated fixture messages and generated
// header sections, lintMessage never throws, no check crashes, and every finding points inside the
// input. Fixed seed so CI is repeatable; fast-check prints the seed and path of a failure, and
// `npm run fuzz` runs the same properties with random seeds for longer. Speed is not asserted here
// (no timed assertions in tests); the fuzz run measures time per KB.

import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertLintInvariants, describeInput, invariantViolation } from './lint-invariants.js';
import { arbitraryBytes, generatedHeaderSection, mutatedSeed, seedMessages } from './message-arbitraries.js';

const SEED = 20261124;

async function holds(name: string, arbitrary: fc.Arbitrary<Uint8Array>, numRuns: number): Promise<void> {
  const details = await fc.check(fc.asyncProperty(arbitrary, assertLintInvariants), { seed: SEED, numRuns });
  if (details.failed) {
    const input = details.counterexample?.[0];
    assert.unreachable(
      `${name}: ${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)}\n` +
        `  seed ${details.seed}, path "${details.counterexamplePath}" (replay: fc.check(..., { seed: ${details.seed}, path: "${details.counterexamplePath}" }))\n` +
        `  input ${input ? describeInput(input) : '(none)'}`,
    );
  }
}

test('arbitrary bytes', async () => {
  await holds('arbitrary bytes', arbitraryBytes, 800);
});

test('mutated fixture and example messages', async () => {
  const seeds = seedMessages();
  assert.ok(seeds.length > 0);
  await holds('mutated messages', mutatedSeed(seeds), 1500);
});

test('generated header sections', async () => {
  await holds('generated header sections', generatedHeaderSection, 1200);
});

test('the empty message and lone line breaks', async () => {
  for (const text of ['', '\r', '\n', '\r\n', '\r\n\r\n', ':', ' :', '\u0000', 'From:\r\n ', '\n\r\n\r']) {
    await assertLintInvariants(new TextEncoder().encode(text));
  }
});

test('the invariant itself rejects findings outside the input and crashed checks', () => {
  const input = new TextEncoder().encode('Subject: x\r\n\r\nbody');
  const finding = (line?: number, column?: number, message = 'm') => ({
    target: 't',
    findings: [{ check: 'c', severity: 'error' as const, message, line, column }],
  });
  assert.is(invariantViolation(input, finding(3, 5)), undefined);
  assert.is(invariantViolation(input, finding(1, 12)), undefined);
  assert.ok(invariantViolation(input, finding(4, 1))?.startsWith('line outside'));
  assert.ok(invariantViolation(input, finding(0))?.startsWith('line outside'));
  assert.ok(invariantViolation(input, finding(1, 14))?.startsWith('column outside'));
  assert.ok(invariantViolation(input, finding(undefined, 1))?.startsWith('column without'));
  assert.ok(invariantViolation(input, finding(1, 1, 'internal error in check c: boom'))?.startsWith('a check crashed'));
});

test.run();
