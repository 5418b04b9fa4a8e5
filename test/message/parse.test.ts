// The streaming parser on real bytes: line endings, folding and positions, 8-bit text, empty and
// binary input, a missing empty line, header-only messages, and chunking (the same octets fed in
// any pieces give the same ParsedMessage).

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { locateInField, parseHeaderSection, firstInvalidUtf8 } from '../../src/message/header-section.js';
import { MessageScanner, parseMessage } from '../../src/message/scan.js';
import type { ParsedMessage } from '../../src/message/types.js';

const parse = suite('message parser');

const crlf = (lines: string[]): string => lines.map((line) => `${line}\r\n`).join('');
const lf = (lines: string[]): string => lines.map((line) => `${line}\n`).join('');

const SIMPLE = [
  'From: Billing <billing@example.com>',
  'To: customer@example.net',
  'Subject: Your invoice',
  'Date: Tue, 24 Nov 2026 10:00:00 +0000',
  'Message-ID: <invoice-1@example.com>',
  '',
  'Hello,',
  'your invoice is attached.',
];

function feedInChunks(bytes: Uint8Array, sizes: readonly number[]): ParsedMessage {
  const scanner = new MessageScanner();
  let offset = 0;
  let turn = 0;
  while (offset < bytes.length) {
    const size = Math.max(1, sizes[turn % sizes.length]!);
    scanner.push(bytes.subarray(offset, offset + size));
    offset += size;
    turn += 1;
  }
  return scanner.finish();
}

parse('CRLF message: fields, positions, header and body facts', () => {
  const message = parseMessage(crlf(SIMPLE));
  assert.equal(message.fields.map((field) => field.name), ['From', 'To', 'Subject', 'Date', 'Message-ID']);
  const subject = message.fields[2]!;
  assert.is(subject.value, ' Your invoice');
  assert.is(subject.rawValue, ' Your invoice\r\n');
  assert.is(subject.line, 3);
  assert.is(subject.valueColumn, 9);
  assert.is(subject.byteOffset, 'From: Billing <billing@example.com>\r\nTo: customer@example.net\r\n'.length);
  assert.is(subject.byteLength, 'Subject: Your invoice\r\n'.length);
  assert.equal(message.headerProblems, []);
  assert.ok(message.header.endedByBlankLine);
  assert.is(message.header.lineCount, 6);
  assert.is(message.body.startLine, 7);
  assert.is(message.body.lineCount, 2);
  assert.is(message.body.byteLength, 'Hello,\r\nyour invoice is attached.\r\n'.length);
  assert.is(message.lineEndings.crlf, 8);
  assert.is(message.lineEndings.bareLf, 0);
  assert.is(message.lineEndings.bareCr, 0);
  assert.is(message.size, crlf(SIMPLE).length);
  assert.not.ok(message.looksBinary);
});

parse('LF-only message parses the same fields and counts bare LFs', () => {
  const message = parseMessage(lf(SIMPLE));
  assert.equal(message.fields.map((field) => [field.name, field.value, field.line]), parseMessage(crlf(SIMPLE)).fields.map((field) => [field.name, field.value, field.line]));
  assert.is(message.lineEndings.bareLf, 8);
  assert.is(message.lineEndings.crlf, 0);
  assert.equal(message.lineEndings.firstBareLf, { line: 1, column: 36 });
});

parse('mixed endings: CRLF and bare LF both counted, first of each located', () => {
  const message = parseMessage('From: a@example.com\r\nTo: b@example.net\nSubject: x\r\n\r\nbody\n');
  assert.is(message.lineEndings.crlf, 3);
  assert.is(message.lineEndings.bareLf, 2);
  assert.equal(message.lineEndings.firstBareLf, { line: 2, column: 18 });
  assert.equal(message.lineEndings.firstCrlf, { line: 1, column: 20 });
  assert.is(message.fields.length, 3);
});

parse('bare CR stays inside its line and is located', () => {
  const message = parseMessage('From: a@example.com\r\nSubject: one\rtwo\r\n\r\nbody\r\n');
  assert.is(message.lineEndings.bareCr, 1);
  assert.equal(message.lineEndings.firstBareCr, { line: 2, column: 13 });
  assert.is(message.fields[1]!.value, ' one\rtwo');
  assert.is(message.fields.length, 2);
  assert.is(message.body.startLine, 4);
});

