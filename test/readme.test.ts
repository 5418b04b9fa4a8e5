// The README stays true: it lists every check and every option, and every test file its
// "What it survives" table cites exists.

import { existsSync, readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { allChecks } from '../checks/index.js';
import { OPTIONS } from '../src/cli/options.js';

const readme = suite('README');
const text = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

readme('starts with the two commands a newcomer needs', () => {
  const firstBlock = /```sh\n([\s\S]*?)```/.exec(text)?.[1] ?? '';
  assert.match(firstBlock, /^npm ci && npx maillint .*examples\/messages/m);
  assert.match(firstBlock, /^npm test\b/m);
});

readme('the checks table lists every check with its target and default severity', () => {
  for (const check of allChecks) {
    assert.match(text, new RegExp(`^\\| \`${check.id}\` \\| ${check.target} \\| ${check.defaultSeverity} \\|`, 'm'), check.id);
  }
});

readme('the options table documents every option', () => {
  for (const name of Object.keys(OPTIONS)) assert.match(text, new RegExp(`\`(-\\w, )?--${name}[ \`]`), name);
});

readme('every test file the README cites exists', () => {
  const cited = [...text.matchAll(/`(test\/[\w/.-]+\.test\.ts)`/g)].map((match) => match[1]!);
  assert.ok(cited.length > 10);
  for (const file of new Set(cited)) assert.ok(existsSync(new URL(`../${file}`, import.meta.url)), `${file} is cited but missing`);
});

readme.run();
