// Loading the check registry (every offline lint does) loads only the SPF fact's shape and limits and
// the small readers of the DMARC facts: check_host(), the tree walk, the record parsers, the
// gatherers, the Public Suffix List (tldts) and node:crypto load when a run looks something up.
//
// Read from the source's static imports (what loading a module loads at once; `import type` and
// dynamic `import()` load nothing then), not from a module-resolution hook: a hook registered from
// the command line raced the first imports under load and missed some.

import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const load = suite('SPF load cost');
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Repository paths of the project modules `file` imports statically for their values. */
function staticImportsOf(file: string): string[] {
  const text = readFileSync(resolve(ROOT, file), 'utf8');
  const imports: string[] = [];
  for (const match of text.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?\bfrom\s+'(\.{1,2}\/[^']+)'/gm)) {
    imports.push(relative(ROOT, resolve(ROOT, dirname(file), match[1]!)).replace(/\.js$/, '.ts'));
  }
  for (const match of text.matchAll(/^import\s+'(\.{1,2}\/[^']+)'/gm)) {
    imports.push(relative(ROOT, resolve(ROOT, dirname(file), match[1]!)).replace(/\.js$/, '.ts'));
  }
  return imports;
}

function staticClosure(start: string): Set<string> {
  const seen = new Set<string>([start]);
  const pending = [start];
  while (pending.length > 0) {
    for (const imported of staticImportsOf(pending.pop()!)) {
      if (!seen.has(imported)) {
        seen.add(imported);
        pending.push(imported);
      }
    }
  }
  return seen;
}

load('importing checks/index.ts reaches no SPF evaluation code', () => {
  const loaded = [...staticClosure('checks/index.ts')].filter((path) => path.startsWith('src/auth/')).map((path) => path.replace(/\.ts$/, '')).sort();
  assert.equal(loaded, ['src/auth/dmarc-policy', 'src/auth/spf/describe', 'src/auth/spf/limits', 'src/auth/spf/tree', 'src/auth/txt']);
});

load('the static reading sees a value import and skips type-only and dynamic ones', () => {
  const imports = staticImportsOf('src/engine/run.ts');
  assert.ok(imports.includes('src/engine/run-check.ts'));
  assert.not.ok(imports.includes('src/engine/domain-audits.ts'), 'loaded on demand with import()');
});

load.run();
