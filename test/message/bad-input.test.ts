// Bad input (issue 2 "Bad input", issue 6): empty, binary, huge, header-heavy input and files that
// cannot be read. Each gets findings or a clear per-file error: never a crash, a hang or a silent
// pass. Through lintMessage and through the CLI's main() with a captured io. No timings asserted.

import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, openSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { lintMessage } from '../../src/engine/api.js';
import type { TargetResult } from '../../src/types.js';
import { main } from '../../src/cli/main.js';
import { captureIo, runCli, temporaryFolder } from '../helpers/cli.js';
import { FIXTURE_NOW } from '../helpers/fixtures.js';
import { skipBecause } from '../helpers/skip.js';

const bad = suite('bad input');
const folder = temporaryFolder('maillint-bad-input-');
const cwd = folder.path;

const HEADER = [
  'From: Billing <billing@example.com>',
  'To: customer@example.net',
  'Subject: Your November invoice',
  'Date: Tue, 24 Nov 2026 10:00:00 +0000',
  'Message-ID: <invoice-2026-11.4711@example.com>',
];
const header = (extra: string[] = []): string => [...HEADER, ...extra].map((line) => `${line}\r\n`).join('');

const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0,
  0x1f, 0x15, 0xc4, 0x89, 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
]);

const lint = (input: string | Uint8Array) => lintMessage(input, { now: FIXTURE_NOW });
const ids = (result: TargetResult): string[] => [...new Set(result.findings.map((finding) => finding.check))].sort();
const errorsOf = (result: TargetResult, check: string) => result.findings.filter((finding) => finding.check === check && finding.severity === 'error');

bad('empty input: header-syntax says it is empty, and the required fields are missing', async () => {
  const result = await lint('');
  assert.ok(errorsOf(result, 'header-syntax').some((finding) => /empty/.test(finding.message)), JSON.stringify(result));
});

bad('PNG bytes: one binary-input finding, nothing parsed as fields', async () => {
  const result = await lint(PNG);
  assert.equal(ids(result), ['input-binary']);
  assert.match(result.findings[0]!.message, /binary/);
});

bad('NUL bytes: binary; a single NUL inside a real message is located instead', async () => {
  assert.equal(ids(await lint(Buffer.alloc(10_000))), ['input-binary']);
  const stray = await lint(`${header()}X-Note: a\u0000b\r\n\r\nbody\r\n`);
  const found = errorsOf(stray, 'header-syntax');
  assert.equal(found.map((finding) => [finding.line, finding.column]), [[6, 10]]);
});

bad('a clean header over an 8-bit body of control bytes is a message: binary is decided on the header section alone', async () => {
  const body = Buffer.from('\x1b[1mKonto\x1b[0m \xe4\xf6\xfc \x08\x07 Saldo\x1b[K\r\x0c\r\n'.repeat(40), 'latin1');
  const result = await lint(Buffer.concat([Buffer.from(header(['MIME-Version: 1.0', 'Content-Type: text/plain; charset=iso-8859-1', 'Content-Transfer-Encoding: 8bit']) + '\r\n'), body]));
  assert.not.ok(ids(result).includes('input-binary'), JSON.stringify(result.findings));
  assert.ok(errorsOf(result, 'line-ending').length > 0, 'the bare CRs of the body are named');
});

bad('NUL bytes filling a body after a clean header: body-nul at the first, not input-binary', async () => {
  const body = Buffer.from('Your export is ready.\r\n'.repeat(40), 'utf16le');
  const result = await lint(Buffer.concat([Buffer.from(header(['MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit']) + '\r\n'), body]));
  assert.equal(errorsOf(result, 'body-nul').map((finding) => [finding.line, finding.column]), [[10, 2]], JSON.stringify(result.findings));
});

bad('a header line of 100,000 characters: line-too-long and header-size, located', async () => {
  const result = await lint(`${header([`X-Data: ${'a'.repeat(100_000)}`])}\r\nbody\r\n`);
  assert.equal(errorsOf(result, 'line-too-long').map((finding) => [finding.line, finding.column]), [[6, 999]]);
  assert.equal(errorsOf(result, 'header-size').map((finding) => finding.line), [6]);
});

