// lint --fix and --fix-dry-run as a user meets them: files repaired in place (mode kept, nothing
// left beside them), what remains reported, dry runs that write nothing and report the repaired
// text, stdin refused by --fix, signed messages left as they were, and SARIF fixes.

import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { TargetResult } from '../../src/types.js';
import { runCli, temporaryFolder } from '../helpers/cli.js';

const cli = suite('cli --fix');
const folder = temporaryFolder();
const cwd = folder.path;

/** Fixable: obsolete Date, an identical second Subject, an unquoted display name; not fixable: no From domain problem. */
const DRAFT = [
  'From: Billing <billing@example.com>',
  'To: Doe, John <john@example.com>',
  'Subject: Invoice',
  `Date: ${new Date().toUTCString().replace(/^(\w+), (\d+) (\w+) (\d\d)(\d\d) ([\d:]+) GMT$/, '$2 $3 $5 $6 GMT')}`,
  'Subject: Invoice',
  'Message-ID: <invoice-1@example.com>',
  '',
  'Your invoice is attached.',
  '',
].join('\r\n');
const SIGNED = `DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=s1; b=AAAA\r\n${DRAFT}`;

const run = (argv: string[], stdin?: string) => runCli(['--offline', ...argv], { cwd, ...(stdin === undefined ? {} : { stdin }) });
const write = (name: string, text: string, mode = 0o644): string => {
  const path = join(cwd, name);
  writeFileSync(path, text);
  chmodSync(path, mode);
  return path;
};
const checks = (result: TargetResult): string[] => result.findings.map((finding) => finding.check);

cli('--fix repairs the file in place, keeps its mode, leaves no temporary file and reports what remains', async () => {
  const path = write('draft.eml', DRAFT, 0o640);
  const { code, stdout, stderr } = await run(['--fix', '-f', 'json', 'draft.eml']);
  const fixed = readFileSync(path, 'utf8');
  assert.match(fixed, /^To: "Doe, John" <john@example.com>\r$/m);
  assert.match(fixed, /^Date: \w{3}, \d\d \w{3} \d{4} [\d:]{8} \+0000\r$/m);
  assert.is(fixed.match(/^Subject:/gm)!.length, 1);
  assert.is(fixed.split('\r\n\r\n')[1], 'Your invoice is attached.\r\n');
  assert.is(statSync(path).mode & 0o777, 0o640);
  assert.equal(readdirSync(cwd).filter((name) => name.includes('maillint')), []);
  const [result] = JSON.parse(stdout) as TargetResult[];
  assert.equal(checks(result!), []);
  assert.is(code, 0, stdout + stderr);
  assert.match(stderr, /fixed 3 problems in draft\.eml/);
  // Fixing again finds nothing to do and leaves the file alone.
  const again = await run(['--fix', 'draft.eml']);
  assert.is(again.code, 0);
  assert.is(readFileSync(path, 'utf8'), fixed);
});

cli('--fix through a symbolic link rewrites the file it points at and keeps the link', async () => {
  const target = write('target.eml', DRAFT);
  symlinkSync(target, join(cwd, 'link.eml'));
  await run(['--fix', 'link.eml']);
  assert.ok(statSync(join(cwd, 'link.eml')).isFile());
  assert.match(readFileSync(target, 'utf8'), /"Doe, John"/);
});