parse('CR at the very end of the input is a bare CR', () => {
  const message = parseMessage('From: a@example.com\r');
  assert.is(message.lineEndings.bareCr, 1);
  assert.is(message.fields[0]!.value, ' a@example.com');
});

parse('folded field: unfolded value, every segment located, locateInField', () => {
  const text = crlf(['Subject: first part', '\tsecond part', '  third', 'To: x@example.net', '', 'b']);
  const message = parseMessage(text);
  const subject = message.fields[0]!;
  assert.is(subject.value, ' first part\tsecond part  third');
  assert.is(subject.rawValue, ' first part\r\n\tsecond part\r\n  third\r\n');
  assert.is(subject.line, 1);
  assert.is(subject.endLine, 3);
  assert.equal(subject.segments, [
    { valueIndex: 0, line: 1, column: 9 },
    { valueIndex: 11, line: 2, column: 1 },
    { valueIndex: 23, line: 3, column: 1 },
  ]);
  assert.is(subject.byteLength, 'Subject: first part\r\n\tsecond part\r\n  third\r\n'.length);
  // "second" starts after the tab on line 2; "third" after two spaces on line 3.
  assert.equal(locateInField(subject, subject.value.indexOf('second')), { line: 2, column: 2 });
  assert.equal(locateInField(subject, subject.value.indexOf('third')), { line: 3, column: 3 });
  assert.equal(locateInField(subject, subject.value.indexOf('first')), { line: 1, column: 10 });
  assert.is(message.fields[1]!.line, 4);
});

parse('8-bit UTF-8 in a header: located in characters, valid', () => {
  const message = parseMessage(Buffer.from('From: a@example.com\r\nSubject: Grüße aus Köln\r\n\r\nbody\r\n', 'utf8'));
  const subject = message.fields[1]!;
  assert.ok(subject.hasEightBit);
  assert.is(subject.value, ' Grüße aus Köln');
  assert.equal(subject.firstEightBit, { line: 2, column: 12 });
  assert.is(subject.invalidUtf8, undefined);
  assert.equal(message.header.eightBit, [{ fieldName: 'Subject', line: 2, column: 12 }]);
  assert.not.ok(message.fields[0]!.hasEightBit);
});

parse('invalid UTF-8 (Latin-1 bytes) in a header is located', () => {
  const bytes = Buffer.concat([Buffer.from('From: a@example.com\r\nSubject: caf'), Buffer.from([0xe9]), Buffer.from(' ok\r\n\r\nb\r\n')]);
  const subject = parseMessage(bytes).fields[1]!;
  assert.ok(subject.hasEightBit);
  assert.equal(subject.invalidUtf8, { line: 2, column: 13 });
  assert.equal(subject.firstEightBit, { line: 2, column: 13 });
});

parse('firstInvalidUtf8: overlong, surrogate, truncated, out of range', () => {
  assert.is(firstInvalidUtf8(Buffer.from('héllo', 'utf8')), -1);
  assert.is(firstInvalidUtf8(Buffer.from([0x41, 0xc0, 0xaf])), 1); // overlong "/"
  assert.is(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80])), 0); // UTF-16 surrogate
  assert.is(firstInvalidUtf8(Buffer.from([0x41, 0x42, 0xe2, 0x82])), 2); // cut short
  assert.is(firstInvalidUtf8(Buffer.from([0xf4, 0x90, 0x80, 0x80])), 0); // above U+10FFFF
  assert.is(firstInvalidUtf8(Buffer.from([0xf0, 0x9f, 0x93, 0xa7])), -1); // 📧
});

parse('8-bit in the body is a body fact, not a header one', () => {
  const message = parseMessage(Buffer.from('From: a@example.com\r\n\r\nGrüße\r\n', 'utf8'));
  assert.ok(message.body.hasEightBit);
  assert.equal(message.header.eightBit, []);
});