bad('a 2 MB header section: header-size reports the size and that the rest was not read', async () => {
  const fields = Array.from({ length: 40_000 }, (_, index) => `X-Filler-${index}: ${'v'.repeat(40)}`);
  const result = await lint(`${header(fields)}\r\nbody\r\n`);
  const sizeFindings = errorsOf(result, 'header-size');
  assert.ok(sizeFindings.some((finding) => /did not check the fields after that/.test(finding.message)), JSON.stringify(sizeFindings));
  assert.ok(sizeFindings.some((finding) => /header fields, over 5,000/.test(finding.message)));
});

bad('many long lines: the first 20 one by one, then one summary with the count', async () => {
  const body = Array.from({ length: 300 }, () => 'x'.repeat(1200)).join('\r\n');
  const result = await lint(`${header()}\r\n${body}\r\n`);
  const long = result.findings.filter((finding) => finding.check === 'line-too-long');
  assert.is(long.length, 21);
  assert.match(long[20]!.message, /^280 more line\(s\) over 998 octets \(280 over 998\)/);
  assert.is(long[20]!.line, 7 + 20);
});

bad('long lines past what the scanner records: the summary says "at least" and counts every line over 998', async () => {
  const body = Array.from({ length: 1500 }, (_, index) => (index % 2 === 0 ? 'x'.repeat(1200) : 'y'.repeat(100))).join('\r\n');
  const result = await lint(`${header()}\r\n${body}\r\n`);
  const summary = result.findings.filter((finding) => finding.check === 'line-too-long').at(-1)!;
  assert.match(summary.message, /^at least \d[\d,]* more line\(s\) over 998 octets \(730 over 998\)/);
});

bad('header-size defaults: 40 KB field and a 300 KB header section', async () => {
  const big = await lint(`${header([`X-Items: ${'item, '.repeat(7000)}`])}\r\nbody\r\n`);
  assert.equal(errorsOf(big, 'header-size').map((finding) => finding.line), [6]);
  const warned = big.findings.filter((finding) => finding.check === 'header-size' && finding.severity === 'warn');
  assert.is(warned.length, 1, 'the 42 KB header section is over sendmail\'s 32 KB');
  const folded = Array.from({ length: 6000 }, (_, index) => ` item-${index}-${'z'.repeat(40)}`);
  const huge = await lint(`${header(['X-Items: list', ...folded])}\r\nbody\r\n`);
  const messages = errorsOf(huge, 'header-size').map((finding) => finding.message);
  assert.ok(messages.some((message) => /^the header section is [\d,]+ octets, over 262,144/.test(message)), messages.join('\n'));
});

// Files on disk, through the CLI.
writeFileSync(join(cwd, 'empty.eml'), '');
writeFileSync(join(cwd, 'image.eml'), PNG);
writeFileSync(join(cwd, 'nul.eml'), Buffer.alloc(4096));
writeFileSync(join(cwd, 'long-header-line.eml'), `${header([`X-Data: ${'a'.repeat(100_000)}`])}\r\nbody\r\n`);
writeFileSync(join(cwd, 'big-header.eml'), `${header(Array.from({ length: 45_000 }, (_, index) => `X-Filler-${index}: ${'v'.repeat(40)}`))}\r\nbody\r\n`);

/** A 50 MB message, written in pieces so the test never holds it either. */
function writeFiftyMegabytes(path: string): void {
  const descriptor = openSync(path, 'w');
  try {
    writeSync(descriptor, `${header(['MIME-Version: 1.0', 'Content-Type: text/plain; charset=us-ascii'])}\r\n`);
    const block = Buffer.from(`${'The quick brown fox jumps over the lazy dog, again and again and again.\r\n'.repeat(14_000)}`);
    for (let written = 0; written < 50 * 1024 * 1024; written += block.length) writeSync(descriptor, block);
    writeSync(descriptor, `${'L'.repeat(1500)}\r\n`);
  } finally {
    closeSync(descriptor);
  }
}
writeFiftyMegabytes(join(cwd, 'fifty-megabytes.eml'));

