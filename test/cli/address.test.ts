// `maillint address` in-process (main with a captured CliIo): verdicts, exit codes, every format,
// rules from the command line, usage errors.

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { FORMAT_NAMES } from '../../src/report/format-names.js';
import type { TargetResult } from '../../src/types.js';
import { runCli, temporaryFolder } from '../helpers/cli.js';

const cli = suite('maillint address');

let folder: ReturnType<typeof temporaryFolder>;
cli.before(() => {
  folder = temporaryFolder();
});
cli.after(() => folder.cleanup());

async function json(argv: string[]): Promise<{ code: number; results: TargetResult[]; stderr: string }> {
  const run = await runCli(['address', ...argv, '--format', 'json'], { cwd: folder.path });
  return { code: run.code, results: JSON.parse(run.stdout) as TargetResult[], stderr: run.stderr };
}

function summary(results: TargetResult[]): Record<string, string[]> {
  return Object.fromEntries(results.map((result) => [result.target, result.findings.map((finding) => `${finding.check}:${finding.severity}@${finding.column}`)]));
}

cli('valid addresses: exit 0, one result per address, target as written', async () => {
  const { code, results, stderr } = await json(['customer@example.net', 'Billing Team <billing@example.com>', '"Doe, John" <john.doe@example.org>']);
  assert.is(stderr, '');
  assert.is(code, 0);
  assert.equal(summary(results), {
    'customer@example.net': [],
    'Billing Team <billing@example.com>': [],
    '"Doe, John" <john.doe@example.org>': [],
  });
});

cli('an invalid address makes the exit code 1; findings carry line 1 and the column in the address', async () => {
  const { code, results } = await json(['ok@example.com', 'user@exa_mple.com', 'Doe, John <john@example.com>', 'no-at-sign']);
  assert.is(code, 1);
  assert.equal(summary(results), {
    'ok@example.com': [],
    'user@exa_mple.com': ['address-invalid:error@6'],
    'Doe, John <john@example.com>': ['address-unquoted-display-name:error@1'],
    'no-at-sign': ['address-invalid:error@1'],
  });
  const finding = results[1]!.findings[0]!;
  assert.is(finding.line, 1);
  assert.match(finding.message, /"_": legal in DNS names, but not in a mail host name/);
});

cli('warnings alone exit 0; --max-warnings 0 makes them count', async () => {
  const warned = await json(['"john"@example.com', 'customer@gmial.com', 'john . doe@example.com']);
  assert.is(warned.code, 0);
  assert.equal(summary(warned.results), {
    '"john"@example.com': ['address-invalid:warn@1'],
    'customer@gmial.com': ['address-typo-domain:warn@10'],
    'john . doe@example.com': ['address-invalid:warn@1', 'address-obsolete:warn@1'],
  });
  assert.is(warned.results[1]!.findings[0]!.fix, 'write customer@gmail.com');
  const strict = await runCli(['address', 'customer@gmial.com', '--max-warnings', '0'], { cwd: folder.path });
  assert.is(strict.code, 1);
});

cli('special-use domains are errors; documentation domains are not unless asked', async () => {
  const { code, results } = await json(['qa@mail.test', 'app@x.localhost', 'customer@example.com']);
  assert.is(code, 1);
  assert.equal(summary(results), {
    'qa@mail.test': ['address-special-use-domain:error@4'],
    'app@x.localhost': ['address-special-use-domain:error@5'],
    'customer@example.com': [],
  });
});

cli('--rule changes severities and turns checks off', async () => {
  const off = await json(['qa@mail.test', '--rule', 'address-special-use-domain=off']);
  assert.is(off.code, 0);
  assert.equal(off.results[0]!.findings, []);
  const raised = await json(['customer@gmial.com', '--rule', 'address-typo-domain=error']);
  assert.is(raised.code, 1);
  assert.is(raised.results[0]!.findings[0]!.severity, 'error');
});

cli('every format prints and keeps the exit code', async () => {
  for (const format of FORMAT_NAMES) {
    const run = await runCli(['address', 'user@exa_mple.com', 'customer@example.net', '--format', format], { cwd: folder.path });
    assert.is(run.code, 1, format);
    assert.is(run.stderr, '', format);
    assert.ok(run.stdout.length > 0, format);
    if (format !== 'junit' && format !== 'sarif') assert.match(run.stdout, /exa_mple/, format);
  }
  const stylish = await runCli(['address', 'user@exa_mple.com'], { cwd: folder.path });
  assert.match(stylish.stdout, /^user@exa_mple\.com\n {2}1:6 +error/m);
});

cli('options after the addresses, and -- before an address that starts with a dash', async () => {
  const after = await json(['user@example.com', '--offline']);
  assert.is(after.code, 0);
  const dashed = await runCli(['address', '--format', 'json', '--', '-user@example.com'], { cwd: folder.path });
  assert.is(dashed.code, 0);
  assert.equal((JSON.parse(dashed.stdout) as TargetResult[]).map((result) => result.target), ['-user@example.com']);
});

cli('hostile arguments give findings, not crashes', async () => {
  const nested = `a@example.com ${'('.repeat(5000)}${')'.repeat(5000)}`;
  const { code, results } = await json([nested, `${'a'.repeat(100_000)}@example.com`, 'a\u0000b@example.com', '']);
  assert.is(code, 1);
  assert.equal(results.map((result) => result.findings.map((finding) => `${finding.check}:${finding.severity}`)), [
    ['address-invalid:error'],
    ['address-invalid:error'],
    ['address-invalid:error'],
    ['address-invalid:error'],
  ]);
});

cli('usage errors exit 2', async () => {
  const none = await runCli(['address'], { cwd: folder.path });
  assert.is(none.code, 2);
  assert.match(none.stderr, /no address given/);
  const badRule = await runCli(['address', 'a@example.com', '--rule', 'no-such-check=off'], { cwd: folder.path });
  assert.is(badRule.code, 2);
  assert.match(badRule.stderr, /unknown check id/);
});

cli('DNS options are refused rather than silently ignored (exit 2)', async () => {
  const run = await runCli(['address', '--zone', 'example.zone', 'x@no-mail.example.com'], { cwd: folder.path });
  assert.is(run.code, 2);
  assert.match(run.stderr, /makes no DNS query, so --zone would be ignored/);
});

cli.run();