cli('--fix-dry-run writes nothing; JSON carries the repaired message as output and lists what would remain', async () => {
  const path = write('dry.eml', DRAFT);
  const { code, stdout, stderr } = await run(['--fix-dry-run', '-f', 'json', 'dry.eml']);
  assert.is(readFileSync(path, 'utf8'), DRAFT);
  const [result] = JSON.parse(stdout) as (TargetResult & { output: string })[];
  assert.match(result!.output, /^To: "Doe, John" <john@example.com>\r$/m);
  assert.equal(checks(result!), []);
  assert.is(code, 0);
  assert.match(stderr, /would fix 3 problems in dry\.eml:\n/);
  // What would change, one line each, positions in the message as it is.
  assert.match(stderr, /^  2:5  address-unquoted-display-name  write "Doe, John" <john@example.com>$/m);
  assert.match(stderr, /^  4:\d+  date-obsolete  replace with "Date: /m);
  assert.match(stderr, /^  5:1  header-duplicate  keep one Subject field/m);
});

cli('--fix-dry-run reads stdin; --fix refuses it (exit 2), and the two flags together are a usage error', async () => {
  const dry = await run(['--fix-dry-run', '-f', 'json', '-'], DRAFT);
  const [result] = JSON.parse(dry.stdout) as (TargetResult & { output: string })[];
  assert.match(result!.output, /"Doe, John"/);
  const refused = await run(['--fix', '-'], DRAFT);
  assert.is(refused.code, 2);
  assert.match(refused.stderr, /--fix does not rewrite standard input: use --fix-dry-run --format json/);
  const both = await run(['--fix', '--fix-dry-run', 'dry.eml']);
  assert.is(both.code, 2);
  assert.match(both.stderr, /exclude each other/);
});

cli('a signed message is left byte for byte, with an info finding saying why', async () => {
  const path = write('signed.eml', SIGNED);
  const { stdout } = await run(['--fix', '-f', 'json', 'signed.eml']);
  assert.is(readFileSync(path, 'utf8'), SIGNED);
  const [result] = JSON.parse(stdout) as TargetResult[];
  const note = result!.findings.find((finding) => finding.check === 'fix-signed-message')!;
  assert.is(note.severity, 'info');
  assert.match(note.message, /DKIM-Signature.*RFC 7103/);
  assert.ok(checks(result!).includes('header-duplicate'), 'the problems are still reported');
});

cli('--fix is a lint option only', async () => {
  const { code, stderr } = await run(['address', '--fix', 'user@example.com']);
  assert.is(code, 2);
  assert.match(stderr, /fix/);
});

cli('SARIF: a fixable finding carries its edits as a fix with byte regions; a suggestion is a fix marked unsafe', async () => {
  write('sarif.eml', DRAFT.replace('To: Doe, John <john@example.com>', 'To: john@gmial.com'));
  const { stdout } = await run(['-f', 'sarif', 'sarif.eml']);
  const results = (JSON.parse(stdout) as { runs: { results: { ruleId: string; fixes?: { properties: { safe: boolean }; artifactChanges: { artifactLocation: { uri: string }; replacements: { deletedRegion: { byteOffset: number; byteLength: number }; insertedContent: { text: string; binary: string } }[] }[] }[] }[] }[] }).runs[0]!.results;
  const duplicate = results.find((result) => result.ruleId === 'header-duplicate')!;
  const change = duplicate.fixes![0]!.artifactChanges[0]!;
  assert.is(change.artifactLocation.uri, 'sarif.eml');
  const { deletedRegion, insertedContent } = change.replacements[0]!;
  const bytes = readFileSync(join(cwd, 'sarif.eml'));
  assert.is(bytes.subarray(deletedRegion.byteOffset, deletedRegion.byteOffset + deletedRegion.byteLength).toString(), 'Subject: Invoice\r\n');
  assert.is(insertedContent.text, '');
  assert.is(duplicate.fixes![0]!.properties.safe, true);
  const typo = results.find((result) => result.ruleId === 'address-typo-domain')!;
  const suggestion = typo.fixes![0]!;
  assert.is(suggestion.properties.safe, false);
  const replacement = suggestion.artifactChanges[0]!.replacements[0]!;
  assert.is(bytes.subarray(replacement.deletedRegion.byteOffset, replacement.deletedRegion.byteOffset + replacement.deletedRegion.byteLength).toString(), 'gmial.com');
  assert.is(Buffer.from(replacement.insertedContent.binary, 'base64').toString(), 'gmail.com');
});

cli('--fix of one file named twice and reached through a link: fixed once, no error for the repeats', async () => {
  const path = write('twice.eml', DRAFT);
  symlinkSync('twice.eml', join(cwd, 'twice-link.eml'));
  const { code, stdout } = await run(['--fix', '-f', 'json', 'twice.eml', 'twice.eml', 'twice-link.eml']);
  const results = JSON.parse(stdout) as TargetResult[];
  assert.equal(results.map((result) => checks(result)), [[], [], []]);
  assert.is(code, 0);
  assert.match(readFileSync(path, 'utf8'), /"Doe, John"/);
});

cli.after(() => folder.cleanup());
cli('--fix rewrites a walked file whose name is not UTF-8 in place, and leaves the file whose name decodes the same alone', async () => {
  const folderPath = join(cwd, 'bytes');
  mkdirSync(folderPath);
  const raw = Buffer.concat([Buffer.from(`${folderPath}/bad`), Buffer.of(0xff), Buffer.from('.eml')]);
  // What "bad\xff.eml" becomes when decoded as UTF-8: another file's real name.
  const lookalike = join(folderPath, 'bad\ufffd.eml');
  writeFileSync(raw, DRAFT);
  writeFileSync(lookalike, 'not a message of this run\r\n');
  await run(['--fix', 'bytes']);
  assert.match(readFileSync(raw, 'utf8'), /"Doe, John"/);
  assert.is(readFileSync(lookalike, 'utf8'), 'not a message of this run\r\n');
  assert.is(readdirSync(folderPath).length, 2);
});

cli('an mbox file is linted, never rewritten: each message says why --fix left it, and no edit points into the wrong octets of the file', async () => {
  const mailbox = `From billing@example.com Tue Nov 24 10:00:00 2026\r\n${DRAFT}`;
  const path = write('drafts.mbox', mailbox);
  for (const mode of ['--fix', '--fix-dry-run']) {
    const { code, stdout } = await run([mode, '-f', 'json', 'drafts.mbox']);
    assert.is(readFileSync(path, 'utf8'), mailbox, mode);
    assert.is(code, 1, mode);
    const [result] = JSON.parse(stdout) as TargetResult[];
    assert.is(result!.target, 'drafts.mbox#1');
    assert.ok(result!.findings.some((finding) => finding.check === 'address-unquoted-display-name'), mode);
    // Edits are offsets in one message; applied to the mailbox file they would corrupt it.
    assert.equal(result!.findings.filter((finding) => finding.edits !== undefined || finding.suggestions !== undefined), [], mode);
    const note = result!.findings.find((finding) => finding.check === 'fix-mailbox-message');
    assert.is(note?.severity, 'info', mode);
    assert.match(note!.message, /not fixed: .*mailbox/, mode);
  }
  const plain = await run(['drafts.mbox']);
  assert.not.match(plain.stdout, /fixable with --fix/, 'the summary promises no fix --fix will not make');
  assert.not.match(plain.stdout, /fix-mailbox-message/, 'the note comes with --fix only');
});

cli.run();
