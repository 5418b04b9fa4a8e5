// Mail stores as input (issue 13): mbox files (each message a target `file.mbox#3`, positions lines
// of the file, Thunderbird's "From - " separators, a broken separator a finding), Maildir folders
// (every file in cur/ and new/ a message) and --ext for folder walks.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { lintFiles } from '../../src/engine/api.js';
import { MboxSplitter } from '../../src/input/mbox.js';
import type { TargetResult } from '../../src/types.js';
import { runCli, temporaryFolder } from '../helpers/cli.js';
import { FIXTURE_NOW, FIXTURES_FOLDER } from '../helpers/fixtures.js';

const boxes = suite('mailboxes');
const folder = temporaryFolder('maillint-mailboxes-');
const cwd = join(FIXTURES_FOLDER, 'mailboxes');

const lint = (paths: string[], extensions?: string[]): Promise<TargetResult[]> =>
  lintFiles(paths, { cwd, now: FIXTURE_NOW, rules: { 'line-ending': 'off', 'date-skew': 'off' }, ...(extensions ? { extensions } : {}) });
const located = (results: readonly TargetResult[]): [string, string[]][] =>
  results.map((result) => [result.target, result.findings.map((finding) => `${finding.check}@${finding.line}`)]);

boxes('an mbox file: one target per message, positions lines of the file, "From - " and ">From" read right, a broken separator said', async () => {
  const results = await lint(['thunderbird-drafts.mbox']);
  assert.equal(located(results), [
    ['thunderbird-drafts.mbox#1', []],
    ['thunderbird-drafts.mbox#2', []],
    ['thunderbird-drafts.mbox#3', ['body-nul@37']],
    ['thunderbird-drafts.mbox#4', ['input-mbox-separator@39']],
  ]);
  assert.equal(results.map((result) => [result.kind, result.file]), Array(4).fill(['file', 'thunderbird-drafts.mbox']));
});

boxes('a file named on the command line whose first line is "From " is a mailbox, whatever its name', async () => {
  writeFileSync(join(folder.path, 'Drafts'), 'From - Tue Nov 24 10:00:00 2026\nFrom: a@example.com\n\none\n\nFrom - Tue Nov 24 10:01:00 2026\nFrom: b@example.com\n\ntwo\n');
  const results = await lintFiles([join(folder.path, 'Drafts')], { now: FIXTURE_NOW });
  assert.equal(results.map((result) => result.target), [join(folder.path, 'Drafts#1'), join(folder.path, 'Drafts#2')]);
  assert.equal(results[1]!.findings.find((finding) => finding.check === 'date-missing')?.line, 7);
});

boxes('an mbox that does not start with a separator, and an empty one: said, never silent', async () => {
  mkdirSync(join(folder.path, 'stores'));
  writeFileSync(join(folder.path, 'stores', 'odd.mbox'), 'From: a@example.com\n\none\n');
  writeFileSync(join(folder.path, 'stores', 'empty.mbox'), '');
  const results = await lintFiles([join(folder.path, 'stores')], { now: FIXTURE_NOW });
  const byTarget = new Map(results.map((result) => [result.target.slice(folder.path.length + 8), result.findings.map((finding) => finding.check)]));
  assert.equal(byTarget.get('empty.mbox'), ['input-skipped']);
  assert.ok(byTarget.get('odd.mbox#1')?.includes('input-mbox-separator'));
});

boxes('the mbox splitter gives the same messages whatever the chunking', () => {
  const text = Buffer.from('From a@x Tue Nov 24 10:00:00 2026\r\nA: 1\r\n\r\n>From the body\r\n\r\n\r\nFrom - Tue Nov 24 10:00:00 2026\nB: 2\n\nx\n\n');
  const split = (sizes: number): string[] => {
    const messages: string[] = [];
    const splitter = new MboxSplitter({
      start: (index, line, separator) => messages.push(`${index}@${line} ${separator ?? '-'}|`),
      bytes: (chunk) => void (messages[messages.length - 1] += chunk.toString('latin1')),
      end: () => void (messages[messages.length - 1] += '<end>'),
    });
    for (let offset = 0; offset < text.length; offset += sizes) splitter.push(text.subarray(offset, offset + sizes));
    splitter.finish();
    return messages;
  };
  const whole = split(text.length);
  assert.equal(whole, [
    '1@1 From a@x Tue Nov 24 10:00:00 2026|A: 1\r\n\r\n>From the body\r\n\r\n<end>',
    '2@7 From - Tue Nov 24 10:00:00 2026|B: 2\n\nx\n<end>',
  ]);
  for (let size = 1; size < 12; size += 1) assert.equal(split(size), whole, `chunks of ${size}`);
});

