// The command line as a user meets it: exit codes, report formats, stdin, option placement, `--`,
// --rule / --quiet / --max-warnings / --output / --profile, config errors, init, colour and the
// progress line. Runs `main` in-process on real files in a temporary folder.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createProgress } from '../../src/cli/progress.js';
import type { TargetResult } from '../../src/types.js';
import { captureIo, runCli, runCountingStdin, temporaryFolder } from '../helpers/cli.js';

const cli = suite('cli');

const folder = temporaryFolder();
const cwd = folder.path;

/** An RFC 5322 date for "now", so date-skew stays quiet whenever the suite runs. */
function rfc5322Now(): string {
  const now = new Date();
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (value: number): string => String(value).padStart(2, '0');
  return `${days[now.getUTCDay()]}, ${two(now.getUTCDate())} ${months[now.getUTCMonth()]} ${now.getUTCFullYear()} ${two(now.getUTCHours())}:${two(now.getUTCMinutes())}:${two(now.getUTCSeconds())} +0000`;
}

const CLEAN = [
  'From: Billing <billing@example.com>',
  'To: customer@example.net',
  'Subject: Your November invoice',
  `Date: ${rfc5322Now()}`,
  'Message-ID: <invoice-1@example.com>',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=us-ascii',
  '',
  'Your invoice is attached.',
  '',
].join('\r\n');
/** No Date (an error in the final profile, info in template) and no Subject (a warning). */
const NO_DATE_NO_SUBJECT = 'From: Billing <billing@example.com>\r\nTo: customer@example.net\r\nMessage-ID: <x@example.com>\r\n\r\nHello.\r\n';
/** Only a warning: no Subject. */
const NO_SUBJECT = CLEAN.replace('Subject: Your November invoice\r\n', '');

writeFileSync(join(cwd, 'clean.eml'), CLEAN);
writeFileSync(join(cwd, 'broken.eml'), NO_DATE_NO_SUBJECT);
writeFileSync(join(cwd, 'warn.eml'), NO_SUBJECT);
writeFileSync(join(cwd, '--dashed.eml'), NO_SUBJECT);
mkdirSync(join(cwd, 'many'));
for (let index = 0; index < 5; index += 1) writeFileSync(join(cwd, 'many', `m${index}.eml`), CLEAN);

// --offline: linting audits the domains a message names over DNS unless told not to, and these
// tests are about the command line, not DNS (which has its own suites against local servers).
const run = (argv: string[], extra: Partial<Parameters<typeof runCli>[1]> = {}) => runCli(['--offline', ...argv], { cwd, ...extra });
const json = (stdout: string): TargetResult[] => JSON.parse(stdout) as TargetResult[];
const checksOf = (results: TargetResult[]): string[] => results.flatMap((result) => result.findings.map((finding) => `${finding.check}:${finding.severity}`));

cli('standard input is touched only when - is named', async () => {
  const fromFile = await runCountingStdin(['--offline', 'clean.eml'], { cwd });
  assert.is(fromFile.code, 0, fromFile.stderr);
  assert.is(fromFile.stdinTouched, 0);
  const fromStdin = await runCountingStdin(['--offline', '-'], { cwd, stdin: NO_SUBJECT });
  assert.is(fromStdin.code, 0, fromStdin.stderr);
  assert.match(fromStdin.stdout, /subject-missing/);
  assert.ok(fromStdin.stdinTouched > 0);
});

cli('exit 0 on a clean message, 1 on an error, 2 on no input', async () => {
  const clean = await run(['clean.eml']);
  assert.is(clean.code, 0, clean.stdout + clean.stderr);
  assert.match(clean.stdout, /✓ 1 target checked, no problems/);
  const broken = await run(['broken.eml']);
  assert.is(broken.code, 1);
  assert.match(broken.stdout, /date-missing/);
  const none = await run([]);
  assert.is(none.code, 2);
  assert.match(none.stderr, /no input/);
  // A bare `maillint` is a newcomer's first try: point at the other commands too.
  assert.match(none.stderr, /maillint --help lists the commands/);
});

