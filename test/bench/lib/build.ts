// The benchmarks measure the CLI a user runs: the compiled JavaScript in dist/. This builds it
// first when it is missing or older than any source file.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The command users run: the bundle src/cli/build-bundle.mjs writes (package.json `bin`). */
export const BUILT_CLI = join(ROOT, 'dist/cli/bin.cjs');
export const BUILT_INDEX = join(ROOT, 'dist/src/index.js');
/** Scratch space for generated inputs (git-ignored). */
export const WORK_FOLDER = join(ROOT, 'test/bench/.work');

function newestSourceMtime(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMtime(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

export function ensureBuilt(): void {
  const sources = Math.max(newestSourceMtime(join(ROOT, 'src')), newestSourceMtime(join(ROOT, 'checks')));
  if (existsSync(BUILT_CLI) && statSync(BUILT_CLI).mtimeMs >= sources) return;
  console.log('building dist/ (missing or older than the sources): npm run build');
  const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) {
    // tsc still emits on type errors; measure what was emitted, but say the build was not clean.
    console.log(`warning: npm run build exited ${result.status}; figures measure the JavaScript it emitted anyway:`);
    console.log((result.stdout + result.stderr).split('\n').slice(0, 10).join('\n'));
  }
  if (!existsSync(BUILT_CLI)) throw new Error(`build produced no ${BUILT_CLI}`);
}
