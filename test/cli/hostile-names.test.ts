// File and folder names are text an attacker chooses (a pull request adds `::error file=x::pwned.eml`).
// Through the real CLI, in every format and on stderr, no name may form a line GitHub's runner runs
// as a workflow command (issue 10, item 9).

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { FORMAT_NAMES } from '../../src/report/format-names.js';
import { runCli, temporaryFolder } from '../helpers/cli.js';

const names = suite('hostile file names through the CLI');
const folder = temporaryFolder('maillint-hostile-names-');
const cwd = folder.path;

const INJECTING_FILE = '::error file=x::pwned.eml';
writeFileSync(join(cwd, INJECTING_FILE), 'Subject: no From, no Date\r\n\r\nbody\r\n');
writeFileSync(join(cwd, '##[error]legacy.eml'), 'Subject: no From, no Date\r\n\r\nbody\r\n');

/** Lines the runner would run: `::x::` at a line's start (after white space), or `##[` anywhere. */
function runnerCommands(output: string): string[] {
  return output.split('\n').filter((line) => line.includes('##[') || /^\s*::[\s\S]*::/.test(line));
}

names('every format: the names are reported, and no line is a workflow command (github: only its own)', async () => {
  for (const format of FORMAT_NAMES) {
    const run = await runCli(['--offline', '--format', format, '.'], { cwd });
    assert.is(run.code, 1, `${format}: ${run.stderr}`);
    const lines = format === 'github' ? run.stdout.split('\n').filter((line) => !/^::error file=[^:]*,line=\d+,col=\d+,title=maillint [a-z-]+::/.test(line) && !/^::error file=[^:]*,title=maillint [a-z-]+::/.test(line)) : [run.stdout];
    assert.equal(runnerCommands(lines.join('\n')), [], `${format}:\n${run.stdout}`);
    assert.equal(runnerCommands(run.stderr), [], `${format} stderr:\n${run.stderr}`);
  }
});

names('stylish names the file so it can still be opened: ./::error file=x::pwned.eml', async () => {
  const run = await runCli(['--offline', '.'], { cwd });
  assert.ok(run.stdout.split('\n').includes(`./${INJECTING_FILE}`), run.stdout);
});

names('stderr: a path echoed in a usage error is escaped (newline, ##[)', async () => {
  const empty = 'empty\n::error::injected ##[error]x';
  mkdirSync(join(cwd, empty));
  const run = await runCli(['--offline', empty], { cwd });
  assert.is(run.code, 2);
  assert.match(run.stderr, /no \.eml files found/);
  assert.equal(runnerCommands(run.stderr), [], run.stderr);
  const unwritable = await runCli(['--offline', '--output', 'missing\n::error::x ##[error]y/report.txt', INJECTING_FILE], { cwd });
  assert.is(unwritable.code, 2);
  assert.match(unwritable.stderr, /cannot write report/);
  assert.equal(runnerCommands(unwritable.stderr), [], unwritable.stderr);
});

names.after(() => folder.cleanup());
names.run();