cli('--format json: the public result shape, with fixes', async () => {
  const { code, stdout } = await run(['--format', 'json', 'broken.eml']);
  assert.is(code, 1);
  const results = json(stdout);
  assert.is(results.length, 1);
  assert.is(results[0]!.target, 'broken.eml');
  const date = results[0]!.findings.find((finding) => finding.check === 'date-missing')!;
  assert.equal(Object.keys(date).sort(), ['check', 'column', 'edits', 'fix', 'line', 'message', 'severity']);
  assert.is(date.severity, 'error');
  assert.match(date.fix!, /^add "Date: /);
  // The same fix as data: an insertion (ESLint's { range, text }, on octets) after the last field.
  assert.equal(date.edits!.length, 1);
  assert.is(date.edits![0]!.range[0], date.edits![0]!.range[1]);
  assert.match(date.edits![0]!.text, /^Date: .* \+0000\r?\n$/);
});

cli('stdin with -, alone or beside files', async () => {
  const alone = await run(['-f', 'json', '-'], { stdin: NO_SUBJECT });
  assert.is(alone.code, 0);
  assert.equal(checksOf(json(alone.stdout)), ['subject-missing:warn']);
  // The stdin target is named <stdin>, never "-" (which reads like a missing name in a report).
  assert.is(json(alone.stdout)[0]!.target, '<stdin>');
  const mixed = await run(['clean.eml', '-', '-f', 'json'], { stdin: NO_DATE_NO_SUBJECT });
  assert.equal(json(mixed.stdout).map((result) => result.target), ['clean.eml', '<stdin>']);
  assert.is(mixed.code, 1);
});

cli('options before or after the paths read the same; -- ends the options', async () => {
  const before = await run(['--format', 'json', '--rule', 'subject-missing=off', 'warn.eml']);
  const after = await run(['warn.eml', '--rule', 'subject-missing=off', '--format', 'json']);
  assert.is(before.stdout, after.stdout);
  assert.equal(checksOf(json(before.stdout)), []);
  const dashed = await run(['-f', 'json', '--', '--dashed.eml']);
  assert.is(dashed.code, 0, dashed.stderr);
  assert.is(json(dashed.stdout)[0]!.target, '--dashed.eml');
});

cli('--rule sets severities; a bad --rule or unknown id is exit 2', async () => {
  const raised = await run(['-f', 'json', '-r', 'subject-missing=error', 'warn.eml']);
  assert.is(raised.code, 1);
  assert.equal(checksOf(json(raised.stdout)), ['subject-missing:error']);
  const malformed = await run(['--rule', 'subject-missing', 'warn.eml']);
  assert.is(malformed.code, 2);
  assert.match(malformed.stderr, /expected id=error\|warn\|info\|off/);
  const unknown = await run(['--rule', 'subject-mising=off', 'warn.eml']);
  assert.is(unknown.code, 2);
  assert.match(unknown.stderr, /unknown check id "subject-mising"; did you mean subject-missing\? \(see `maillint rules`\)/);
  assert.is(unknown.stdout, '', 'no report on a usage error');
  // An input finding has a page (maillint rules input-unreadable) but is no check: say so, not "unknown".
  const input = await run(['--rule', 'input-unreadable=off', 'warn.eml']);
  assert.is(input.code, 2);
  assert.match(input.stderr, /"input-unreadable" is not a check but a finding about the input, which no rule turns off \(see `maillint rules input-unreadable`\)/);
});

cli('--profile template: date-missing is only info', async () => {
  const template = await run(['-f', 'json', '--profile', 'template', 'broken.eml']);
  assert.is(template.code, 0);
  assert.ok(checksOf(json(template.stdout)).includes('date-missing:info'));
  const final = await run(['-f', 'json', '--profile', 'final', 'broken.eml']);
  assert.ok(checksOf(json(final.stdout)).includes('date-missing:error'));
});

cli('--quiet reports errors only', async () => {
  const quiet = await run(['-f', 'json', '--quiet', 'broken.eml', 'warn.eml']);
  assert.is(quiet.code, 1);
  assert.equal(checksOf(json(quiet.stdout)), ['date-missing:error']);
  const stylish = await run(['-q', 'warn.eml']);
  assert.is(stylish.code, 0);
  assert.not.match(stylish.stdout, /subject-missing/);
  // Never "no problems" over warnings it left out.
  assert.match(stylish.stdout, /✓ 1 target checked, no errors \(1 warning hidden by --quiet\)/);
  assert.not.match(stylish.stdout, /no problems/);
});

cli('--max-warnings: exit 1 over the limit, with a note on stderr; a bad value is exit 2', async () => {
  const over = await run(['--max-warnings', '0', 'warn.eml']);
  assert.is(over.code, 1);
  assert.match(over.stderr, /1 warning, more than --max-warnings 0 allows/);
  const within = await run(['--max-warnings', '1', 'warn.eml']);
  assert.is(within.code, 0);
  // The summary never shows a check mark over a run that fails on its warnings, hidden or not.
  const quietOver = await run(['-q', '--max-warnings', '0', 'warn.eml']);
  assert.is(quietOver.code, 1);
  assert.match(quietOver.stdout, /✖ 1 target checked, no errors \(1 warning hidden by --quiet\); more warnings than --max-warnings 0 allows/);
  assert.not.match(quietOver.stdout, /✓/);
  assert.match(over.stdout, /in 1 target; more warnings than --max-warnings 0 allows/);
  assert.not.match(within.stdout, /--max-warnings/);
  const negative = await run(['--max-warnings', '-1', 'warn.eml']);
  assert.is(negative.code, 2);
  assert.is(negative.stdout, '');
});

cli('--output writes the report to a file and nothing to stdout; an unwritable path is exit 2', async () => {
  const written = await run(['-f', 'json', '-o', 'report.json', 'broken.eml']);
  assert.is(written.code, 1);
  assert.is(written.stdout, '');
  assert.equal(checksOf(json(readFileSync(join(cwd, 'report.json'), 'utf8'))).sort(), ['date-missing:error', 'subject-missing:warn']);
  const nowhere = await run(['-o', 'no/such/folder/report.txt', 'clean.eml']);
  assert.is(nowhere.code, 2);
  assert.match(nowhere.stderr, /cannot write report to no\/such\/folder\/report\.txt/);
});

cli('--format: each format produces its document', async () => {
  const sarif = await run(['-f', 'sarif', 'broken.eml', 'clean.eml']);
  assert.is(sarif.code, 1);
  const log = JSON.parse(sarif.stdout) as { version: string; runs: { results: unknown[] }[] };
  assert.is(log.version, '2.1.0');
  assert.is(log.runs[0]!.results.length, 2);
  const junit = await run(['-f', 'junit', 'broken.eml', 'clean.eml']);
  assert.is(junit.code, 1);
  assert.is(XMLValidator.validate(junit.stdout), true);
  assert.match(junit.stdout, /<testsuite name="clean\.eml" tests="1" failures="0"/);
  const github = await run(['-f', 'github', 'broken.eml']);
  assert.match(github.stdout, /^::error file=broken\.eml,line=1,col=1,title=maillint date-missing::/m);
  assert.match(github.stdout, /^::warning file=broken\.eml,/m);
  const jsonl = await run(['-f', 'jsonl', 'broken.eml', 'clean.eml']);
  assert.is(jsonl.code, 1);
  const lines = jsonl.stdout.split('\n');
  assert.is(lines.pop(), '', 'the last line ends with a newline');
  assert.equal(lines.map((line) => (JSON.parse(line) as { target: string }).target), ['broken.eml', 'clean.eml']);
  const bad = await run(['-f', 'xml', 'clean.eml']);
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /--format xml: choose one of/);
});

