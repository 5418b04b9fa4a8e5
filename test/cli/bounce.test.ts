// `maillint bounce` in-process: inputs (files, folders, mbox, Maildir, stdin, a pasted reply line),
// every format, --strict, hostile diagnostics, and closing the loop against an in-process DNS server.

import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { TargetResult } from '../../src/types.js';
import { runCli, runCountingStdin, temporaryFolder } from '../helpers/cli.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { listing, testEntryRecords } from '../dnsbl/blocklist-helpers.js';
import { DSN } from '../helpers/bounces.js';

const test = suite('maillint bounce');
let folder: { path: string; cleanup: () => void };
let server: TestDnsServer;
const corpus = new URL('../fixtures/bounces/', import.meta.url);
const BLOCKLIST = 'bl.example.test';
const REPLY_LINE = '554 5.7.1 Service unavailable; Client host [192.0.2.4] blocked using bl.example.test';

test.before(async () => {
  folder = temporaryFolder();
  server = await startDnsServer({ records: [] });
  writeFileSync(join(folder.path, 'dsn.eml'), DSN);
  writeFileSync(join(folder.path, 'lunch.eml'), 'From: a@example.com\r\nTo: b@example.org\r\nSubject: lunch\r\n\r\nNoon?\r\n');
  copyFileSync(new URL('lhost-qmail-02.eml', corpus), join(folder.path, 'qmail.eml'));
});
test.after(async () => {
  folder.cleanup();
  await server.close();
});

const offline = (args: string[], stdin?: string) => runCli(['bounce', '--offline', ...args], { cwd: folder.path, ...(stdin === undefined ? {} : { stdin }) });

test('standard input is touched only when - is named', async () => {
  const fromFile = await runCountingStdin(['bounce', '--offline', 'dsn.eml'], { cwd: folder.path });
  assert.is(fromFile.code, 1, fromFile.stderr);
  assert.is(fromFile.stdinTouched, 0);
  const fromStdin = await runCountingStdin(['bounce', '--offline', '-'], { cwd: folder.path, stdin: DSN });
  assert.match(fromStdin.stdout, /userunknown/);
  assert.ok(fromStdin.stdinTouched > 0);
});

test('stylish: one block per recipient with reason, codes, seed row, preventing checks and remedy; exit 1 for a failed recipient', async () => {
  const run = await offline(['dsn.eml']);
  assert.is(run.code, 1, run.stderr);
  assert.match(run.stdout, /17:1 {2}failed {2}userunknown {2}5\.1\.1 550 {2}nobody@example\.org/);
  assert.match(run.stdout, /seed row {5}550 Unknown User \/ Mailbox unavailable/);
  assert.match(run.stdout, /prevented by address-invalid, address-typo-domain/);
  assert.match(run.stdout, /22:1 {2}delayed {2}expired {2}4\.4\.7 {2}later@nxdomain\.example/);
  assert.not.match(run.stdout, /bounce-failed/);
});

test('JSON: bounces beside findings; each failed recipient is also a bounce-failed finding; the returned header is linted at its lines', async () => {
  const run = await offline(['dsn.eml', '--format', 'json']);
  const [result] = JSON.parse(run.stdout) as TargetResult[];
  assert.equal(Object.keys(result!), ['target', 'findings', 'bounces']);
  assert.equal(result!.bounces!.map((bounce) => [bounce.recipient, bounce.reason, bounce.action]), [
    ['nobody@example.org', 'userunknown', 'failed'],
    ['later@nxdomain.example', 'expired', 'delayed'],
  ]);
  const checks = result!.findings.map((finding) => `${finding.check}@${finding.line}`);
  assert.ok(checks.includes('bounce-failed@17') && checks.includes('bounce-delayed@22'), checks.join(' '));
  // The returned header starts at line 29 of the bounce: its missing Date is reported there.
  assert.ok(checks.includes('date-missing@29'), checks.join(' '));
});

test('a line the returned message\'s findings name in their text is a line of the bounce file, as their position is (it once counted from the copy)', async () => {
  writeFileSync(join(folder.path, 'returned-twice.eml'), DSN.replace('Subject: hello', 'Subject: hello\r\nSubject: hello again'));
  const [result] = JSON.parse((await offline(['-f', 'json', 'returned-twice.eml'])).stdout) as TargetResult[];
  const duplicate = result!.findings.find((finding) => finding.check === 'header-duplicate');
  // From at 29, To at 30, Subject at 31 and again at 32.
  assert.equal([duplicate?.line, duplicate?.message.match(/first at line (\d+)/)?.[1], duplicate?.fix?.match(/\(line (\d+)\)/)?.[1]], [32, '31', '32']);
  assert.equal(duplicate?.data, { field: 'Subject', firstLine: 31 });
});

