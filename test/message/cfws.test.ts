// The one CFWS lexer (RFC 5322 3.2.2) and the readers built on it: nested comments, quoted-pairs,
// comments that never close, and hostile nesting (100,000 "(" must neither overflow the stack nor
// take quadratic work; the readers count depth instead of recursing).

import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import encodedWordInvalid from '../../checks/encoded-word-invalid.js';
import { commentDepthAtEnd, scanStructure, stripComments } from '../../src/message/address-structure.js';
import { parseAddressList } from '../../src/message/address-list.js';
import { readCfws, readComment } from '../../src/message/cfws.js';
import { parseDateTime } from '../../src/message/date-time.js';
import { parseMessageIdList } from '../../src/message/message-id.js';
import { parseMessage } from '../../src/message/scan.js';
import { placesOf } from '../../src/message/value-places.js';

const comments = suite('cfws: comments');

comments('a flat comment ends after its ")"', () => {
  assert.equal(readComment('x(a b)y', 1), { start: 1, end: 6, closed: true, depthAtEnd: 0, maxDepth: 1, deepestIndex: 1, bareLineBreakOrNulIndex: -1 });
});

comments('nested comments close with the outer ")" and report their depth', () => {
  const comment = readComment('(a (b (c)) d) rest', 0);
  assert.equal([comment.end, comment.closed, comment.maxDepth, comment.deepestIndex], [13, true, 3, 6]);
});

comments('a quoted-pair hides "(", ")" and "\\" from the nesting', () => {
  assert.equal(readComment('(a \\) b)x', 0).end, 8);
  assert.equal(readComment('(a \\( b)x', 0).end, 8);
  assert.equal(readComment('(a \\\\)x', 0).end, 6);
});

comments('a comment that never closes runs to the end and says how deep it still is', () => {
  assert.equal(readComment('(a (b)', 0), { start: 0, end: 6, closed: false, depthAtEnd: 1, maxDepth: 2, deepestIndex: 3, bareLineBreakOrNulIndex: -1 });
  assert.equal(readComment('((a', 0).depthAtEnd, 2);
});

comments('a "\\" as the last character quotes nothing: the comment is unclosed', () => {
  const comment = readComment('(a\\', 0);
  assert.equal([comment.closed, comment.end], [false, 3]);
  assert.equal(readComment('(a\\)', 0).closed, false);
});

comments('the first bare NUL, CR or LF is reported; a quoted one is not', () => {
  assert.equal(readComment('(a\nb\rc)', 0).bareLineBreakOrNulIndex, 2);
  assert.equal(readComment('(a\0)', 0).bareLineBreakOrNulIndex, 2);
  assert.equal(readComment('(a\\\nb)', 0).bareLineBreakOrNulIndex, -1);
});

/** RFC 5322 3.2.2 as written, recursive: comment = "(" *([FWS] ccontent) [FWS] ")", ccontent = ctext / quoted-pair / comment. */
function referenceCommentEnd(text: string, start: number): number | undefined {
  let index = start + 1;
  while (index < text.length) {
    const character = text[index];
    if (character === ')') return index + 1;
    if (character === '\\') {
      if (index + 1 >= text.length) return undefined;
      index += 2;
    } else if (character === '(') {
      const end = referenceCommentEnd(text, index);
      if (end === undefined) return undefined;
      index = end;
    } else {
      index += 1;
    }
  }
  return undefined;
}

comments('agrees with the recursive grammar on every short text', () => {
  const text = fc.array(fc.constantFrom('(', ')', '\\', 'a', ' '), { maxLength: 24 }).map((parts) => `(${parts.join('')}`);
  fc.assert(
    fc.property(text, (value) => {
      const expected = referenceCommentEnd(value, 0);
      const comment = readComment(value, 0);
      assert.is(comment.closed, expected !== undefined);
      assert.is(comment.end, expected ?? value.length);
    }),
    { numRuns: 2000 },
  );
});

comments.run();

const runs = suite('cfws: runs of white space and comments');