parse('empty input: no fields, no problems, nothing binary', () => {
  const message = parseMessage('');
  assert.is(message.size, 0);
  assert.equal(message.fields, []);
  assert.equal(message.headerProblems, []);
  assert.not.ok(message.header.endedByBlankLine);
  assert.is(message.header.lineCount, 0);
  assert.is(message.body.startLine, undefined);
  assert.not.ok(message.looksBinary);
});

parse('binary input: PNG signature and NUL bytes are binary; one stray NUL is not', () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  assert.ok(parseMessage(png).looksBinary);
  assert.ok(parseMessage(Buffer.alloc(4096)).looksBinary);
  const strayNul = Buffer.from(crlf(['From: a@example.com', 'Subject: a\u0000b', 'To: b@example.net', '', 'body text that goes on for a while']));
  const message = parseMessage(strayNul);
  assert.not.ok(message.looksBinary);
  assert.equal(
    message.headerProblems.map((problem) => [problem.kind, problem.line, problem.column]),
    [['control-character', 2, 11]],
  );
});

parse('missing blank line: body text after the fields is the body, located', () => {
  const message = parseMessage(lf(['From: a@example.com', 'Subject: hi', 'Hello Bob,', 'see you']));
  assert.equal(message.fields.map((field) => field.name), ['From', 'Subject']);
  assert.equal(message.headerProblems.map((problem) => [problem.kind, problem.line, problem.excerpt]), [['missing-blank-line', 3, 'Hello Bob,']]);
  assert.not.ok(message.header.endedByBlankLine);
  assert.is(message.header.lineCount, 2);
  assert.is(message.body.startLine, 3);
  assert.is(message.body.lineCount, 2);
  assert.is(message.body.byteLength, 'Hello Bob,\nsee you\n'.length);
});

parse('non-field lines and then the empty line: the body began at the first of them', () => {
  const message = parseMessage(crlf(['From: a@example.com', 'Subject: hi', 'Hello,', 'your invoice.', '', 'Regards']));
  assert.equal(message.headerProblems.map((problem) => [problem.kind, problem.line]), [['missing-blank-line', 3]]);
  assert.not.ok(message.header.endedByBlankLine);
  assert.is(message.header.lineCount, 2);
  assert.is(message.body.startLine, 3);
  assert.is(message.body.lineCount, 4);
});

parse('a line without colon between fields is no-colon; the fields after it still count', () => {
  const message = parseMessage(lf(['From: a@example.com', 'garbage', 'To: b@example.net', '', 'b']));
  assert.equal(message.headerProblems.map((problem) => [problem.kind, problem.line]), [['no-colon', 2]]);
  assert.equal(message.fields.map((field) => field.name), ['From', 'To']);
});

parse('header problems: names, leading continuation, obsolete space, mbox line, BOM, blank-looking line', () => {
  const kinds = (text: string): [string, number, number][] =>
    parseMessage(text).headerProblems.map((problem) => [problem.kind, problem.line, problem.column]);
  assert.equal(kinds(lf([' folded first', 'From: a@example.com', '', 'b'])), [['leading-continuation', 1, 1]]);
  assert.equal(kinds(lf(['From: a@example.com', 'X Mailer: x', 'To: b@example.net', '', 'b'])), [['bad-field-name', 2, 1]]);
  // Last before the empty line, it is where a receiver starts the body.
  assert.equal(kinds(lf(['From: a@example.com', 'X Mailer: x', '', 'b'])), [['missing-blank-line', 2, 1]]);
  assert.equal(kinds(lf(['From: a@example.com', 'Sübject: x', '', 'b'])), [['bad-field-name', 2, 1]]);
  assert.equal(kinds(lf(['From: a@example.com', ': nameless', '', 'b'])), [['empty-field-name', 2, 1]]);
  assert.equal(kinds(lf(['From: a@example.com', 'Subject : hi', '', 'b'])), [['space-before-colon', 2, 8]]);
  assert.equal(kinds(lf(['From sender@example.com Tue Nov 24 10:00:00 2026', 'From: a@example.com', '', 'b'])), [['mbox-separator', 1, 1]]);
  assert.equal(kinds('\uFEFFFrom: a@example.com\n\nb\n'), [['byte-order-mark', 1, 1]]);
  assert.equal(kinds(lf(['From: a@example.com', '  ', 'To: b@example.net', '', 'b'])), [['whitespace-only-line', 2, 1]]);
  assert.equal(kinds(lf(['From: a@example.com', 'Subject: bell\u0007', '', 'b'])), [['control-character', 2, 14]]);
});

