// Property tests for --fix (fast-check, fixed seed): on generated drafts full of fixable faults,
// fixing is idempotent, the output re-parses with nothing left to fix, and the body keeps its
// octets (line endings aside). applyEdits copies every octet outside the edits it applies, in order.

import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fixMessage, lintMessage } from '../../src/engine/api.js';
import { applyEdits } from '../../src/fix/apply.js';
import type { FixEdit } from '../../src/fix/edit.js';
import { parseMessage } from '../../src/message/scan.js';
import { FIXTURE_NOW } from '../helpers/fixtures.js';

const properties = suite('fix properties');
const SEED = 20261130;

const HEADER_LINES = [
  'From: Alice <alice@example.com>',
  'From: Zoë Müller <zoe@example.com>',
  'To: bob@example.com',
  'To: Doe, John <john@example.com>',
  'To: bob@example.com, "José" <jose@example.com>',
  `To: ${Array.from({ length: 50 }, (_, index) => `user${index}@example.com`).join(',')}`,
  'Cc: jürgen@example.com',
  'Subject: Hello',
  'Subject: Grüße aus Köln',
  `Subject: ${Array.from({ length: 150 }, (_, index) => `word${index}`).join(' ')}`,
  `Subject: =?UTF-8?Q?${'Gr=C3=BC=C3=9Fe_'.repeat(8)}?=`,
  'Date: Tue, 24 Nov 2026 10:00:00 +0000',
  'Date: 24 Nov 26 10:00 EST',
  'Date: Tue, 24 Nov 2026\r\n 10:00:00 GMT',
  'Message-ID: <m1@example.com>',
  'X-Note: a note',
];
const BODY_LINES = ['Hello.', '', 'Grüße', 'a\rb', 'line\r', 'x'.repeat(1200), '=?UTF-8?B?not-a-header?='];
const ENDINGS = ['\r\n', '\r\n', '\r\n', '\n'];

const draft: fc.Arbitrary<Uint8Array> = fc
  .record({
    header: fc.array(fc.tuple(fc.constantFrom(...HEADER_LINES), fc.constantFrom(...ENDINGS)), { minLength: 1, maxLength: 8 }),
    separator: fc.constantFrom(...ENDINGS),
    body: fc.array(fc.tuple(fc.constantFrom(...BODY_LINES), fc.constantFrom(...ENDINGS)), { maxLength: 6 }),
  })
  .map(({ header, separator, body }) => {
    const text = header.map(([line, ending]) => line + ending).join('') + separator + body.map(([line, ending]) => line + ending).join('');
    return Buffer.from(text, 'utf8');
  });

/** The body with every line ending (and any CRs before it) written as one LF: what the line-ending fix may change. */
function bodyText(bytes: Uint8Array): string {
  const message = parseMessage(bytes);
  return Buffer.from(bytes.subarray(message.header.byteLength)).toString('latin1').replace(/\r*\n|\r/g, '\n');
}

async function holds(name: string, property: fc.IAsyncPropertyWithHooks<[Uint8Array]> | fc.IAsyncProperty<[Uint8Array]>, numRuns: number): Promise<void> {
  const details = await fc.check(property, { seed: SEED, numRuns });
  if (details.failed) {
    const input = details.counterexample?.[0];
    assert.unreachable(
      `${name}: ${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)}\n` +
        `  seed ${details.seed}, path "${details.counterexamplePath}"\n  input ${input ? JSON.stringify(Buffer.from(input).toString('utf8')) : '(none)'}`,
    );
  }
}

properties('fixing twice is fixing once; the result re-parses with nothing left to fix; the body keeps its octets', async () => {
  await holds(
    'fix properties',
    fc.asyncProperty(draft, async (input) => {
      const once = await fixMessage(input, { now: FIXTURE_NOW });
      const twice = await fixMessage(once.output, { now: FIXTURE_NOW });
      assert.not.ok(twice.changed, 'a second fix changed the message');
      assert.ok(twice.output.equals(once.output));
      assert.equal(
        once.remaining.filter((finding) => (finding.edits?.length ?? 0) > 0).map((finding) => finding.check),
        [],
        'a fixable finding remains',
      );
      assert.is(bodyText(once.output), bodyText(input), 'the body changed beyond its line endings');
      if (once.changed) assert.ok(once.fixed.length > 0, 'changed without a fixed finding');
    }),
    150,
  );
});

