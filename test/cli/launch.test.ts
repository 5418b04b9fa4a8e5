// The installed command: the CLI bundled into one CommonJS file and run by the compile-cache
// launcher (src/cli/build-bundle.mjs, src/cli/launch.ts; issue 15). Built here from the sources into
// a scratch folder under node_modules/ (so the bundle finds its npm packages as installed), then run
// as a user runs it. The cache is a file V8 executes, so what matters most is where it is read from.

import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { packageInfo } from '../../src/report/package-info.js';

const launch = suite('installed command (bundle + code cache)');
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const scratch = join(ROOT, 'node_modules/.cache');
mkdirSync(scratch, { recursive: true });
const built = mkdtempSync(join(scratch, 'maillint-launch-test-'));
const cacheHomes = mkdtempSync(join(scratch, 'maillint-cache-home-'));

const build = spawnSync(process.execPath, ['src/cli/build-bundle.mjs', built], { cwd: ROOT, encoding: 'utf8' });
if (build.status !== 0) throw new Error(`bundling failed: ${build.stderr}`);
const bin = join(built, 'bin.cjs');

let homes = 0;
function freshCacheHome(): string {
  homes += 1;
  return join(cacheHomes, String(homes));
}

function run(args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_DISABLE_COMPILE_CACHE: '', MAILLINT_NO_COMPILE_CACHE: '', ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function cacheFiles(home: string): string[] {
  const folder = join(home, 'maillint');
  return existsSync(folder) ? readdirSync(folder).filter((name) => name.endsWith('.v8cache')) : [];
}

launch.after(() => {
  rmSync(built, { recursive: true, force: true });
  rmSync(cacheHomes, { recursive: true, force: true });
});

launch('every command runs from the bundle: version, a doc page found from the bundle, help (yargs, an ES module, required), a lint verdict', () => {
  const home = freshCacheHome();
  assert.is(run(['--version'], { XDG_CACHE_HOME: home }).stdout.trim(), packageInfo().version);
  const page = run(['rules', 'mx-cname'], { XDG_CACHE_HOME: home });
  assert.is(page.stdout, readFileSync(join(ROOT, 'checks/mx-cname.md'), 'utf8'));
  const help = run(['domain', '--help'], { XDG_CACHE_HOME: home });
  assert.is(help.status, 0, help.stderr);
  assert.match(help.stdout, /--dkim-selector/);
  // Required, not imported: no experimental-feature warning on any supported Node.
  assert.is(help.stderr, '');
  const lint = run(['--offline', '--format', 'json', 'examples/messages/team-update.eml'], { XDG_CACHE_HOME: home });
  assert.ok(lint.status === 0 || lint.status === 1, lint.stderr);
  assert.is((JSON.parse(lint.stdout) as unknown[]).length, 1);
  const usage = run(['lnt', 'x.eml'], { XDG_CACHE_HOME: home });
  assert.is(usage.status, 2);
  assert.match(usage.stderr, /did you mean/);
});

launch('the bundle is ASCII, so the launcher reads it as latin1 (the same text, decoded faster than UTF-8)', () => {
  const bundle = readFileSync(join(built, 'maillint.cjs'));
  const outside = bundle.findIndex((byte) => byte >= 0x80);
  const context = outside === -1 ? '' : bundle.subarray(Math.max(0, outside - 60), outside + 20).toString('utf8');
  assert.is(outside, -1, `a character outside ASCII in the bundle (a comment or String.raw in src/?): ${context}`);
  assert.match(readFileSync(bin, 'utf8'), /readFileSync\)\(bundlePath, "latin1"\)/);
});

launch('the first run writes a private cache per command; the next run uses it as it is', () => {
  const home = freshCacheHome();
  const first = run(['rules'], { XDG_CACHE_HOME: home });
  assert.is(first.status, 0, first.stderr);
  const [file] = cacheFiles(home);
  assert.ok(file, 'a cache file is written');
  assert.match(file!, /-rules-/);
  assert.is(statSync(join(home, 'maillint')).mode & 0o777, 0o700);
  const path = join(home, 'maillint', file!);
  assert.is(statSync(path).mode & 0o777, 0o600);
  const written = readFileSync(path);
  const second = run(['rules'], { XDG_CACHE_HOME: home });
  assert.is(second.stdout, first.stdout);
  assert.equal(readFileSync(path), written, 'an accepted cache is not rewritten');
  run(['address', 'jane@example.com'], { XDG_CACHE_HOME: home });
  assert.is(cacheFiles(home).length, 2);
});

launch('--help, --version and a usage error write no cache: it would hold none of the command\'s code, and later runs would keep it', () => {
  const home = freshCacheHome();
  assert.is(run(['domain', '--help'], { XDG_CACHE_HOME: home }).status, 0);
  assert.is(run(['--version'], { XDG_CACHE_HOME: home }).status, 0);
  assert.is(run(['domain', '--timeout', 'soon', 'example.com'], { XDG_CACHE_HOME: home }).status, 2);
  assert.equal(cacheFiles(home), []);
  assert.is(run(['rules'], { XDG_CACHE_HOME: home }).status, 0);
  assert.is(cacheFiles(home).length, 1);
});

