// The streaming MIME scanner: entities and positions, chunking that changes nothing, the nesting
// bound, and bounded memory on a large part.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { lintMessage } from '../../src/engine/api.js';
import { MAX_MIME_DEPTH, MimeScanner, parseMime } from '../../src/mime/scan.js';
import { FIXTURE_NOW, FIXTURES_FOLDER } from '../helpers/fixtures.js';

const mime = suite('MIME scanner');

const crlf = (lines: readonly string[]): string => lines.map((line) => `${line}\r\n`).join('');

const NESTED = crlf([
  'From: a@example.com',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="outer"',
  '',
  'preamble',
  '--outer',
  'Content-Type: multipart/alternative; boundary="inner"',
  '',
  '--inner',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  'Gr=C3=BC=C3=9Fe',
  '--inner--',
  '--outer',
  'Content-Type: message/rfc822',
  '',
  'From: b@example.com',
  'Content-Type: text/plain',
  '',
  'attached',
  '--outer--',
]);

mime('entities in input order, with IMAP paths, header lines and content lines', () => {
  const structure = parseMime(NESTED);
  assert.equal(
    structure.entities.map((entity) => [entity.path, entity.label, entity.mediaType, entity.headerLine, entity.bodyLine]),
    [
      ['', 'the message', 'multipart/mixed', 1, 5],
      ['1', 'part 1', 'multipart/alternative', 7, 9],
      ['1.1', 'part 1.1', 'text/plain', 10, 13],
      ['2', 'part 2', 'message/rfc822', 16, 18],
      ['2', 'the message attached as part 2', 'text/plain', 18, 21],
    ],
  );
  const part = structure.entities[2]!;
  assert.equal([part.contentType!.field.line, part.transferEncoding!.field.line, part.encoding, part.charset], [10, 11, 'quoted-printable', 'utf-8']);
  assert.equal(structure.entities[0]!.multipart, { boundary: 'outer', delimiters: 3, closed: true, endLine: 22 });
  assert.equal(structure.problems, []);
});

mime('each entity says where its content ends: the line before the delimiter that ends it, or the input\'s last line', () => {
  assert.equal(
    parseMime(NESTED).entities.map((entity) => [entity.path, entity.bodyLine, entity.endLine]),
    [
      ['', 5, 22],
      ['1', 9, 14],
      ['1.1', 13, 13],
      ['2', 18, 21],
      ['2', 21, 21],
    ],
  );
  // An empty part ends before it starts; an unclosed one (a truncated bounce) at the input's end; a header that never ends has no content.
  const cut = parseMime('Content-Type: multipart/mixed; boundary=b\n\n--b\n\n--b\nContent-Type: text/plain\n\nlast\nline');
  assert.equal(cut.entities.map((entity) => [entity.path, entity.bodyLine, entity.endLine]), [['', 3, 9], ['1', 5, 4], ['2', 8, 9]]);
  assert.equal(parseMime('Subject: no body').entities.map((entity) => entity.endLine), [undefined]);
});

const SAMPLES: readonly string[] = [
  NESTED,
  NESTED.replaceAll('\r\n', '\n'),
  crlf(['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', 'Grüße \u0000 x', 'a\rb']),
  crlf(['Content-Type: multipart/mixed; boundary=b', '', '--b', 'Content-Transfer-Encoding: base64', '', 'QUJD!', '--bx', '--b--', 'epilogue']),
  'Content-Type: text/plain; charset=utf-8\r\n\r\nK\u00f6ln \ud83d\ude00 end',
  crlf(['Content-Type: multipart/mixed; boundary=b', '', '--b', 'Content-Transfer-Encoding: quoted-printable', '', 'a=3D=', 'b=4', '=ZZ c', `${'q'.repeat(90)}`]),
  // Long runs of encoded lines, problems deep inside: whole they go as blocks, in small chunks line by line.
  crlf([
    'Content-Type: multipart/mixed; boundary=b',
    '',
    '--b',
    'Content-Transfer-Encoding: base64',
    '',
    ...Array.from({ length: 30 }, (_, index) => (index === 20 ? 'QUJD*' : index === 25 ? 'QUJD'.repeat(20) : 'QUJD'.repeat(19))),
    'QUI=',
    '--b',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    ...Array.from({ length: 40 }, (_, index) => (index === 30 ? 'x =G1 y' : index === 10 ? `${'w'.repeat(77)}=` : 'plain =C3=A9 text=')),
    '--b--',
  ]),
];

