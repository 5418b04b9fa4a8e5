// Loading the check registry (every offline lint does) loads only the SPF fact's shape and limits and
// the small readers of the DMARC facts: check_host(), the tree walk, the record parsers, the
// gatherers, the Public Suffix List (tldts) and node:crypto load when a run looks something up.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const load = suite('SPF load cost');
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

// A module-resolution hook that prints every module under src/auth/ the import reaches.
const HOOK = `export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (resolved.url.includes('/src/auth/')) process.stdout.write(resolved.url.slice(resolved.url.indexOf('/src/auth/') + 1) + '\\n');
  return resolved;
}`;
const REGISTER = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOK)}`)});`;

load('importing checks/index.ts reaches no SPF evaluation code', () => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--import', `data:text/javascript,${encodeURIComponent(REGISTER)}`, '-e', "await import('./checks/index.ts')"], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.is(run.status, 0, run.stderr.slice(0, 2000));
  const loaded = [...new Set(run.stdout.trim().split('\n'))].map((url) => url.replace(/\.[jt]s$/, '')).sort();
  assert.equal(loaded, ['src/auth/dmarc-policy', 'src/auth/spf/describe', 'src/auth/spf/limits', 'src/auth/spf/tree', 'src/auth/txt']);
});

load.run();
