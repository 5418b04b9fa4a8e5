// A folder with no .eml files is not a clean run: a render step that produced nothing must not
// pass the gate as "0 targets, no problems" (found by QA). Nothing is written, not even a report file.

import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli, temporaryFolder } from '../helpers/cli.js';

const empty = suite('no input found');
const folder = temporaryFolder();
empty.after(() => folder.cleanup());

empty('an empty folder is exit 2 with a message naming it; --output leaves no file behind', async () => {
  mkdirSync(join(folder.path, 'rendered'));
  const run = await runCli(['--offline', '--format', 'json', '--output', 'report.json', 'rendered'], { cwd: folder.path });
  assert.is(run.code, 2);
  assert.match(run.stderr, /no \.eml files found in rendered/);
  assert.is(run.stdout, '');
  assert.not.ok(existsSync(join(folder.path, 'report.json')));
});

empty.run();