cli('unknown flags are exit 2 with usage on stderr', async () => {
  for (const flag of ['--frmat', '-z', '--no-such-thing=1']) {
    const result = await run([flag, 'clean.eml']);
    assert.is(result.code, 2, flag);
    assert.match(result.stderr, /maillint: /);
    assert.is(result.stdout, '');
  }
});

cli('a bad config file is exit 2, naming the file', async () => {
  const project = join(cwd, 'bad-config');
  mkdirSync(project);
  writeFileSync(join(project, 'maillint.config.json'), '{"rules": {"subject-missing": "loud"}}');
  writeFileSync(join(project, 'a.eml'), CLEAN);
  const result = await runCli(['--offline', 'a.eml'], { cwd: project });
  assert.is(result.code, 2);
  assert.match(result.stderr, /maillint\.config\.json: rule subject-missing: severity must be/);
});

cli('the config file found upward applies; flags override it', async () => {
  const project = join(cwd, 'with-config');
  mkdirSync(join(project, 'out'), { recursive: true });
  writeFileSync(join(project, 'maillint.config.json'), '{"rules": {"subject-missing": "error"}}');
  writeFileSync(join(project, 'out', 'a.eml'), NO_SUBJECT);
  const fromFile = await runCli(['--offline', 'a.eml', '-f', 'json'], { cwd: join(project, 'out') });
  assert.is(fromFile.code, 1);
  assert.equal(checksOf(json(fromFile.stdout)), ['subject-missing:error']);
  const overridden = await runCli(['--offline', 'a.eml', '-f', 'json', '-r', 'subject-missing=info'], { cwd: join(project, 'out') });
  assert.is(overridden.code, 0);
  assert.equal(checksOf(json(overridden.stdout)), ['subject-missing:info']);
});