function inChunks(bytes: Buffer, sizes: readonly number[]): ReturnType<MimeScanner['finish']> {
  const scanner = new MimeScanner();
  let offset = 0;
  for (let turn = 0; offset < bytes.length; turn += 1) {
    const size = sizes[turn % sizes.length]!;
    scanner.push(bytes.subarray(offset, offset + size));
    offset += size;
  }
  return scanner.finish();
}

mime('chunk boundaries: one byte at a time and random chunk sizes give the identical structure (property)', () => {
  for (const sample of SAMPLES) {
    const bytes = Buffer.from(sample, 'utf8');
    assert.equal(inChunks(bytes, [1]), parseMime(bytes), 'one byte at a time');
  }
  fc.assert(
    fc.property(fc.constantFrom(...SAMPLES), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 12 }), (sample, sizes) => {
      const bytes = Buffer.from(sample, 'utf8');
      assert.equal(inChunks(bytes, sizes), parseMime(bytes));
    }),
    { numRuns: 300 },
  );
});

mime('chunk boundaries: every fixture message splits the same at every cut', () => {
  for (const check of readdirSync(FIXTURES_FOLDER).filter((name) => /^(mime|body)-/.test(name))) {
    for (const file of readdirSync(join(FIXTURES_FOLDER, check)).filter((name) => name.endsWith('.eml'))) {
      const bytes = readFileSync(join(FIXTURES_FOLDER, check, file));
      const whole = parseMime(bytes);
      for (let cut = 1; cut < bytes.length; cut += 7) assert.equal(inChunks(bytes, [cut, bytes.length]), whole, `${check}/${file} cut at ${cut}`);
    }
  }
});

mime('chunk boundaries: mail written by CPython and nodemailer splits the same in any chunking (whole lines go as blocks, others line by line)', () => {
  const folder = join(FIXTURES_FOLDER, 'library-mail');
  for (const file of readdirSync(folder).filter((name) => name.endsWith('.eml'))) {
    const bytes = readFileSync(join(folder, file));
    const whole = parseMime(bytes);
    assert.equal(inChunks(bytes, [1]), whole, `${file} one octet at a time`);
    for (const size of [3, 77, 500]) assert.equal(inChunks(bytes, [size]), whole, `${file} in chunks of ${size}`);
  }
});

mime(`nesting past ${MAX_MIME_DEPTH} levels: read as content, and an input-mime-capped warning says so`, async () => {
  const depth = MAX_MIME_DEPTH + 5;
  const lines = ['From: a@example.com', 'MIME-Version: 1.0'];
  for (let level = 0; level < depth; level += 1) lines.push(`Content-Type: multipart/mixed; boundary="b${level}x"`, '', `--b${level}x`);
  lines.push('Content-Type: text/plain', '', 'deep');
  for (let level = depth - 1; level >= 0; level -= 1) lines.push(`--b${level}x--`);
  const structure = parseMime(crlf(lines));
  assert.equal(Math.max(...structure.entities.map((entity) => entity.depth)), MAX_MIME_DEPTH);
  const result = await lintMessage(crlf(lines), { now: FIXTURE_NOW });
  const capped = result.findings.filter((finding) => finding.check === 'input-mime-capped');
  assert.equal(capped.map((finding) => finding.severity), ['warn']);
  assert.match(capped[0]!.message, /nested deeper than 20/);
});

mime('a 64 MB base64 part is scanned as a stream: facts only, no part held', () => {
  const scanner = new MimeScanner();
  scanner.push(Buffer.from(crlf(['Content-Type: multipart/mixed; boundary=b', '', '--b', 'Content-Transfer-Encoding: base64', ''])));
  const line = Buffer.from(`${'QUJD'.repeat(19)}\r\n`);
  const chunk = Buffer.concat(Array.from({ length: 16_384 }, () => line));
  const before = process.memoryUsage().arrayBuffers;
  for (let index = 0; index < 50; index += 1) scanner.push(chunk);
  scanner.push(Buffer.from('--b--\r\n'));
  const structure = scanner.finish();
  // Kept: one entity's facts. A held part would be 64 MB of array buffers.
  assert.ok(process.memoryUsage().arrayBuffers - before < 16 * 1024 * 1024);
  const part = structure.entities[1]!;
  assert.equal([part.content.base64BadCharacter, part.content.firstLongEncodedLine, part.content.byteLength], [undefined, undefined, line.length * 16_384 * 50]);
});

mime.run();