properties('one pass leaves every header field no applied edit touches byte for byte where it was (shifted)', async () => {
  await holds(
    'untouched fields',
    fc.asyncProperty(draft, async (input) => {
      const findings = (await lintMessage(input, { now: FIXTURE_NOW })).findings.filter((finding) => (finding.edits?.length ?? 0) > 0);
      const groups = findings.map((finding) => finding.edits!);
      const { output, applied } = applyEdits(input, groups);
      const edits = applied.flatMap((index) => groups[index]!);
      for (const field of parseMessage(input).fields) {
        const start = field.byteOffset;
        const end = start + field.byteLength;
        if (edits.some(({ range }) => range[0] < end && range[1] > start)) continue;
        const shift = edits
          .filter(({ range }) => range[1] <= start)
          .reduce((total, { range, text }) => total + Buffer.byteLength(text) - (range[1] - range[0]), 0);
        const moved = Buffer.from(output.subarray(start + shift, end + shift));
        assert.ok(moved.equals(Buffer.from(input.subarray(start, end))), `${field.name} at ${start} changed`);
      }
    }),
    150,
  );
});

/** A reference: each edit applied from the end, so earlier offsets stay valid (of two insertions at one point, the later first). */
function applyByHand(bytes: Uint8Array, edits: readonly FixEdit[]): Buffer {
  let output = Buffer.from(bytes);
  const fromTheEnd = edits.map((edit, index) => ({ ...edit, index })).sort((left, right) => right.range[0] - left.range[0] || right.index - left.index);
  for (const { range, text } of fromTheEnd) {
    output = Buffer.concat([output.subarray(0, range[0]), Buffer.from(text), output.subarray(range[1])]);
  }
  return output;
}

properties('applyEdits applies non-overlapping groups exactly and skips the rest', async () => {
  const input = fc.uint8Array({ maxLength: 64 }).chain((bytes) =>
    fc.tuple(
      fc.constant(bytes),
      fc.array(
        fc.array(
          fc.tuple(fc.nat({ max: bytes.length }), fc.nat({ max: bytes.length }), fc.string({ maxLength: 4 })).map(([a, b, text]) => ({
            range: [Math.min(a, b), Math.max(a, b)] as const,
            text,
          })),
          { minLength: 1, maxLength: 3 },
        ),
        { maxLength: 5 },
      ),
    ),
  );
  const details = fc.check(
    fc.property(input, ([bytes, groups]) => {
      const { output, applied } = applyEdits(bytes, groups);
      const edits = applied.flatMap((index) => groups[index]!);
      const sorted = [...edits].sort((left, right) => left.range[0] - right.range[0]);
      for (let index = 1; index < sorted.length; index += 1) {
        if (sorted[index]!.range[0] < sorted[index - 1]!.range[1]) return false;
      }
      return output.equals(applyByHand(bytes, edits));
    }),
    { seed: SEED, numRuns: 500 },
  );
  assert.not.ok(details.failed, `seed ${details.seed}, path ${details.counterexamplePath}: ${JSON.stringify(details.counterexample)}`);
});

properties('applyEdits: overlapping and malformed groups are left for a later pass', () => {
  const bytes = Buffer.from('0123456789');
  const result = applyEdits(bytes, [
    [{ range: [2, 5], text: 'a' }],
    [{ range: [4, 6], text: 'b' }],
    [{ range: [5, 5], text: 'c' }],
    [{ range: [8, 20], text: 'd' }],
    [{ range: [7, 6], text: 'e' }],
  ]);
  assert.is(result.output.toString(), '01a56789');
  assert.equal(result.applied, [0]);
  // Two insertions at one point: which goes first would be a guess, so the second waits.
  const inserts = applyEdits(bytes, [[{ range: [3, 3], text: 'x' }], [{ range: [3, 3], text: 'y' }]]);
  assert.is(inserts.output.toString(), '012x3456789');
});

properties.run();
