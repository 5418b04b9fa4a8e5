import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { execFileSync } from 'node:child_process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InputFileError, readTextFile, readTextStream } from '../../src/input/read-text-file.js';

const folder = mkdtempSync(join(tmpdir(), 'maillint-read-'));

function reasonOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.instance(error, InputFileError);
    return (error as InputFileError).reason;
  }
  throw new Error('expected an InputFileError');
}

test('reads a regular file whole', () => {
  const path = join(folder, 'ok.txt');
  writeFileSync(path, 'a\nb\n');
  assert.is(readTextFile(path, { maxBytes: 10 }), 'a\nb\n');
});

test('refuses a file over the cap without quoting it', () => {
  const path = join(folder, 'big.txt');
  writeFileSync(path, 'SECRET'.repeat(100));
  const error = (() => {
    try {
      readTextFile(path, { maxBytes: 100 });
    } catch (caught) {
      return caught as Error;
    }
    return undefined;
  })();
  assert.instance(error, InputFileError);
  assert.match(error!.message, /larger than/);
  assert.not.match(error!.message, /SECRET/);
});

test('refuses devices, FIFOs and folders at once', () => {
  assert.is(reasonOf(() => readTextFile('/dev/zero', { maxBytes: 1024 })), 'not a regular file');
  assert.is(reasonOf(() => readTextFile('/dev/urandom', { maxBytes: 1024 })), 'not a regular file');
  assert.is(reasonOf(() => readTextFile(folder, { maxBytes: 1024 })), 'is a folder');
  const fifo = join(folder, 'pipe');
  execFileSync('mkfifo', [fifo]);
  assert.is(reasonOf(() => readTextFile(fifo, { maxBytes: 1024 })), 'not a regular file');
  assert.is(reasonOf(() => readTextFile(join(folder, 'missing'), { maxBytes: 1024 })), 'no such file');
});

test('a file whose size says 0 (procfs) is still capped by what is read', () => {
  // /proc/self/environ reports st_size 0; the cap applies to what is read.
  const reason = reasonOf(() => readTextFile('/proc/self/maps', { maxBytes: 16 }));
  assert.match(reason, /larger than/);
});

test('follows a symlink to a regular file (the caller decides where it may point)', () => {
  const target = join(folder, 'target.txt');
  writeFileSync(target, 'x');
  const link = join(folder, 'link.txt');
  symlinkSync(target, link);
  assert.is(readTextFile(link, { maxBytes: 10 }), 'x');
});

test('a stream is refused past the cap, and its text is not quoted', async () => {
  const endless = Readable.from((function* () {
    for (;;) yield Buffer.alloc(1024, 0x41);
  })());
  try {
    await readTextStream(endless, '<stdin>', { maxBytes: 4096 });
    assert.unreachable('should have refused');
  } catch (error) {
    assert.instance(error, InputFileError);
    assert.is((error as Error).message, '<stdin>: larger than 4 KB');
  }
  assert.is(await readTextStream(Readable.from([Buffer.from('a.example\n')]), '<stdin>', { maxBytes: 100 }), 'a.example\n');
});

test.run();