test('the returned copy is not judged on what a bounce does not keep: its age (date-skew) and line endings', async () => {
  const old = DSN.replace('From: sender@example.com\r\nTo: nobody', 'Date: Thu, 29 Apr 2010 23:34:45 +0900\r\nFrom: sender@example.com\r\nTo: nobody').replace(/\r\n/g, '\n');
  writeFileSync(join(folder.path, 'old.eml'), old);
  const [result] = JSON.parse((await offline(['old.eml', '--format', 'json'])).stdout) as TargetResult[];
  const checks = result!.findings.map((finding) => finding.check);
  assert.ok(checks.includes('message-id-missing'), checks.join(' '));
  assert.not.ok(checks.includes('date-skew') || checks.includes('line-ending') || checks.includes('date-missing'), checks.join(' '));
});

test('a pasted reply line, stdin and a qmail text bounce, in input order', async () => {
  const run = await runCli(['bounce', '--offline', '--format', 'json', REPLY_LINE, '-', 'qmail.eml'], { cwd: folder.path, stdin: DSN });
  const results = JSON.parse(run.stdout) as TargetResult[];
  assert.equal(results.map((result) => result.target), [REPLY_LINE, '<stdin>', 'qmail.eml']);
  assert.is(results[0]!.bounces![0]!.reason, 'blocked');
  assert.is(results[1]!.bounces!.length, 2);
  assert.equal(results[2]!.bounces!.map((bounce) => bounce.reason), ['userunknown', 'userunknown']);
});

test('folders, an mbox of two bounces (lines of the mbox) and a Maildir folder', async () => {
  const mbox = `From MAILER-DAEMON Mon Jan  1 00:00:00 2024\n${DSN.replace(/\r\n/g, '\n')}\nFrom MAILER-DAEMON Mon Jan  1 00:00:01 2024\n${DSN.replace(/\r\n/g, '\n')}`;
  mkdirSync(join(folder.path, 'box', 'cur'), { recursive: true });
  mkdirSync(join(folder.path, 'box', 'new'), { recursive: true });
  writeFileSync(join(folder.path, 'box', 'new', '1700000000.1.host'), DSN);
  writeFileSync(join(folder.path, 'bounces.mbox'), mbox);
  mkdirSync(join(folder.path, 'dir'), { recursive: true });
  writeFileSync(join(folder.path, 'dir', 'one.eml'), DSN);
  const run = await offline(['--format', 'json', 'bounces.mbox', 'box', 'dir']);
  const results = JSON.parse(run.stdout) as TargetResult[];
  assert.equal(results.map((result) => [result.target.replace(/\\/g, '/'), result.bounces!.length]), [
    ['bounces.mbox', 4],
    // Named as lint names it (the folder walked, then the file), not by an absolute path.
    ['box/new/1700000000.1.host', 2],
    ['dir/one.eml', 2],
  ]);
  const secondMessageLine = mbox.split('\n').findIndex((line, index) => index > 0 && line.startsWith('From ')) + 1;
  // Line 17 of the DSN is line 18 of its mbox message (after the From_ line).
  assert.is(results[0]!.bounces![2]!.line, secondMessageLine + 17);
});

test('an mbox of bounces is split as lint splits it (file or stdin): a "From " line inside a message is no separator, a broken separator is said', async () => {
  const quoting = DSN.replace(/\r\n/g, '\n').replace('(in reply to RCPT TO command)\n', '(in reply to RCPT TO command)\nFrom the postmaster: sorry.\n');
  const mbox = `From - Mon Jan  1 00:00:00 2024\n${quoting}\nFrom MAILER-DAEMON\n${quoting}\n`;
  writeFileSync(join(folder.path, 'quoting.mbox'), mbox);
  const brokenLine = mbox.split('\n').indexOf('From MAILER-DAEMON') + 1;
  for (const run of [await offline(['--format', 'json', 'quoting.mbox']), await offline(['--format', 'json', '-'], mbox)]) {
    const [result] = JSON.parse(run.stdout) as TargetResult[];
    assert.equal(result!.bounces!.map((bounce) => [bounce.recipient, bounce.line]), [
      // One line more than the DSN's 17 and 22: the separator, and the quoted "From " line.
      ['nobody@example.org', 19],
      ['later@nxdomain.example', 24],
      ['nobody@example.org', brokenLine + 18],
      ['later@nxdomain.example', brokenLine + 23],
    ]);
    assert.ok(result!.findings.some((finding) => finding.check === 'input-mbox-separator' && finding.line === brokenLine), JSON.stringify(result!.findings));
  }
});