const cliJson = async (paths: string[]): Promise<{ code: number; results: TargetResult[]; stderr: string }> => {
  const run = await runCli(['--offline', '--format', 'json', ...paths], { cwd });
  return { code: run.code, results: JSON.parse(run.stdout) as TargetResult[], stderr: run.stderr };
};

bad('CLI: empty, PNG, NUL, 100,000-character line, 2 MB header, 50 MB file each get findings', async () => {
  const files = ['empty.eml', 'image.eml', 'nul.eml', 'long-header-line.eml', 'big-header.eml', 'fifty-megabytes.eml'];
  const { code, results, stderr } = await cliJson(files);
  assert.is(code, 1, stderr);
  assert.equal(results.map((result) => result.target), files);
  for (const result of results) assert.ok(result.findings.some((finding) => finding.severity === 'error'), `${result.target}: ${JSON.stringify(result.findings)}`);
  const fifty = results.find((result) => result.target === 'fifty-megabytes.eml')!;
  // The CLI dates against the real clock, so date-skew may warn about the fixed Date; errors are what count.
  const fiftyErrors = fifty.findings.filter((finding) => finding.severity === 'error');
  assert.equal(fiftyErrors.map((finding) => finding.check), ['line-too-long'], JSON.stringify(fifty.findings));
  assert.ok(fiftyErrors[0]!.line! > 700_000, 'the long line at the end of 50 MB is found');
  const bigHeader = results.find((result) => result.target === 'big-header.eml')!;
  assert.ok(bigHeader.findings.some((finding) => finding.check === 'header-size'));
});

bad('CLI: binary data on stdin is one finding, exit 1', async () => {
  const run = await runCli(['--offline', '--format', 'json', '-'], { cwd, stdin: PNG });
  assert.is(run.code, 1, run.stderr);
  const [result] = JSON.parse(run.stdout) as TargetResult[];
  assert.equal(result!.findings.map((finding) => finding.check), ['input-binary']);
});

/** A stdin that never ends (like /dev/zero or `yes`), counting what was taken from it. */
function endlessStdin(block: Buffer): Readable & { served: () => number } {
  let served = 0;
  const stream = new Readable({
    read() {
      // Far past any verdict: a reader still pulling here would never have stopped on /dev/zero.
      if (served >= 256 * 1024 * 1024) this.destroy(new Error('read 256 MB of an endless stdin without stopping'));
      else this.push(block);
      served += block.length;
    },
  });
  return Object.assign(stream, { served: () => served });
}

bad('CLI: - from an endless binary stream (/dev/zero) stops once input-binary is certain', async () => {
  const io = captureIo({ cwd });
  const stdin = endlessStdin(Buffer.alloc(64 * 1024));
  const code = await main(['--offline', '--format', 'json', '-'], { ...io, stdin });
  assert.is(code, 1, io.err.join(''));
  const [result] = JSON.parse(io.out.join('')) as TargetResult[];
  assert.equal(result!.findings.map((finding) => finding.check), ['input-binary'], JSON.stringify(result));
  assert.match(result!.findings[0]!.message, /binary/);
  assert.ok(stdin.served() < 1024 * 1024, `read ${stdin.served()} octets`);
});

bad('CLI: a finite 64 MB text stdin is scanned as a stream to its end (the long line at the end is found)', async () => {
  const lines = Buffer.from('The quick brown fox jumps over the lazy dog, again and again.\r\n'.repeat(16_000));
  const total = 64 * 1024 * 1024;
  async function* text(): AsyncGenerator<Buffer> {
    yield Buffer.from(`${header(['MIME-Version: 1.0', 'Content-Type: text/plain; charset=us-ascii'])}\r\n`);
    for (let sent = 0; sent < total; sent += lines.length) yield lines;
    yield Buffer.from(`${'L'.repeat(1500)}\r\n`);
  }
  const io = captureIo({ cwd });
  const code = await main(['--offline', '--format', 'json', '-'], { ...io, stdin: Readable.from(text()) });
  assert.is(code, 1, io.err.join(''));
  const [result] = JSON.parse(io.out.join('')) as TargetResult[];
  const errors = result!.findings.filter((finding) => finding.severity === 'error');
  assert.equal(errors.map((finding) => finding.check), ['line-too-long'], JSON.stringify(result));
  assert.ok(errors[0]!.line! > 1_000_000, 'the long line after 64 MB is found');
});