cli('init writes a valid starting config and never overwrites one', async () => {
  const project = join(cwd, 'init');
  mkdirSync(project);
  const first = await runCli(['init'], { cwd: project });
  assert.is(first.code, 0, first.stderr);
  assert.ok(existsSync(join(project, 'maillint.config.json')));
  writeFileSync(join(project, 'a.eml'), CLEAN);
  assert.is((await runCli(['--offline', 'a.eml'], { cwd: project })).code, 0, 'the written config loads');
  const second = await runCli(['init'], { cwd: project });
  assert.is(second.code, 2);
  assert.match(second.stderr, /already exists/);
});

cli('colour only on a TTY, never with NO_COLOR, never into --output', async () => {
  const tty = await run(['warn.eml'], { stdoutIsTTY: true });
  assert.ok(tty.stdout.includes('\u001b['), 'coloured on a TTY');
  const noColor = await run(['warn.eml'], { stdoutIsTTY: true, env: { NO_COLOR: '1' } });
  assert.not.ok(noColor.stdout.includes('\u001b'));
  const pipe = await run(['warn.eml']);
  assert.not.ok(pipe.stdout.includes('\u001b'));
  await run(['warn.eml', '-o', 'report.txt'], { stdoutIsTTY: true });
  assert.not.ok(readFileSync(join(cwd, 'report.txt'), 'utf8').includes('\u001b'));
});

cli('no progress line when stderr is not a TTY, or with --quiet', async () => {
  const pipe = await run(['many']);
  assert.is(pipe.stderr, '');
  const quiet = await run(['many', '--quiet'], { stderrIsTTY: true });
  assert.is(quiet.stderr, '');
});

cli('progress: count, rate and ETA redrawn in place, erased at the end', () => {
  let clock = 0;
  const io = captureIo({ cwd, stderrIsTTY: true });
  const progress = createProgress(io, { label: 'domains', total: 4, now: () => clock });
  progress.tick();
  assert.equal(io.err, [], 'nothing during the first 250 ms');
  clock = 1000;
  progress.tick();
  assert.equal(io.err, ['\r\u001b[Kdomains 2/4 (50%) · 2.0/s · ETA 1s']);
  clock = 1050;
  progress.tick();
  assert.is(io.err.length, 1, 'redrawn at most every 100 ms');
  clock = 2000;
  progress.tick();
  assert.is(io.err[1], '\r\u001b[Kdomains 4/4 (100%) · 2.0/s · ETA 0s');
  progress.done();
  assert.is(io.err[2], '\r\u001b[K', 'erased at the end');

  const unknownTotal = captureIo({ cwd, stderrIsTTY: true });
  clock = 0;
  const files = createProgress(unknownTotal, { label: 'files', now: () => clock });
  clock = 500;
  files.tick(10);
  assert.equal(unknownTotal.err, ['\r\u001b[Kfiles 10 · 20.0/s · 1s']);

  const notTty = captureIo({ cwd });
  const silent = createProgress(notTty, { label: 'files', now: () => clock });
  clock = 5000;
  silent.tick();
  silent.done();
  assert.equal(notTty.err, []);
});

cli.after(() => folder.cleanup());

cli.run();
