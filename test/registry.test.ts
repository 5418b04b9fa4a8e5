// The registry: every check has a unique well-formed id, a doc page with every section of the
// template and only options the check declares, and fixtures that make it fire and keep it quiet.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { allChecks } from '../checks/index.js';
import { checkDocPath } from '../src/engine/docs.js';
import { FIXTURES_FOLDER } from './helpers/fixtures.js';

const registry = suite('check registry');

const DOC_SECTIONS = ['## What it does', '## Why it matters', '## Example', '## Use instead', '## Options', '## References'];

registry('ids are unique kebab-case <subject>-<problem>', () => {
  const ids = allChecks.map((check) => check.id);
  assert.equal(new Set(ids).size, ids.length, 'duplicate check id');
  for (const id of ids) assert.match(id, /^[a-z0-9]+(-[a-z0-9]+)+$/, id);
});

registry('the registry lists checks in id order (one obvious place for a new check)', () => {
  const ids = allChecks.map((check) => check.id);
  const sorted = [...ids].sort((left, right) => (left < right ? -1 : left > right ? 1 : 0));
  assert.equal(ids, sorted);
});

registry('every check file in checks/ is registered', () => {
  const files = readdirSync(new URL('../checks/', import.meta.url))
    .filter((file) => file.endsWith('.ts') && file !== 'index.ts')
    .map((file) => file.slice(0, -3))
    .sort();
  assert.equal(files, allChecks.map((check) => check.id).sort());
});

for (const check of allChecks) {
  registry(`${check.id}: metadata`, () => {
    assert.ok(check.title.length > 0 && check.prevents.length > 0, 'title and prevents are required');
    assert.ok(check.references.length > 0, 'at least one reference');
  });

  registry(`${check.id}: doc page follows the template`, () => {
    const path = checkDocPath(check.id);
    assert.ok(existsSync(path), `missing ${path}`);
    const doc = readFileSync(path, 'utf8');
    assert.ok(doc.startsWith(`# ${check.id}\n`), 'doc starts with "# <id>"');
    let last = -1;
    for (const section of DOC_SECTIONS) {
      const at = doc.indexOf(`\n${section}\n`);
      assert.ok(at > last, `section "${section}" missing or out of order`);
      last = at;
    }
    assert.ok(doc.includes(`**Default severity:** ${check.defaultSeverity}`), 'doc states the default severity');
    assert.ok(doc.includes(`**Target:** ${check.target}`), `doc states the target (${check.target})`);
    const optionsSection = doc.slice(doc.indexOf('\n## Options\n'), doc.indexOf('\n## References\n'));
    const documented = [...optionsSection.matchAll(/^- `([A-Za-z][A-Za-z0-9]*)`/gm)].map((match) => match[1]).sort();
    assert.equal(documented, Object.keys(check.options ?? {}).sort(), 'documented options match the check\'s options');
  });

  registry(`${check.id}: fixtures both ways`, () => {
    const folder = `${FIXTURES_FOLDER}${check.id}`;
    assert.ok(existsSync(folder), `missing test/fixtures/${check.id}/`);
    const files = readdirSync(folder);
    assert.ok(files.some((file) => file.startsWith('ok.')), 'needs an ok.* fixture (keeps it quiet)');
    assert.ok(files.some((file) => file.startsWith('ng.')), 'needs an ng.* fixture (makes it fire)');
  });
}

registry.run();