parse('header-only message without a body is complete and problem-free', () => {
  for (const text of [crlf(['From: a@example.com', 'Subject: hi']), 'From: a@example.com\r\nSubject: hi', crlf(['From: a@example.com', ''])]) {
    const message = parseMessage(text);
    assert.equal(message.headerProblems, [], JSON.stringify(text));
    assert.is(message.body.byteLength, 0);
    assert.is(message.body.startLine, undefined);
    assert.is(message.body.lineCount, 0);
  }
  const last = parseMessage('From: a@example.com\r\nSubject: hi');
  assert.is(last.fields[1]!.value, ' hi');
  assert.is(last.header.lineCount, 2);
});

parse('message starting with an empty line has no header fields', () => {
  const message = parseMessage('\r\nFrom: a@example.com\r\n');
  assert.equal(message.fields, []);
  assert.ok(message.header.endedByBlankLine);
  assert.is(message.body.startLine, 2);
});

parse('byte offsets point at each field in the input', () => {
  const text = Buffer.from(crlf(['From: Jörg <j@example.com>', 'Subject: Grüße', 'To: b@example.net', '', 'b']), 'utf8');
  for (const field of parseMessage(text).fields) {
    assert.is(text.subarray(field.byteOffset, field.byteOffset + field.name.length).toString(), field.name);
    assert.ok(text.subarray(field.byteOffset + field.byteLength - 2, field.byteOffset + field.byteLength).equals(Buffer.from('\r\n')));
  }
});

parse('long lines: recorded over 78 octets, counted over 998', () => {
  const text = crlf(['From: a@example.com', `Subject: ${'s'.repeat(100)}`, '', 'x'.repeat(1200), 'y'.repeat(60)]);
  const message = parseMessage(text);
  assert.equal(message.longLines, [
    { line: 2, octets: 109, inHeader: true },
    { line: 4, octets: 1200, inHeader: false },
  ]);
  assert.is(message.longLineCount, 2);
  assert.is(message.linesOver998, 1);
  assert.is(message.maxLineOctets, 1200);
});

parse('header section past the parse limit is truncated, its size still counted', () => {
  const fields = Array.from({ length: 400 }, (_, index) => `X-Filler-${index}: ${'v'.repeat(40)}`);
  const text = crlf(['From: a@example.com', ...fields, '', 'body']);
  const message = parseMessage(text, { headerLimitBytes: 4096 });
  assert.ok(message.header.truncated);
  assert.ok(message.fields.length < 100 && message.fields.length > 50);
  assert.is(message.header.byteLength, text.indexOf('\r\n\r\n') + 4);
  assert.ok(message.header.endedByBlankLine);
  assert.is(message.body.startLine, 403);
  // The line cut by the limit is dropped, not reported as a problem.
  assert.equal(message.headerProblems, []);
});

parse('huge body without an empty line is body, not a truncated header', () => {
  const text = `From: a@example.com\nSubject: hi\nDear customer,\n${'lorem ipsum dolor\n'.repeat(1000)}`;
  const message = parseMessage(text, { headerLimitBytes: 1024 });
  assert.not.ok(message.header.truncated);
  assert.equal(message.headerProblems.map((problem) => [problem.kind, problem.line]), [['missing-blank-line', 3]]);
  assert.is(message.header.byteLength, 'From: a@example.com\nSubject: hi\n'.length);
  assert.is(message.body.lineCount, 1001);
  assert.is(message.header.lineCount + message.body.lineCount, 1003);
});

