// `maillint rules` lists every check; `maillint rules <id>` prints its doc page.

import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { allChecks } from '../../checks/index.js';
import { runCli, temporaryFolder } from '../helpers/cli.js';

const rules = suite('maillint rules');
const folder = temporaryFolder();
rules.after(() => folder.cleanup());

rules('lists every check with its target and default severity, and what the template profile changes', async () => {
  const run = await runCli(['rules'], { cwd: folder.path });
  assert.is(run.code, 0, run.stderr);
  for (const check of allChecks) {
    assert.match(run.stdout, new RegExp(`^${check.id} +${check.target} +${check.defaultSeverity} +${check.title.replace(/[()]/g, '.')}`, 'm'));
  }
  assert.match(run.stdout, /^date-missing .*\(--profile template: info\)$/m);
  assert.match(run.stdout, /^message-id-missing .*\(--profile template: info\)$/m);
});

rules('--format json lists the same checks', async () => {
  const run = await runCli(['rules', '--format', 'json'], { cwd: folder.path });
  const listing = JSON.parse(run.stdout) as { id: string; templateSeverity?: string }[];
  assert.equal(listing.map((entry) => entry.id).sort(), allChecks.map((check) => check.id).sort());
  assert.is(listing.find((entry) => entry.id === 'date-missing')?.templateSeverity, 'info');
});

rules('rules <id> prints the doc page; an unknown id is exit 2', async () => {
  const run = await runCli(['rules', 'mx-cname'], { cwd: folder.path });
  assert.is(run.code, 0);
  assert.is(run.stdout, readFileSync(new URL('../../checks/mx-cname.md', import.meta.url), 'utf8'));
  const unknown = await runCli(['rules', 'mx-cnam'], { cwd: folder.path });
  assert.is(unknown.code, 2);
  assert.match(unknown.stderr, /unknown check id "mx-cnam"/);
});

rules('rules input-binary explains an engine finding instead of calling it unknown', async () => {
  const run = await runCli(['rules', 'input-binary'], { cwd: folder.path });
  assert.is(run.code, 0, run.stderr);
  assert.match(run.stdout, /not a check/);
});

rules('rules fix-signed-message says what --fix does with a signed message, and that it is info', async () => {
  const run = await runCli(['rules', 'fix-signed-message'], { cwd: folder.path });
  assert.is(run.code, 0, run.stderr);
  assert.match(run.stdout, /RFC 7103/);
  assert.match(run.stdout, /It is always info\.\n$/);
});

rules.run();
