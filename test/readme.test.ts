// The README stays true: it lists every check and every option, and every test file its
// "What it survives" table cites exists.

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { allChecks } from '../checks/index.js';
import { OPTIONS } from '../src/cli/options.js';
import type { TargetResult } from '../src/types.js';
import { runCli } from './helpers/cli.js';

const readme = suite('README');
const text = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const ROOT = fileURLToPath(new URL('..', import.meta.url));

readme('starts with the two commands a newcomer needs', () => {
  const firstBlock = /```sh\n([\s\S]*?)```/.exec(text)?.[1] ?? '';
  assert.match(firstBlock, /^npm ci && npx maillint .*examples\/messages/m);
  assert.match(firstBlock, /^npm test\b/m);
});

readme('the quick start lints the drafts the same on any day: no date-skew finding, exit 1 for their errors', async () => {
  const firstBlock = /```sh\n([\s\S]*?)```/.exec(text)?.[1] ?? '';
  const command = /npx maillint ([^#\n]*)/.exec(firstBlock)?.[1]?.trim() ?? '';
  const { code, stdout, stderr } = await runCli([...command.split(/\s+/), '--format', 'json'], { cwd: ROOT });
  assert.is(stderr, '');
  assert.is(code, 1);
  const checks = (JSON.parse(stdout) as TargetResult[]).flatMap((result) => result.findings.map((finding) => finding.check));
  assert.ok(checks.length > 0);
  assert.not.ok(checks.includes('date-skew'), 'the drafts are dated 24 Nov 2026: date-skew calls them stale a few days later');
});

readme('the checks table lists every check with its target and default severity', () => {
  for (const check of allChecks) {
    assert.match(text, new RegExp(`^\\| \`${check.id}\` \\| ${check.target} \\| ${check.defaultSeverity} \\|`, 'm'), check.id);
  }
});

readme('the options table documents every option', () => {
  for (const name of Object.keys(OPTIONS)) assert.match(text, new RegExp(`\`(-\\w, )?--${name}[ \`]`), name);
});

readme('the API section documents every export of the package', async () => {
  const api = await import('../src/index.js');
  const section = /## API\n([\s\S]*?)\n## /.exec(text)?.[1] ?? '';
  for (const name of Object.keys(api)) assert.match(section, new RegExp(`\`${name}[\`(]`), `${name} is exported but not documented`);
});

readme('every test file the README cites exists', () => {
  const cited = [...text.matchAll(/`(test\/[\w/.-]+\.test\.ts)`/g)].map((match) => match[1]!);
  assert.ok(cited.length > 10);
  for (const file of new Set(cited)) assert.ok(existsSync(new URL(`../${file}`, import.meta.url)), `${file} is cited but missing`);
});

readme.run();
