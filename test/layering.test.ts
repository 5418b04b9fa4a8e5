// Imports only run downward: a module may import its own layer or a lower one, never a higher one.
// Type-only imports count too (a .d.ts that imports upward ties the layers together just the same).

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Lowest first. A path belongs to the first layer with a prefix it starts with. */
const LAYERS: readonly (readonly string[])[] = [
  ['src/net/'],
  ['src/errors.ts', 'src/suggest.ts', 'src/input/', 'src/dns/'],
  ['src/message/', 'src/dnsbl/', 'src/fix/', 'src/auth/'],
  // src/bounce reads a bounce's MIME structure with src/mime.
  ['src/smtp/', 'src/mime/', 'src/bounce/'],
  ['src/types.ts', 'src/define-check.ts', 'checks/'],
  ['src/engine/'],
  ['src/config/', 'src/report/'],
  ['src/cli/'],
  ['src/index.ts'],
];

function layerOf(path: string): number {
  const layer = LAYERS.findIndex((prefixes) => prefixes.some((prefix) => path === prefix || path.startsWith(prefix)));
  if (layer === -1) throw new Error(`${path} belongs to no layer: add it to LAYERS in test/layering.test.ts`);
  return layer;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(join(root, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

/** Relative imports of a file, static and dynamic (`import('./x.js')`), as repository paths. */
export function importsOf(file: string, text: string): string[] {
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*)'(\.{1,2}\/[^']+)'/g)].map((match) => match[1]!);
  return specifiers.map((specifier) => relative(root, resolve(root, dirname(file), specifier)).replace(/\.js$/, '.ts'));
}

test('every import runs down the layers (src/net < src/errors, input, dns < message, dnsbl, fix, auth < smtp, mime, bounce < types, checks < engine < config, report < cli < index)', () => {
  const upward: string[] = [];
  for (const file of [...sourceFiles('src'), ...sourceFiles('checks')]) {
    const text = readFileSync(join(root, file), 'utf8');
    for (const imported of importsOf(file, text)) {
      if (layerOf(imported) > layerOf(file)) upward.push(`${file} imports ${imported}`);
    }
  }
  assert.equal(upward, []);
});

test('the layering test sees an upward import', () => {
  const imports = importsOf('src/dnsbl/catalogue.ts', "import { ConfigError } from '../engine/rules.js';\nconst x = await import('../cli/main.js');");
  assert.equal(imports, ['src/engine/rules.ts', 'src/cli/main.ts']);
  assert.ok(imports.every((imported) => layerOf(imported) > layerOf('src/dnsbl/catalogue.ts')));
});

test.run();