launch('a cache V8 rejects (corrupt, or another build) costs only the compile: same output, cache rewritten', () => {
  const home = freshCacheHome();
  const clean = run(['rules'], { XDG_CACHE_HOME: home });
  const [file] = cacheFiles(home);
  const path = join(home, 'maillint', file!);
  writeFileSync(path, Buffer.alloc(4096, 0x41), { mode: 0o600 });
  const again = run(['rules'], { XDG_CACHE_HOME: home });
  assert.is(again.status, 0, again.stderr);
  assert.is(again.stdout, clean.stdout);
  assert.not.equal(readFileSync(path), Buffer.alloc(4096, 0x41));
});

launch('caches of another build of the bundle (another hash, or the same one rebuilt) are removed when this build writes its own', () => {
  const home = freshCacheHome();
  run(['rules'], { XDG_CACHE_HOME: home });
  const [current] = cacheFiles(home);
  const [hash] = current!.split('-');
  mkdirSync(join(home, 'maillint'), { recursive: true, mode: 0o700 });
  for (const old of ['0000000000000000-1-1-rules-v20.0.0-x64.v8cache', `${hash}-1-1-address-v20.0.0-x64.v8cache`]) {
    writeFileSync(join(home, 'maillint', old), 'old', { mode: 0o600 });
  }
  run(['address', 'jane@example.com'], { XDG_CACHE_HOME: home });
  const files = cacheFiles(home).sort();
  assert.is(files.length, 2, files.join(' '));
  assert.ok(files.includes(current!));
  assert.ok(files.every((file) => !file.includes('-1-1-')));
});

launch('a cache folder others can write is never read or written', () => {
  const home = freshCacheHome();
  mkdirSync(join(home, 'maillint'), { recursive: true });
  chmodSync(join(home, 'maillint'), 0o777);
  const result = run(['rules'], { XDG_CACHE_HOME: home });
  assert.is(result.status, 0, result.stderr);
  assert.equal(cacheFiles(home), []);
});

launch('a cache file that is a symbolic link is not followed, even to a valid cache: the run compiles and writes its own', () => {
  const home = freshCacheHome();
  run(['rules'], { XDG_CACHE_HOME: home });
  const [file] = cacheFiles(home);
  const path = join(home, 'maillint', file!);
  const planted = join(home, 'planted');
  writeFileSync(planted, readFileSync(path));
  rmSync(path);
  symlinkSync(planted, path);
  const result = run(['rules'], { XDG_CACHE_HOME: home });
  assert.is(result.status, 0, result.stderr);
  // Followed, the valid cache would have been accepted and the link left in place.
  assert.ok(lstatSync(path).isFile(), 'the link is replaced by a cache file of its own');
});

launch('a FIFO where the cache file should be does not hang the start: the run compiles and goes on', () => {
  const home = freshCacheHome();
  run(['rules'], { XDG_CACHE_HOME: home });
  const [file] = cacheFiles(home);
  const path = join(home, 'maillint', file!);
  rmSync(path);
  const made = spawnSync('mkfifo', [path]);
  assert.is(made.status, 0, 'mkfifo');
  const result = spawnSync(process.execPath, [bin, 'rules'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 20_000,
    env: { ...process.env, NODE_DISABLE_COMPILE_CACHE: '', MAILLINT_NO_COMPILE_CACHE: '', XDG_CACHE_HOME: home },
  });
  assert.is(result.signal, null, 'not killed by the timeout');
  assert.is(result.status, 0, result.stderr);
});

launch('NODE_DISABLE_COMPILE_CACHE=1 or MAILLINT_NO_COMPILE_CACHE=1: no cache folder at all', () => {
  for (const variable of ['NODE_DISABLE_COMPILE_CACHE', 'MAILLINT_NO_COMPILE_CACHE']) {
    const home = freshCacheHome();
    const result = run(['rules'], { XDG_CACHE_HOME: home, [variable]: '1' });
    assert.is(result.status, 0, result.stderr);
    assert.not.ok(existsSync(home), variable);
  }
});

launch('a cache home that cannot be made (a file in the way) costs the cache, not the run', () => {
  const home = freshCacheHome();
  writeFileSync(home, 'a file, not a folder');
  const result = run(['rules'], { XDG_CACHE_HOME: home });
  assert.is(result.status, 0, result.stderr);
  assert.is(result.stderr, '');
});

launch('a relative XDG_CACHE_HOME is ignored (XDG Base Directory): the cache goes to ~/.cache, nothing under the working folder', () => {
  const home = freshCacheHome();
  const result = run(['rules'], { XDG_CACHE_HOME: 'relative-cache', HOME: home });
  assert.is(result.status, 0, result.stderr);
  assert.not.ok(existsSync(join(ROOT, 'relative-cache')));
  assert.is(cacheFiles(join(home, '.cache')).length, 1);
});

launch.run();
