// The file side of --fix: an atomic rewrite keeps the mode whatever the umask, and a failed one
// leaves neither a half-written file nor its temporary file behind.

import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { writeAtomically } from '../../src/engine/fix-files.js';
import { temporaryFolder } from '../helpers/cli.js';

const files = suite('fix files');
const folder = temporaryFolder();

files('the rewritten file has the new octets and the old mode, even a mode the umask would strip', async () => {
  const path = join(folder.path, 'a.eml');
  writeFileSync(path, 'old');
  chmodSync(path, 0o666);
  const umask = process.umask(0o077);
  try {
    await writeAtomically(path, Buffer.from('new'), 0o666);
  } finally {
    process.umask(umask);
  }
  assert.is(readFileSync(path, 'utf8'), 'new');
  assert.is(statSync(path).mode & 0o777, 0o666);
});

files('a rename that fails removes the temporary file and throws', async () => {
  // A folder where the file should be: the rename over it fails (EISDIR), whoever runs the test.
  const path = join(folder.path, 'folder.eml');
  mkdirSync(path);
  let failed = false;
  try {
    await writeAtomically(path, Buffer.from('new'), 0o644);
  } catch {
    failed = true;
  }
  assert.ok(failed);
  assert.equal(readdirSync(folder.path).filter((name) => name.includes('maillint')), []);
});

files.after(() => folder.cleanup());
files.run();