bad('binary input is reported even with every check off (never a silent pass)', async () => {
  const run = await runCli(['--offline', '--format', 'json', '--rule', 'header-syntax=off', '-'], { cwd, stdin: PNG });
  assert.is(run.code, 1, run.stderr);
  const [result] = JSON.parse(run.stdout) as TargetResult[];
  assert.equal(result!.findings.map((finding) => finding.check), ['input-binary']);
});

bad('CLI: a folder with a dangling symlink and a directory named like a message: per-file results, the rest linted', async () => {
  const mixed = join(cwd, 'mixed');
  mkdirSync(mixed);
  writeFileSync(join(mixed, 'good.eml'), `${header()}\r\nbody\r\n`);
  symlinkSync(join(mixed, 'gone.eml.target'), join(mixed, 'dangling.eml'));
  mkdirSync(join(mixed, 'folder.eml'));
  const { results } = await cliJson(['mixed']);
  const byTarget = new Map(results.map((result) => [result.target, result]));
  assert.ok(byTarget.get(join('mixed', 'dangling.eml'))?.findings.some((finding) => finding.check === 'input-unreadable'), JSON.stringify(results));
  assert.equal(byTarget.get(join('mixed', 'good.eml'))?.findings.filter((finding) => finding.severity === 'error'), []);
});

function makeFifo(path: string): boolean {
  try {
    execFileSync('mkfifo', [path]);
    return true;
  } catch {
    return false;
  }
}

const fifoFolder = join(cwd, 'with-fifo');
mkdirSync(fifoFolder);
writeFileSync(join(fifoFolder, 'good.eml'), `${header()}\r\nbody\r\n`);
if (makeFifo(join(fifoFolder, 'pipe.eml'))) {
  bad('CLI: a FIFO (named, or inside a folder) is reported as not a regular file, never read (no hang)', async () => {
    const named = await cliJson([join('with-fifo', 'pipe.eml')]);
    assert.is(named.code, 1);
    assert.match(named.results[0]!.findings[0]!.message, /not a regular file/);
    const walked = await cliJson(['with-fifo']);
    const pipe = walked.results.find((result) => result.target === join('with-fifo', 'pipe.eml'));
    assert.ok(pipe, `the FIFO in a folder is reported, not silently skipped: ${JSON.stringify(walked.results)}`);
    assert.match(pipe.findings[0]!.message, /not a regular file/);
  });
} else {
  skipBecause(bad, 'CLI: a FIFO is reported as not a regular file', 'mkfifo is not available on this machine');
}

bad('CLI: a character device named directly is not read', async () => {
  const { code, results } = await cliJson(['/dev/zero']);
  assert.is(code, 1);
  assert.match(results[0]!.findings[0]!.message, /not a regular file/);
});

if (process.getuid?.() === 0) {
  skipBecause(bad, 'CLI: a chmod 000 file is reported as unreadable', 'running as root, which reads chmod 000 files (the dangling symlink and FIFO cases cover unreadable files)');
} else {
  bad('CLI: a chmod 000 file is reported as unreadable', async () => {
    const path = join(cwd, 'locked.eml');
    writeFileSync(path, `${header()}\r\nbody\r\n`);
    chmodSync(path, 0o000);
    const { results } = await cliJson(['locked.eml']);
    assert.match(results[0]!.findings[0]!.message, /permission denied/);
  });
}

bad.after(() => folder.cleanup());
bad.run();