runs('white space and comments in any order, and what the run held', () => {
  const run = readCfws('x (a) \t(b)  y', 1);
  assert.equal([run.end, run.whiteSpace, run.comment, run.endsInWhiteSpace, run.unclosed], [12, true, true, true, undefined]);
  assert.is(readCfws('x(a)y', 1).endsInWhiteSpace, false);
  assert.equal(readCfws('xy', 1), { start: 1, end: 1, whiteSpace: false, comment: false, endsInWhiteSpace: false, bareLineBreakOrNulIndex: -1 });
});

runs('CR and LF are white space only when asked', () => {
  assert.is(readCfws(' \r\n x', 0).end, 1);
  assert.is(readCfws(' \r\n x', 0, { lineBreaks: true }).end, 4);
});

runs('an unclosed comment ends the run at the end of the text', () => {
  const run = readCfws(' (a (b) c', 0);
  assert.is(run.end, 9);
  assert.is(run.unclosed?.start, 1);
});

runs('a bare line break in a later comment of the run is found', () => {
  assert.is(readCfws('(a) (b\nc) x', 0).bareLineBreakOrNulIndex, 6);
});

runs.run();

const hostile = suite('cfws: 100,000 nested comments');

const DEPTH = 100_000;
const nestedClosed = '('.repeat(DEPTH) + ')'.repeat(DEPTH);
const nestedOpen = '('.repeat(DEPTH);

hostile('the lexer counts them without recursing', () => {
  assert.equal([readComment(nestedClosed, 0).closed, readComment(nestedClosed, 0).maxDepth], [true, DEPTH]);
  assert.equal([readComment(nestedOpen, 0).closed, readComment(nestedOpen, 0).depthAtEnd], [false, DEPTH]);
});

hostile('date-time: a comment after the zone is skipped; an unclosed one is an error at its "("', () => {
  assert.ok(parseDateTime(`Tue, 24 Nov 2026 10:00:00 +0000 ${nestedClosed}`).ok);
  const result = parseDateTime(`Tue, 24 Nov 2026 10:00:00 +0000 ${nestedOpen}`);
  assert.equal(result.ok ? undefined : [result.error.index, result.error.message], [32, 'comment "(" is never closed with ")"']);
});

hostile('msg-id lists: the comment is skipped, or reported as never closed', () => {
  assert.equal(parseMessageIdList(`${nestedClosed} <a@example.com>`).ids.map((id) => id.raw), ['<a@example.com>']);
  assert.equal(parseMessageIdList(`<a@example.com> ${nestedOpen}`).problems.map((problem) => problem.reason), ['a comment "(" is never closed']);
});

hostile('address structure: the depth is measured, the comment is one piece', () => {
  assert.is(scanStructure(`a@example.com ${nestedClosed}, b@example.com`).maxCommentDepth, DEPTH);
  assert.is(scanStructure(`a@example.com ${nestedClosed}, b@example.com`).elements.length, 2);
  assert.is(commentDepthAtEnd(nestedOpen), DEPTH);
  assert.is(stripComments(`a${nestedClosed}b`), 'a b');
});

hostile('address lists stop at their depth bound with a finding, not a stack overflow', () => {
  const deep = '('.repeat(10_000) + ')'.repeat(10_000);
  const result = parseAddressList(`a@example.com ${deep}`);
  assert.is(result.complete, false);
  assert.match(result.problems[0]!.message, /comments nested 10000 deep/);
});

hostile('encoded-word places: everything after the "(" is in the comment', () => {
  const places = placesOf(`${nestedOpen}=?UTF-8?Q?a?=`);
  assert.is(places[0], 'other');
  assert.is(places[places.length - 1], 'comment');
  const message = parseMessage(Buffer.from(`From: a@example.com\r\nDate: Tue, 24 Nov 2026 10:00:00 +0000 ${nestedClosed} =?UTF-8?Q?a?=\r\n\r\nbody\r\n`));
  const findings = encodedWordInvalid.run({ message, mime: { entities: [], problems: [] }, options: {}, now: new Date(0) });
  assert.equal(findings.map((finding) => finding.message.slice(0, 40)), ['encoded-word "=?UTF-8?Q?a?=" in Date: RF']);
});

hostile.run();
