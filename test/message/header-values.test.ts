// The value readers behind the header checks: RFC 2047 encoded-words (finding, validating,
// writing) and RFC 5322 msg-id lists; and check details fixtures cannot show (severities, fixes).

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { encodeUtf8Words, findEncodedWords, MAX_ENCODED_WORD_LENGTH, validateEncodedWord } from '../../src/message/encoded-word.js';
import { parseMessageIdList } from '../../src/message/message-id.js';
import { lintMessage } from '../../src/engine/api.js';
import { FIXTURE_NOW } from '../helpers/fixtures.js';

const values = suite('header values');

const reasons = (value: string): string[] => findEncodedWords(value).flatMap((word) => validateEncodedWord(word).map((problem) => problem.reason));

values('encoded-words: valid B and Q words, several in a row, charset with language', () => {
  for (const value of ['=?UTF-8?B?R3LDvMOfZQ==?=', '=?utf-8?q?Gr=C3=BC=C3=9Fe_aus_K=C3=B6ln?=', '=?ISO-8859-1?Q?caf=E9?= =?UTF-8?B?4oCU?=', '=?UTF-8*de?Q?Hallo?=']) {
    assert.ok(findEncodedWords(value).length > 0, value);
    assert.equal(reasons(value), [], value);
  }
});

values('encoded-words: ordinary text with =? is not an encoded-word', () => {
  for (const value of ['Is 2+2 =? 4', 'a=?b', 'x =?= y', '=??Q?x?=', 'price =? see ?= below', '=?UTF-8?Q?no end']) {
    assert.equal(findEncodedWords(value), [], value);
  }
});

values('encoded-words: each malformation has its reason', () => {
  assert.match(reasons('=?UTF-8?Q?Your invoice?=')[0]!, /white space/);
  assert.match(reasons('=?UTF-8?B?R3LDv*=?=')[0]!, /base64 alphabet/);
  assert.match(reasons('=?UTF-8?B?R3LDvMOfZQ?=')[0]!, /padded/);
  assert.match(reasons('=?UTF-8?X?abc?=')[0]!, /neither B nor Q/);
  assert.match(reasons('=?UTF-8?Q?50=Z5?=')[0]!, /two hex digits/);
  assert.match(reasons('=?UTF-8?Q?caf\u00e9?=')[0]!, /raw non-ASCII/);
  assert.match(reasons('=?UTF-8?B??=')[0]!, /empty/);
  assert.match(reasons('=?UTF-8?B?6Q==?=')[0]!, /not valid UTF-8/);
  assert.match(reasons('=?UTF(8)?Q?x?=')[0]!, /charset token/);
  assert.match(reasons(`=?UTF-8?B?${'QUJD'.repeat(20)}?=`)[0]!, /75/);
  const unknown = findEncodedWords('=?UFT-8?Q?x?=').flatMap((word) => validateEncodedWord(word));
  assert.equal(unknown.map((problem) => problem.severity), ['warn']);
});

values('encodeUtf8Words: round-trips, words within 75 characters, characters never split', () => {
  const text = 'Grüße aus Köln – 📧 '.repeat(12);
  const encoded = encodeUtf8Words(text);
  const words = encoded.split(' ');
  assert.ok(words.length > 1);
  for (const word of words) assert.ok(word.length <= MAX_ENCODED_WORD_LENGTH, word);
  const decoded = words.map((word) => Buffer.from(word.slice(10, -2), 'base64').toString('utf8')).join('');
  assert.is(decoded, text);
  assert.equal(reasons(encoded), []);
  assert.is(encodeUtf8Words(''), '=?UTF-8?B??=');
});

const idProblems = (value: string): [string, string][] =>
  parseMessageIdList(value).problems.map((problem) => [problem.severity, problem.reason]);

values('msg-id: valid forms', () => {
  for (const value of ['<a@example.com>', ' <invoice.2026-11.4711@mail.example.com> ', '(comment) <x@[192.0.2.1]>', "<a!#$%&'*+/=?^_`{|}~-b@example.com>"]) {
    assert.equal(idProblems(value), [], value);
    assert.is(parseMessageIdList(value).ids.length, 1, value);
  }
  assert.is(parseMessageIdList('<a@example.com>\r\n <b@example.net> <c@example.org>').ids.length, 3);
});

values('msg-id: errors and obsolete forms, with suggestions', () => {
  assert.equal(idProblems('<>').map(([severity]) => severity), ['error']);
  assert.match(idProblems('<abc>')[0]![1], /no "@"/);
  assert.match(idProblems('<a..b@example.com>')[0]![1], /two dots/);
  assert.match(idProblems('<.a@example.com>')[0]![1], /dot at the start/);
  assert.match(idProblems('<a,b@example.com>')[0]![1], /such as ","/);
  assert.match(idProblems('<a@b@example.com>')[0]![1], /more than one "@"/);
  assert.match(idProblems('<caf\u00e9@example.com>')[0]![1], /non-ASCII/);
  assert.match(idProblems('<a b@example.com>')[0]![1], /white space/);
  assert.match(idProblems('<a@example.com')[0]![1], /never closed/);
  assert.match(idProblems('(unclosed <a@example.com>')[0]![1], /comment/);
  const obsolete = parseMessageIdList('<1234   @   local(blah)  .machine .example>').problems;
  assert.equal(obsolete.map((problem) => [problem.severity, problem.suggestion]), [['warn', '<1234@local.machine.example>']]);
  assert.equal(idProblems('<"quoted left"@example.com>').map(([severity]) => severity), ['warn']);
  assert.equal(parseMessageIdList('Jane\'s message <a@example.com>').strayWords.map((word) => word.text), ["Jane's", 'message']);
});

