// The file side of --fix: an atomic rewrite keeps the mode whatever the umask, and a failed one
// leaves neither a half-written file nor its temporary file behind.

import { chmodSync, chownSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readWholeFile, writeAtomically } from '../../src/engine/fix-files.js';
import { temporaryFolder } from '../helpers/cli.js';
import { skipBecause } from '../helpers/skip.js';

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
files('a file swapped for a link (or another file) after it was read is not written, nor is where the link points', async () => {
  // The race a walked folder invites: the file is read, then replaced by a link out of the folder
  // before the fixed octets are written back.
  const outside = join(folder.path, 'outside-secret');
  writeFileSync(outside, 'keep me');
  const walked = join(folder.path, 'walked');
  mkdirSync(walked);
  const path = join(walked, 'swapped.eml');
  writeFileSync(path, 'old');
  const read = readWholeFile(path)!;
  renameSync(path, join(walked, 'moved-away'));
  symlinkSync(outside, path);
  let failed: unknown;
  await writeAtomically(path, Buffer.from('new'), read.mode, read.identity).catch((error: unknown) => (failed = error));
  assert.match(String(failed), /changed while it was being fixed/);
  assert.is(readFileSync(outside, 'utf8'), 'keep me');
  assert.equal(readdirSync(walked).filter((name) => name.includes('maillint')), []);
  // Edited in place after the read (same file, new octets): not overwritten either.
  const edited = join(walked, 'edited.eml');
  writeFileSync(edited, 'old');
  const before = readWholeFile(edited)!;
  writeFileSync(edited, 'the writer was quicker');
  failed = undefined;
  await writeAtomically(edited, Buffer.from('new'), before.mode, before.identity).catch((error: unknown) => (failed = error));
  assert.match(String(failed), /changed while it was being fixed/);
  assert.is(readFileSync(edited, 'utf8'), 'the writer was quicker');
});

const OWNER_TEST = 'run as root (sudo maillint --fix, a CI container), the rewritten file keeps its owner and group, set-user-ID bit included';
if (process.getuid?.() === 0) {
  files(OWNER_TEST, async () => {
    const path = join(folder.path, 'owned.eml');
    writeFileSync(path, 'old');
    chownSync(path, 4321, 4322);
    chmodSync(path, 0o4640);
    const read = readWholeFile(path)!;
    await writeAtomically(path, Buffer.from('new'), read.mode, read.identity);
    const info = statSync(path);
    assert.equal([info.uid, info.gid, info.mode & 0o7777], [4321, 4322, 0o4640]);
  });
} else skipBecause(files, OWNER_TEST, 'not running as root: only root can give a file to another owner');

files.run();
