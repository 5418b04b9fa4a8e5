// Folder walks (issue 10, items 2 and 13). A link in a linted folder must not carry the walk out
// of it: `repo/innocent.eml -> ~/.creds` printed the credentials as "is not a field" findings in
// every format. And names are bytes: `bad\xff\xfe.eml` was decoded lossily and reported ENOENT.

import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { expandPaths } from '../../src/engine/files.js';
import { FORMAT_NAMES } from '../../src/report/format-names.js';
import type { TargetResult } from '../../src/types.js';
import { runCli, temporaryFolder } from '../helpers/cli.js';

const walk = suite('folder walk');
const folder = temporaryFolder('maillint-walk-');
const cwd = folder.path;

const SECRET = 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY';
const MESSAGE = 'From: Billing <billing@example.com>\r\nTo: customer@example.net\r\nSubject: Invoice\r\nDate: Tue, 24 Nov 2026 10:00:00 +0000\r\nMessage-ID: <i.1@example.com>\r\n\r\nbody\r\n';

// outside/ holds what the repository must not reach; repo/ is the folder linted.
mkdirSync(join(cwd, 'outside', 'more'), { recursive: true });
writeFileSync(join(cwd, 'outside', 'creds'), `[default]\n${SECRET}\n`);
writeFileSync(join(cwd, 'outside', 'more', 'secret.eml'), `[default]\n${SECRET}\n`);
mkdirSync(join(cwd, 'repo', 'sub'), { recursive: true });
writeFileSync(join(cwd, 'repo', 'good.eml'), MESSAGE);
writeFileSync(join(cwd, 'repo', 'sub', 'real.eml'), MESSAGE);
symlinkSync(join(cwd, 'outside', 'creds'), join(cwd, 'repo', 'innocent.eml'));
symlinkSync(join('..', 'outside', 'more'), join(cwd, 'repo', 'templates'));
symlinkSync(join('sub', 'real.eml'), join(cwd, 'repo', 'inside.eml'));
// A link inside that points at a link out: where it ends is what counts.
symlinkSync('innocent.eml', join(cwd, 'repo', 'relay.eml'));
symlinkSync('..', join(cwd, 'repo', 'sub', 'up'));
// The folder linted may itself be reached through a link: its real path is the boundary.
symlinkSync(join(cwd, 'repo'), join(cwd, 'repo-link'));

const jsonRun = async (paths: string[]): Promise<{ code: number; results: TargetResult[]; stdout: string; stderr: string }> => {
  const run = await runCli(['--offline', '--format', 'json', ...paths], { cwd });
  return { ...run, results: JSON.parse(run.stdout) as TargetResult[] };
};
const checksOf = (results: TargetResult[]): Record<string, string[]> =>
  Object.fromEntries(results.map((result) => [result.target, [...new Set(result.findings.map((finding) => finding.check))]]));

walk('links out of the folder (to a file, to a folder, through another link) are skipped and said so; links inside are followed', async () => {
  const { results, stdout } = await jsonRun(['repo']);
  assert.not.ok(stdout.includes('AWS_SECRET'), stdout);
  const checks = checksOf(results);
  assert.equal(checks[join('repo', 'innocent.eml')], ['input-skipped']);
  assert.equal(checks[join('repo', 'relay.eml')], ['input-skipped']);
  assert.equal(checks[join('repo', 'templates')], ['input-skipped']);
  assert.ok(join('repo', 'inside.eml') in checks, 'a link to a file inside is linted');
  assert.ok(join('repo', 'good.eml') in checks && join('repo', 'sub', 'real.eml') in checks);
  assert.not.ok(results.some((result) => result.target.includes('secret.eml')), 'the linked folder outside is not walked');
  const skipped = results.find((result) => result.target === join('repo', 'innocent.eml'))!.findings[0]!;
  assert.is(skipped.severity, 'warn');
  assert.match(skipped.message, /symbolic link.*outside repo.*name it on the command line/);
});

walk('the secret appears in no format and not on stderr', async () => {
  for (const format of FORMAT_NAMES) {
    const run = await runCli(['--offline', '--format', format, 'repo'], { cwd });
    assert.not.ok(`${run.stdout}${run.stderr}`.includes('AWS_SECRET'), `${format}:\n${run.stdout}${run.stderr}`);
    assert.ok(run.stdout.includes('input-skipped'), `${format} names the skipped link`);
  }
});