values('msg-id: never stuck on characters it does not skip', () => {
  for (const value of ['\u000c', '\u00a0<a@b>', '\u000b\u000b', '>>>', '(((', '"unterminated']) parseMessageIdList(value);
});

const lint = (text: string, rules = {}) => lintMessage(text, { now: FIXTURE_NOW, rules });
const HEADER = 'From: Billing <billing@example.com>\r\nTo: customer@example.net\r\nDate: Tue, 24 Nov 2026 10:00:00 +0000\r\nMessage-ID: <x.1@example.com>\r\n';

values('header-non-ascii: the fix for Subject is the encoded field', async () => {
  const result = await lint(`${HEADER}Subject: Grüße aus Köln\r\n\r\nbody\r\n`);
  const finding = result.findings.find((candidate) => candidate.check === 'header-non-ascii')!;
  assert.is(finding.fix, 'encode the text as RFC 2047 encoded-words: "Subject: =?UTF-8?B?R3LDvMOfZSBhdXMgS8O2bG4=?="');
});

values('severities per finding: obsolete space before colon and threading ids are warnings', async () => {
  const result = await lint(`${HEADER}Subject : hi\r\nReferences: <bad id@example.com>\r\n\r\nbody\r\n`);
  const severity = (check: string) => result.findings.filter((finding) => finding.check === check).map((finding) => finding.severity);
  assert.equal(severity('header-syntax'), ['warn']);
  assert.equal(severity('message-id-invalid'), ['warn']);
});

values('line-too-long: a line over maxLength but within 998 is a warning, over 998 an error', async () => {
  const text = `${HEADER}Subject: hi\r\n\r\n${'a'.repeat(100)}\r\n${'b'.repeat(1000)}\r\n`;
  const result = await lint(text, { 'line-too-long': ['error', { maxLength: 78 }] });
  const found = result.findings.filter((finding) => finding.check === 'line-too-long');
  assert.equal(found.map((finding) => [finding.line, finding.column]), [[7, 79], [8, 999]]);
  const defaults = await lint(text);
  const implicit = defaults.findings.filter((finding) => finding.check === 'line-too-long');
  assert.equal(implicit.map((finding) => [finding.line, finding.severity]), [[8, 'error']]);
});

values('line-ending: LF-only is info, mixed and bare CR are errors', async () => {
  const lfOnly = await lint(`${HEADER}Subject: hi\r\n\r\nbody\r\n`.replace(/\r\n/g, '\n'));
  assert.equal(lfOnly.findings.filter((finding) => finding.check === 'line-ending').map((finding) => finding.severity), ['info']);
  const mixed = await lint(`${HEADER}Subject: hi\n\r\nbody\r\n`);
  assert.equal(mixed.findings.filter((finding) => finding.check === 'line-ending').map((finding) => [finding.severity, finding.line]), [['error', 5]]);
  const bareCr = await lint(`${HEADER}Subject: hi\r\n\r\nbo\rdy\r\n`);
  assert.equal(bareCr.findings.filter((finding) => finding.check === 'line-ending').map((finding) => [finding.severity, finding.line, finding.column]), [['error', 7, 3]]);
});

values('control characters are named as Unicode code points (U+XXXX) in every check, header-syntax too', async () => {
  const message = (subject: string) =>
    lint(`${HEADER}Subject: ${subject}\r\n\r\nbody\r\n`).then((result) => result.findings.find((finding) => finding.check === 'header-syntax')!.message);
  assert.match(await message('a\u0001b'), /^control character U\+0001 in the header at column 11:/);
  assert.match(await message('a\u007fb'), /^control character U\+007F in the header/);
  assert.match(await message('a\u0000b'), /^NUL \(U\+0000\) in the header/);
  const address = await lint(`${HEADER.replace('customer@example.net', '"a\u0001b"@example.net')}Subject: hi\r\n\r\nbody\r\n`);
  assert.ok(address.findings.some((finding) => finding.message.includes('control character U+0001')), 'address checks use the same style');
});

values('an encoded-word over 75 characters (CPython\'s email writes 76) is a warning: readers decode it', async () => {
  const word = `=?utf-8?b?${Buffer.from('Ünïcödé sübject, longer: äöü ÄÖÜ ß').toString('base64')}?=`;
  assert.is(word.length, 76);
  const result = await lintMessage(`From: a@example.com\r\nTo: b@example.net\r\nSubject: ${word}\r\nDate: Tue, 24 Nov 2026 10:00:00 +0000\r\nMessage-ID: <a.1@example.com>\r\n\r\nbody\r\n`, { now: FIXTURE_NOW });
  const found = result.findings.filter((finding) => finding.check === 'encoded-word-invalid');
  assert.equal(found.map((finding) => finding.severity), ['warn']);
  assert.not.match(found[0]!.message, /raw text/);
});

values.run();
