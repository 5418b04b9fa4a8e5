// Runs every test/**/*.test.ts and examples/**/*.test.ts suite in one process with uvu, then
// prints the closing line CI reads: "N passed, N failed, N skipped".
// Usage: npm test [-- substring]   (only files whose path contains the substring)

import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { installLoopbackGuard } from './helpers/loopback-only.js';

installLoopbackGuard();

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const filter = process.argv[2] ?? '';
const SKIPPED_FOLDERS = new Set(['node_modules', 'bench', 'fuzz', 'fixtures', '.work']);

function findSuites(folder: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) found.push(...findSuites(path));
    } else if (entry.name.endsWith('.test.ts')) {
      found.push(path);
    }
  }
  return found.sort();
}

const files = [...findSuites(join(root, 'test')), ...findSuites(join(root, 'examples'))].filter((file) =>
  relative(root, file).includes(filter),
);

// uvu prints its totals with process.stdout.write; read them as they pass.
let captured = '';
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
  captured += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
  if (captured.length > 100_000) captured = captured.slice(-10_000);
  return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
}) as typeof process.stdout.write;

let unexpectedErrors = 0;
process.on('unhandledRejection', (reason) => {
  unexpectedErrors += 1;
  console.error('unhandled rejection during tests:', reason);
});

// What uvu/run does, but a suite that fails to load (a syntax error, a throwing import) is
// counted as a failure instead of ending the run without a closing line.
const uvuGlobals = globalThis as typeof globalThis & { UVU_DEFER?: number; UVU_INDEX?: number; UVU_QUEUE: unknown[][] };
uvuGlobals.UVU_DEFER = 1;
const uvu = await import('uvu');
let loadFailures = 0;
for (const [index, file] of files.entries()) {
  uvuGlobals.UVU_INDEX = index;
  uvuGlobals.UVU_QUEUE.push([relative(root, file)]);
  try {
    await import(pathToFileURL(file).href);
  } catch (error) {
    loadFailures += 1;
    console.error(`\n  FAIL  ${relative(root, file)} did not load:`, error);
  }
}
await uvu.exec(false);

process.stdout.write = write;
// uvu colours its totals on a TTY; strip the escapes before reading the numbers.
// eslint-disable-next-line no-control-regex
const plain = captured.replace(/\u001b\[[0-9;]*m/g, '');
const total = Number(/Total:\s+(\d+)/.exec(plain)?.[1] ?? NaN);
const passed = Number(/Passed:\s+(\d+)/.exec(plain)?.[1] ?? NaN);
const skipped = Number(/Skipped:\s+(\d+)/.exec(plain)?.[1] ?? 0);
if (Number.isNaN(total) || Number.isNaN(passed)) {
  console.log('0 passed, 1 failed (the test run did not finish)');
  process.exit(1);
}
const failed = total - passed + unexpectedErrors + loadFailures;
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || files.length === 0 ? 1 : 0);