boxes('the lines a finding names in its text are lines of the file, as its position is (they once counted from the message)', async () => {
  const second = [
    'From b@example.com Tue Nov 24 10:01:00 2026', // 10
    'From: b@example.com',
    'To: c@example.org',
    'Subject: two', // 13
    'Subject: two again', // 14: header-duplicate
    'Date: Tue, 24 Nov 2026 10:01:00 +0000',
    'Message-ID: <2@example.com>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    ': no name', // 20: header-syntax
    '',
    'a NUL \0 here', // 22: body-nul
    'caf\xe9', // 23: mime-charset-invalid
    'a bare\rCR', // 24: line-ending
    `a long line ${'x'.repeat(90)}`, // 25: line-too-long
    '',
  ];
  const first = ['From a@example.com Tue Nov 24 10:00:00 2026', 'From: a@example.com', 'To: b@example.org', 'Subject: one', 'Date: Tue, 24 Nov 2026 10:00:00 +0000', 'Message-ID: <1@example.com>', '', 'first', ''];
  writeFileSync(join(folder.path, 'lines.mbox'), Buffer.from([...first, ...second].join('\n'), 'latin1'));
  const results = await lintFiles([join(folder.path, 'lines.mbox')], { now: FIXTURE_NOW, rules: { 'line-too-long': ['error', { maxLength: 78 }] } });
  assert.equal(results.map((result) => result.target.slice(folder.path.length + 1)), ['lines.mbox#1', 'lines.mbox#2']);
  const named = (text: string | undefined): string => [...(text ?? '').matchAll(/line (\d+)/g)].map((match) => match[1]).join(',');
  const checks = ['header-duplicate', 'header-syntax', 'body-nul', 'mime-charset-invalid', 'line-ending', 'line-too-long'];
  const seen = results[1]!.findings.filter((finding) => checks.includes(finding.check)).map((finding) => `${finding.check}@${finding.line}: ${named(finding.message)} / ${named(finding.fix)}`);
  assert.equal(seen, [
    'line-ending@11:  / ', // LF only: names no line
    'header-duplicate@14: 13 / 14',
    'header-syntax@20: 20 / ',
    'body-nul@22: 22 / ',
    'mime-charset-invalid@23: 23 / ',
    'line-ending@24: 24 / ',
    'line-too-long@25: 25 / ',
  ]);
  assert.equal(results[1]!.findings.find((finding) => finding.check === 'header-duplicate')?.data, { field: 'Subject', firstLine: 13 });
});

boxes('a Maildir: every file in cur/ and new/ is a message, whatever its name; a bare name elsewhere is not', async () => {
  const results = await lint(['.']);
  const targets = results.map((result) => result.target);
  assert.ok(targets.includes(join('Maildir', 'cur', '1700000000.M1P1.mail')), targets.join(', '));
  assert.ok(targets.includes(join('Maildir', 'new', '1700000001.M2P1.mail')));
  assert.not.ok(targets.some((target) => target.endsWith('notes') || target.endsWith('.txt')));
  assert.equal(results.find((result) => result.target.endsWith('1700000001.M2P1.mail'))!.findings.map((finding) => finding.check), ['mime-8bit-undeclared']);
});

boxes('--ext .txt adds an extension to folder walks (repeatable); a bad one is a usage error', async () => {
  const withText = await runCli(['--offline', '--format', 'json', '--ext', '.txt', '--ext', 'draft', '.'], { cwd });
  assert.ok((JSON.parse(withText.stdout) as TargetResult[]).some((result) => result.target === 'reply.txt'), withText.stdout);
  const without = await runCli(['--offline', '--format', 'json', '.'], { cwd });
  assert.not.ok((JSON.parse(without.stdout) as TargetResult[]).some((result) => result.target === 'reply.txt'));
  const bad = await runCli(['--offline', '--ext', '../x', '.'], { cwd });
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /--ext \.\.\/x: give an extension such as \.txt/);
});

boxes.after(() => folder.cleanup());
boxes.run();
