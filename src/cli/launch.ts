// The installed command's first file: src/cli/build-bundle.mjs bundles this alone into
// dist/cli/bin.cjs, and it runs the CLI bundle (dist/cli/maillint.cjs) through V8's code cache, so a
// run does not compile ~800 KB of JavaScript again each time it starts (issue 15: 11-16 ms of CPU
// of every start on Node 20, `npm run bench -- startup`). Node's module.enableCompileCache() does this from
// Node 22.1 only; the same few lines for every supported runtime are simpler to trust than two paths.
//
// V8 runs what a cache file holds, so the cache is only read from a directory this user owns that no
// one else can write ($XDG_CACHE_HOME/maillint, else ~/.cache/maillint), from regular files this user
// owns. V8 itself rejects a cache from another Node build or other flags, but checks the source only
// by its length: the file name therefore carries the bundle's content hash (fixed at build time), size
// and modification time. Anything that goes wrong with the cache costs the compile, never the run.
// NODE_DISABLE_COMPILE_CACHE=1 (Node's own switch) or MAILLINT_NO_COMPILE_CACHE=1 turns it off.

import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { Script } from 'node:vm';

/** The CLI bundle's SHA-256, written in by build-bundle.mjs. */
declare const MAILLINT_BUNDLE_HASH: string;
/** 'latin1' when the bundle is ASCII (the same text, decoded faster), else 'utf8'; from build-bundle.mjs. */
declare const MAILLINT_BUNDLE_ENCODING: 'latin1' | 'utf8';

const bundlePath = join(__dirname, 'maillint.cjs');
/** Larger than any cache of a 1 MB bundle: a bigger file is not ours. */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;

/** The cache folder, made if missing; undefined where it is not safe or not possible to use. */
function cacheFolder(): string | undefined {
  if (process.env.NODE_DISABLE_COMPILE_CACHE || process.env.MAILLINT_NO_COMPILE_CACHE) return undefined;
  const uid = process.getuid?.();
  if (uid === undefined) return undefined; // Windows: no owner to check
  // XDG Base Directory: a relative path is invalid and is ignored.
  const fromEnvironment = process.env.XDG_CACHE_HOME;
  const base = fromEnvironment && isAbsolute(fromEnvironment) ? fromEnvironment : join(homedir(), '.cache');
  const folder = join(base, 'maillint');
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const stat = lstatSync(folder);
  const ownedAndPrivate = stat.isDirectory() && stat.uid === uid && (stat.mode & 0o022) === 0;
  return ownedAndPrivate ? folder : undefined;
}

const COMMANDS = new Set(['lint', 'domain', 'ip', 'address', 'smtp', 'bounce', 'rules', 'init']);

/**
 * One cache per command: a cache holds the functions the run that wrote it compiled, and `rules`
 * compiles none of `lint`'s. Read roughly (an option's value can pass for the first word): a wrong
 * guess only costs compiling a few functions.
 */
function commandOf(argv: readonly string[]): string {
  const word = argv.find((arg) => !arg.startsWith('-'));
  return word !== undefined && COMMANDS.has(word) ? word : 'lint';
}

/** What names this build of the bundle: its hash, size and modification time (see the head comment). */
function buildKey(): string {
  const bundle = statSync(bundlePath);
  return `${MAILLINT_BUNDLE_HASH.slice(0, 16)}-${bundle.size}-${Math.trunc(bundle.mtimeMs)}`;
}

function cacheFileName(build: string): string {
  return `${build}-${commandOf(process.argv.slice(2))}-${process.version}-${process.arch}.v8cache`;
}

/** The cache's bytes, if the file is a regular file of this user's (never through a symlink). */
function readCache(path: string): Buffer | undefined {
  let descriptor: number;
  try {
    // O_NONBLOCK: a FIFO in its place must not hang the start waiting for a writer (fstat turns it away).
    descriptor = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(descriptor);
    if (!stat.isFile() || stat.uid !== process.getuid?.() || stat.size > MAX_CACHE_BYTES) return undefined;
    return readFileSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}

/** Writes the cache whole or not at all, and drops the caches of other builds of the bundle. */
function writeCache(folder: string, build: string, name: string, data: Buffer): void {
  const temporary = join(folder, `.${name}.${process.pid}`);
  try {
    writeFileSync(temporary, data, { mode: 0o600, flag: 'wx' });
    renameSync(temporary, join(folder, name));
  } catch (error) {
    quietly(() => unlinkSync(temporary)); // a full disk leaves no half-written file behind
    throw error;
  }
  for (const entry of readdirSync(folder)) {
    if (entry.endsWith('.v8cache') && !entry.startsWith(`${build}-`)) unlinkSync(join(folder, entry));
  }
}

function quietly<Value>(task: () => Value): Value | undefined {
  try {
    return task();
  } catch {
    return undefined;
  }
}

const folder = quietly(cacheFolder);
const build = folder === undefined ? undefined : quietly(buildKey);
const name = build === undefined ? undefined : cacheFileName(build);
const cachedData = folder === undefined || name === undefined ? undefined : quietly(() => readCache(join(folder, name)));
// The CommonJS wrapper on the bundle's first line, so its line numbers in stack traces stay true.
const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(bundlePath, MAILLINT_BUNDLE_ENCODING)}\n})`;
const script = new Script(source, { filename: bundlePath, ...(cachedData ? { cachedData } : {}) });
if (folder !== undefined && build !== undefined && name !== undefined && (cachedData === undefined || script.cachedDataRejected)) {
  // At exit: the cache then holds every function this run compiled, not just the top level. Only a
  // run that did its command's work (exit 0 or 1) writes it: a cache from `--help`, `--version` or a
  // usage error would be taken by every later run of the command and hold none of its code.
  const onlyPrints = process.argv.slice(2).some((arg) => arg === '--help' || arg === '-h' || arg === '--version');
  process.once('exit', (status) => {
    if ((status === 0 || status === 1) && !onlyPrints) quietly(() => writeCache(folder, build, name, script.createCachedData()));
  });
}
const bundleModule = { exports: {} };
(script.runInThisContext() as (...args: unknown[]) => void)(bundleModule.exports, require, bundleModule, bundlePath, __dirname);