test('a message that is not a bounce: a warning (exit 0), an error with --strict (exit 1)', async () => {
  const plain = await offline(['lunch.eml']);
  assert.is(plain.code, 0, plain.stdout);
  assert.match(plain.stdout, /warn +not a bounce.*bounce-unrecognized/);
  const strict = await offline(['lunch.eml', '--strict']);
  assert.is(strict.code, 1);
  assert.match(strict.stdout, /error +not a bounce/);
});

test('SARIF, JUnit and GitHub report each failed recipient', async () => {
  const sarif = JSON.parse((await offline(['dsn.eml', '--format', 'sarif'])).stdout) as { runs: Array<{ results: Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation?: { region?: { startLine: number } } }> }> }> };
  const failed = sarif.runs[0]!.results.filter((result) => result.ruleId === 'bounce-failed');
  assert.is(failed.length, 1);
  assert.is(failed[0]!.level, 'error');
  assert.is(failed[0]!.locations[0]!.physicalLocation?.region?.startLine, 17);
  const junit = (await offline(['dsn.eml', '--format', 'junit'])).stdout;
  assert.match(junit, /<failure message="nobody@example\.org failed \(userunknown, 5\.1\.1 550\)/);
  const github = (await offline(['dsn.eml', '--format', 'github'])).stdout;
  assert.match(github, /^::error file=dsn\.eml,line=17,col=1,title=maillint bounce-failed::nobody@example\.org failed/m);
});

test('a hostile diagnostic is escaped in every format', async () => {
  const hostile = '550 5.1.1 \u001b]8;;http://evil.test\u0007click\u001b]8;;\u0007 user unknown\n::error::owned ##[set-output name=x]';
  writeFileSync(join(folder.path, 'hostile.eml'), DSN.replace('Diagnostic-Code: smtp; 550 5.1.1 no such user', `Diagnostic-Code: smtp; ${hostile.replace('\n', ' ')}`));
  for (const format of ['stylish', 'json', 'sarif', 'junit', 'github']) {
    const run = await offline(['hostile.eml', '--format', format]);
    assert.not.ok(run.stdout.includes('\u001b'), format);
    assert.not.ok(run.stdout.includes('\u0007'), format);
    assert.not.ok(run.stdout.includes('##['), format);
    assert.not.match(run.stdout, /^\s*::error::owned/m, format);
  }
});

test('closing the loop: the unknown host\'s domain is audited and the blocked IP checked against the blocklists', async () => {
  // The TLD answers (its SOA), so gone.example.org's NXDOMAIN is believed, not blamed on the resolver.
  const org = { type: 'SOA', name: 'org', ttl: 300, primary: 'a0.org.example', admin: 'hostmaster.org.example', serial: 1 } as const;
  server.setRecords([org, ...testEntryRecords(BLOCKLIST), ...listing(BLOCKLIST, '192.0.2.4', ['127.0.0.2'])]);
  writeFileSync(join(folder.path, 'host.eml'), DSN.replace('Status: 5.1.1', 'Status: 5.1.2').replace(/550 5\.1\.1 no such user/g, '550 5.1.2 Host or domain name not found').replace(/nobody@example\.org/g, 'nobody@gone.example.org'));
  const run = await runCli(['bounce', 'host.eml', REPLY_LINE, '--format', 'json', '--resolver', server.address, '--timeout', '1000', '--dnsbl', BLOCKLIST], { cwd: folder.path });
  const results = JSON.parse(run.stdout) as TargetResult[];
  const byTarget = new Map(results.map((result) => [result.target, result.findings.map((finding) => finding.check)]));
  assert.ok(byTarget.get('gone.example.org')?.includes('domain-nxdomain'), JSON.stringify([...byTarget]));
  assert.ok(byTarget.get('192.0.2.4')?.includes('dnsbl-listed'), JSON.stringify([...byTarget]));
});