walk('sarif and rules describe input-skipped as a warning', async () => {
  const sarif = await runCli(['--offline', '--format', 'sarif', 'repo'], { cwd });
  const log = JSON.parse(sarif.stdout) as { runs: { tool: { driver: { rules: { id: string; defaultConfiguration: { level: string } }[] } }; results: { ruleId: string; level: string }[] }[] };
  const rule = log.runs[0]!.tool.driver.rules.find((candidate) => candidate.id === 'input-skipped');
  assert.is(rule?.defaultConfiguration.level, 'warning');
  assert.ok(log.runs[0]!.results.filter((result) => result.ruleId === 'input-skipped').every((result) => result.level === 'warning'));
  const rules = await runCli(['rules', 'input-skipped'], { cwd });
  assert.is(rules.code, 0);
  assert.match(rules.stdout, /warning/);
  assert.match(rules.stdout, /name it on the command line/);
  const json = await runCli(['rules', 'input-skipped', '--format', 'json'], { cwd });
  assert.is((JSON.parse(json.stdout) as { defaultSeverity: string }).defaultSeverity, 'warn');
});

walk('a folder given through a link is walked; its own links out are still skipped', async () => {
  const checks = checksOf((await jsonRun(['repo-link'])).results);
  assert.ok(join('repo-link', 'good.eml') in checks, JSON.stringify(checks));
  assert.equal(checks[join('repo-link', 'innocent.eml')], ['input-skipped']);
});

walk('a link named on the command line is the user\'s choice: it is read', async () => {
  const { results } = await jsonRun([join('repo', 'innocent.eml')]);
  assert.ok(results[0]!.findings.some((finding) => finding.check === 'header-syntax'), JSON.stringify(results));
});

walk('expandPaths: the entries a walk yields', async () => {
  const entries = [];
  for await (const entry of expandPaths(['repo'], cwd)) entries.push(entry);
  const skipped = entries.filter((entry) => 'skipped' in entry).map((entry) => entry.path);
  assert.equal(skipped.sort(), [join('repo', 'innocent.eml'), join('repo', 'relay.eml'), join('repo', 'templates')]);
});

// Names that are not UTF-8 (Linux file names are bytes).
const bytes = join(cwd, 'bytes');
mkdirSync(bytes);
const BAD_NAME = Buffer.concat([Buffer.from(`${bytes}/bad`), Buffer.from([0xff, 0xfe]), Buffer.from('.eml')]);
writeFileSync(BAD_NAME, 'Subject: no From, no Date\r\n\r\nbody\r\n');
const BAD_FOLDER = Buffer.concat([Buffer.from(`${bytes}/d`), Buffer.from([0xe9])]);
mkdirSync(BAD_FOLDER);
writeFileSync(Buffer.concat([BAD_FOLDER, Buffer.from('/in-folder.eml')]), MESSAGE);
writeFileSync(join(bytes, 'café-ünïcode.eml'), MESSAGE);

walk('file and folder names that are not UTF-8 are opened by their bytes and shown escaped', async () => {
  const { results } = await jsonRun(['bytes']);
  const checks = checksOf(results);
  const badFile = join('bytes', 'bad\\xff\\xfe.eml');
  assert.ok(badFile in checks, JSON.stringify(checks));
  assert.not.ok(checks[badFile]!.includes('input-unreadable'), JSON.stringify(checks));
  assert.ok(checks[badFile]!.includes('from-missing'), 'the file was read');
  const inFolder = join('bytes', 'd\\xe9', 'in-folder.eml');
  assert.ok(inFolder in checks && !checks[inFolder]!.includes('input-unreadable'), JSON.stringify(checks));
  assert.ok(join('bytes', 'café-ünïcode.eml') in checks, 'a UTF-8 name is shown as it is');
});

walk('stylish shows the escaped name; no replacement character', async () => {
  const run = await runCli(['--offline', 'bytes'], { cwd });
  assert.ok(run.stdout.includes(join('bytes', 'bad\\xff\\xfe.eml')), run.stdout);
  assert.not.ok(run.stdout.includes('\ufffd'), run.stdout);
});

walk.after(() => folder.cleanup());
walk.run();