parse('header past the limit, then a non-field line: body begins there', () => {
  const fields = Array.from({ length: 100 }, (_, index) => `X-Filler-${index}: ${'v'.repeat(40)}`);
  const text = lf(['From: a@example.com', ...fields, 'Dear customer,', 'thanks']);
  const message = parseMessage(text, { headerLimitBytes: 1024 });
  assert.ok(message.header.truncated);
  assert.is(message.body.startLine, 102);
  assert.is(message.body.lineCount, 2);
  assert.equal(message.headerProblems.map((problem) => [problem.kind, problem.line]), [['missing-blank-line', 102]]);
  // The line's first octets, kept while nothing of the header past the limit is stored.
  assert.is(message.headerProblems[0]?.excerpt, 'Dear customer,');
});

const SAMPLES: readonly string[] = [
  crlf(SIMPLE),
  lf(SIMPLE),
  'From: a@example.com\r\nTo: b\nSubject: one\rtwo\r\n folded\r\n\r\nbody\rmore\r\n',
  lf(['From: a@example.com', 'Subject: hi', 'Hello Bob,', 'see you']),
  `From: a@example.com\r\nSubject: ${'x'.repeat(1500)}\r\n\r\n${'y'.repeat(2000)}\r\n`,
  'From: Jörg <j@example.com>\r\nSubject: caf\u00e9\r\n\r\nGrüße\r\n',
  '\r\n\r\n\r\n',
  'From: a\r',
  crlf(['From: a@example.com', 'Hello,', 'more', '', 'Regards']),
  lf(['From sender@example.com Tue Nov 24 10:00:00 2026', 'From: a@example.com', ' x', 'oops', 'To: b', '', 'body']),
];

function chunkingIsInvisible(bytes: Buffer, headerLimitBytes?: number): void {
  const whole = parseMessage(bytes, { headerLimitBytes });
  const scanner = new MessageScanner({ headerLimitBytes });
  for (let index = 0; index < bytes.length; index += 1) scanner.push(bytes.subarray(index, index + 1));
  assert.equal(scanner.finish(), whole, 'one byte at a time');
}

parse('chunk boundaries: one byte at a time gives the identical ParsedMessage', () => {
  for (const sample of SAMPLES) chunkingIsInvisible(Buffer.from(sample, 'utf8'));
  chunkingIsInvisible(Buffer.from(`From: a@example.com\nSubject: hi\nDear customer,\n${'lorem ipsum\n'.repeat(200)}`), 512);
  chunkingIsInvisible(Buffer.from(lf(['From: a@example.com', ...Array.from({ length: 60 }, (_, index) => `X-F${index}: ${'v'.repeat(30)}`), '', 'b'])), 700);
});

parse('chunk boundaries: random chunk sizes give the identical ParsedMessage (property)', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...SAMPLES),
      fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 20 }),
      (sample, sizes) => {
        const bytes = Buffer.from(sample, 'utf8');
        assert.equal(feedInChunks(bytes, sizes), parseMessage(bytes));
      },
    ),
    { numRuns: 300 },
  );
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom('From: a@example.com', 'Subject: x', ' folded', 'body text', '', '\r', 'X: \u00e9', 'a:b'), { maxLength: 12 }),
      fc.constantFrom('\r\n', '\n'),
      fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 8 }),
      fc.integer({ min: 16, max: 200 }),
      (lines, ending, sizes, headerLimitBytes) => {
        const bytes = Buffer.from(lines.join(ending), 'utf8');
        const scanner = new MessageScanner({ headerLimitBytes });
        let offset = 0;
        for (let turn = 0; offset < bytes.length; turn += 1) {
          const size = sizes[turn % sizes.length]!;
          scanner.push(bytes.subarray(offset, offset + size));
          offset += size;
        }
        assert.equal(scanner.finish(), parseMessage(bytes, { headerLimitBytes }));
      },
    ),
    { numRuns: 300 },
  );
});

parse('parseHeaderSection alone: stops at the empty line, reports what the scanner passes', () => {
  const section = parseHeaderSection(Buffer.from('From: a@example.com\r\n\r\nNot: a field\r\n'));
  assert.equal(section.fields.map((field) => field.name), ['From']);
  const told = parseHeaderSection(Buffer.from('From: a@example.com\n'), { bodyWithoutBlankLine: { line: 2, excerpt: 'Hi' } });
  assert.equal(told.problems, [{ kind: 'missing-blank-line', line: 2, column: 1, excerpt: 'Hi' }]);
});

parse.run();