test('--offline looks nothing up', async () => {
  server.queries.length = 0;
  const run = await offline(['--format', 'json', REPLY_LINE]);
  assert.equal((JSON.parse(run.stdout) as TargetResult[]).map((result) => result.target), [REPLY_LINE]);
  assert.equal(server.queries, []);
});

test('past the caps: 1,000 recipients of one bounce are classified and the rest counted; past 16 MB of stdin, a warning says so', async () => {
  const groups = Array.from({ length: 1500 }, (_, index) => `Final-Recipient: rfc822; user${index}@example.org\r\nAction: failed\r\nStatus: 5.1.1\r\n`).join('\r\n');
  writeFileSync(join(folder.path, 'many.eml'), DSN.replace(/Final-Recipient: rfc822; nobody@example\.org[\s\S]*?Status: 4\.4\.7\r\n/, groups));
  const many = JSON.parse((await offline(['many.eml', '--format', 'json'])).stdout) as TargetResult[];
  assert.is(many[0]!.bounces!.length, 1000);
  assert.ok(many[0]!.findings.some((finding) => finding.check === 'bounce-truncated' && /500 more recipients/.test(finding.message)));
  const huge = `${DSN}${'x'.repeat(17 * 1024 * 1024)}`;
  const run = await runCli(['bounce', '--offline', '--format', 'json', '-'], { cwd: folder.path, stdin: huge });
  const [result] = JSON.parse(run.stdout) as TargetResult[];
  assert.is(result!.bounces!.length, 2);
  assert.ok(result!.findings.some((finding) => finding.check === 'bounce-truncated' && /first 16 MB/.test(finding.message)));
});

test('no input is a usage error', async () => {
  const run = await offline([]);
  assert.is(run.code, 2);
  assert.match(run.stderr, /no input/);
});

test('a bounce file that is not there is an input-unreadable error for it (exit 1), as lint reports one, not "no bounce files found"', async () => {
  const missing = await offline(['-f', 'json', 'nosuch.eml']);
  assert.is(missing.code, 1, missing.stderr);
  assert.not.match(missing.stderr, /no bounce files found/);
  const [result] = JSON.parse(missing.stdout) as TargetResult[];
  assert.is(result?.target, 'nosuch.eml');
  assert.equal(result?.findings.map((finding) => finding.check), ['input-unreadable']);
  assert.match(result!.findings[0]!.message, /no such file or folder/);
});

test('the returned message\'s findings carry no edits (offsets in the copy, not the bounce), and the summary offers no --fix that bounce does not have', async () => {
  writeFileSync(join(folder.path, 'returned-unquoted.eml'), DSN.replace('To: nobody@example.org\r\nSubject: hello', 'To: Doe, John <nobody@example.org>\r\nSubject: hello'));
  const json = await offline(['-f', 'json', 'returned-unquoted.eml']);
  const [result] = JSON.parse(json.stdout) as TargetResult[];
  const unquoted = result!.findings.filter((finding) => finding.check === 'address-unquoted-display-name');
  assert.is(unquoted.length, 1, json.stdout);
  assert.is(unquoted[0]!.edits, undefined);
  assert.is(unquoted[0]!.suggestions, undefined);
  assert.ok(unquoted[0]!.fix, 'the fix sentence stays');
  const stylish = await offline(['returned-unquoted.eml']);
  assert.not.match(stylish.stdout, /fixable with --fix/);
});

test('--quiet reports failed recipients only: the delayed one (a warning) is hidden in its block and its JSON entry too', async () => {
  const stylish = await offline(['--quiet', 'dsn.eml']);
  assert.match(stylish.stdout, /failed {2}userunknown/);
  assert.not.match(stylish.stdout, /delayed|later@nxdomain\.example/);
  assert.match(stylish.stdout, /1 warning hidden by --quiet/);
  const json = await offline(['--quiet', '-f', 'json', 'dsn.eml']);
  const [result] = JSON.parse(json.stdout) as (TargetResult & { bounces: { recipient: string }[] })[];
  assert.equal(result!.bounces.map((bounce) => bounce.recipient), ['nobody@example.org']);
});

test('a folder with no bounce files in it is still a usage error', async () => {
  mkdirSync(join(folder.path, 'empty'));
  const run = await offline(['empty']);
  assert.is(run.code, 2);
  assert.match(run.stderr, /no bounce files found in empty/);
});

test.run();
